from django.db import migrations

from core.text import fold

# Placeholders the office replaces with the college's own text: they say what each
# page is for and state no fact about the college. The English versions are the
# office's to write (until then /en/ offers the organisation and the contacts).
PAGES = [
    {
        "title": "Chức năng, nhiệm vụ",
        "slug": "chuc-nang-nhiem-vu",
        "order": 10,
        "body": (
            "<p>Trang này giới thiệu chức năng, nhiệm vụ và quyền hạn của Trường "
            "Cao đẳng Ngô Gia Tự Bắc Giang theo các văn bản quy định hiện hành.</p>"
            "<p>Nội dung chi tiết đang được nhà trường cập nhật.</p>"
        ),
    },
    {
        "title": "Lịch sử phát triển",
        "slug": "lich-su-phat-trien",
        "order": 20,
        "body": (
            "<p>Trang này trình bày quá trình hình thành và phát triển của Trường "
            "Cao đẳng Ngô Gia Tự Bắc Giang qua các giai đoạn.</p>"
            "<p>Nội dung chi tiết đang được nhà trường cập nhật.</p>"
        ),
    },
    {
        "title": "Thành tích",
        "slug": "thanh-tich",
        "order": 30,
        "body": (
            "<p>Trang này tổng hợp các danh hiệu thi đua và hình thức khen thưởng "
            "mà tập thể, cá nhân của nhà trường đã được tặng.</p>"
            '<p>Danh sách khen thưởng theo từng năm có tại trang <a href="/khen-thuong/">'
            "Khen thưởng</a>. Nội dung chi tiết đang được nhà trường cập nhật.</p>"
        ),
    },
]

PERMISSIONS = ["add_intropage", "change_intropage", "delete_intropage", "view_intropage"]


def seed_pages(apps, schema_editor):
    IntroPage = apps.get_model("pages", "IntroPage")
    for page in PAGES:
        if not IntroPage.objects.filter(slug=page["slug"]).exists():
            IntroPage.objects.create(
                **page, title_folded=fold(page["title"])
            )


def grant_editors(apps, schema_editor):
    """The editors' group (news.roles) writes the introduction's pages."""
    from django.contrib.auth.management import create_permissions

    from news.roles import EDITOR

    # On a fresh database permissions are made after all migrations; the group
    # needs them now (as news.roles.sync_roles does).
    app_config = apps.get_app_config("pages")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITOR)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="pages", codename__in=PERMISSIONS
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_intro_page"),
        ("news", "0012_category_name_folded_and_roles"),
    ]

    operations = [
        migrations.RunPython(seed_pages, migrations.RunPython.noop),
        migrations.RunPython(grant_editors, migrations.RunPython.noop),
    ]
