"""The admin's lists stay cheap with 100,000 articles: a search counts up to a cap,
the month and year filters do not read the whole table, the photo list does not
list every meeting, and a search across attendees needs no DISTINCT."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.admin_tools import CappedAdminPaginator, parse_month, recent_months
from tests.factories import (
    HANOI,
    ArticleFactory,
    AttendeeFactory,
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:news_article_changelist")
MEETINGS = reverse("admin:events_meeting_changelist")
PHOTOS = reverse("admin:events_photo_changelist")


def listed(response):
    assert response.status_code == 200
    return [str(row) for row in response.context["cl"].result_list]


def page_sql(client, url, params=None):
    client.get(url, params)  # the session's first use
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return response, [q["sql"] for q in queries.captured_queries]


# ------------------------------------------------------------------ search


def test_hoi_nghi_finds_hoi_nghi(staff_client):
    """Typed without tone marks, the words find the article that has them."""
    ArticleFactory(title="Hội nghị tổng kết năm học")
    ArticleFactory(title="Lễ khai giảng")
    assert listed(staff_client.get(ARTICLES, {"q": "hoi nghi"})) == [
        "Hội nghị tổng kết năm học"
    ]


def test_a_search_counts_up_to_the_cap_and_says_so(staff_client, monkeypatch):
    """Past the cap the list says "hơn 3 kết quả", and pages stop at the cap."""
    monkeypatch.setattr(CappedAdminPaginator, "cap", 3)
    monkeypatch.setattr("news.admin.ArticleAdmin.list_per_page", 2)
    for number in range(5):
        ArticleFactory(title=f"Hội nghị số {number}")

    response = staff_client.get(ARTICLES, {"q": "hoi nghi"})

    html = response.content.decode()
    assert response.context["cl"].paginator.capped
    assert "hơn 3 kết quả" in html
    assert "hơn 3 bài viết" in html
    assert len(listed(response)) == 2


def test_a_search_under_the_cap_is_counted_exactly(staff_client):
    ArticleFactory(title="Hội nghị số 1")
    ArticleFactory(title="Hội nghị số 2")
    response = staff_client.get(ARTICLES, {"q": "hoi nghi"})
    html = response.content.decode()
    assert not response.context["cl"].paginator.capped
    assert "2 kết quả" in html
    assert "hơn" not in html.split('id="changelist-search"')[1].split("</form>")[0]


def test_a_search_is_one_capped_count_and_the_page(staff_client):
    """No count of the whole table beside the search, and no DISTINCT: the count
    stops at the cap (a LIMIT inside it)."""
    for number in range(3):
        ArticleFactory(title=f"Hội nghị số {number}")
    _response, sql = page_sql(staff_client, ARTICLES, {"q": "hoi nghi"})
    articles = [q for q in sql if 'FROM "news_article"' in q]
    counts = [q for q in articles if "COUNT(" in q.upper()]
    assert len(counts) == 1
    assert "LIMIT 1001" in counts[0]
    assert not any("DISTINCT" in q.upper() for q in articles)


def test_a_meeting_is_found_once_by_two_attendees_without_distinct(staff_client):
    """Two attendees named Nguyễn: the meeting is listed once, found in a
    subquery rather than a join the list would have to make distinct."""
    meeting = MeetingFactory(title="Hội nghị cán bộ")
    AttendeeFactory(meeting=meeting, person=PersonFactory(full_name="Nguyễn Văn An"))
    AttendeeFactory(meeting=meeting, person=PersonFactory(full_name="Nguyễn Thị Bình"))
    MeetingFactory(title="Lễ tốt nghiệp")

    response, sql = page_sql(staff_client, MEETINGS, {"q": "nguyen"})

    assert listed(response) == ["Hội nghị cán bộ"]
    assert not any("DISTINCT" in q.upper() for q in sql)


def test_the_meeting_list_counts_attendees_and_photos(staff_client):
    meeting = MeetingFactory(title="Hội nghị có ảnh")
    AttendeeFactory(meeting=meeting)
    for _photo in range(3):
        PhotoFactory(meeting=meeting)
    MeetingFactory(title="Hội nghị chưa có ảnh")

    response = staff_client.get(MEETINGS)

    counts = {
        m.title: (m._attendees, m._photos) for m in response.context["cl"].result_list
    }
    assert counts == {"Hội nghị có ảnh": (1, 3), "Hội nghị chưa có ảnh": (0, 0)}
    # Sorted by the number of photos, most first.
    by_photos = staff_client.get(MEETINGS, {"o": "-6"})
    assert listed(by_photos)[0] == "Hội nghị có ảnh"


# ------------------------------------------------------------------ month and year


def test_the_month_filter_asks_the_database_nothing(staff_client):
    """The last twelve months are offered without reading the articles' dates."""
    ArticleFactory(title="Tin cũ", published_at=timezone.now())
    response, sql = page_sql(staff_client, ARTICLES)
    assert not any("TRUNC" in q.upper() or "DISTINCT" in q.upper() for q in sql)
    today = timezone.localdate()
    html = response.content.decode()
    assert f"{today:%m/%Y}" in html
    assert "Tháng khác (tháng/năm)" in html


@pytest.mark.parametrize("typed", ["01/2020", "2020-01", " 1/2020 "])
def test_any_month_can_be_typed(staff_client, typed):
    old = ArticleFactory(
        title="Tin tháng 1/2020",
        published_at=datetime.datetime(2020, 1, 15, 9, 0, tzinfo=HANOI),
    )
    ArticleFactory(
        title="Tin tháng 2/2020",
        published_at=datetime.datetime(2020, 2, 15, 9, 0, tzinfo=HANOI),
    )
    response = staff_client.get(ARTICLES, {"thang": typed})
    assert listed(response) == [old.title]
    assert 'value="01/2020"' in response.content.decode()


@pytest.mark.parametrize("typed", ["13/2020", "abc", "2020", "00/2020", "1/20"])
def test_a_month_that_is_not_one_lists_nothing(staff_client, typed):
    ArticleFactory(title="Tin", published_at=timezone.now())
    assert listed(staff_client.get(ARTICLES, {"thang": typed})) == []


def test_months_and_their_parsing():
    assert recent_months(datetime.date(2024, 2, 10), 3) == [
        (2024, 2),
        (2024, 1),
        (2023, 12),
    ]
    assert parse_month("02/2024") == (2024, 2)
    assert parse_month("2024-02") == (2024, 2)
    assert parse_month("2024-13") is None
    assert parse_month("") is None


def test_the_year_filter_offers_first_to_last_year(staff_client):
    """One MIN/MAX question; every year between is offered."""
    MeetingFactory(
        title="Hội nghị 2021",
        starts_at=datetime.datetime(2021, 5, 1, 8, 0, tzinfo=HANOI),
    )
    MeetingFactory(
        title="Hội nghị 2024",
        starts_at=datetime.datetime(2024, 1, 31, 8, 0, tzinfo=HANOI),
    )
    response, sql = page_sql(staff_client, MEETINGS)
    year_filter = next(
        spec for spec in response.context["cl"].filter_specs if spec.title == "năm"
    )
    assert [value for value, _label in year_filter.lookup_choices] == [
        "2024",
        "2023",
        "2022",
        "2021",
    ]
    assert not any("TRUNC" in q.upper() for q in sql)
    assert listed(staff_client.get(MEETINGS, {"nam": "2021"})) == ["Hội nghị 2021"]


def test_the_meeting_list_has_no_date_hierarchy(staff_client):
    """It listed every meeting's year on each view; the year and month filters
    replace it."""
    MeetingFactory()
    response = staff_client.get(MEETINGS)
    assert response.context["cl"].date_hierarchy is None


# ------------------------------------------------------------------ meeting filter


def meeting_filter(response):
    return next(
        spec
        for spec in response.context["cl"].filter_specs
        if getattr(spec, "field_path", None) == "meeting"
    )


def test_the_photo_list_does_not_list_every_meeting(staff_client):
    for number in range(5):
        PhotoFactory(meeting=MeetingFactory(title=f"Hội nghị số {number}"))
    response = staff_client.get(PHOTOS)
    html = response.content.decode()
    assert meeting_filter(response).lookup_choices == []
    assert "Hội nghị số 3 –" not in html
    assert 'name="tim_meeting"' in html
    assert "Tìm sự kiện theo từ hoặc số" in html


def test_a_meeting_is_found_by_its_words_without_tones(staff_client):
    wanted = MeetingFactory(
        title="Hội nghị tổng kết",
        starts_at=datetime.datetime(2024, 1, 31, 14, 0, tzinfo=HANOI),
    )
    PhotoFactory(meeting=wanted, caption="Quang cảnh")
    PhotoFactory(meeting=MeetingFactory(title="Lễ khai giảng"), caption="Khai mạc")

    response = staff_client.get(PHOTOS, {"tim_meeting": "tong ket"})

    spec = meeting_filter(response)
    assert spec.lookup_choices == [(wanted.pk, "Hội nghị tổng kết – 31/01/2024")]
    html = response.content.decode()
    assert f"?meeting__id__exact={wanted.pk}" in html
    # Searching for a meeting does not filter the photos yet.
    assert len(listed(response)) == 2
    # Its link filters them, and shows the meeting as chosen.
    chosen = staff_client.get(PHOTOS, {"meeting__id__exact": wanted.pk})
    assert listed(chosen) == ["Quang cảnh"]
    assert meeting_filter(chosen).lookup_choices == [
        (wanted.pk, "Hội nghị tổng kết – 31/01/2024")
    ]


def test_a_meeting_is_found_by_its_number(staff_client):
    wanted = MeetingFactory(title="Lễ khai giảng")
    MeetingFactory(title="Hội nghị khác")
    response = staff_client.get(PHOTOS, {"tim_meeting": str(wanted.pk)})
    assert [pk for pk, _label in meeting_filter(response).lookup_choices] == [wanted.pk]


def test_nothing_found_is_said(staff_client):
    MeetingFactory(title="Lễ khai giảng")
    response = staff_client.get(PHOTOS, {"tim_meeting": "khong co gi"})
    assert "Không tìm thấy" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"tim_meeting": "x" * 5000},
        {"tim_meeting": "\x00"},
        {"meeting__id__exact": "abc"},
        {"thang": "\x00"},
    ],
)
def test_bad_filter_input_is_no_error(staff_client, params):
    PhotoFactory()
    assert staff_client.get(PHOTOS, params).status_code in {200, 302}


def test_the_organiser_filter_is_found_by_typing_too(staff_client):
    unit = UnitFactory(name="Đoàn Thanh niên")
    MeetingFactory(organizer=unit)
    MeetingFactory(organizer=UnitFactory(name="Công đoàn"))
    response = staff_client.get(MEETINGS, {"tim_organizer": "doan thanh"})
    organizer = next(
        spec
        for spec in response.context["cl"].filter_specs
        if getattr(spec, "field_path", None) == "organizer"
    )
    assert [pk for pk, _label in organizer.lookup_choices] == [unit.pk]
