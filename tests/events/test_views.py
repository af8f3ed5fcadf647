"""The meeting pages with the demo content: the list, its filters, and each meeting."""

import pytest

from demo import content as demo
from tests.helpers import add_honours, json_ld, links, templates, text

pytestmark = pytest.mark.django_db

ANNUAL = f"/su-kien/{demo.ANNUAL_REVIEW}/"
THEMATIC = f"/su-kien/{demo.THEMATIC}/"


def test_the_meeting_list_shows_both_meetings(client, demo_content):
    """/su-kien/ lists the meetings, newest first, each with its date."""
    response = client.get("/su-kien/")
    page = text(response)

    assert response.status_code == 200
    assert "events/meeting_list.html" in templates(response)
    annual, thematic = demo.MEETINGS[0]["title"], demo.MEETINGS[1]["title"]
    assert page.index(annual) < page.index(thematic)
    assert "14h00 ngày 31/01/2024" in page
    assert "27/09/2023" in page
    assert ANNUAL in links(response) and THEMATIC in links(response)


def test_the_meeting_list_filters_by_kind(client, demo_content):
    """?loai= keeps the meetings of that kind."""
    page = text(client.get("/su-kien/?loai=thematic"))

    assert demo.MEETINGS[1]["title"] in page
    assert demo.MEETINGS[0]["title"] not in page


def test_the_meeting_list_filters_by_year(client, demo_content):
    """?nam= keeps the meetings of that year."""
    response = client.get("/su-kien/?nam=2024")

    assert response.context["year"] == 2024
    assert demo.MEETINGS[0]["title"] in text(response)
    assert demo.MEETINGS[1]["title"] not in text(response)


def test_the_meeting_list_offers_the_years_that_have_meetings(client, demo_content):
    """The year filter offers the years with meetings, newest first."""
    response = client.get("/su-kien/")

    assert response.context["years"] == [2024, 2023]


def test_the_meeting_page(client, demo_content):
    """The annual review: template, time "14h00 ngày 31/01/2024", the plan, the
    organiser."""
    response = client.get(ANNUAL)
    page = text(response)

    assert response.status_code == 200
    assert "pages/meeting_detail.html" in templates(response)
    assert demo.MEETINGS[0]["title"] in page
    assert "14h00 ngày 31/01/2024" in page
    assert "10/KH-CĐNGT" in page
    assert demo.SCHOOL in page


def test_the_meeting_page_shows_attendees_roles_and_topics(client, demo_content):
    """Who came, with the position they held then and what they spoke about."""
    page = text(client.get(ANNUAL))

    for attendee in demo.MEETINGS[0]["attendees"]:
        assert attendee["person"] in page
        assert attendee["position_at_time"] in page
        assert attendee["topic"] in page


def test_the_meeting_page_shows_every_caption(client, demo_content):
    """The gallery shows each photo with its caption."""
    response = client.get(ANNUAL)

    assert "events/includes/gallery.html" in templates(response)
    for photo in demo.MEETINGS[0]["photos"]:
        assert photo["caption"] in text(response)


def test_the_meeting_page_shows_the_awards_presented(client, demo_content):
    """The honours presented at the meeting, each recipient linked."""
    add_honours()
    response = client.get(ANNUAL)

    assert "Chiến sĩ thi đua cơ sở" in text(response)
    assert "/nhan-su/nguyen-thi-huong/" in links(response)
    assert "/don-vi/khoa-su-pham/" in links(response)


def test_the_meeting_page_lists_its_articles(client, demo_content):
    """The articles about the meeting are listed and linked."""
    response = client.get(ANNUAL)

    assert demo.ARTICLES[0]["title"] in text(response)
    assert f"/tin-tuc/tin-tuc-su-kien/{demo.ARTICLES[0]['slug']}/" in links(response)


def test_a_meeting_whose_time_is_not_known_shows_its_date_alone(client, demo_content):
    """The thematic session shows "27/09/2023" and never a made-up "00h00"."""
    response = client.get(THEMATIC)
    page = text(response)

    assert response.status_code == 200
    assert "27/09/2023" in page
    assert "00h00" not in page
    assert "02-KH/CB" in page
    assert "Đảng viên Chi bộ Tổ chức – Hành chính" in page


def test_the_meeting_page_has_event_metadata(client, demo_content):
    """A schema.org Event with its start and an og:image of the cover."""
    response = client.get(ANNUAL)
    (data,) = json_ld(response)

    assert data["@type"] == "Event"
    assert data["name"] == demo.MEETINGS[0]["title"]
    assert data["startDate"].startswith("2024-01-31T14:00:00")
    assert 'property="og:image"' in response.content.decode()


def test_an_event_without_a_time_starts_on_its_date(client, demo_content):
    """The thematic session's schema.org start is its date alone."""
    (data,) = json_ld(client.get(THEMATIC))

    assert data["startDate"] == "2023-09-27"
