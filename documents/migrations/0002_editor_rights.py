"""Editors keep the library; reporters see it, to pick a meeting's document.

The groups are the roles of news.roles, named here by their words, as the
documents app knows nothing of news; they are made if they do not exist yet.

This migration does not depend on news: news/migrations/0005_roles.py syncs the
roles with the permissions of today's news.roles, which need events' later
migrations, and a dependency on news from here would run it before them on a new
database. news.roles.ROLES must list these permissions too, or the next sync of
the roles takes them away again.
"""

from django.db import migrations

EDITOR = "Biên tập viên"
REPORTER = "Phóng viên"
RIGHTS = {
    EDITOR: ["add_document", "change_document", "delete_document", "view_document"],
    REPORTER: ["view_document"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # On a fresh database the permissions are made after all migrations; the
    # groups need them now.
    app_config = apps.get_app_config("documents")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in RIGHTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="documents", codename__in=codenames
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    documents = Permission.objects.filter(content_type__app_label="documents")
    for group in Group.objects.filter(name__in=RIGHTS):
        group.permissions.remove(*documents)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("documents", "0001_library"),
        ("events", "0011_meetingdocument_library_document"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
