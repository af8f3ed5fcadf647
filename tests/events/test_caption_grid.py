"""The caption grid of a meeting's photos (events/caption_grid.py and
caption_grid_api.py): the page, and the JSON endpoints that save one card, the
order, the cover, a deletion, a new image and a batch of credits and people."""

import pytest
from django.contrib import admin
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.caption_grid import CAPTION_MAX_LENGTH, version
from events.models import Photo
from news.roles import EDITOR
from tests.events.test_uploads import jpeg_bytes, upload
from tests.factories import MeetingFactory, PersonFactory, PhotoFactory, role_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory()


def grid_url(meeting):
    return reverse("admin:events_meeting_captions", args=[meeting.pk])


def photo_url(name, photo, meeting=None):
    meeting_pk = (meeting or photo.meeting).pk
    return reverse(f"admin:events_meeting_caption_{name}", args=[meeting_pk, photo.pk])


def save(client, photo, meeting=None, **fields):
    data = {
        "caption": photo.caption,
        "credit": photo.credit,
        "people": [p.pk for p in photo.people.all()],
        "version": version(photo),
        **fields,
    }
    return client.post(photo_url("save", photo, meeting), data)


def refuse_photos_captioned(monkeypatch, word, method="has_change_permission"):
    """Make PhotoAdmin refuse the photos whose caption contains ``word``, as a
    per-photo rule of the roles would."""
    photo_admin = admin.site._registry[Photo]
    original = getattr(photo_admin, method)

    def decide(request, obj=None):
        if obj is not None and word in obj.caption:
            return False
        return original(request, obj)

    monkeypatch.setattr(photo_admin, method, decide)


# ---------------------------------------------------------------- the page


def test_grid_shows_each_photo_with_its_fields(client, editor, meeting):
    """Each photo is a card: its picture, original file name, caption, people and
    credit, with the addresses its script saves to, in the photos' order."""
    person = PersonFactory(full_name="Nguyễn Thị Hương")
    second = PhotoFactory(meeting=meeting, order=2, caption="Quang cảnh hội nghị")
    first = PhotoFactory(meeting=meeting, order=1, credit="Trần Văn Ảnh")
    first.people.add(person)
    Photo.objects.filter(pk=first.pk).update(original_name="IMG_1234.jpg")
    response = client.get(grid_url(meeting))
    assert response.status_code == 200
    page = response.content.decode()
    assert [card["photo"] for card in response.context["cards"]] == [first, second]
    assert "IMG_1234.jpg" in page
    assert "Quang cảnh hội nghị</textarea>" in page
    assert 'value="Trần Văn Ảnh"' in page
    assert f'<option value="{person.pk}" selected>Nguyễn Thị Hương</option>' in page
    assert photo_url("save", first) in page
    assert 'data-model-name="photo"' in page and 'data-field-name="people"' in page
    assert "Chú thích ảnh" in page and "Lưu</button>" in page


def test_grid_queries_do_not_grow_with_photos(client, editor, meeting):
    """The page takes the same number of queries for 5 photos as for 20."""
    person = PersonFactory()
    for _index in range(5):
        PhotoFactory(meeting=meeting).people.add(person)
    client.get(grid_url(meeting))  # sessions and caches warmed
    with CaptureQueriesContext(connection) as five:
        assert client.get(grid_url(meeting)).status_code == 200
    for _index in range(15):
        PhotoFactory(meeting=meeting).people.add(person)
    with CaptureQueriesContext(connection) as twenty:
        response = client.get(grid_url(meeting))
    assert len(response.context["cards"]) == 20
    assert len(twenty) == len(five)


def test_grid_query_count_is_fixed(client, editor, meeting, django_assert_num_queries):
    """Session, user, the user's and the groups' permissions, the meeting, its
    photos and their people, then the articles using them as covers and in their
    text (for the delete confirmation): nine, for twenty photos as for one. The
    focal point is a column of the photo: no query."""
    for _index in range(20):
        PhotoFactory(meeting=meeting).people.add(PersonFactory())
    client.get(grid_url(meeting))
    with django_assert_num_queries(9):
        client.get(grid_url(meeting))


def test_photographer_opens_the_grid_without_delete_buttons(
    client, photographer, meeting
):
    """A photographer captions any meeting's photos, but may not delete others'
    photos: no delete button on their cards."""
    PhotoFactory(meeting=meeting)
    response = client.get(grid_url(meeting))
    assert response.status_code == 200
    card = response.context["cards"][0]
    assert card["may_change"] and not card["may_delete"]
    assert "data-caption-delete" not in response.content.decode()


def test_reporter_is_refused_the_grid_of_another_meeting(client, reporter, meeting):
    """A reporter may not change the photos of a meeting someone else recorded:
    the page is a 403."""
    PhotoFactory(meeting=meeting)
    assert client.get(grid_url(meeting)).status_code == 403


def test_reporter_captions_the_photos_of_their_own_meeting(client, reporter):
    """The meeting a reporter recorded is theirs to caption, in the grid too."""
    own = MeetingFactory(created_by=reporter)
    photo = PhotoFactory(meeting=own, caption="Cũ")
    assert client.get(grid_url(own)).status_code == 200
    response = save(client, photo, caption="Quang cảnh hội nghị")
    assert response.status_code == 200
    photo.refresh_from_db()
    assert photo.caption == "Quang cảnh hội nghị"


def test_grid_of_a_missing_meeting_is_404(client, editor):
    assert (
        client.get(reverse("admin:events_meeting_captions", args=[9999])).status_code
        == 404
    )


def test_links_lead_to_the_grid(client, editor, meeting):
    """The upload page's "write captions" link, the meeting's form and the photo
    list filtered by the meeting all lead to the grid."""
    PhotoFactory(meeting=meeting)
    upload_page = client.get(
        reverse("admin:events_meeting_upload_photos", args=[meeting.pk])
    )
    assert upload_page.context["captions_url"] == grid_url(meeting)
    form = client.get(reverse("admin:events_meeting_change", args=[meeting.pk]))
    assert f'href="{grid_url(meeting)}"' in form.content.decode()
    photo_list = reverse("admin:events_photo_changelist")
    filtered = client.get(photo_list, {"meeting__id__exact": meeting.pk})
    assert f'href="{grid_url(meeting)}"' in filtered.content.decode()
    unfiltered = client.get(photo_list)
    assert unfiltered.context["captions_url"] is None
    bad = client.get(photo_list, {"meeting__id__exact": "x"})
    assert bad.status_code in (200, 302)


def test_original_file_name_is_searchable(client, editor, meeting):
    """The photo list finds a photo by the name of the file it was uploaded from."""
    wanted = PhotoFactory(meeting=meeting, caption="")
    wanted.original_name = "IMG_1234.jpg"
    wanted.save()
    PhotoFactory(meeting=meeting)
    response = client.get(reverse("admin:events_photo_changelist"), {"q": "IMG_1234"})
    assert list(response.context["cl"].result_list) == [wanted]


# ---------------------------------------------------------------- one card saved


def test_save_caption_people_and_credit(client, editor, meeting):
    """A card's save stores its fields and answers the new version."""
    photo = PhotoFactory(meeting=meeting)
    person = PersonFactory()
    response = save(
        client,
        photo,
        caption="  Toàn cảnh hội nghị ",
        credit="Lê Ảnh",
        people=[person.pk],
    )
    assert response.status_code == 200
    photo.refresh_from_db()
    assert (photo.caption, photo.credit) == ("Toàn cảnh hội nghị", "Lê Ảnh")
    assert list(photo.people.all()) == [person]
    answer = response.json()["photo"]
    assert answer["version"] == version(photo)
    assert answer["people"] == [{"id": person.pk, "text": str(person)}]
    assert photo.history.first().history_user == editor


def test_caption_naming_people_tags_them(client, photographer, meeting):
    """A caption naming a person, with nobody tagged, tags them (as the meeting form
    does), and the answer says so for the page to show."""
    person = PersonFactory(full_name="Nguyễn Thị Hương")
    photo = PhotoFactory(meeting=meeting, caption="")
    caption = "Đồng chí Nguyễn Thị Hương – Trưởng phòng phát biểu"
    response = save(client, photo, caption=caption, people=[])
    assert response.status_code == 200
    assert list(photo.people.all()) == [person]
    assert response.json()["photo"]["people"][0]["id"] == person.pk


def test_stale_version_is_409_with_who_and_when(client, editor, meeting):
    """A save sent with the version the page was loaded with, after someone else
    saved the photo, is refused with their name and time; nothing changes."""
    photo = PhotoFactory(meeting=meeting, caption="Bản đầu")
    loaded = version(photo)
    other = role_user(EDITOR, "dongnghiep")
    other.first_name, other.last_name = "Hà", "Trần Thu"
    other.save()
    client.force_login(other)
    assert save(client, photo, caption="Bản của đồng nghiệp").status_code == 200
    client.force_login(editor)
    response = save(client, photo, caption="Bản của tôi", version=loaded)
    assert response.status_code == 409
    message = response.json()["error"]
    assert "Trần Thu Hà" in message or "Hà Trần Thu" in message
    assert "đã sửa ảnh này lúc" in message
    photo.refresh_from_db()
    assert photo.caption == "Bản của đồng nghiệp"
    assert response.json()["version"] == version(photo)


def test_missing_version_is_400(client, editor, meeting):
    photo = PhotoFactory(meeting=meeting, caption="Cũ")
    response = save(client, photo, caption="Mới", version="")
    assert response.status_code == 400
    assert "tải lại trang" in response.json()["error"]
    photo.refresh_from_db()
    assert photo.caption == "Cũ"


def test_caption_too_long_is_400(client, editor, meeting):
    photo = PhotoFactory(meeting=meeting, caption="Cũ")
    response = save(client, photo, caption="a" * (CAPTION_MAX_LENGTH + 1))
    assert response.status_code == 400
    assert response.json()["error"].startswith("Chú thích:")
    photo.refresh_from_db()
    assert photo.caption == "Cũ"


def test_unknown_person_is_400(client, editor, meeting):
    photo = PhotoFactory(meeting=meeting, caption="Cũ")
    response = save(client, photo, caption="Mới", people=["99999"])
    assert response.status_code == 400
    assert "Người trong ảnh" in response.json()["error"]
    photo.refresh_from_db()
    assert photo.caption == "Cũ"


def test_unknown_photo_and_photo_of_another_meeting_are_404(client, editor, meeting):
    """A photo that is not in the meeting of the address is not found."""
    other = PhotoFactory(caption="Cũ")
    response = save(client, other, meeting=meeting, caption="Mới")
    assert response.status_code == 404
    assert "không (còn) thuộc sự kiện này" in response.json()["error"]
    other.refresh_from_db()
    assert other.caption == "Cũ"
    url = reverse("admin:events_meeting_caption_save", args=[meeting.pk, 99999])
    assert client.post(url, {"caption": "x", "version": "x"}).status_code == 404


def test_get_on_an_endpoint_is_405_json(client, editor, meeting):
    photo = PhotoFactory(meeting=meeting)
    response = client.get(photo_url("save", photo))
    assert response.status_code == 405
    assert response.json()["error"]


def test_save_refused_when_photo_admin_refuses_the_photo(
    client, editor, meeting, monkeypatch
):
    """Whether a photo may be changed is PhotoAdmin's decision, per photo: 403 JSON."""
    photo = PhotoFactory(meeting=meeting, caption="Ảnh khóa")
    refuse_photos_captioned(monkeypatch, "khóa")
    response = save(client, photo, caption="Mới")
    assert response.status_code == 403
    assert "không có quyền sửa ảnh" in response.json()["error"]
    photo.refresh_from_db()
    assert photo.caption == "Ảnh khóa"


def test_reporter_cannot_save(client, reporter, meeting):
    photo = PhotoFactory(meeting=meeting, caption="Cũ")
    response = save(client, photo, caption="Mới")
    assert response.status_code == 403
    assert response.json()["error"]
    photo.refresh_from_db()
    assert photo.caption == "Cũ"


def test_stale_csrf_is_answered_as_json(editor, meeting, client):
    """A save with no CSRF token gets the Vietnamese refusal as JSON."""
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    photo = PhotoFactory(meeting=meeting)
    response = strict.post(photo_url("save", photo), {"caption": "x"})
    assert response.status_code == 403
    assert response.json()["error"]


# ---------------------------------------------------------------- order


def order_url(meeting):
    return reverse("admin:events_meeting_captions_order", args=[meeting.pk])


def test_reorder_numbers_photos_in_the_order_sent(client, photographer, meeting):
    a, b, c = (PhotoFactory(meeting=meeting, order=n) for n in (1, 2, 3))
    response = client.post(order_url(meeting), {"photos": [c.pk, a.pk, b.pk]})
    assert response.status_code == 200
    assert list(meeting.photos.order_by("order").values_list("pk", flat=True)) == [
        c.pk,
        a.pk,
        b.pk,
    ]
    moved = {item["id"]: item for item in response.json()["photos"]}
    c.refresh_from_db()
    assert moved[c.pk] == {"id": c.pk, "version": version(c), "order": 1}


def test_reorder_with_a_missing_or_foreign_photo_is_refused(client, editor, meeting):
    """The order must name exactly the meeting's photos: one missing or another
    meeting's is refused and nothing moves."""
    a, b = (
        PhotoFactory(meeting=meeting, order=1),
        PhotoFactory(meeting=meeting, order=2),
    )
    foreign = PhotoFactory()
    assert client.post(order_url(meeting), {"photos": [b.pk]}).status_code == 409
    response = client.post(order_url(meeting), {"photos": [b.pk, a.pk, foreign.pk]})
    assert response.status_code == 409
    assert "tải lại trang" in response.json()["error"]
    for bad in (["x"], [a.pk, a.pk]):
        response = client.post(order_url(meeting), {"photos": bad})
        assert response.status_code == 400
    a.refresh_from_db()
    assert a.order == 1


def test_reorder_refused_whole_when_one_photo_may_not_move(
    client, editor, meeting, monkeypatch
):
    a = PhotoFactory(meeting=meeting, order=1, caption="khóa")
    b = PhotoFactory(meeting=meeting, order=2)
    refuse_photos_captioned(monkeypatch, "khóa")
    response = client.post(order_url(meeting), {"photos": [b.pk, a.pk]})
    assert response.status_code == 403
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.order, b.order) == (1, 2)


# ---------------------------------------------------------------- cover


def test_choose_cover_switches_it(client, photographer, meeting):
    """The new cover and the old one change in one request; one cover remains."""
    old = PhotoFactory(meeting=meeting, is_cover=True)
    new = PhotoFactory(meeting=meeting)
    response = client.post(photo_url("cover", new))
    assert response.status_code == 200
    assert response.json()["cover"] == new.pk
    assert list(meeting.photos.filter(is_cover=True)) == [new]
    old.refresh_from_db()
    versions = {item["id"]: item["version"] for item in response.json()["photos"]}
    assert versions[old.pk] == version(old)
    # Choosing the cover again changes nothing.
    assert client.post(photo_url("cover", new)).status_code == 200
    assert list(meeting.photos.filter(is_cover=True)) == [new]


def test_cover_without_image_or_permission_is_refused(
    client, editor, meeting, monkeypatch
):
    old = PhotoFactory(meeting=meeting, is_cover=True, caption="khóa")
    blank = PhotoFactory(meeting=meeting, image="")
    assert client.post(photo_url("cover", blank)).status_code == 400
    other = PhotoFactory(meeting=meeting)
    refuse_photos_captioned(monkeypatch, "khóa")
    assert client.post(photo_url("cover", other)).status_code == 403
    assert list(meeting.photos.filter(is_cover=True)) == [old]


# ---------------------------------------------------------------- delete


def test_editor_deletes_a_photo_and_its_files(
    client, editor, meeting, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(meeting=meeting)
    names = photo.file_names()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(photo_url("delete", photo))
    assert response.status_code == 200
    assert response.json() == {"deleted": photo.pk}
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert not any(default_storage.exists(name) for name in names)


def test_photographer_cannot_delete_anothers_photo(client, photographer, meeting):
    photo = PhotoFactory(meeting=meeting)
    response = client.post(photo_url("delete", photo))
    assert response.status_code == 403
    assert "không có quyền xóa ảnh" in response.json()["error"]
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_delete_refused_when_photo_admin_refuses(client, editor, meeting, monkeypatch):
    photo = PhotoFactory(meeting=meeting, caption="khóa")
    refuse_photos_captioned(monkeypatch, "khóa", "has_delete_permission")
    assert client.post(photo_url("delete", photo)).status_code == 403
    assert Photo.objects.filter(pk=photo.pk).exists()
    grid = client.get(grid_url(meeting))
    assert not grid.context["cards"][0]["may_delete"]


# ---------------------------------------------------------------- replace


def test_replace_image_keeps_caption_and_removes_old_files(
    client, editor, meeting, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(meeting=meeting, caption="Giữ chú thích")
    old_names = photo.file_names()
    data = {
        "image": upload("IMG_2000.jpg", jpeg_bytes((800, 600))),
        "version": version(photo),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(photo_url("replace", photo), data)
    assert response.status_code == 200
    photo.refresh_from_db()
    assert (photo.caption, photo.original_name) == ("Giữ chú thích", "IMG_2000.jpg")
    assert (photo.width, photo.height) == (800, 600)
    assert response.json()["name"] == "IMG_2000.jpg"
    assert "<picture>" in response.json()["picture"]
    assert all(default_storage.exists(name) for name in photo.file_names())
    assert not any(default_storage.exists(name) for name in old_names)


def test_replace_with_a_bad_file_changes_nothing(client, editor, meeting):
    photo = PhotoFactory(meeting=meeting)
    before = (photo.image.name, version(photo))
    data = {
        "image": upload("ghi-chu.jpg", "không phải ảnh".encode()),
        "version": version(photo),
    }
    response = client.post(photo_url("replace", photo), data)
    assert response.status_code == 400
    assert "không phải là ảnh" in response.json()["error"]
    photo.refresh_from_db()
    assert (photo.image.name, version(photo)) == before
    assert (
        client.post(photo_url("replace", photo), {"version": before[1]}).status_code
        == 400
    )


def test_replace_on_a_stale_version_is_409(client, editor, meeting, settings):
    photo = PhotoFactory(meeting=meeting)
    stale = version(photo)
    photo.caption = "Đổi"
    photo.save()
    files_before = {p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()}
    data = {"image": upload("moi.jpg", jpeg_bytes((640, 480))), "version": stale}
    response = client.post(photo_url("replace", photo), data)
    assert response.status_code == 409
    photo.refresh_from_db()
    assert photo.original_name != "moi.jpg"
    assert {p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()} == files_before


# ---------------------------------------------------------------- batch


def batch_url(meeting):
    return reverse("admin:events_meeting_captions_batch", args=[meeting.pk])


def test_batch_sets_credit_and_adds_people(client, photographer, meeting):
    kept = PersonFactory()
    added = PersonFactory()
    a = PhotoFactory(meeting=meeting, credit="Cũ")
    a.people.add(kept)
    b = PhotoFactory(meeting=meeting)
    untouched = PhotoFactory(meeting=meeting, credit="Cũ")
    response = client.post(
        batch_url(meeting),
        {"photos": [a.pk, b.pk], "credit": "Phòng TCHC", "people": [added.pk]},
    )
    assert response.status_code == 200
    a.refresh_from_db()
    b.refresh_from_db()
    untouched.refresh_from_db()
    assert (a.credit, b.credit, untouched.credit) == ("Phòng TCHC", "Phòng TCHC", "Cũ")
    assert set(a.people.all()) == {kept, added}
    assert list(b.people.all()) == [added]
    states = {item["id"]: item for item in response.json()["photos"]}
    assert states[a.pk]["version"] == version(a)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"credit": "X"}, "ít nhất một ảnh"),
        ({"photos": ["1"]}, "tác giả ảnh hoặc chọn người"),
        ({"photos": ["x"], "credit": "X"}, "không hợp lệ"),
        ({"credit": "X" * 121, "photos": ["1"]}, "quá dài"),
        ({"people": ["99999"], "photos": ["1"]}, "không còn tồn tại"),
    ],
    ids=["no-photos", "nothing-to-set", "bad-id", "long-credit", "unknown-person"],
)
def test_batch_bad_input_is_400(client, editor, meeting, data, message):
    response = client.post(batch_url(meeting), data)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_batch_with_a_foreign_photo_changes_nothing(client, editor, meeting):
    mine = PhotoFactory(meeting=meeting, credit="Cũ")
    foreign = PhotoFactory(credit="Cũ")
    response = client.post(
        batch_url(meeting), {"photos": [mine.pk, foreign.pk], "credit": "Mới"}
    )
    assert response.status_code == 400
    mine.refresh_from_db()
    foreign.refresh_from_db()
    assert (mine.credit, foreign.credit) == ("Cũ", "Cũ")


def test_batch_refused_whole_when_one_photo_is_refused(
    client, editor, meeting, monkeypatch
):
    a = PhotoFactory(meeting=meeting, credit="Cũ")
    b = PhotoFactory(meeting=meeting, credit="Cũ", caption="khóa")
    refuse_photos_captioned(monkeypatch, "khóa")
    response = client.post(
        batch_url(meeting), {"photos": [a.pk, b.pk], "credit": "Mới"}
    )
    assert response.status_code == 403
    a.refresh_from_db()
    assert a.credit == "Cũ"


def test_reporter_is_refused_every_endpoint(client, reporter, meeting):
    """Every endpoint answers a user without the photo permissions 403 in JSON."""
    photo = PhotoFactory(meeting=meeting)
    for url, data in [
        (photo_url("save", photo), {"caption": "x", "version": version(photo)}),
        (photo_url("cover", photo), {}),
        (photo_url("delete", photo), {}),
        (photo_url("replace", photo), {"version": version(photo)}),
        (order_url(meeting), {"photos": [photo.pk]}),
        (batch_url(meeting), {"photos": [photo.pk], "credit": "x"}),
    ]:
        response = client.post(url, data)
        assert response.status_code == 403, url
        assert response.json()["error"], url
    assert Photo.objects.filter(pk=photo.pk, caption=photo.caption).exists()


def test_replace_gives_an_imported_caption_its_photo(client, editor, meeting):
    """A caption imported before its photo (no image) gets one from the grid."""
    photo = PhotoFactory(meeting=meeting, image="", caption="Chú thích nhập từ bài cũ")
    data = {
        "image": upload("IMG_3000.jpg", jpeg_bytes((640, 480))),
        "version": version(photo),
    }
    response = client.post(photo_url("replace", photo), data)
    assert response.status_code == 200
    photo.refresh_from_db()
    assert photo.image and photo.original_name == "IMG_3000.jpg"
    assert photo.caption == "Chú thích nhập từ bài cũ"


def test_a_database_failure_is_503_json_and_nothing_saved(
    client, editor, meeting, monkeypatch
):
    """A save the database cannot complete is answered in Vietnamese, not a 500."""
    photo = PhotoFactory(meeting=meeting, caption="Cũ")

    def fail(*args, **kwargs):
        raise DatabaseError("mất kết nối")

    monkeypatch.setattr(Photo, "save", fail)
    response = save(client, photo, caption="Mới")
    assert response.status_code == 503
    assert "Chưa lưu" in response.json()["error"]
    assert Photo.objects.get(pk=photo.pk).caption == "Cũ"


def test_grid_flags_a_blurred_or_dark_photo(client, editor, meeting):
    """The warnings measured at upload show on the photo's card."""
    # The factory's images are measured when saved; the measures are set after.
    blurred, sharp = PhotoFactory(meeting=meeting), PhotoFactory(meeting=meeting)
    Photo.objects.filter(pk=blurred.pk).update(sharpness=5.0, brightness=20.0)
    Photo.objects.filter(pk=sharp.pk).update(sharpness=900.0, brightness=120.0)
    response = client.get(grid_url(meeting))
    flagged, clean = response.context["cards"]
    assert flagged["warnings"] and not clean["warnings"]
    page = response.content.decode()
    for warning in flagged["warnings"]:
        assert str(warning) in page


def test_grid_trail_leads_back_to_the_meeting(client, editor, meeting):
    """The breadcrumbs name the meeting and link to its form."""
    page = client.get(grid_url(meeting)).content.decode()
    trail = page.split('<div class="breadcrumbs">', 1)[1].split("</div>", 1)[0]
    assert reverse("admin:events_meeting_change", args=[meeting.pk]) in trail
    assert meeting.title[:20] in trail
