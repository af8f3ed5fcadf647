"""One pipeline for every image field, whatever the path: covers, portraits and
photos written by a script, the shell or an admin form are checked, upright,
stripped of GPS and camera data and stored under a generated name; a failed save,
a replaced image and a deleted row leave no file behind; a full disk leaves nothing,
not even the half-written file."""

import errno
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image

from core.storage import FileWriteError
from events.models import Photo
from news.models import Article
from people.models import Person
from tests.factories import ArticleFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db

GPS = 0x8825
ORIENTATION = 0x0112
MAKE = 0x010F
GENERATED = re.compile(r"^(covers|people|photos)/\d{4}/\d{2}/[0-9a-f]{32}\.jpg$")


def phone_photo(size=(1200, 800)):
    """A JPEG as phones write it: sideways, with a position and a camera."""
    image = Image.new("RGB", size, "white")
    image.paste((200, 30, 30), (0, 0, size[0] // 3, size[1]))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[MAKE] = "PhoneMaker"
    exif[GPS] = {1: "N", 2: (21.0, 16.0, 30.0), 3: "E", 4: (106.0, 11.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def media_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def assert_clean(path):
    with Image.open(path) as stored:
        exif = stored.getexif()
        assert GPS not in exif and MAKE not in exif and ORIENTATION not in exif
        assert stored.height > stored.width, "turned upright"


def test_a_cover_saved_by_a_script_is_processed(settings):
    """``article.cover.save(name, content)``, as a script or importer writes it."""
    article = ArticleFactory()
    article.cover.save("IMG_2024_home.jpg", ContentFile(phone_photo()))
    article.refresh_from_db()
    assert GENERATED.match(article.cover.name), article.cover.name
    assert article.cover.name.startswith("covers/")
    assert "IMG_2024" not in article.cover.name
    [stored] = media_files(settings)
    assert_clean(stored)


def person_form(person):
    return {
        "full_name": person.full_name,
        "honorific": "",
        "slug": person.slug,
        "bio": "",
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
        "positions-MIN_NUM_FORMS": "0",
        "positions-MAX_NUM_FORMS": "1000",
    }


def test_a_portrait_uploaded_in_the_admin_is_processed(admin_client, settings):
    person = PersonFactory(full_name="Thạch Thị Hồng Mơ")
    url = reverse("admin:people_person_change", args=[person.pk])
    data = person_form(person)
    data["portrait"] = SimpleUploadedFile(
        "chan-dung-co-Mo.jpg", phone_photo(), content_type="image/jpeg"
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert GENERATED.match(person.portrait.name)
    assert "Mo" not in person.portrait.name
    [stored] = media_files(settings)
    assert_clean(stored)


def test_a_portrait_that_is_not_an_image_is_refused_in_the_form(admin_client, settings):
    person = PersonFactory(full_name="Đỗ Văn Đức")
    url = reverse("admin:people_person_change", args=[person.pk])
    data = person_form(person)
    data["portrait"] = SimpleUploadedFile("a.jpg", b"<?php echo 1; ?>")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = str(response.context["adminform"].form.errors)
    assert "ảnh" in errors
    assert media_files(settings) == []


def test_a_photo_written_through_the_orm_gets_the_whole_pipeline(settings):
    """``photo.image.save(name, content)``: size, renditions, taken time, measures
    and the original name, as the upload page gives them."""
    photo = Photo(meeting=MeetingFactory(), caption="Quang cảnh hội nghị")
    photo.image.save("IMG_0420.JPG", ContentFile(phone_photo()))
    photo.refresh_from_db()
    assert GENERATED.match(photo.image.name)
    assert photo.original_name == "IMG_0420.JPG"
    assert (photo.width, photo.height) == (800, 1200)
    assert photo.renditions and photo.phash
    files = media_files(settings)
    assert len(files) == 1 + 2 * len(photo.renditions)
    for path in files:
        assert_clean(path)


def test_a_photo_assigned_a_file_is_processed_on_save(settings):
    """``photo.image = File(...)`` then ``save()``, as in the shell."""
    photo = Photo(meeting=MeetingFactory())
    photo.image = File(io.BytesIO(phone_photo()), name="shell.jpg")
    photo.save()
    photo.refresh_from_db()
    assert GENERATED.match(photo.image.name)
    assert photo.original_name == "shell.jpg" and photo.renditions
    for path in media_files(settings):
        assert_clean(path)


def test_a_script_saving_a_non_image_stores_nothing(settings):
    article = ArticleFactory()
    with pytest.raises(ValidationError):
        article.cover.save("x.jpg", ContentFile(b"<svg onload=alert(1)></svg>"))
    article.refresh_from_db()
    assert not article.cover
    assert media_files(settings) == []


def test_replacing_a_cover_removes_the_old_files_once_committed(
    settings, django_capture_on_commit_callbacks
):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        article.cover.save("a.jpg", ContentFile(phone_photo()))
    first = article.cover.name
    with django_capture_on_commit_callbacks(execute=True):
        article.cover.save("b.jpg", ContentFile(phone_photo((900, 600))))
    assert article.cover.name != first
    names = [
        p.relative_to(settings.MEDIA_ROOT).as_posix() for p in media_files(settings)
    ]
    assert names == [article.cover.name]


def test_deleting_rows_removes_their_image_files(
    settings, django_capture_on_commit_callbacks
):
    person = PersonFactory()
    photo = Photo(meeting=MeetingFactory())
    with django_capture_on_commit_callbacks(execute=True):
        person.portrait.save("p.jpg", ContentFile(phone_photo()))
        photo.image.save("q.jpg", ContentFile(phone_photo()))
    assert len(media_files(settings)) > 2
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.filter(pk=person.pk).delete()
        photo.delete()
    assert media_files(settings) == []


def test_a_save_that_fails_after_processing_leaves_no_file(settings):
    """The row is refused by the database after the files were written: the files
    go with the failed save."""
    taken = ArticleFactory()
    article = ArticleFactory.build(slug=taken.slug, category=taken.category)
    article.cover = File(io.BytesIO(phone_photo()), name="cover.jpg")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.save(article)
    assert media_files(settings) == []


# ---------------------------------------------------------------- a full disk


@pytest.fixture
def disk_full_at(monkeypatch):
    """Storage writes fail with ENOSPC from the ``n``-th file on, after half of
    that file was written: a disk that fills up in the middle of a file."""

    def arm(n):
        calls = {"count": 0}
        original = File.chunks

        def chunks(self, chunk_size=None):
            calls["count"] += 1
            if calls["count"] < n:
                yield from original(self, chunk_size)
                return
            self.seek(0)
            data = self.read()
            yield data[: max(1, len(data) // 2)]
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(File, "chunks", chunks)

    return arm


@pytest.mark.parametrize("n", [1, 2, 4])
def test_a_full_disk_leaves_no_file_behind(settings, disk_full_at, n):
    """At the master or at any rendition: an error that says so, no file at all
    (the half-written one included), no row."""
    disk_full_at(n)
    photo = Photo(meeting=MeetingFactory())
    with pytest.raises(FileWriteError) as raised:
        photo.image.save("a.jpg", ContentFile(phone_photo()))
    assert "ổ đĩa" in str(raised.value) or "disk" in str(raised.value)
    assert media_files(settings) == []
    assert not Photo.objects.exists()


def test_the_upload_endpoint_answers_a_full_disk_in_vietnamese_json(
    admin_client, settings, disk_full_at
):
    meeting = MeetingFactory()
    disk_full_at(3)
    response = admin_client.post(
        reverse("admin:events_meeting_upload_photo", args=[meeting.pk]),
        {"image": SimpleUploadedFile("a.jpg", phone_photo(), "image/jpeg")},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 503
    assert "ổ đĩa đã đầy" in response.json()["error"]
    assert media_files(settings) == []
    assert not Photo.objects.exists()


def test_the_editor_upload_answers_a_full_disk_in_vietnamese(
    admin_client, settings, disk_full_at
):
    disk_full_at(2)
    response = admin_client.post(
        "/ckeditor/upload/",
        {"upload": SimpleUploadedFile("a.jpg", phone_photo(), "image/jpeg")},
    )
    assert response.status_code == 503
    assert "ổ đĩa đã đầy" in response.json()["error"]["message"]
    assert media_files(settings) == []
    assert not Photo.objects.exists()


def test_the_admin_gives_the_form_back_when_the_disk_is_full(
    admin_client, settings, disk_full_at
):
    """A portrait saved in the admin on a full disk: the form again, saying why in
    Vietnamese; no file, and the person unchanged."""
    person = PersonFactory(full_name="Ngô Thị Yến")
    url = reverse("admin:people_person_change", args=[person.pk])
    data = person_form(person)
    data["bio"] = "Tiểu sử mới"
    data["portrait"] = SimpleUploadedFile("a.jpg", phone_photo(), "image/jpeg")
    disk_full_at(1)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "ổ đĩa đã đầy" in response.content.decode()
    person.refresh_from_db()
    assert person.bio == "" and not person.portrait
    assert media_files(settings) == []
