from django.db import migrations, models

from core.text import fold


def fill(apps, schema_editor):
    """Photos saved before the column existed get their folded text now."""
    Photo = apps.get_model("events", "Photo")
    photos = list(Photo.objects.only("caption", "credit", "original_name"))
    for photo in photos:
        photo.search_text = fold(
            f"{photo.caption}\n{photo.credit}\n{photo.original_name}"
        )
    Photo.objects.bulk_update(photos, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="photo",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
