"""An upload names the meeting's photos it repeats and warns of blurred or dark
shots; the uploader may discard the new photo from the upload page."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse
from PIL import Image

from events.duplicates import same_shots
from events.models import Photo
from tests.factories import MeetingFactory, PhotoFactory
from tests.photo_samples import blurred, darkened, jpeg, scene

pytestmark = pytest.mark.django_db


def staff_user(django_user_model, username, *codenames):
    user = django_user_model.objects.create_user(username, password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def uploader(django_user_model):
    """A photographer: may see meetings, add photos and delete only the ones they
    uploaded (news.roles)."""
    return staff_user(
        django_user_model, "nhiepanh", "view_meeting", "add_photo", "delete_own_photo"
    )


@pytest.fixture
def uploader_client(client, uploader):
    client.force_login(uploader)
    return client


@pytest.fixture
def meeting():
    return MeetingFactory()


def send(client, meeting, content, name="anh.jpg"):
    """Upload ``content`` to ``meeting``; return the JSON answer."""
    response = client.post(
        reverse("admin:events_meeting_upload_photo", args=[meeting.pk]),
        {"image": SimpleUploadedFile(name, content, "image/jpeg")},
    )
    assert response.status_code == 201, response.content
    return response.json()


def discard_url(meeting_pk, photo_pk):
    return reverse("admin:events_meeting_discard_photo", args=[meeting_pk, photo_pk])


# ---------------------------------------------------------------- duplicates


def test_the_same_photo_twice_names_the_first(uploader_client, meeting):
    """The second upload of a file names the first photo (its number, name and
    thumbnail, at distance 0); the first upload named nothing. Both are saved."""
    content = jpeg(scene(1))
    first = send(uploader_client, meeting, content, "IMG_0001.jpg")
    second = send(uploader_client, meeting, content, "IMG_0001 (1).jpg")
    assert first["duplicates"] == []
    assert second["duplicates"] == [
        {
            "id": first["id"],
            "thumbnail": first["thumbnail"],
            "name": "IMG_0001.jpg",
            "order": 1,
            "caption": "",
            "distance": 0,
        }
    ]
    assert second["discard_url"] == discard_url(meeting.pk, second["id"])
    assert Photo.objects.filter(meeting=meeting).count() == 2


def test_a_resized_copy_is_a_near_duplicate(uploader_client, meeting):
    """The same shot sent again smaller and more compressed (as chat apps do) is
    named too, a few bits away."""
    photo = scene(2)
    first = send(uploader_client, meeting, jpeg(photo, 92))
    copy = send(uploader_client, meeting, jpeg(photo.resize((640, 480)), 60))
    [duplicate] = copy["duplicates"]
    assert duplicate["id"] == first["id"]
    assert 0 <= duplicate["distance"] <= 6


def test_a_different_photo_names_nothing(uploader_client, meeting):
    """Two different shots of a meeting are not duplicates."""
    send(uploader_client, meeting, jpeg(scene(3)))
    assert send(uploader_client, meeting, jpeg(scene(4)))["duplicates"] == []


def test_the_same_photo_in_another_meeting_is_not_a_duplicate(uploader_client):
    """Only the meeting's own photos are compared."""
    content = jpeg(scene(5))
    send(uploader_client, MeetingFactory(), content)
    assert send(uploader_client, MeetingFactory(), content)["duplicates"] == []


def test_the_search_reads_the_meetings_hashes_in_one_query(
    uploader_client, meeting, django_assert_num_queries
):
    """One query of the meeting's hashes when nothing matches; a second for the
    photos that do."""
    for seed in range(4):
        send(uploader_client, meeting, jpeg(scene(seed)))
    unmeasured = PhotoFactory(meeting=meeting)
    Photo.objects.filter(pk=unmeasured.pk).update(phash="")
    newest = Photo.objects.filter(meeting=meeting).order_by("-pk")[1]
    with django_assert_num_queries(1):
        assert same_shots(Photo(meeting=meeting, phash="f" * 16)) == []
    with django_assert_num_queries(2):
        [(found, distance)] = same_shots(Photo(meeting=meeting, phash=newest.phash))
    assert (found, distance) == (newest, 0)


# ---------------------------------------------------------------- bad shots


def test_the_measures_are_stored_on_the_photo(uploader_client, meeting):
    """The hash, sharpness and brightness are kept; a good photo gets no warning."""
    answer = send(uploader_client, meeting, jpeg(scene(6)))
    photo = Photo.objects.get(pk=answer["id"])
    assert len(photo.phash) == 16
    assert photo.sharpness > 100 and 45 < photo.brightness < 255
    assert answer["warnings"] == [] == photo.quality_warnings


def test_a_blurred_photo_is_flagged(uploader_client, meeting):
    """An out-of-focus shot is saved with "Ảnh có vẻ bị mờ"."""
    answer = send(uploader_client, meeting, jpeg(blurred(scene(7))))
    assert answer["warnings"] == ["Ảnh có vẻ bị mờ"]
    assert Photo.objects.filter(pk=answer["id"]).exists()


def test_a_dark_photo_is_flagged(uploader_client, meeting):
    """A shot in a dark hall is saved with "Ảnh quá tối"."""
    answer = send(uploader_client, meeting, jpeg(darkened(scene(8), 0.2)))
    assert "Ảnh quá tối" in answer["warnings"]


def test_a_photo_names_its_own_warnings():
    """Photo.quality_warnings gives the badges other pages show: both for a
    blurred dark photo, none for a good or an unmeasured one."""
    bad = Photo(sharpness=12.0, brightness=20.0)
    assert [str(w) for w in bad.quality_warnings] == ["Ảnh có vẻ bị mờ", "Ảnh quá tối"]
    assert Photo(sharpness=400.0, brightness=120.0).quality_warnings == []
    assert Photo().quality_warnings == []


# ---------------------------------------------------------------- discarding


def test_the_uploader_discards_the_new_photo_and_its_files(
    uploader_client, meeting, django_capture_on_commit_callbacks
):
    """ "Bỏ ảnh vừa tải" deletes the row, then its master and renditions."""
    content = jpeg(scene(9))
    first = send(uploader_client, meeting, content)
    second = send(uploader_client, meeting, content)
    photo = Photo.objects.get(pk=second["id"])
    names = photo.file_names()
    assert names and all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        response = uploader_client.post(second["discard_url"])
    assert response.status_code == 200
    assert response.json() == {"deleted": second["id"]}
    assert list(Photo.objects.filter(meeting=meeting)) == [
        Photo.objects.get(pk=first["id"])
    ]
    assert not any(default_storage.exists(name) for name in names)


def test_an_editor_who_may_delete_photos_discards_anyones(
    uploader_client, meeting, django_user_model
):
    """The right to delete photos in the admin covers discarding them here."""
    answer = send(uploader_client, meeting, jpeg(scene(10)))
    editor = staff_user(django_user_model, "bientap", "view_meeting", "delete_photo")
    client = Client()
    client.force_login(editor)
    assert client.post(answer["discard_url"]).status_code == 200
    assert not Photo.objects.filter(pk=answer["id"]).exists()


def assert_refused(response, status, words):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert words in response.json()["error"]


def test_another_users_photo_is_not_discarded(
    uploader_client, meeting, django_user_model, settings
):
    """Someone who neither uploaded the photo nor may delete photos is refused in
    Vietnamese; the photo and its files stay."""
    answer = send(uploader_client, meeting, jpeg(scene(11)))
    other = staff_user(django_user_model, "nhiepanh2", "view_meeting", "add_photo")
    client = Client()
    client.force_login(other)
    response = client.post(answer["discard_url"])
    assert_refused(response, 403, "do chính mình tải lên")
    photo = Photo.objects.get(pk=answer["id"])
    assert all(default_storage.exists(name) for name in photo.file_names())


def test_a_photo_of_another_meeting_is_not_discarded(uploader_client, meeting):
    """The address names the meeting: a photo of another one is refused, even
    the uploader's own."""
    answer = send(uploader_client, meeting, jpeg(scene(12)))
    elsewhere = MeetingFactory()
    response = uploader_client.post(discard_url(elsewhere.pk, answer["id"]))
    assert_refused(response, 404, "không thuộc sự kiện này")
    assert Photo.objects.filter(pk=answer["id"]).exists()


def test_a_photo_already_gone_is_a_message(uploader_client, meeting):
    """Discarding twice: the second time says the photo is already gone."""
    answer = send(uploader_client, meeting, jpeg(scene(13)))
    assert uploader_client.post(answer["discard_url"]).status_code == 200
    assert_refused(uploader_client.post(answer["discard_url"]), 404, "đã bị xoá")


def test_a_database_failure_discards_nothing(uploader_client, meeting, monkeypatch):
    """If the deletion fails, the answer says so in Vietnamese and the photo and
    its files stay."""
    answer = send(uploader_client, meeting, jpeg(scene(16)))

    def fail(*args, **kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(Photo, "delete", fail)
    response = uploader_client.post(answer["discard_url"])
    assert_refused(response, 500, "Không bỏ được ảnh")
    photo = Photo.objects.get(pk=answer["id"])
    assert all(default_storage.exists(name) for name in photo.file_names())


def test_get_does_not_discard(uploader_client, meeting):
    """Only the page's POST discards; a GET (a link, a prefetch) is refused."""
    answer = send(uploader_client, meeting, jpeg(scene(14)))
    response = uploader_client.get(answer["discard_url"])
    assert_refused(response, 405, "Chỉ bỏ được ảnh")
    assert response["Allow"] == "POST"
    assert Photo.objects.filter(pk=answer["id"]).exists()


def test_other_methods_are_refused_in_json(uploader_client, meeting):
    """A DELETE is refused before the view, in the JSON the page reads."""
    answer = send(uploader_client, meeting, jpeg(scene(15)))
    response = uploader_client.delete(answer["discard_url"])
    assert response.status_code == 405
    assert response.json()["error"]
    assert Photo.objects.filter(pk=answer["id"]).exists()


def test_the_csrf_token_is_required(uploader, meeting):
    """A discard posted from another site is refused, in JSON; nothing changes."""
    photo = PhotoFactory(meeting=meeting, uploaded_by=uploader)
    client = Client(enforce_csrf_checks=True)
    client.force_login(uploader)
    response = client.post(discard_url(meeting.pk, photo.pk))
    assert response.status_code == 403
    assert response.json()["error"]
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_visitors_are_sent_to_the_login_page(client, meeting):
    """Someone signed out is sent to sign in; nothing is deleted."""
    photo = PhotoFactory(meeting=meeting)
    response = client.post(discard_url(meeting.pk, photo.pk))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert Photo.objects.filter(pk=photo.pk).exists()


# ---------------------------------------------------------------- stored photos


def test_photos_stored_before_measuring_are_measured_by_the_command(meeting):
    """``regenerate_renditions --measures`` fills the hash, sharpness and
    brightness of photos that have none, and leaves measured ones alone."""
    old = PhotoFactory(meeting=meeting)
    Photo.objects.filter(pk=old.pk).update(phash="", sharpness=None, brightness=None)
    measured = PhotoFactory(meeting=meeting)
    Photo.objects.filter(pk=measured.pk).update(phash="0123456789abcdef")
    call_command("regenerate_renditions", measures=True, verbosity=0)
    old.refresh_from_db()
    measured.refresh_from_db()
    assert len(old.phash) == 16
    assert old.sharpness is not None and old.brightness is not None
    assert measured.phash == "0123456789abcdef"


def test_regenerating_renditions_measures_again(meeting):
    """Regenerating a photo's renditions measures its master again."""
    photo = PhotoFactory(meeting=meeting)
    Photo.objects.filter(pk=photo.pk).update(phash="", brightness=None)
    call_command("regenerate_renditions", verbosity=0)
    photo.refresh_from_db()
    with default_storage.open(photo.image.name) as file, Image.open(file) as image:
        assert image.size == (64, 48)
    assert len(photo.phash) == 16 and photo.brightness is not None
