"""Images uploaded through the article editor: photos of the library, for writers
only, checked and cleaned by content; browsing is the library, for writers only."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from events.library import BODY_WIDTH
from events.models import Photo
from events.templatetags.photos import photo_url

pytestmark = pytest.mark.django_db

URL = "/ckeditor/upload/"


def jpeg_bytes(size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "JPEG")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


@pytest.fixture
def writer(client, django_user_model):
    user = django_user_model.objects.create_user(
        "phongvien", password="x", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="add_article"))
    client.force_login(user)
    return client


def media_files(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_staff_writer_uploads_an_image(writer, settings):
    """A real JPEG becomes a library photo without a meeting, stored under a
    generated name with its renditions; the body gets a rendition's address."""
    response = writer.post(
        URL, {"upload": upload("ảnh hội nghị ../../x.jpg", jpeg_bytes())}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["uploaded"] == 1
    [photo] = Photo.objects.all()
    assert photo.meeting is None
    assert photo.uploaded_by.username == "phongvien"
    assert photo.original_name == "x.jpg"
    assert photo.renditions == [64]
    assert data["url"] == photo_url(photo, BODY_WIDTH)
    assert data["url"].startswith("/media/photos/")
    assert ".." not in data["url"] and "hội" not in data["url"]
    # The master, and a WebP and a JPEG at its one width.
    assert len(media_files(settings)) == 3
    assert photo.alt_text == "Ảnh"


def test_editor_frame_gets_a_script_answer(writer):
    """With CKEditorFuncNum the answer is the callback script, the number kept safe."""
    response = writer.post(
        URL + "?CKEditorFuncNum=3", {"upload": upload("a.jpg", jpeg_bytes())}
    )
    assert b"window.parent.CKEDITOR.tools.callFunction(3, " in response.content
    response = writer.post(
        URL + "?CKEditorFuncNum=alert(1)", {"upload": upload("a.jpg", jpeg_bytes())}
    )
    assert b"alert(1)" not in response.content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("anh.jpg", b"<?php echo 1; ?>", "không phải là ảnh"),
        (
            "anh.jpg",
            b'<svg xmlns="http://www.w3.org/2000/svg"></svg>',
            "không phải là ảnh",
        ),
        ("anh.jpg", b"", "Tệp rỗng"),
        ("anh.jpg", jpeg_bytes((400, 300))[:300], "hỏng"),
    ],
    ids=["php", "svg", "empty", "truncated"],
)
def test_bad_files_are_refused_in_vietnamese(writer, settings, name, content, message):
    """A file that is not a whole image is refused with a message; nothing is stored."""
    response = writer.post(URL, {"upload": upload(name, content)})
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert media_files(settings) == []
    assert not Photo.objects.exists()


def test_missing_file_is_a_message_not_an_error(writer):
    """A form without a file gets a message, not a server error."""
    response = writer.post(URL, {})
    assert response.status_code == 400
    assert "Hãy chọn" in response.json()["error"]["message"]


def test_visitors_and_staff_without_permission_cannot_upload(client, django_user_model):
    """Anonymous visitors go to the login page; staff who may not write get 403."""
    response = client.post(URL, {"upload": upload("a.jpg", jpeg_bytes())})
    assert response.status_code == 302
    assert "login" in response["Location"]
    user = django_user_model.objects.create_user("khach", password="x", is_staff=True)
    client.force_login(user)
    response = client.post(URL, {"upload": upload("a.jpg", jpeg_bytes())})
    assert response.status_code == 403
    assert "không có quyền tải ảnh" in response.json()["error"]["message"]
    assert not Photo.objects.exists()


def test_a_photographer_uploads_no_image_into_articles(client, photographer, settings):
    """A photographer uploads to meetings, not into article bodies."""
    response = client.post(URL, {"upload": upload("a.jpg", jpeg_bytes())})
    assert response.status_code == 403
    assert not Photo.objects.exists()
    assert media_files(settings) == []


def test_get_is_not_allowed(writer):
    """Only POST uploads."""
    assert writer.get(URL).status_code == 405


def test_uploaded_image_loses_its_location_and_is_upright(writer, settings):
    """An image placed in an article is cleaned like a meeting photo: no GPS, upright."""
    image = Image.new("RGB", (120, 80), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # taken sideways
    exif[0x8825] = {1: "N", 2: (21.0, 16.0, 30.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    response = writer.post(URL, {"upload": upload("dien-thoai.jpg", buffer.getvalue())})
    assert response.status_code == 200
    stored = media_files(settings)
    assert len(stored) == 3  # the master, a WebP and a JPEG
    for path in stored:
        with Image.open(path) as cleaned:
            assert cleaned.height > cleaned.width
            assert 0x8825 not in cleaned.getexif()
            assert 0x0112 not in cleaned.getexif()


def test_the_frame_script_cannot_be_closed_by_a_message(rf):
    """Whatever a refusal says, it stays a string inside the upload frame's script."""
    from core.editor import answer

    request = rf.post("/ckeditor/upload/?CKEditorFuncNum=3")
    hostile = '</script><script>alert("x")</script>\u2028&'
    body = answer(request, message=hostile).content.decode()
    assert body.count("<script>") == 1 and body.count("</script>") == 1
    assert body.startswith("<script>") and body.endswith("</script>")
    assert "alert(" in body  # kept, as text of the message


BROWSE = "/ckeditor/browse/"


def test_browse_is_the_library_for_a_writer(writer):
    """ "Browse server" opens the media library in the editor's mode, the
    editor's parameters kept."""
    response = writer.get(BROWSE + "?CKEditor=id_body&CKEditorFuncNum=7&langCode=vi")
    assert response.status_code == 302
    target = response["Location"]
    assert target.startswith(reverse("admin:events_photo_library"))
    assert "CKEditorFuncNum=7" in target and "CKEditor=id_body" in target
    page = writer.get(target)
    assert page.status_code == 200
    assert page.context["mode"] == "editor"


def test_browse_and_choosing_are_refused_to_a_photographer(client, photographer):
    """A photographer sees the library but neither browses for an article's body
    nor picks a cover: the refusal is the Vietnamese page."""
    response = client.get(BROWSE + "?CKEditorFuncNum=1")
    assert response.status_code == 403
    assert "không được phép" in response.content.decode().lower()
    library = reverse("admin:events_photo_library")
    assert client.get(library).status_code == 200
    assert client.get(library + "?CKEditorFuncNum=1").status_code == 403
    assert client.get(library + "?chon=bia").status_code == 403


def test_browse_is_refused_to_staff_who_write_nothing(client, django_user_model):
    user = django_user_model.objects.create_user("khach", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(BROWSE).status_code == 403
    client.logout()
    response = client.get(BROWSE)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_reporter_manages_the_images_they_uploaded_into_a_body(client, reporter):
    """An image with no meeting belongs to whoever uploaded it: a reporter may
    change it; another reporter's is theirs."""
    from events.permissions import may_change_photo, may_delete_photo
    from tests.factories import UserFactory

    response = client.post(URL, {"upload": upload("a.jpg", jpeg_bytes())})
    assert response.status_code == 200
    photo = Photo.objects.get()
    assert may_change_photo(reporter, photo) and may_delete_photo(reporter, photo)
    other = UserFactory()
    photo.uploaded_by = other
    assert not may_change_photo(reporter, photo)
    assert not may_delete_photo(reporter, photo)
