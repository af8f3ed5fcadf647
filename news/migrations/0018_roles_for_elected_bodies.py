"""Editors get the meetings' elected bodies and their members (news.roles.ROLES)."""

from django.db import migrations


def sync(apps, schema_editor):
    from news.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0017_import_suggestions_and_report"),
        ("events", "0014_elected_bodies"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
