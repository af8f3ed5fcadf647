from django.db import migrations

# The editors answer and publish visitors' messages and keep the contact details
# up to date; messages come only from visitors, so nobody adds one.
EDITOR = "Biên tập viên"
PERMISSIONS = [
    "view_message",
    "change_message",
    "delete_message",
    "view_office",
    "change_office",
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # On a fresh database the permissions are made after all migrations.
    config = apps.get_app_config("contact")
    models_module = getattr(config, "models_module", None)
    config.models_module = models_module or True
    try:
        create_permissions(config, apps=apps, verbosity=0)
    finally:
        config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=EDITOR)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="contact", codename__in=PERMISSIONS
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=EDITOR):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="contact", codename__in=PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_office_and_messages"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # The last migration that sets the roles' groups (news.roles.sync_roles).
        ("news", "0013_article_body_photos"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
