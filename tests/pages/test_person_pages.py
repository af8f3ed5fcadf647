"""A person's and a unit's pages with the demo content: positions, meetings, photos,
awards and articles."""

import datetime

import pytest

from demo import content as demo
from people.models import Person, Unit
from tests.factories import PositionFactory
from tests.helpers import add_honours, links, templates, text

pytestmark = pytest.mark.django_db

QUYNH = "/nhan-su/nguyen-hoang-quynh/"
HUONG = "/nhan-su/nguyen-thi-huong/"
MO = "/nhan-su/thach-thi-hong-mo/"
TCHC = "/don-vi/phong-to-chuc-hanh-chinh/"
SCHOOL = "/don-vi/truong-cao-dang-ngo-gia-tu-bac-giang/"
CELL = "/don-vi/chi-bo-to-chuc-hanh-chinh/"


def test_the_person_page(client, demo_content):
    """The principal's page: template, honorific and name, current positions."""
    response = client.get(QUYNH)
    page = text(response)

    assert response.status_code == 200
    assert "pages/person_detail.html" in templates(response)
    assert "TS. Nguyễn Hoàng Quỳnh" in page
    assert "Bí thư Đảng ủy" in page
    assert "Hiệu trưởng" in page


def test_a_person_page_lists_meetings_with_role_and_position(client, demo_content):
    """Meetings attended, newest first, with the position held then and the topic."""
    response = client.get(HUONG)
    page = text(response)

    annual, thematic = demo.MEETINGS[0]["title"], demo.MEETINGS[1]["title"]
    assert page.index(annual) < page.index(thematic)
    assert "Trưởng phòng Tổ chức – Hành chính" in page
    assert "Phó Bí thư Chi bộ" in page
    assert "Đề dẫn chủ đề, định hướng nội dung sinh hoạt" in page
    assert f"/su-kien/{demo.ANNUAL_REVIEW}/" in links(response)
    assert f"/su-kien/{demo.THEMATIC}/" in links(response)


def test_a_person_page_shows_the_photos_they_are_in(client, demo_content):
    """The photos the person is tagged in, with their captions; no others."""
    response = client.get(QUYNH)
    page = text(response)
    tagged = [
        p for m in demo.MEETINGS for p in m["photos"] if demo.QUYNH in p["people"]
    ]

    assert len(tagged) == 2
    for photo in tagged:
        assert photo["caption"] in page
    assert demo.MEETINGS[0]["photos"][0]["caption"] not in page


def test_a_person_page_lists_awards(client, demo_content):
    """The awards a person received, with the meeting where they were presented."""
    add_honours()
    response = client.get(HUONG)

    assert "Chiến sĩ thi đua cơ sở" in text(response)
    assert "2023" in text(response)


def test_a_person_page_lists_the_articles_they_wrote(client, demo_content):
    """The author's page lists her published articles, linked."""
    add_honours()
    response = client.get(MO)
    page = text(response)

    for article in demo.ARTICLES:
        assert article["title"] in page
    assert f"/tin-tuc/tin-tuc-su-kien/{demo.ARTICLES[0]['slug']}/" in links(response)
    assert "Lao động tiên tiến" in page


def test_past_positions_are_kept_apart(client, demo_content):
    """A position that ended is shown as history, with its dates."""
    person = Person.objects.get(full_name=demo.QUYNH)
    PositionFactory(
        person=person,
        title="Phó Hiệu trưởng",
        unit=Unit.objects.get(name=demo.BOARD),
        start=datetime.date(2015, 1, 1),
        end=datetime.date(2019, 12, 31),
    )

    response = client.get(QUYNH)

    assert [p.title for p in response.context["past_positions"]] == ["Phó Hiệu trưởng"]
    assert "Phó Hiệu trưởng" in text(response)
    assert "31/12/2019" in text(response)


def test_the_unit_page(client, demo_content):
    """The office's page: template, name, short name, the people in it."""
    response = client.get(TCHC)
    page = text(response)

    assert response.status_code == 200
    assert "pages/unit_detail.html" in templates(response)
    assert demo.TCHC in page
    assert "Phòng TCHC" in page
    assert "Nguyễn Thị Hương" in page
    assert "Trưởng phòng Tổ chức – Hành chính" in page
    assert "Thạch Thị Hồng Mơ" in page
    assert HUONG in links(response)


def test_a_unit_page_lists_awards_and_articles(client, demo_content):
    """The collective's awards and the articles signed with its name."""
    page = text(client.get(TCHC))

    assert "Bằng khen" in page
    assert demo.ARTICLES[0]["title"] in page
    assert demo.ARTICLES[1]["title"] not in page


def test_a_unit_page_lists_the_meetings_it_organised(client, demo_content):
    """The party cell's page lists the session it held, dated alone."""
    response = client.get(CELL)
    page = text(response)

    assert demo.MEETINGS[1]["title"] in page
    assert "27/09/2023" in page
    assert "00h00" not in page
    assert demo.ARTICLES[1]["title"] in page


def test_a_unit_page_lists_its_subordinate_units(client, demo_content):
    """The school's page links to the units under it."""
    response = client.get(SCHOOL)

    assert demo.MEETINGS[0]["title"] in text(response)
    for unit in demo.UNITS:
        if unit["parent"] == demo.SCHOOL:
            assert unit["name"] in text(response)
    assert TCHC in links(response)


def test_a_subordinate_unit_links_to_its_parent(client, demo_content):
    """A unit's page links back to the unit it belongs to."""
    assert SCHOOL in links(client.get(TCHC))


# ---------------------------------------------------------------- own contacts

PHONE = "0912 345 678"
EMAIL = "quynh.rieng@example.com"


def with_own_contacts(consent):
    person = Person.objects.get(full_name=demo.QUYNH)
    person.phone = PHONE
    person.email = EMAIL
    person.contacts_public = consent
    person.save()
    return person


def test_a_person_who_consented_shows_their_phone_and_email(client, demo_content):
    with_own_contacts(consent=True)

    response = client.get(QUYNH)

    assert "tel:0912345678" in links(response)
    assert f"mailto:{EMAIL}" in links(response)
    assert PHONE in text(response) and "Điện thoại" in text(response)


def test_without_consent_no_phone_or_email_is_anywhere_on_the_page(
    client, demo_content
):
    with_own_contacts(consent=False)

    response = client.get(QUYNH)
    html = response.content.decode()

    assert response.status_code == 200
    for trace in (PHONE, "0912345678", "912345678", EMAIL, "quynh.rieng"):
        assert trace not in html
    assert response.context["contacts"] is None


def test_consent_without_a_phone_shows_the_email_alone(client, demo_content):
    person = with_own_contacts(consent=True)
    person.phone = ""
    person.save()

    response = client.get(QUYNH)

    assert f"mailto:{EMAIL}" in links(response)
    assert not any(link.startswith("tel:09") for link in links(response))
