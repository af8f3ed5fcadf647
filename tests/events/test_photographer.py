"""The photographer (group "Nhiếp ảnh"): uploads, captions, tags and orders the
photos of any meeting, and is refused everything else by the server."""

import pytest
from django.urls import reverse

from events.models import Photo
from tests.events.test_uploads import jpeg_bytes, page_url, upload, upload_url
from tests.factories import (
    ArticleFactory,
    AwardFactory,
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
)

pytestmark = pytest.mark.django_db


def test_photographer_uploads_to_any_meeting(client, photographer):
    """The upload page opens and a photo is added, without the right to change the
    meeting; the page sends them on to the meeting's caption grid."""
    meeting = MeetingFactory()
    page = client.get(page_url(meeting))
    assert page.status_code == 200
    assert page.context["captions_url"] == reverse(
        "admin:events_meeting_captions", args=[meeting.pk]
    )
    response = client.post(
        upload_url(meeting), {"image": upload("a.jpg", jpeg_bytes((64, 48)))}
    )
    assert response.status_code == 201
    assert meeting.photos.count() == 1


def test_photographer_captions_and_orders_from_the_meetings_list(client, photographer):
    """The photo list filtered by meeting shows only its photos, and saves captions
    and order typed into the list."""
    meeting = MeetingFactory()
    first = PhotoFactory(meeting=meeting, order=1)
    second = PhotoFactory(meeting=meeting, order=2)
    PhotoFactory()
    url = reverse("admin:events_photo_changelist")
    response = client.get(url, {"meeting__id__exact": meeting.pk})
    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == {first, second}

    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-id": first.pk,
        "form-0-caption": "Toàn cảnh hội nghị",
        "form-0-order": "2",
        "form-1-id": second.pk,
        "form-1-caption": second.caption,
        "form-1-order": "1",
        "_save": "Lưu",
    }
    response = client.post(f"{url}?meeting__id__exact={meeting.pk}", data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.caption, first.order) == ("Toàn cảnh hội nghị", 2)


def test_photographer_tags_people_and_chooses_the_cover(client, photographer):
    """On a photo's form the photographer tags people and makes it the cover."""
    person = PersonFactory(full_name="Nguyễn Thị Hương")
    photo = PhotoFactory(caption="")
    data = {
        "meeting": photo.meeting.pk,
        "caption": "Đồng chí Nguyễn Thị Hương phát biểu",
        "people": [person.pk],
        "order": 3,
        "is_cover": "on",
        "focal_point": "center",
        "credit": "",
        "taken_at_0": "",
        "taken_at_1": "",
    }
    url = reverse("admin:events_photo_change", args=[photo.pk])
    assert client.post(url, data).status_code == 302
    photo.refresh_from_db()
    assert list(photo.people.all()) == [person]
    assert (photo.order, photo.is_cover) == (3, True)


def test_photographer_cannot_delete_others_photos(client, photographer):
    """Deleting a photo they did not upload is not theirs: 403, and the photo
    stays. (Their own: tests/events/test_roles_meetings.py.)"""
    photo = PhotoFactory()
    url = reverse("admin:events_photo_delete", args=[photo.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_photographer_cannot_change_the_meeting(client, photographer):
    """The meeting's form is read-only for them and a POST is 403."""
    meeting = MeetingFactory(title="Tên cũ")
    url = reverse("admin:events_meeting_change", args=[meeting.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"title": "Tên mới"}).status_code == 403
    meeting.refresh_from_db()
    assert meeting.title == "Tên cũ"


def test_photographer_sees_people_only_to_tag_them(client, photographer):
    """A person's form is read-only for them (the tag autocomplete needs to see
    people); a POST is 403."""
    person = PersonFactory(full_name="Tên cũ")
    url = reverse("admin:people_person_change", args=[person.pk])
    assert not client.get(url).context["has_change_permission"]
    assert client.post(url, {"full_name": "Tên mới"}).status_code == 403
    person.refresh_from_db()
    assert person.full_name == "Tên cũ"


@pytest.mark.parametrize(
    "url",
    [
        lambda: reverse("admin:news_article_changelist"),
        lambda: reverse("admin:news_article_add"),
        lambda: reverse("admin:news_article_change", args=[ArticleFactory().pk]),
        lambda: reverse("admin:people_person_add"),
        lambda: reverse("admin:awards_award_changelist"),
        lambda: reverse("admin:awards_award_change", args=[AwardFactory().pk]),
        lambda: reverse("admin:events_meeting_add"),
    ],
    ids=[
        "articles",
        "article-add",
        "article",
        "person-add",
        "awards",
        "award",
        "meeting-add",
    ],
)
def test_photographer_is_refused_everything_else(client, photographer, url):
    """Articles, people, awards and new meetings: 403 to open and to POST."""
    address = url()
    assert client.get(address).status_code == 403
    assert client.post(address, {}).status_code == 403
