"""The media library: every stored photo, found without tone marks, by person,
meeting, date or file name; where each photo is used; who may open it."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events import library
from events.templatetags.photos import photo_url
from news.roles import PHOTOGRAPHER
from tests.factories import (
    ArticleFactory,
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
    UserFactory,
    role_user,
)

pytestmark = pytest.mark.django_db

URL = reverse("admin:events_photo_library")
HANOI = datetime.timezone(datetime.timedelta(hours=7))


def found(response):
    return [item["photo"] for item in response.context["items"]]


@pytest.fixture
def photos():
    """A conference hall, a person on stage, and a photo without an image."""
    conference = MeetingFactory(
        title="Hội nghị tổng kết công tác năm 2023",
        starts_at=datetime.datetime(2024, 1, 31, 14, tzinfo=HANOI),
    )
    ceremony = MeetingFactory(
        title="Lễ khai giảng năm học mới",
        starts_at=datetime.datetime(2023, 9, 5, 8, tzinfo=HANOI),
    )
    hall = PhotoFactory(
        meeting=conference,
        caption="Quang cảnh hội trường",
        image__filename="DSC_0412.JPG",
    )
    speaker = PhotoFactory(meeting=ceremony, caption="Phát biểu khai mạc")
    speaker.people.set([PersonFactory(full_name="Nguyễn Thị Yến")])
    PhotoFactory(meeting=conference, caption="Chưa có ảnh", image="")
    return {"hall": hall, "speaker": speaker}


def test_caption_words_without_tone_marks_find_the_photo(staff_client, photos):
    """ "quang canh" finds "Quang cảnh hội trường"; a photo without an image is
    never in the library."""
    response = staff_client.get(URL, {"q": "quang canh"})
    assert response.status_code == 200
    assert found(response) == [photos["hall"]]
    everything = found(staff_client.get(URL))
    assert everything == [photos["speaker"], photos["hall"]]


def test_search_by_person_meeting_and_file_name(staff_client, photos):
    """A tagged person's name, the meeting's title (tones left off) and the
    original file name each find their photo."""
    assert found(staff_client.get(URL, {"q": "nguyen thi yen"})) == [photos["speaker"]]
    assert found(staff_client.get(URL, {"q": "khai giang"})) == [photos["speaker"]]
    assert found(staff_client.get(URL, {"q": "hoi nghi tong ket"})) == [photos["hall"]]
    assert found(staff_client.get(URL, {"q": "DSC_0412"})) == [photos["hall"]]
    assert found(staff_client.get(URL, {"q": "khong co gi"})) == []


def test_year_and_month_use_the_taken_date_else_the_meetings(staff_client, photos):
    """A photo's own date wins; without one, its meeting's date counts."""
    hall = photos["hall"]
    hall.taken_at = datetime.datetime(2023, 12, 30, 9, tzinfo=HANOI)
    hall.save()
    assert found(staff_client.get(URL, {"nam": "2023"})) == [photos["speaker"], hall]
    assert found(staff_client.get(URL, {"nam": "2023", "thang": "9"})) == [
        photos["speaker"]
    ]
    assert found(staff_client.get(URL, {"thang": "12"})) == [hall]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "9999"},
        {"page": "abc"},
        {"page": "-1"},
        {"nam": "abc"},
        {"nam": "1850"},
        {"thang": "13"},
        {"thang": "x"},
        {"q": "x" * 500},
        {"q": "%_\\'\""},
        {"CKEditorFuncNum": "1);alert(1"},
        {"chon": "khac"},
    ],
)
def test_bad_parameters_give_a_page_not_an_error(staff_client, photos, params):
    """Past the last page, letters for numbers, a very long query, a forged
    function number: a page, never a 500."""
    response = staff_client.get(URL, params)
    assert response.status_code == 200
    assert "alert(1" not in response.content.decode()


def test_a_page_past_the_end_shows_the_last(staff_client, photos, monkeypatch):
    monkeypatch.setattr(library, "PER_PAGE", 1)
    response = staff_client.get(URL, {"page": "50"})
    assert response.context["page_obj"].number == 2
    assert found(response) == [photos["hall"]]


def test_a_bad_filter_is_named_in_vietnamese(staff_client, photos):
    response = staff_client.get(URL, {"thang": "13"})
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert found(response) == [photos["speaker"], photos["hall"]]


def test_the_query_count_does_not_grow_with_the_page(staff_client):
    """3 photos or 30 (each used by articles), the page costs the same queries."""
    counts = []
    for size in (3, 30):
        for _number in range(size):
            photo = PhotoFactory(meeting=MeetingFactory())
            photo.people.set([PersonFactory()])
            ArticleFactory(cover_photo=photo)
            ArticleFactory(body=f'<p><img src="{photo.image.url}" alt="x"></p>')
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(URL, {"q": "anh"})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_used_in_lists_meeting_cover_articles_and_body_articles(staff_client, photos):
    """The meeting whose gallery shows it, the articles it is the cover of, and
    those whose body shows one of its files (a rendition's address counts)."""
    hall = photos["hall"]
    cover = ArticleFactory(title="Bài có ảnh bìa", cover_photo=hall)
    rendition = hall.image.name.rsplit(".", 1)[0] + "/1024.jpg"
    in_body = ArticleFactory(
        title="Bài có ảnh trong nội dung",
        body=f'<p><img src="/media/{rendition}" alt="Quang cảnh"></p>',
    )
    ArticleFactory(title="Bài không liên quan")
    response = staff_client.get(URL, {"q": "quang canh"})
    uses = response.context["items"][0]["uses"]
    assert [(use.kind, use.title) for use in uses] == [
        ("Bộ ảnh của sự kiện", hall.meeting.title),
        ("Ảnh bìa của bài viết", cover.title),
        ("Ảnh trong nội dung bài viết", in_body.title),
    ]
    page = response.content.decode()
    assert "Dùng ở (3)" in page
    assert reverse("admin:news_article_change", args=[cover.pk]) in page

    form = staff_client.get(reverse("admin:events_photo_change", args=[hall.pk]))
    text = form.content.decode()
    for title in (hall.meeting.title, cover.title, in_body.title):
        assert title in text
    assert "Bài không liên quan" not in text


def test_a_body_links_the_photos_it_shows_by_exact_address(photos):
    """The master's address or a rendition's links the photo; another file whose
    name merely begins the same way, or an editor upload, links nothing; editing
    the image out of the body unlinks it."""
    hall = photos["hall"]
    stem = hall.image.name.rsplit(".", 1)[0]
    article = ArticleFactory(
        body=(
            f'<p><img src="/media/{stem}/640.webp" alt="x"></p>'
            f'<p><img src="/media/{stem}-ban-sao.jpg" alt="x"></p>'
            '<p><img src="/media/editor/2024/01/khac.jpg" alt="x"></p>'
        )
    )
    assert list(article.body_photos.all()) == [hall]
    article.body = "<p>Không còn ảnh.</p>"
    article.save()
    assert not article.body_photos.exists()


def test_reporter_and_photographer_may_open_it(client, reporter, photos):
    assert client.get(URL).status_code == 200
    client.force_login(role_user(PHOTOGRAPHER, "nhiepanh"))
    assert client.get(URL).status_code == 200


def test_staff_without_rights_are_refused_in_vietnamese(client, photos):
    """A staff account with neither right is refused (403); a visitor is sent to
    log in; neither sees a photo."""
    client.force_login(UserFactory(username="khach", is_staff=True))
    response = client.get(URL)
    assert response.status_code == 403
    assert "Quang cảnh" not in response.content.decode()
    assert "quyền" in response.content.decode()
    client.logout()
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_only_get_is_answered(staff_client, photos):
    assert staff_client.post(URL).status_code == 405


def test_cover_chooser_mode(staff_client, photos):
    """Opened from the article form, each photo is a button carrying its id,
    thumbnail and alternative text, and the page keeps the mode across searches."""
    response = staff_client.get(URL, {"chon": "bia"})
    page = response.content.decode()
    assert response.context["mode"] == "bia"
    assert f'data-photo-id="{photos["hall"].pk}"' in page
    assert 'name="chon" value="bia"' in page
    assert "Chọn ảnh này" in page


def test_editor_chooser_mode_hands_a_rendition_and_the_caption(staff_client, photos):
    response = staff_client.get(
        URL, {"CKEditor": "id_body", "CKEditorFuncNum": "7", "langCode": "vi"}
    )
    page = response.content.decode()
    assert response.context["mode"] == "editor"
    assert 'data-func-num="7"' in page
    rendition = photo_url(photos["hall"], 1024)
    assert rendition.endswith(".jpg")
    assert f'data-url="{rendition}"' in page
    assert 'data-alt="Quang cảnh hội trường"' in page
    assert 'name="CKEditorFuncNum" value="7"' in page


def test_a_forged_function_number_is_refused_and_never_echoed(staff_client, photos):
    response = staff_client.get(URL, {"CKEditorFuncNum": "1);alert(1"})
    assert response.context["mode"] == ""
    assert 'data-func-num=""' in response.content.decode()
    assert "Yêu cầu từ trình soạn thảo không hợp lệ" in response.content.decode()


def test_the_date_shown_is_the_local_day(staff_client, photos):
    hall = photos["hall"]
    hall.taken_at = timezone.make_aware(datetime.datetime(2024, 1, 31, 23, 30), HANOI)
    hall.save()
    response = staff_client.get(URL, {"q": "quang canh"})
    assert response.context["items"][0]["date"] == "31/01/2024"


def test_the_editor_and_the_photo_list_lead_to_the_library(staff_client):
    """CKEditor's image dialog browses the library, and the photo list links to it."""
    article = ArticleFactory()
    form = staff_client.get(reverse("admin:news_article_change", args=[article.pk]))
    config = html.unescape(form.content.decode())
    assert f'"filebrowserImageBrowseUrl": "{URL}"' in config
    photos = staff_client.get(reverse("admin:events_photo_changelist"))
    assert f'href="{URL}"' in photos.content.decode()
