from django.db import migrations, models

from core.text import fold


def fill(apps, schema_editor):
    """Categories saved before the column existed get their folded name now."""
    Category = apps.get_model("news", "Category")
    categories = list(Category.objects.only("name"))
    for category in categories:
        category.name_folded = fold(category.name)
    Category.objects.bulk_update(categories, ["name_folded"])


def sync(apps, schema_editor):
    """The roles' groups take their new permissions: a reporter records meetings
    and changes their own, a photographer deletes the photos they uploaded."""
    from news.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0011_article_cover_photo"),
        ("events", "0007_own_rights_and_search_text"),
        ("awards", "0002_search_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="category",
            name="name_folded",
            field=models.CharField(default="", editable=False, max_length=150),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
