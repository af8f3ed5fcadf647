from django.db import migrations


def make_roles(apps, schema_editor):
    from news.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("news", "0004_workflow"),
        ("events", "0002_search_text"),
        ("people", "0001_initial"),
        ("awards", "0001_initial"),
    ]

    operations = [migrations.RunPython(make_roles, migrations.RunPython.noop)]
