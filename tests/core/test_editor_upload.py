"""Images uploaded through the article editor: staff only, checked by content."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

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
    """A real JPEG is stored under a generated name and its URL returned."""
    response = writer.post(
        URL, {"upload": upload("ảnh hội nghị ../../x.jpg", jpeg_bytes())}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["uploaded"] == 1
    assert data["url"].startswith("/media/editor/")
    assert data["url"].endswith(".jpg")
    assert ".." not in data["url"] and "hội" not in data["url"]
    assert len(media_files(settings)) == 1


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
    [stored] = media_files(settings)
    with Image.open(stored) as cleaned:
        assert cleaned.size == (80, 120)
        assert 0x8825 not in cleaned.getexif()


def test_the_frame_script_cannot_be_closed_by_a_message(rf):
    """Whatever a refusal says, it stays a string inside the upload frame's script."""
    from core.editor import answer

    request = rf.post("/ckeditor/upload/?CKEditorFuncNum=3")
    hostile = '</script><script>alert("x")</script>\u2028&'
    body = answer(request, message=hostile).content.decode()
    assert body.count("<script>") == 1 and body.count("</script>") == 1
    assert body.startswith("<script>") and body.endswith("</script>")
    assert "alert(" in body  # kept, as text of the message
