"""The introduction's pages: the index, each page with its menu, the office's admin,
the seeded placeholders and the header's menu."""

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.urls import reverse

from news.roles import EDITOR
from pages.models import IntroPage
from tests.helpers import json_ld, links, templates, text

pytestmark = pytest.mark.django_db

seeding = importlib.import_module("pages.migrations.0002_intro_pages_and_editor_rights")


@pytest.fixture
def pages():
    """Two published pages and a hidden one; the seeded placeholders are removed so
    each test knows every row."""
    IntroPage.objects.all().delete()
    return [
        IntroPage.objects.create(
            title="Lịch sử phát triển", body="<p>Quá trình hình thành.</p>", order=20
        ),
        IntroPage.objects.create(
            title="Chức năng, nhiệm vụ", body="<p>Nhiệm vụ đào tạo.</p>", order=10
        ),
        IntroPage.objects.create(
            title="Bản nháp", body="<p>Chưa đăng.</p>", is_published=False
        ),
    ]


def test_the_index_lists_the_published_pages_in_order(client, pages):
    response = client.get("/gioi-thieu/")
    page = text(response)

    assert response.status_code == 200
    assert "pages/intro.html" in templates(response)
    assert "<h1>Giới thiệu</h1>" in response.text
    assert page.index("Chức năng, nhiệm vụ") < page.index("Lịch sử phát triển")
    assert "Bản nháp" not in page
    assert "/gioi-thieu/chuc-nang-nhiem-vu/" in links(response)
    assert reverse("organisation") in links(response)
    assert "Cơ cấu tổ chức" in page


def test_a_page_shows_its_body_date_and_the_menu_of_every_page(client, pages):
    response = client.get("/gioi-thieu/lich-su-phat-trien/")
    page = text(response)

    assert response.status_code == 200
    assert "pages/intro_page.html" in templates(response)
    assert "Quá trình hình thành." in page
    assert "Cập nhật ngày" in page
    assert pages[0].updated_at.strftime("%Y") in page
    # The side menu: every published page, the organisation, the contacts.
    assert "/gioi-thieu/chuc-nang-nhiem-vu/" in links(response)
    assert "/gioi-thieu/co-cau-to-chuc/" in links(response)
    assert "/lien-he/" in links(response)
    assert (
        '<a href="/gioi-thieu/lich-su-phat-trien/" aria-current="page">'
        in response.text
    )
    assert "Bản nháp" not in page
    [about] = [d for d in json_ld(response) if d["@type"] == "AboutPage"]
    assert about["name"] == "Lịch sử phát triển"
    assert about["inLanguage"] == "vi"


def test_an_unpublished_or_unknown_page_is_not_found(client, pages):
    assert client.get("/gioi-thieu/ban-nhap/").status_code == 404
    assert client.get("/gioi-thieu/khong-co-trang-nay/").status_code == 404


def test_the_organisation_address_is_not_a_page_slug(client):
    """A page titled like the organisation cannot take its address."""
    IntroPage.objects.create(title="Cơ cấu tổ chức", slug="co-cau-to-chuc")

    response = client.get("/gioi-thieu/co-cau-to-chuc/")

    assert "pages/organisation.html" in templates(response)


@pytest.mark.usefixtures("warm_office")
def test_query_counts_do_not_grow_with_the_pages(
    client, pages, django_assert_num_queries
):
    """The index and a page read the pages once, however many there are."""
    for number in range(10):
        IntroPage.objects.create(title=f"Trang số {number}", body="<p>Nội dung.</p>")
    with django_assert_num_queries(1):
        assert client.get("/gioi-thieu/").status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/gioi-thieu/lich-su-phat-trien/").status_code == 200


def test_the_body_is_cleaned_when_saved():
    IntroPage.objects.all().delete()
    page = IntroPage.objects.create(
        title="Thành tích",
        body='<p onclick="x()">Danh hiệu</p><script>alert(1)</script>',
        body_en="<p>Titles</p><iframe src='https://evil.example'></iframe>",
    )

    page.refresh_from_db()
    assert "<script" not in page.body and "onclick" not in page.body
    assert "Danh hiệu" in page.body
    assert "evil.example" not in page.body_en
    assert page.slug == "thanh-tich"
    assert page.title_folded == "thanh tich"


def test_the_migration_seeds_three_placeholder_pages_once():
    IntroPage.objects.all().delete()

    seeding.seed_pages(django_apps, None)
    seeding.seed_pages(django_apps, None)

    titles = list(IntroPage.objects.values_list("title", flat=True))
    assert titles == ["Chức năng, nhiệm vụ", "Lịch sử phát triển", "Thành tích"]
    for page in IntroPage.objects.all():
        assert "đang được nhà trường cập nhật" in page.body
        assert not page.has_english


# ---------------------------------------------------------------- the admin


@pytest.fixture
def editors_rights():
    """The editors' group with the rights the migration grants (a test that
    emptied the tables before this one took them away)."""
    from tests.factories import role_user

    role_user(EDITOR, "nhom-bien-tap")
    seeding.grant_editors(django_apps, None)


def test_an_editor_writes_an_introduction_page(client, editors_rights, editor):
    group = Group.objects.get(name=EDITOR)
    assert {
        "add_intropage",
        "change_intropage",
        "delete_intropage",
        "view_intropage",
    } <= set(group.permissions.values_list("codename", flat=True))

    response = client.post(
        reverse("admin:pages_intropage_add"),
        {
            "title": "Thành tích",
            "slug": "thanh-tich-moi",
            "body": "<p>Huân chương Lao động</p>",
            "order": "30",
            "is_published": "on",
            "title_en": "",
            "body_en": "",
        },
    )

    assert response.status_code == 302
    assert IntroPage.objects.get(slug="thanh-tich-moi").body == (
        "<p>Huân chương Lao động</p>"
    )


def test_a_reporter_may_not_change_the_introduction(client, reporter, pages):
    assert client.get(reverse("admin:pages_intropage_changelist")).status_code == 403
    response = client.post(
        reverse("admin:pages_intropage_change", args=[pages[0].pk]),
        {"title": "Đổi", "body": "", "order": "1"},
    )
    assert response.status_code == 403
    pages[0].refresh_from_db()
    assert pages[0].title == "Lịch sử phát triển"


def test_the_admin_search_ignores_tone_marks(staff_client, pages):
    response = staff_client.get(
        reverse("admin:pages_intropage_changelist"), {"q": "chuc nang"}
    )

    found = list(response.context["cl"].queryset)
    assert found == [pages[1]]


def test_the_admin_lists_pages_in_menu_order_in_vietnamese(staff_client, pages):
    response = staff_client.get(reverse("admin:pages_intropage_changelist"))

    assert list(response.context["cl"].queryset)[:2] == [pages[1], pages[0]]
    assert "Trang giới thiệu" in text(response) or "trang giới thiệu" in text(response)
    assert "Bản tiếng Anh" in text(
        staff_client.get(reverse("admin:pages_intropage_change", args=[pages[0].pk]))
    )


# ---------------------------------------------------------------- the header


def test_the_header_menu_in_the_order_a_parent_reads_it(client, pages):
    response = client.get("/")
    nav = response.text.split('<ul class="nav-links">')[1].split("</ul>")[0]
    hrefs = re.findall(r'href="([^"]*)"', nav)

    assert hrefs == [
        "/",
        "/gioi-thieu/",
        "/tin-tuc/",
        "/su-kien/",
        "/lich-cong-tac/",
        "/van-ban/",
        "/khen-thuong/",
        "/lien-he/",
    ]
    for label in ["Giới thiệu", "Lịch công tác", "Văn bản", "Liên hệ"]:
        assert f">{label}</a>" in nav


def test_the_header_marks_the_introduction_as_current(client, pages):
    index = client.get("/gioi-thieu/").text
    page = client.get("/gioi-thieu/lich-su-phat-trien/").text

    assert '<a href="/gioi-thieu/" aria-current="page">' in index
    assert '<a href="/gioi-thieu/" aria-current="true">' in page


def test_the_language_link_goes_to_the_pages_english_version(client, pages):
    """A page with an English version links to it; one without, to /en/."""
    pages[0].title_en, pages[0].body_en = "History", "<p>How it grew.</p>"
    pages[0].save()

    with_english = client.get("/gioi-thieu/lich-su-phat-trien/")
    without = client.get("/gioi-thieu/chuc-nang-nhiem-vu/")

    assert (
        '<a class="lang-switch" href="/en/about/lich-su-phat-trien/" lang="en" '
        'hreflang="en">English</a>' in with_english.text
    )
    assert (
        '<a class="lang-switch" href="/en/" lang="en" hreflang="en">English</a>'
        in without.text
    )
    assert 'hreflang="en"' not in without.text.split("</head>")[0]


def test_the_index_excerpt_keeps_paragraphs_apart(client, pages):
    pages[1].body = "<p>Đào tạo giáo viên.</p><p>Bồi dưỡng cán bộ.</p>"
    pages[1].save()

    page = text(client.get("/gioi-thieu/"))

    assert "Đào tạo giáo viên. Bồi dưỡng cán bộ." in page
