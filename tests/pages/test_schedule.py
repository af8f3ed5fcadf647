"""The weekly work schedule (/lich-cong-tac/), its iCalendar feed, and meetings
planned ahead: in the schedule at once, in the news sections once held or reported."""

import datetime
import re
import xml.etree.ElementTree as ET
import zoneinfo
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from events.models import Attendee, Meeting
from pages.schedule import Week
from tests.factories import (
    ArticleFactory,
    AttendeeFactory,
    MeetingFactory,
    PersonFactory,
    UnitFactory,
)
from tests.helpers import json_ld, links, text

pytestmark = pytest.mark.django_db

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
URL = "/lich-cong-tac/"
FEED = "/lich-cong-tac.ics"


def at(*args):
    return datetime.datetime(*args, tzinfo=HANOI)


def frozen(monkeypatch, moment):
    """Make ``moment`` now for the code under test."""
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(datetime.UTC))


@pytest.fixture
def week5():
    """Week 05 of 2024 (29/01 – 04/02) and a meeting on each side of it."""
    unit = UnitFactory(name="Phòng Tổ chức – Hành chính", short_name="Phòng TCHC")
    rows = {
        "monday": MeetingFactory(
            title="Giao ban lãnh đạo đầu tuần",
            starts_at=at(2024, 1, 29, 7, 30),
            location="Phòng họp số 1",
            organizer=unit,
        ),
        "review": MeetingFactory(
            title="Hội nghị tổng kết công tác năm 2023",
            starts_at=at(2024, 1, 31, 14, 0),
            location="Hội trường A",
            organizer=unit,
        ),
        "day_only": MeetingFactory(
            title="Sinh hoạt chuyên đề của Chi bộ",
            kind=Meeting.Kind.THEMATIC,
            starts_at=at(2024, 1, 31, 0, 0),
            time_known=False,
            location="",
        ),
        # 23h30 in Hanoi is 16h30 UTC the same day: still Sunday.
        "sunday": MeetingFactory(
            title="Lễ ra quân tình nguyện", starts_at=at(2024, 2, 4, 23, 30)
        ),
        "before": MeetingFactory(
            title="Họp tuần trước", starts_at=at(2024, 1, 28, 23, 59)
        ),
        "after": MeetingFactory(title="Họp tuần sau", starts_at=at(2024, 2, 5, 0, 0)),
    }
    chair = PersonFactory(full_name="Nguyễn Hoàng Quỳnh", honorific="TS.")
    AttendeeFactory(
        meeting=rows["review"],
        person=chair,
        role=Attendee.Role.CHAIR,
        position_at_time="Hiệu trưởng",
    )
    AttendeeFactory(meeting=rows["review"], role=Attendee.Role.PARTICIPANT)
    return rows


# ---------------------------------------------------------------- the week's page


def test_a_week_lists_its_meetings_day_by_day(client, week5):
    """?tuan=2024-W05 gives Monday 29/01 to Sunday 04/02, each meeting under the
    day it takes place in Hanoi, none from the weeks around it."""
    response = client.get(URL, {"tuan": "2024-W05"})
    page = text(response)

    assert response.status_code == 200
    assert "pages/schedule.html" in [t.name for t in response.templates]
    assert "Lịch công tác Tuần 05 (29/01/2024 – 04/02/2024)" in page
    assert "<title>Lịch công tác – Tuần 05 (29/01/2024 – 04/02/2024)" in response.text
    headings = re.findall(r"<h2 [^>]*>(.*?)</h2>", response.text)
    assert [re.sub(r"<[^>]+>", "", h) for h in headings] == [
        "Thứ Hai 29/01/2024",
        "Thứ Ba 30/01/2024",
        "Thứ Tư 31/01/2024",
        "Thứ Năm 01/02/2024",
        "Thứ Sáu 02/02/2024",
        "Thứ Bảy 03/02/2024",
        "Chủ nhật 04/02/2024",
    ]
    by_day = [[m.title for m in day.meetings] for day in response.context["days"]]
    assert by_day == [
        ["Giao ban lãnh đạo đầu tuần"],
        [],
        ["Sinh hoạt chuyên đề của Chi bộ", "Hội nghị tổng kết công tác năm 2023"],
        [],
        [],
        [],
        ["Lễ ra quân tình nguyện"],
    ]
    assert "Họp tuần trước" not in page
    assert "Họp tuần sau" not in page
    assert page.count("Không có lịch.") == 4


def test_each_meeting_shows_its_facts_and_links_to_its_page(client, week5):
    """Hour, kind, place, organising unit and chair; the title links to the page."""
    response = client.get(URL, {"tuan": "2024-W05"})
    page = text(response)

    assert (
        "14h00 Hội nghị tổng kết công tác năm 2023 Loại hình Hội nghị tổng kết "
        "Địa điểm Hội trường A Đơn vị tổ chức Phòng Tổ chức – Hành chính "
        "Chủ trì TS. Nguyễn Hoàng Quỳnh – Hiệu trưởng"
    ) in page
    assert "07h30 Giao ban lãnh đạo đầu tuần" in page
    for name in ("monday", "review", "day_only", "sunday"):
        assert week5[name].get_absolute_url() in links(response)


def test_a_meeting_known_by_its_date_only_shows_no_hour(client, week5):
    """A day-only meeting says "Trong ngày" and comes first in its day; a timed one
    its hour as 14h00."""
    page = text(client.get(URL, {"tuan": "2024-W05"}))

    assert "Trong ngày Sinh hoạt chuyên đề của Chi bộ" in page
    assert "00h00" not in page
    assert "23h30 Lễ ra quân tình nguyện" in page


def test_the_week_links_to_the_weeks_around_it(client, week5):
    hrefs = links(client.get(URL, {"tuan": "2024-W05"}))

    assert "/lich-cong-tac/?tuan=2024-W04" in hrefs
    assert "/lich-cong-tac/?tuan=2024-W06" in hrefs
    assert URL in hrefs


@pytest.mark.parametrize(
    ("week", "label", "previous", "following"),
    [
        ("2024-W52", "Tuần 52 (23/12/2024 – 29/12/2024)", "2024-W51", "2025-W01"),
        ("2025-W01", "Tuần 01 (30/12/2024 – 05/01/2025)", "2024-W52", "2025-W02"),
        ("2020-W53", "Tuần 53 (28/12/2020 – 03/01/2021)", "2020-W52", "2021-W01"),
        ("2021-W01", "Tuần 01 (04/01/2021 – 10/01/2021)", "2020-W53", "2021-W02"),
    ],
)
def test_weeks_across_a_year_boundary(client, week, label, previous, following):
    """ISO weeks: 2025-W01 begins on 30/12/2024, 2020 has a 53rd week."""
    response = client.get(URL, {"tuan": week})

    assert response.status_code == 200
    assert label in text(response)
    assert f"/lich-cong-tac/?tuan={previous}" in links(response)
    assert f"/lich-cong-tac/?tuan={following}" in links(response)


def test_a_meeting_of_new_years_eve_is_in_week_one(client):
    MeetingFactory(title="Họp cuối năm", starts_at=at(2024, 12, 31, 9, 0))

    days = client.get(URL, {"tuan": "2025-W01"}).context["days"]

    assert [m.title for m in days[1].meetings] == ["Họp cuối năm"]
    assert days[1].date == datetime.date(2024, 12, 31)


@pytest.mark.parametrize(
    "value",
    [
        "2024-W60",
        "2024-W00",
        "2023-W53",  # 2023 has 52 weeks
        "abc",
        "2024-W5",
        "2024-w05",
        "2024W05",
        "2024-W05-1",
        " 2024-W05",
        "２０２４-W05",
        "0000-W01",
        "1899-W10",
        "9999-W52",
        "99999-W01",
        "2024-W" + "9" * 5000,
        "9" * 5000 + "-W01",
        "2024-W05\x00",
    ],
)
def test_a_malformed_week_is_not_found(client, value):
    response = client.get(URL, {"tuan": value})

    assert response.status_code == 404


def test_the_first_and_last_weeks_shown_link_no_further(client):
    first = client.get(URL, {"tuan": "2000-W01"})
    last_week = Week.containing(datetime.date(2099, 12, 31)).parameter
    last = client.get(URL, {"tuan": last_week})

    assert first.context["previous"] is None
    assert "?tuan=1999-" not in first.text
    assert last.context["next"] is None
    assert "?tuan=2100-" not in last.text


def test_without_a_week_it_shows_this_week_in_hanoi(client, monkeypatch):
    """Sunday 17h30 UTC is already Monday 00h30 in Hanoi: the new week."""
    frozen(monkeypatch, datetime.datetime(2024, 1, 28, 17, 30, tzinfo=datetime.UTC))
    MeetingFactory(title="Chào cờ đầu tuần", starts_at=at(2024, 1, 29, 7, 0))

    response = client.get(URL)
    empty = client.get(URL, {"tuan": ""})

    assert response.status_code == 200
    assert response.context["week"].parameter == "2024-W05"
    assert empty.context["week"].parameter == "2024-W05"
    assert "Chào cờ đầu tuần" in text(response)
    assert '<a href="/lich-cong-tac/" aria-current="page">' in response.text
    assert "(hôm nay)" in text(response)
    # This week's page is known by its plain address.
    assert '<link rel="canonical" href="http://testserver/lich-cong-tac/">' in (
        response.text
    )


def test_another_week_is_its_own_canonical_page(client, week5):
    response = client.get(URL, {"tuan": "2024-W05"})

    assert (
        '<link rel="canonical" href="http://testserver/lich-cong-tac/?tuan=2024-W05">'
        in response.text
    )
    assert 'aria-current="page"' not in response.text.split("schedule-nav")[1][:600]


def test_an_empty_week_says_so(client):
    response = client.get(URL, {"tuan": "2010-W10"})

    assert response.status_code == 200
    assert "Không có lịch công tác trong tuần." in text(response)
    assert json_ld(response) == []


@pytest.mark.parametrize("count", [1, 12])
@pytest.mark.usefixtures("warm_office")
def test_the_week_costs_two_queries_whatever_its_size(
    client, django_assert_num_queries, count
):
    """The meetings with their organiser, then their chairs."""
    unit = UnitFactory()
    for number in range(count):
        meeting = MeetingFactory(
            organizer=unit, starts_at=at(2024, 1, 29 + number % 3, 8 + number % 9, 0)
        )
        for _ in range(3):
            AttendeeFactory(meeting=meeting, role=Attendee.Role.CHAIR)
        AttendeeFactory(meeting=meeting)

    with django_assert_num_queries(2):
        response = client.get(URL, {"tuan": "2024-W05"})

    assert len(response.context["meetings"]) == count
    assert all(len(m.chairs) == 3 for m in response.context["meetings"])


@pytest.mark.usefixtures("warm_office")
def test_an_empty_week_costs_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert client.get(URL, {"tuan": "2024-W05"}).status_code == 200


def test_the_week_is_a_json_ld_list_of_events(client, week5):
    (data,) = json_ld(client.get(URL, {"tuan": "2024-W05"}))

    assert data["@type"] == "ItemList"
    assert data["numberOfItems"] == 4
    events = {item["item"]["name"]: item["item"] for item in data["itemListElement"]}
    review = events["Hội nghị tổng kết công tác năm 2023"]
    assert review["@type"] == "Event"
    assert review["startDate"] == "2024-01-31T14:00:00+07:00"
    assert review["location"]["name"] == "Hội trường A"
    assert review["url"].endswith(week5["review"].get_absolute_url())
    assert events["Sinh hoạt chuyên đề của Chi bộ"]["startDate"] == "2024-01-31"


def test_json_ld_cannot_close_its_script(client):
    MeetingFactory(
        title="</script><script>alert(1)</script>", starts_at=at(2024, 1, 30)
    )

    response = client.get(URL, {"tuan": "2024-W05"})

    assert "<script>alert(1)" not in response.text
    assert json_ld(response)[0]["itemListElement"][0]["item"]["name"] == (
        "</script><script>alert(1)</script>"
    )


# ---------------------------------------------------------------- print, subscribe


def test_the_page_prints_without_inline_script(client, week5):
    """An "In lịch" button the site's script shows (no inline script: CSP), and a
    print stylesheet that hides the navigation and the footer."""
    response = client.get(URL, {"tuan": "2024-W05"})
    html = response.text

    assert re.search(r"<button [^>]*data-print[^>]*>In lịch</button>", html)
    for script in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in script or 'type="application/ld+json"' in script
    assert "style=" not in html
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    block = css[css.index("weekly schedule (lịch công tác)") :]
    printed = block[block.index("@media print") :]
    assert ".schedule-nav" in printed and ".schedule-tools" in printed
    assert "background: none" in printed
    # The site-wide print rules hide the menu and the footer.
    assert ".site-nav" in css[css.index("@media print") :]
    assert ".site-footer" in css[css.index("@media print") :]
    js = (Path(settings.BASE_DIR) / "static/js/site.js").read_text()
    assert "[data-print]" in js and "window.print()" in js


def test_the_page_offers_the_feed_to_phones(client):
    response = client.get(URL)

    assert "webcal://testserver/lich-cong-tac.ics" in links(response)
    assert FEED in links(response)
    assert '<link rel="alternate" type="text/calendar" href="/lich-cong-tac.ics"' in (
        response.text
    )


# ---------------------------------------------------------------- the feed


@pytest.fixture
def feed_week(monkeypatch, week5):
    """Wednesday 31/01/2024 10h00 in Hanoi: week 5 is the current week."""
    frozen(monkeypatch, at(2024, 1, 31, 10, 0))
    return week5


def calendar(client):
    response = client.get(FEED)
    assert response.status_code == 200
    return response, icalendar.Calendar.from_ical(response.content)


def events_of(cal):
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def test_the_feed_is_an_icalendar_file(client, feed_week):
    response, cal = calendar(client)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="lich-cong-tac.ics"'
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert response.content.endswith(b"END:VCALENDAR\r\n")
    assert cal["VERSION"] == "2.0"
    assert "Lich cong tac" in str(cal["PRODID"])
    assert str(cal["X-WR-CALNAME"]) == (
        "Lịch công tác – Trường Cao đẳng Ngô Gia Tự Bắc Giang"
    )
    assert str(cal["X-WR-TIMEZONE"]) == "Asia/Ho_Chi_Minh"
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in response.content
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in response.content
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Ho_Chi_Minh"
    # Every line folded at 75 octets (RFC 5545 3.1).
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))


def test_the_feed_holds_each_meeting_with_its_time_in_hanoi(client, feed_week):
    _response, cal = calendar(client)
    events = events_of(cal)

    assert set(events) == {
        "Giao ban lãnh đạo đầu tuần",
        "Hội nghị tổng kết công tác năm 2023",
        "Sinh hoạt chuyên đề của Chi bộ",
        "Lễ ra quân tình nguyện",
        "Họp tuần trước",
        "Họp tuần sau",
    }
    review = events["Hội nghị tổng kết công tác năm 2023"]
    start, end = review["DTSTART"].dt, review["DTEND"].dt
    assert start == at(2024, 1, 31, 14, 0)
    assert start.tzinfo.key == "Asia/Ho_Chi_Minh"
    assert review["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert end - start == datetime.timedelta(hours=2)
    assert str(review["LOCATION"]) == "Hội trường A"
    url = f"http://testserver{feed_week['review'].get_absolute_url()}"
    assert str(review["URL"]) == url
    # When the meeting last changed, to the second.
    assert review["DTSTAMP"].dt == feed_week["review"].updated_at.replace(microsecond=0)
    description = str(review["DESCRIPTION"])
    assert "Chủ trì: TS. Nguyễn Hoàng Quỳnh – Hiệu trưởng" in description
    assert "Đơn vị tổ chức: Phòng Tổ chức – Hành chính" in description
    assert description.endswith(url)


def test_a_day_only_meeting_is_an_all_day_event(client, feed_week):
    _response, cal = calendar(client)
    event = events_of(cal)["Sinh hoạt chuyên đề của Chi bộ"]

    assert event["DTSTART"].dt == datetime.date(2024, 1, 31)
    assert event["DTEND"].dt == datetime.date(2024, 2, 1)
    assert event["DTSTART"].params["VALUE"] == "DATE"


def test_the_feed_covers_four_weeks_back_and_twelve_ahead(client, feed_week):
    inside = [
        MeetingFactory(title="Đầu cửa sổ", starts_at=at(2024, 1, 1, 0, 0)),
        MeetingFactory(title="Cuối cửa sổ", starts_at=at(2024, 4, 28, 23, 0)),
    ]
    MeetingFactory(title="Quá xa về trước", starts_at=at(2023, 12, 31, 23, 0))
    MeetingFactory(title="Quá xa về sau", starts_at=at(2024, 4, 29, 0, 0))

    events = events_of(calendar(client)[1])

    assert {m.title for m in inside} <= set(events)
    assert "Quá xa về trước" not in events
    assert "Quá xa về sau" not in events


def test_uids_are_stable_and_unique(client, feed_week):
    first = {
        str(e["SUMMARY"]): str(e["UID"]) for e in calendar(client)[1].walk("VEVENT")
    }
    feed_week["review"].save()
    second = {
        str(e["SUMMARY"]): str(e["UID"]) for e in calendar(client)[1].walk("VEVENT")
    }

    assert first == second
    assert len(set(first.values())) == len(first)
    assert first["Hội nghị tổng kết công tác năm 2023"] == (
        f"meeting-{feed_week['review'].pk}@testserver"
    )


def test_the_feed_escapes_text(client, monkeypatch):
    """Commas, semicolons, backslashes and new lines escaped (RFC 5545 3.3.11),
    Vietnamese kept as UTF-8, no HTML in the description."""
    frozen(monkeypatch, at(2024, 1, 31, 10, 0))
    title = "Hội nghị cán bộ, viên chức; năm học 2023–2024 \\ Đảng uỷ"
    summary = "Dòng một, có dấu phẩy;\nDòng hai <b>đậm</b> & “ngoặc”"
    MeetingFactory(
        title=title,
        summary=summary,
        location="Hội trường A, tầng 2; nhà B",
        starts_at=at(2024, 2, 1, 8, 0),
    )

    response, cal = calendar(client)
    raw = response.content.decode("utf-8")
    unfolded = raw.replace("\r\n ", "")
    event = events_of(cal)[title]

    assert (
        "SUMMARY:Hội nghị cán bộ\\, viên chức\\; năm học 2023–2024 \\\\ Đảng uỷ"
        in unfolded
    )
    assert "LOCATION:Hội trường A\\, tầng 2\\; nhà B" in unfolded
    assert "Dòng một\\, có dấu phẩy\\;\\nDòng hai" in unfolded
    assert str(event["LOCATION"]) == "Hội trường A, tầng 2; nhà B"
    assert summary in str(event["DESCRIPTION"])


def test_the_feed_costs_two_queries(client, feed_week, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert client.get(FEED).status_code == 200


def test_an_empty_feed_still_names_its_zone(client, monkeypatch):
    frozen(monkeypatch, at(2024, 1, 31, 10, 0))

    _response, cal = calendar(client)

    assert cal.walk("VEVENT") == []
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]


def test_the_page_cache_serves_the_feed(client, settings, feed_week):
    """An anonymous GET like any page: stored, served again with its headers."""
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    try:
        first, second = client.get(FEED), client.get(FEED)
    finally:
        cache.clear()

    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert second.content == first.content
    assert second["Content-Type"] == "text/calendar; charset=utf-8"
    assert second["Content-Disposition"] == first["Content-Disposition"]


# ---------------------------------------------------------------- planned ahead


@pytest.fixture
def planned():
    """A meeting next week, not yet reported."""
    return MeetingFactory(
        title="Hội nghị đại biểu viên chức sắp tới",
        starts_at=timezone.now() + datetime.timedelta(days=7),
    )


def news_sections(client):
    """The meeting titles of /su-kien/ and the home page, and the meetings'
    sitemap's paths."""
    root = ET.fromstring(client.get("/sitemap-meetings.xml").content)
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    return {
        "list": text(client.get("/su-kien/")),
        "home": [m.title for m in client.get("/").context["meetings"]],
        "sitemap": {urlsplit(loc.text).path for loc in root.iter(f"{ns}loc")},
    }


def test_a_planned_meeting_is_in_the_schedule_not_the_news(client, planned):
    MeetingFactory(title="Hội nghị đã diễn ra")
    shown = news_sections(client)
    week = Week.containing(timezone.localtime(planned.starts_at, HANOI).date())

    assert "Hội nghị đã diễn ra" in shown["list"]
    assert planned.title not in shown["list"]
    assert planned.title not in shown["home"]
    assert planned.get_absolute_url() not in shown["sitemap"]
    schedule = client.get(URL, {"tuan": week.parameter})
    assert planned.title in text(schedule)
    # Its page is public, with the facts the schedule already gives.
    assert planned.get_absolute_url() in links(schedule)
    assert client.get(planned.get_absolute_url()).status_code == 200


def test_a_planned_meeting_reported_by_a_published_article_is_news(client, planned):
    ArticleFactory(meeting=planned, status="published", published_at=timezone.now())
    shown = news_sections(client)

    assert planned.title in shown["list"]
    assert planned.title in shown["home"]
    assert planned.get_absolute_url() in shown["sitemap"]


@pytest.mark.parametrize(
    "article",
    [
        {"status": "draft"},
        {"status": "review"},
        # Scheduled: published, its time not come.
        {"status": "published", "published_at": datetime.timedelta(days=1)},
    ],
)
def test_an_article_not_yet_public_does_not_bring_it_forward(client, planned, article):
    if "published_at" in article:
        article = {**article, "published_at": timezone.now() + article["published_at"]}
    ArticleFactory(meeting=planned, **article)
    shown = news_sections(client)

    assert planned.title not in shown["list"]
    assert planned.title not in shown["home"]
    assert planned.get_absolute_url() not in shown["sitemap"]


def test_a_planned_meeting_joins_the_news_once_it_begins(client, planned, monkeypatch):
    frozen(monkeypatch, planned.starts_at + datetime.timedelta(minutes=1))

    assert planned.title in news_sections(client)["home"]


def test_a_year_of_planned_meetings_only_is_no_filter_yet(client):
    later = timezone.localdate().year + 2
    MeetingFactory(starts_at=at(later, 3, 1, 8, 0))

    response = client.get("/su-kien/")

    assert later not in response.context["years"]
    assert client.get("/su-kien/", {"nam": later}).context["year"] is None


def test_on_the_news_counts_each_meeting_once(planned):
    """Two published articles about one meeting do not list it twice."""
    for _ in range(2):
        ArticleFactory(meeting=planned, status="published", published_at=timezone.now())
    MeetingFactory()

    assert Meeting.objects.on_the_news().count() == 2


# ---------------------------------------------------------------- sitemap


def test_the_sitemap_lists_the_schedule(client):
    root = ET.fromstring(client.get("/sitemap-schedule.xml").content)
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

    assert [loc.text for loc in root.iter(f"{ns}loc")] == [
        "http://testserver/lich-cong-tac/"
    ]
    assert "http://testserver/sitemap-schedule.xml" in client.get("/sitemap.xml").text


@pytest.mark.django_db
def test_a_meeting_an_import_made_waits_for_its_article(client):
    """Imported and not yet published: not in the week nor in the feed."""
    from tests.factories import MeetingFactory

    when = timezone.now()
    pending = MeetingFactory(
        title="Đại hội Chi đoàn nhập từ bài cũ", starts_at=when, pending_import=True
    )
    shown = MeetingFactory(title="Họp giao ban tuần", starts_at=when)
    page = client.get("/lich-cong-tac/").content.decode()
    feed = client.get("/lich-cong-tac.ics").content.decode()
    assert shown.title in page and shown.title in feed
    assert pending.title not in page and pending.title not in feed
