"""The English pages under /en/: English only there, Vietnamese everywhere else
whatever the browser asks, and each page paired with its other language."""

import re

import pytest

from pages.models import IntroPage
from people.models import Unit
from tests.factories import PersonFactory, PositionFactory, UnitFactory
from tests.helpers import json_ld, links, templates, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def college():
    Unit.objects.all().delete()
    IntroPage.objects.all().delete()
    school = UnitFactory(
        name="Trường Cao đẳng Ngô Gia Tự Bắc Giang",
        name_en="Ngo Gia Tu Bac Giang College",
        kind=Unit.Kind.SCHOOL,
        phone="0204 3854 195",
        email="cdngt@bacgiang.edu.vn",
    )
    board = UnitFactory(
        name="Ban Giám hiệu", name_en="Board of Rectors", parent=school, order=1
    )
    union = UnitFactory(name="Công đoàn", parent=school, order=2)
    PositionFactory(
        person=PersonFactory(full_name="Trần Văn Dũng"),
        unit=board,
        title="Phó Hiệu trưởng",
        title_en="Vice Rector",
    )
    PositionFactory(
        person=PersonFactory(full_name="Vũ Thị Yến"), unit=board, title="Hiệu trưởng"
    )
    history = IntroPage.objects.create(
        title="Lịch sử phát triển",
        body="<p>Quá trình hình thành.</p>",
        title_en="History",
        body_en="<p>How the college grew.</p>",
    )
    IntroPage.objects.create(
        title="Chức năng, nhiệm vụ", body="<p>Nhiệm vụ.</p>", order=1
    )
    return {"school": school, "board": board, "union": union, "history": history}


def head(response):
    return response.text.split("</head>")[0]


def alternates(response):
    """{hreflang: href} of the page's language alternates."""
    return dict(
        re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head(response)
        )
    )


def test_the_english_front_page(client, college):
    response = client.get("/en/")
    page = text(response)

    assert response.status_code == 200
    assert "pages/en/home.html" in templates(response)
    assert '<html lang="en">' in response.text
    assert response["Content-Language"] == "en"
    assert "Ngo Gia Tu Bac Giang College" in page
    assert "History" in page and "How the college grew." in page
    # Only pages with an English version are offered.
    assert "Chức năng" not in page
    assert "/en/about/lich-su-phat-trien/" in links(response)
    assert "/en/organisation/" in links(response)
    assert "/en/contact/" in links(response)


def test_the_english_page_of_an_introduction_page(client, college):
    response = client.get("/en/about/lich-su-phat-trien/")
    page = text(response)

    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "<h1>History</h1>" in response.text
    assert "How the college grew." in page
    assert "Quá trình hình thành" not in page
    [about] = json_ld(response)
    assert about["inLanguage"] == "en"


def test_a_page_without_english_has_no_english_address(client, college):
    assert client.get("/en/about/chuc-nang-nhiem-vu/").status_code == 404
    assert client.get("/en/about/khong-co/").status_code == 404


def test_an_unpublished_page_has_no_english_address(client, college):
    college["history"].is_published = False
    college["history"].save()

    assert client.get("/en/about/lich-su-phat-trien/").status_code == 404


def test_the_english_organisation(client, college):
    response = client.get("/en/organisation/")
    page = text(response)

    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "Board of Rectors" in page
    # Without an English name or title the Vietnamese one stands.
    assert "Công đoàn" in page
    assert "Vice Rector Trần Văn Dũng" in page
    assert "Hiệu trưởng Vũ Thị Yến" in page
    assert page.index("Vũ Thị Yến") < page.index("Trần Văn Dũng")
    assert "Phone: 0204 3854 195" in page
    assert "tel:02043854195" in links(response)
    [data] = json_ld(response)
    assert data["name"] == "Ngo Gia Tu Bac Giang College"
    assert {d["name"] for d in data["department"]} == {"Board of Rectors", "Công đoàn"}


def test_the_english_pages_query_counts(client, college, django_assert_num_queries):
    """With the office's details cached (as after the first page), each English
    page's own queries; the contact page reads the office from that cache too."""
    from contact.models import Office

    Office.current()
    with django_assert_num_queries(2):
        client.get("/en/")
    with django_assert_num_queries(1):
        client.get("/en/about/lich-su-phat-trien/")
    with django_assert_num_queries(3):
        client.get("/en/organisation/")
    with django_assert_num_queries(1):
        client.get("/en/contact/")


def test_the_english_contact_page_from_the_schools_unit(client, college):
    response = client.get("/en/contact/")
    page = text(response)

    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "tel:02043854195" in links(response)
    assert "mailto:cdngt@bacgiang.edu.vn" in links(response)
    assert "Vietnamese contact page" in page
    assert "/lien-he/" in links(response)


def test_the_english_contact_page_reads_the_office(
    client, college, django_capture_on_commit_callbacks
):
    from contact.models import Office

    office = Office.current()
    office.address = "Xã Nghĩa Trung, tỉnh Bắc Giang"
    office.address_en = "Nghia Trung, Bac Giang province"
    office.phone = "0204 3999 999"
    office.email = "lienhe@example.com"
    office.office_hours_en = "Monday to Friday"
    with django_capture_on_commit_callbacks(execute=True):
        office.save()

    page = text(client.get("/en/contact/"))

    assert "Nghia Trung, Bac Giang province" in page
    assert "Xã Nghĩa Trung" not in page
    assert "0204 3999 999" in page and "lienhe@example.com" in page
    assert "Monday to Friday" in page


# ---------------------------------------------------------------- the pairs


def test_hreflang_both_ways_on_an_introduction_page(client, college):
    vi = client.get("/gioi-thieu/lich-su-phat-trien/")
    en = client.get("/en/about/lich-su-phat-trien/")

    expected = {
        "vi": "http://testserver/gioi-thieu/lich-su-phat-trien/",
        "en": "http://testserver/en/about/lich-su-phat-trien/",
        "x-default": "http://testserver/gioi-thieu/lich-su-phat-trien/",
    }
    assert alternates(vi) == expected
    assert alternates(en) == expected


def test_hreflang_both_ways_on_the_organisation_and_the_index(client, college):
    for vi_path, en_path in [
        ("/gioi-thieu/co-cau-to-chuc/", "/en/organisation/"),
        ("/gioi-thieu/", "/en/"),
    ]:
        for path in (vi_path, en_path):
            found = alternates(client.get(path))
            assert found["vi"] == f"http://testserver{vi_path}"
            assert found["en"] == f"http://testserver{en_path}"
            assert found["x-default"] == f"http://testserver{vi_path}"


def test_the_language_links_in_the_header(client, college):
    vi = client.get("/gioi-thieu/co-cau-to-chuc/")
    en = client.get("/en/organisation/")
    en_about = client.get("/en/about/lich-su-phat-trien/")

    assert (
        '<a class="lang-switch" href="/en/organisation/" lang="en" hreflang="en">'
        "English</a>" in vi.text
    )
    assert (
        '<a class="lang-switch" href="/gioi-thieu/co-cau-to-chuc/" lang="vi" '
        'hreflang="vi">Tiếng Việt</a>' in en.text
    )
    assert 'href="/gioi-thieu/lich-su-phat-trien/" lang="vi"' in en_about.text
    # Pages without a pair offer the English front page, and have no alternates.
    home = client.get("/")
    assert (
        '<a class="lang-switch" href="/en/" lang="en" hreflang="en">English</a>'
        in home.text
    )
    assert "hreflang" not in head(home)


def test_the_english_header_offers_the_english_pages_only(client, college):
    response = client.get("/en/organisation/")
    nav = response.text.split('<ul class="nav-links">')[1].split("</ul>")[0]

    assert ">Home</a>" in nav and ">Organisation</a>" in nav and ">Contact</a>" in nav
    assert "/tin-tuc/" not in nav
    assert 'class="nav-search"' not in response.text


# ---------------------------------------------------------------- Vietnamese stays


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/gioi-thieu/",
        "/gioi-thieu/lich-su-phat-trien/",
        "/gioi-thieu/co-cau-to-chuc/",
    ],
)
def test_a_browser_asking_for_english_still_reads_vietnamese(client, college, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="vi">' in response.text
    assert response["Content-Language"] == "vi"
    assert "Trang chủ" in text(response)
    assert ">Home</a>" not in response.text


def test_english_does_not_leak_into_the_next_vietnamese_page(client, college):
    client.get("/en/organisation/")

    response = client.get("/gioi-thieu/co-cau-to-chuc/")

    assert '<html lang="vi">' in response.text
    assert "<h1>Cơ cấu tổ chức</h1>" in response.text


def test_the_admin_stays_vietnamese_for_a_browser_asking_for_english(staff_client):
    response = staff_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")

    assert "Quản trị nội dung" in text(response) or "Trang chủ" in text(response)
    assert "Site administration" not in text(response)


def test_the_sitemap_lists_both_languages(client, college):
    response = client.get("/sitemap-intro.xml")
    body = response.content.decode()

    assert response.status_code == 200
    for path in [
        "/gioi-thieu/",
        "/gioi-thieu/co-cau-to-chuc/",
        "/gioi-thieu/lich-su-phat-trien/",
        "/gioi-thieu/chuc-nang-nhiem-vu/",
        "/en/",
        "/en/about/lich-su-phat-trien/",
        "/en/organisation/",
        "/en/contact/",
    ]:
        assert f"http://testserver{path}</loc>" in body
    assert "/en/about/chuc-nang-nhiem-vu/" not in body


# ---------------------------------------------------------------- shared links


def og_locale(response):
    return re.findall(r'<meta property="og:locale" content="([^"]+)">', head(response))


@pytest.mark.parametrize(
    "path",
    ["/en/", "/en/about/lich-su-phat-trien/", "/en/organisation/", "/en/contact/"],
)
def test_an_english_page_is_shared_as_english(client, college, path):
    assert og_locale(client.get(path)) == ["en_US"]


@pytest.mark.parametrize(
    "path",
    ["/", "/gioi-thieu/lich-su-phat-trien/", "/gioi-thieu/co-cau-to-chuc/"],
)
def test_a_vietnamese_page_is_shared_as_vietnamese(client, college, path):
    # Right after an English page, in the same process.
    client.get("/en/organisation/")

    assert og_locale(client.get(path)) == ["vi_VN"]
