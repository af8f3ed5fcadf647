"""Uploading many photos of a meeting, one request per photo (events/uploads.py)."""

import io
import re
import threading
import time

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection
from django.db.models import Model
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse
from PIL import ExifTags, Image, ImageFile

from events.models import Photo
from tests.factories import MeetingFactory, PhotoFactory

pytestmark = pytest.mark.django_db

BOUNDARY = "----ngt-test-boundary"


def jpeg_bytes(size=(1200, 900), orientation=None, gps=False, quality=85):
    """A real JPEG, optionally with the EXIF a phone writes."""
    exif = Image.Exif()
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif[ExifTags.Base.Make] = "Điện thoại"
        exif[ExifTags.IFD.GPSInfo] = {
            1: "N",
            2: (21.0, 16.0, 30.0),
            3: "E",
            4: (106.0, 11.0, 40.0),
        }
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "JPEG", exif=exif, quality=quality)
    return buffer.getvalue()


def png_bytes(size, mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def raw_multipart(filename, content):
    """A multipart body written by hand: the test client would strip ``../``."""
    head = (
        f"--{BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="image"; filename="{filename}"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()
    return head + content + f"\r\n--{BOUNDARY}--\r\n".encode()


def media_files(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload_url(meeting_or_pk):
    pk = getattr(meeting_or_pk, "pk", meeting_or_pk)
    return reverse("admin:events_meeting_upload_photo", args=[pk])


def page_url(meeting):
    return reverse("admin:events_meeting_upload_photos", args=[meeting.pk])


def staff_user(django_user_model, *codenames, username="bientap"):
    user = django_user_model.objects.create_user(username, password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def editor(django_user_model):
    """A staff member who may change meetings and add photos, and nothing more."""
    return staff_user(django_user_model, "change_meeting", "add_photo")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def meeting():
    return MeetingFactory()


# ---------------------------------------------------------------- a good photo


def test_editor_uploads_a_phone_photo(editor_client, meeting, settings):
    """A 1200×900 JPEG taken sideways becomes an upright 900×1200 photo with
    renditions, the meeting's next one, its caption empty and its location gone."""
    PhotoFactory(meeting=meeting)
    content = jpeg_bytes((1200, 900), orientation=6, gps=True)
    response = editor_client.post(
        upload_url(meeting), {"image": upload("IMG_0001.jpg", content)}
    )
    assert response.status_code == 201
    data = response.json()
    photo = Photo.objects.get(pk=data["id"])
    assert data["name"] == "IMG_0001.jpg" == photo.original_name
    assert data["thumbnail"].startswith(settings.MEDIA_URL)
    assert data["thumbnail"].endswith("/320.jpg")
    assert (photo.meeting, photo.order, photo.caption) == (meeting, 2, "")
    assert (photo.width, photo.height) == (900, 1200)
    assert photo.renditions == [320, 640]
    assert all(default_storage.exists(name) for name in photo.file_names())
    with default_storage.open(photo.image.name) as stored, Image.open(stored) as image:
        assert image.size == (900, 1200)
        exif = image.getexif()
        assert ExifTags.IFD.GPSInfo not in exif
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert ExifTags.Base.Make not in exif
        assert ExifTags.Base.Orientation not in exif


def test_answer_is_json_with_the_thumbnail_of_a_small_photo(editor_client, meeting):
    """A photo narrower than the smallest width still gets a thumbnail address."""
    response = editor_client.post(
        upload_url(meeting), {"image": upload("nho.jpg", jpeg_bytes((200, 150)))}
    )
    assert response.status_code == 201
    assert response["Content-Type"] == "application/json"
    assert response.json()["thumbnail"].endswith("/200.jpg")


def test_a_dangerous_long_vietnamese_name_is_kept_only_as_text(
    editor_client, meeting, settings
):
    """A name with ``../``, Vietnamese letters and 300 characters is accepted for a
    real JPEG; the file is stored under a generated name and the original name is
    kept, cut to 255 characters, as text."""
    stem = ("Ảnh hội nghị tổng kết năm học Đảng uỷ " * 10)[:292]
    filename = f"../../{stem}.jpg"
    assert len(filename) == 302
    response = editor_client.post(
        upload_url(meeting),
        data=raw_multipart(filename, jpeg_bytes((400, 300))),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert response.status_code == 201, response.content
    photo = Photo.objects.get()
    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", photo.image.name)
    assert len(photo.original_name) <= 255
    assert photo.original_name.endswith(".jpg")
    assert "Ảnh hội nghị" in photo.original_name
    assert "/" not in photo.original_name and ".." not in photo.original_name
    assert response.json()["name"] == photo.original_name
    root = settings.MEDIA_ROOT.resolve()
    assert all(root in path.resolve().parents for path in media_files(settings))


def test_uploads_are_numbered_in_turn(editor_client, meeting):
    """Each upload is the meeting's next photo."""
    for name in ["a.jpg", "b.jpg", "c.jpg"]:
        response = editor_client.post(
            upload_url(meeting), {"image": upload(name, jpeg_bytes((64, 48)))}
        )
        assert response.status_code == 201
    assert list(meeting.photos.values_list("original_name", "order")) == [
        ("a.jpg", 1),
        ("b.jpg", 2),
        ("c.jpg", 3),
    ]


def test_first_upload_becomes_the_cover_until_one_is_chosen(editor_client, meeting):
    """A meeting without a cover gets its first uploaded photo as cover; later
    uploads do not take it."""
    for name in ["a.jpg", "b.jpg"]:
        editor_client.post(upload_url(meeting), {"image": upload(name, jpeg_bytes())})
    assert list(meeting.photos.values_list("original_name", "is_cover")) == [
        ("a.jpg", True),
        ("b.jpg", False),
    ]


# ---------------------------------------------------------------- bad files


def bad_files():
    half_jpeg = jpeg_bytes((800, 600))
    return [
        pytest.param(
            "logo.jpg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
            "không phải là ảnh",
            id="renamed-svg",
        ),
        pytest.param(
            "trang.jpg",
            b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            "không phải là ảnh",
            id="html-named-jpg",
        ),
        pytest.param(
            "anh.jpg",
            b"<?php system($_GET['c']); ?>",
            "không phải là ảnh",
            id="php-named-jpg",
        ),
        pytest.param(
            "cut.jpg", half_jpeg[: len(half_jpeg) // 2], "hỏng", id="truncated-jpeg"
        ),
        pytest.param("rong.jpg", b"", "Tệp rỗng", id="empty"),
    ]


@pytest.mark.parametrize(("name", "content", "message"), bad_files())
def test_bad_files_are_refused_in_vietnamese(
    editor_client, meeting, settings, name, content, message
):
    """A file that is not a whole image gets a 400 with a Vietnamese reason; no row
    and no file is left behind."""
    response = editor_client.post(upload_url(meeting), {"image": upload(name, content)})
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not Photo.objects.exists()
    assert media_files(settings) == []


def test_too_many_pixels_is_refused(editor_client, meeting, settings):
    """A PNG over NGT_IMAGE_MAX_PIXELS is refused with its size in the message."""
    settings.NGT_IMAGE_MAX_PIXELS = 1_000_000
    response = editor_client.post(
        upload_url(meeting),
        {"image": upload("rong.png", png_bytes((2000, 1000)), "image/png")},
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert "2000×1000" in error and "quá nhiều điểm ảnh" in error
    assert not Photo.objects.exists()
    assert media_files(settings) == []


@pytest.fixture(scope="module")
def pixel_bomb():
    """A 20000×20000 PNG: 48 kB on disk, 400 million pixels once decoded."""
    return png_bytes((20000, 20000), mode="1")


def test_a_pixel_bomb_is_refused_from_its_header(
    editor_client, meeting, settings, monkeypatch, pixel_bomb
):
    """A small PNG that would decode to 400 million pixels is refused quickly, from
    its header: Pillow never decodes it."""
    decoded = []
    original_load = ImageFile.ImageFile.load

    def spying_load(image):
        decoded.append(image.size)
        return original_load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spying_load)
    assert len(pixel_bomb) < 100_000
    started = time.perf_counter()
    response = editor_client.post(
        upload_url(meeting), {"image": upload("bom.png", pixel_bomb, "image/png")}
    )
    assert time.perf_counter() - started < 2
    assert response.status_code == 400
    assert "ảnh" in response.json()["error"]
    assert (20000, 20000) not in decoded
    assert not Photo.objects.exists()
    assert media_files(settings) == []


def test_a_file_over_the_byte_limit_is_refused(editor_client, meeting, settings):
    """A file over NGT_IMAGE_MAX_BYTES is refused as too large."""
    content = jpeg_bytes((400, 300))
    settings.NGT_IMAGE_MAX_BYTES = len(content) - 1
    response = editor_client.post(
        upload_url(meeting), {"image": upload("lon.jpg", content)}
    )
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.json()["error"]
    assert not Photo.objects.exists()
    assert media_files(settings) == []


def test_a_body_far_over_the_limit_is_refused_unread(
    editor_client, meeting, settings, monkeypatch
):
    """A request body that cannot hold an acceptable photo is refused from its
    declared length, before Django reads it."""
    settings.NGT_IMAGE_MAX_BYTES = 1000

    def no_parsing(*args, **kwargs):
        raise AssertionError("the body was parsed")

    monkeypatch.setattr("django.http.request.HttpRequest.parse_file_upload", no_parsing)
    response = editor_client.post(
        upload_url(meeting), {"image": upload("lon.jpg", b"\xff" * 200_000)}
    )
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.json()["error"]
    assert not Photo.objects.exists()


def test_a_missing_file_is_a_message(editor_client, meeting):
    """A form without ``image`` gets a message, not a server error."""
    response = editor_client.post(upload_url(meeting), {"other": "x"})
    assert response.status_code == 400
    assert "Hãy chọn" in response.json()["error"]


def test_a_body_that_is_not_multipart_is_a_message(editor_client, meeting):
    """JSON or a raw image body gets a message, not a server error."""
    for content_type in ["application/json", "image/jpeg"]:
        response = editor_client.post(
            upload_url(meeting), data=b"{}", content_type=content_type
        )
        assert response.status_code == 400
        assert "Hãy chọn" in response.json()["error"]


def test_a_broken_multipart_body_is_a_message(editor_client, meeting):
    """A multipart body without a boundary gets a message, not a server error."""
    response = editor_client.post(
        upload_url(meeting), data=b"garbage", content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert response.json()["error"]


# ---------------------------------------------------------------- who may upload


def test_only_post_uploads(editor_client, meeting):
    """GET on the endpoint is 405."""
    assert editor_client.get(upload_url(meeting)).status_code == 405


def test_visitors_are_sent_to_the_login_page(client, meeting, settings):
    """Anonymous requests are redirected to the login page; nothing is stored."""
    for response in [
        client.post(upload_url(meeting), {"image": upload("a.jpg", jpeg_bytes())}),
        client.get(page_url(meeting)),
    ]:
        assert response.status_code == 302
        assert "login" in response["Location"]
    assert not Photo.objects.exists()
    assert media_files(settings) == []


@pytest.mark.parametrize(
    "codenames",
    [(), ("change_meeting",), ("view_meeting",), ("add_photo",)],
    ids=["none", "no-add-photo", "view-only", "no-view-meeting"],
)
def test_staff_without_both_permissions_get_403(
    client, django_user_model, meeting, settings, codenames
):
    """Staff need to see the meeting and to add photos: the page and the endpoint
    are 403 otherwise (tests/events/test_photographer.py: both are enough)."""
    client.force_login(staff_user(django_user_model, *codenames))
    response = client.post(
        upload_url(meeting), {"image": upload("a.jpg", jpeg_bytes())}
    )
    assert response.status_code == 403
    assert client.get(page_url(meeting)).status_code == 403
    assert not Photo.objects.exists()
    assert media_files(settings) == []


def test_unknown_meeting_is_404(editor_client):
    """No meeting, no upload."""
    response = editor_client.post(upload_url(999_999), {"image": upload("a.jpg", b"")})
    assert response.status_code == 404
    url = reverse("admin:events_meeting_upload_photos", args=[999_999])
    assert editor_client.get(url).status_code == 404


def test_csrf_token_is_required(editor, meeting):
    """The endpoint is CSRF protected; the page's token in X-CSRFToken passes."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    data = {"image": upload("a.jpg", jpeg_bytes((64, 48)))}
    assert client.post(upload_url(meeting), data).status_code == 403
    page = client.get(page_url(meeting))
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()
    )[1]
    data = {"image": upload("a.jpg", jpeg_bytes((64, 48)))}
    response = client.post(upload_url(meeting), data, headers={"X-CSRFToken": token})
    assert response.status_code == 201


# ---------------------------------------------------------------- failures midway


@pytest.fixture
def failing_insert():
    """``failing_insert(error)`` makes the photo's INSERT raise ``error``, after its
    files were written; it returns what storage held at that moment."""
    receivers = []

    def fail_with(error):
        seen = {}

        def receiver(sender, instance, **kwargs):
            names = instance.file_names()
            seen["files"] = [name for name in names if default_storage.exists(name)]
            raise error

        pre_save.connect(receiver, sender=Photo, weak=False)
        receivers.append(receiver)
        return seen

    yield fail_with
    for receiver in receivers:
        pre_save.disconnect(receiver, sender=Photo)


def test_a_database_failure_leaves_no_row_and_no_file(
    editor_client, meeting, settings, failing_insert
):
    """When the row cannot be saved the editor gets a message (500, as JSON) and the
    files already written are deleted."""
    seen = failing_insert(DatabaseError("disk I/O error"))
    response = editor_client.post(
        upload_url(meeting), {"image": upload("a.jpg", jpeg_bytes((800, 600)))}
    )
    assert seen["files"], "the failure must come after the files were written"
    assert response.status_code == 500
    assert "Không lưu được ảnh" in response.json()["error"]
    assert not Photo.objects.exists()
    assert media_files(settings) == []


def test_an_unexpected_failure_leaves_no_file(
    meeting, editor, settings, failing_insert
):
    """Any other error is a server error page, and still leaves no file behind."""
    seen = failing_insert(RuntimeError("bug"))
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    response = client.post(
        upload_url(meeting), {"image": upload("a.jpg", jpeg_bytes((800, 600)))}
    )
    assert seen["files"]
    assert response.status_code == 500
    assert not Photo.objects.exists()
    assert media_files(settings) == []


def test_a_refused_file_writes_nothing_to_the_database(
    editor_client, meeting, monkeypatch
):
    """A bad file is refused before the database is written to."""

    def no_writes(*args, **kwargs):
        raise AssertionError("a row was saved")

    monkeypatch.setattr(Model, "save_base", no_writes)
    response = editor_client.post(upload_url(meeting), {"image": upload("a.jpg", b"x")})
    assert response.status_code == 400
    assert meeting.updated_at == type(meeting).objects.get().updated_at


@pytest.mark.django_db(transaction=True)
def test_simultaneous_uploads_get_distinct_numbers(editor, settings, monkeypatch):
    """Three uploads to one meeting at once are numbered 1, 2, 3, on SQLite without
    "database is locked" and on PostgreSQL without two photos sharing a number."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads would share the in-memory database's one connection")
    meeting = MeetingFactory()
    original_save_base = Model.save_base

    def slow_save_base(self, *args, **kwargs):
        # Widen the gap between numbering and INSERT, where a race would show.
        if isinstance(self, Photo):
            time.sleep(0.2)
        return original_save_base(self, *args, **kwargs)

    monkeypatch.setattr(Model, "save_base", slow_save_base)
    start = threading.Barrier(3)
    statuses = []

    def send(name):
        client = Client()
        client.force_login(editor)
        start.wait()
        data = {"image": upload(name, jpeg_bytes((64, 48)))}
        statuses.append(client.post(upload_url(meeting), data).status_code)
        connection.close()

    threads = [threading.Thread(target=send, args=(f"{n}.jpg",)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [201, 201, 201]
    assert sorted(meeting.photos.values_list("order", flat=True)) == [1, 2, 3]


# ---------------------------------------------------------------- the pages


def test_upload_page_renders(editor_client, meeting):
    """The page has a file input taking many images, a progress bar, and the way
    back to the meeting's photos for captions."""
    response = editor_client.get(page_url(meeting))
    assert response.status_code == 200
    html = response.content.decode()
    file_input = re.search(r"<input[^>]*type=\"file\"[^>]*>", html)[0]
    assert "multiple" in file_input
    assert 'name="image"' in file_input
    assert "image/jpeg" in file_input
    assert "<progress" in html
    assert upload_url(meeting) in html
    change = reverse("admin:events_meeting_change", args=[meeting.pk])
    assert f'href="{change}#photos-group"' in html
    assert "js/admin/photo_upload.js" in html
    assert meeting.title in html
    assert "Tải ảnh lên" in html
    assert "Viết chú thích cho ảnh" in html
    assert "Xong" in html


def test_meeting_form_links_to_the_upload_page(editor_client, meeting):
    """An existing meeting's form shows "Tải ảnh lên"; a new meeting's does not."""
    response = editor_client.get(
        reverse("admin:events_meeting_change", args=[meeting.pk])
    )
    html = response.content.decode()
    assert f'href="{page_url(meeting)}"' in html
    assert "Tải ảnh lên" in html


def test_meeting_form_hides_the_link_from_who_cannot_upload(
    client, django_user_model, meeting
):
    """Staff who may change meetings but not add photos see no upload link."""
    client.force_login(staff_user(django_user_model, "change_meeting"))
    response = client.get(reverse("admin:events_meeting_change", args=[meeting.pk]))
    assert response.status_code == 200
    assert page_url(meeting) not in response.content.decode()


def test_new_meeting_form_has_no_upload_link(client, django_user_model):
    """A meeting not saved yet has nowhere to upload to."""
    user = staff_user(django_user_model, "add_meeting", "change_meeting", "add_photo")
    client.force_login(user)
    response = client.get(reverse("admin:events_meeting_add"))
    assert response.status_code == 200
    assert "/anh/tai-len/" not in response.content.decode()
