"""The roles' groups get the document library, the introduction pages and visitors'
questions (news.roles.ROLES), once those apps' tables exist."""

from django.db import migrations


def sync(apps, schema_editor):
    from news.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0015_search_text_bylines"),
        ("documents", "0002_editor_rights"),
        ("pages", "0002_intro_pages_and_editor_rights"),
        ("contact", "0003_office_details"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
