"""The editorial roles, as Django groups, and exactly the permissions each holds.

The data migration ``news/migrations/0005_roles.py`` runs ``sync_roles``; running it
again sets each group's permissions back to these lists, so a permission granted by
hand in the admin is undone by the next sync. The names are the college's own words
for the roles and are not translated.
"""

from django.apps import apps as global_apps
from django.utils.translation import gettext_lazy as _

REPORTER = "Phóng viên"
EDITOR = "Biên tập viên"
PHOTOGRAPHER = "Nhiếp ảnh"


def _all(app_label, *models):
    return [
        f"{app_label}.{action}_{model}"
        for model in models
        for action in ("add", "change", "delete", "view")
    ]


ROLES = {
    # Writes their own articles and submits them; records the meetings they report,
    # with their attendees, documents and photos, and changes those meetings only
    # (events.permissions); sees the rest only to choose it in an autocomplete.
    REPORTER: [
        "news.add_article",
        "news.change_article",
        "news.view_article",
        "news.view_category",
        "events.add_meeting",
        "events.change_own_meeting",
        "events.view_meeting",
        "events.view_photo",
        "people.view_person",
        "people.view_unit",
        # To choose a library document for a meeting's "Căn cứ" line.
        "documents.view_document",
    ],
    EDITOR: [
        *_all("news", "article", "category"),
        "news.publish_article",
        "news.view_articleevent",
        *_all(
            "events",
            "meeting",
            "attendee",
            "meetingdocument",
            "photo",
            "electedbody",
            "electedmember",
        ),
        *_all("people", "person", "position", "unit"),
        *_all("awards", "award", "campaign"),
        *_all("documents", "document"),
        *_all("pages", "intropage"),
        # Visitors' questions: read, answer, publish or delete; never write one.
        "contact.view_message",
        "contact.change_message",
        "contact.delete_message",
        "contact.view_office",
        "contact.change_office",
    ],
    # Uploads, captions, tags and orders the photos of any meeting, and deletes the
    # photos they uploaded; nothing else.
    PHOTOGRAPHER: [
        "events.view_meeting",
        "events.add_photo",
        "events.change_photo",
        "events.delete_own_photo",
        "events.view_photo",
        "people.view_person",
    ],
}


# What each role may do, as the refusal page tells a user who tried something else.
ROLE_DUTIES = {
    REPORTER: _(
        "writes articles, edits their own drafts and submits them for review; "
        "records meetings and edits the meetings they recorded, with their "
        "attendees, documents and photos; chooses meetings, people and units when "
        "writing"
    ),
    EDITOR: _(
        "edits every article, meeting, photo, person, award, official document and "
        "introduction page, answers visitors' questions, and publishes, schedules, "
        "sends back or unpublishes articles"
    ),
    PHOTOGRAPHER: _(
        "uploads, captions, tags and orders the photos of any meeting, and deletes "
        "the photos they uploaded"
    ),
}


def sync_roles(apps=global_apps):
    """Make each role's group exist with exactly the permissions of ``ROLES``."""
    from django.contrib.auth.management import create_permissions

    # On a fresh database the permissions are made after all migrations; the
    # groups need them now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            found = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if found is None:
                # A model of an app whose migrations have not run yet (a fresh
                # database migrates apps in turn): the last sync, which depends on
                # them all, grants it.
                continue
            wanted.append(found)
        group.permissions.set(wanted)
