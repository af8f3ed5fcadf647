from django.db import migrations, models


def unlink_repeats(apps, schema_editor):
    """A person listed twice at one meeting keeps their first row; the later rows
    keep their role and topic under the name as text, for an editor to merge."""
    Attendee = apps.get_model("events", "Attendee")
    seen = set()
    rows = Attendee.objects.filter(person__isnull=False).select_related("person")
    for row in rows.order_by("meeting_id", "order", "pk"):
        key = (row.meeting_id, row.person_id)
        if key in seen:
            row.name = row.name or row.person.full_name
            row.person = None
            row.save(update_fields=["name", "person"])
        seen.add(key)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_photo_search_text"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(unlink_repeats, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="attendee",
            constraint=models.UniqueConstraint(
                condition=models.Q(("person__isnull", False)),
                fields=("meeting", "person"),
                name="attendee_person_once_per_meeting",
                violation_error_message=(
                    "This person is already an attendee of this meeting."
                ),
            ),
        ),
    ]
