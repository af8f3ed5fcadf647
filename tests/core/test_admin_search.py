"""Admin search and pickers ignore tone marks and match syllables from their start,
on SQLite and on PostgreSQL."""

import pytest
from django.urls import reverse

from tests.factories import (
    ArticleFactory,
    AttendeeFactory,
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
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


def test_the_person_picker_finds_yen_not_every_nguyen(staff_client):
    """Typing "yến" in an attendee's person picker offers the Yến, not the Nguyễn."""
    PersonFactory(full_name="Ngô Thị Yến")
    PersonFactory(full_name="Nguyễn Thị Yến")
    PersonFactory(full_name="Nguyễn Văn Hùng")
    AttendeeFactory()  # the picker's field belongs to an existing model admin

    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "events",
            "model_name": "attendee",
            "field_name": "person",
            "term": "yến",
        },
    )

    assert response.status_code == 200
    names = {result["text"] for result in response.json()["results"]}
    assert {"Ngô Thị Yến", "Nguyễn Thị Yến"} <= {n.split(" (")[0] for n in names}
    assert not any("Hùng" in name for name in names)
