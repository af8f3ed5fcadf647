"""Admin search and pickers ignore tone marks and match syllables from their start,
on SQLite and on PostgreSQL."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    HANOI,
    ArticleFactory,
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
    PositionFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def found(staff_client, model, query):
    url = reverse(f"admin:{model}_changelist")
    response = staff_client.get(url, {"q": query})
    assert response.status_code == 200
    return {str(row) for row in response.context["cl"].result_list}


@pytest.mark.parametrize("query", ["quang canh", "QUANG CẢNH", "Quang cảnh", "canh"])
def test_a_caption_is_found_without_its_tones(staff_client, query):
    """ "quang canh" finds "Quang cảnh Hội nghị", as the public search would."""
    PhotoFactory(caption="Quang cảnh Hội nghị tổng kết")
    PhotoFactory(caption="Đại biểu dự Hội nghị")

    assert found(staff_client, "events_photo", query) == {
        "Quang cảnh Hội nghị tổng kết"
    }


def test_a_photo_is_found_by_its_original_file_name(staff_client):
    """The phone's name for the file, IMG_2041.jpg, finds the photo."""
    photo = PhotoFactory(caption="Trao giấy khen")
    photo.original_name = "IMG_2041.jpg"
    photo.save()
    PhotoFactory(caption="Ảnh khác")

    assert found(staff_client, "events_photo", "img_2041") == {"Trao giấy khen"}
    assert found(staff_client, "events_photo", "2041") == {"Trao giấy khen"}


def test_a_syllable_matches_from_its_start(staff_client):
    """ "anh" is not "cảnh": a word must begin with what was typed."""
    PhotoFactory(caption="Quang cảnh Hội nghị")
    assert found(staff_client, "events_photo", "anh") == set()


@pytest.mark.parametrize("query", ["dang uy", "Đảng ủy", "ĐẢNG UỶ", "đảng uỷ"])
def test_old_and_new_tone_placement_find_the_same_articles(staff_client, query):
    """ "Đảng uỷ" and "Đảng ủy" are one word to the admin's search."""
    ArticleFactory(title="Hội nghị Ban Chấp hành Đảng uỷ")
    ArticleFactory(title="Nghị quyết của Đảng ủy Nhà trường")
    ArticleFactory(title="Tuyển sinh cao đẳng chính quy")

    assert found(staff_client, "news_article", query) == {
        "Hội nghị Ban Chấp hành Đảng uỷ",
        "Nghị quyết của Đảng ủy Nhà trường",
    }


def test_an_article_is_found_by_a_word_of_its_body(staff_client):
    """The body's words count too, tones ignored."""
    ArticleFactory(title="Tin ngắn", body="<p>Lễ trao bằng khen cho các tập thể.</p>")
    ArticleFactory(title="Tin khác")
    assert found(staff_client, "news_article", "bang khen") == {"Tin ngắn"}


def test_a_meeting_is_found_by_its_place(staff_client):
    """ "hoi truong" finds the meeting held in the Hội trường."""
    MeetingFactory(title="Hội nghị A", location="Hội trường Nhà trường")
    MeetingFactory(title="Hội nghị B", location="Phòng họp số 2")
    assert found(staff_client, "events_meeting", "hoi truong") == {"Hội nghị A"}


def autocomplete(client, model, field, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": model, "field_name": field, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_the_person_picker_finds_yen_not_every_nguyen(
    staff_client, django_assert_max_num_queries
):
    """Typing "yến" in an attendee's person picker offers the two Yến, each with
    their current position, and not Nguyễn Văn Hùng; in a fixed number of queries."""
    board = UnitFactory(name="Ban Giám hiệu")
    ngo = PersonFactory(full_name="Ngô Thị Yến")
    PositionFactory(person=ngo, title="Phó Hiệu trưởng", unit=board)
    PersonFactory(full_name="Nguyễn Thị Yến", honorific="ThS.")
    PersonFactory(full_name="Nguyễn Văn Hùng")

    # Session and user, the count, the page, its positions: whatever the results.
    with django_assert_max_num_queries(6):
        names = autocomplete(staff_client, "attendee", "person", "yến")

    assert sorted(names) == ["Ngô Thị Yến – Phó Hiệu trưởng", "ThS. Nguyễn Thị Yến"]


def test_the_meeting_picker_shows_dates(staff_client):
    """Two "Hội nghị tổng kết" a year apart are told apart by their dates."""
    MeetingFactory(
        title="Hội nghị tổng kết công tác",
        starts_at=datetime.datetime(2024, 1, 31, 14, 0, tzinfo=HANOI),
    )
    MeetingFactory(
        title="Hội nghị tổng kết công tác",
        starts_at=datetime.datetime(2025, 1, 23, 8, 0, tzinfo=HANOI),
    )

    names = autocomplete(staff_client, "photo", "meeting", "tong ket")

    assert sorted(names) == [
        "Hội nghị tổng kết công tác – 23/01/2025",
        "Hội nghị tổng kết công tác – 31/01/2024",
    ]
