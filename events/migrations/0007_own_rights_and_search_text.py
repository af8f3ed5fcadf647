from django.db import migrations, models

from core.text import fold


def fill(apps, schema_editor):
    """Documents and attendees saved before the columns existed get their folded
    text now."""
    MeetingDocument = apps.get_model("events", "MeetingDocument")
    documents = list(MeetingDocument.objects.only("number", "title"))
    for document in documents:
        document.search_text = fold(f"{document.number}\n{document.title}")
    MeetingDocument.objects.bulk_update(documents, ["search_text"], batch_size=500)

    Attendee = apps.get_model("events", "Attendee")
    attendees = list(Attendee.objects.only("name", "position_at_time", "topic"))
    for attendee in attendees:
        attendee.search_text = fold(
            f"{attendee.name}\n{attendee.position_at_time}\n{attendee.topic}"
        )
    Attendee.objects.bulk_update(attendees, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_desk_ownership_and_photo_measures"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="meeting",
            options={
                "ordering": ["-starts_at", "-pk"],
                "permissions": [
                    ("change_own_meeting", "Can change meetings they created")
                ],
                "verbose_name": "meeting",
                "verbose_name_plural": "meetings",
            },
        ),
        migrations.AlterModelOptions(
            name="photo",
            options={
                "ordering": ["meeting", "order", "pk"],
                "permissions": [("delete_own_photo", "Can delete photos they uploaded")],
                "verbose_name": "photo",
                "verbose_name_plural": "photos",
            },
        ),
        migrations.AddField(
            model_name="attendee",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="meetingdocument",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
