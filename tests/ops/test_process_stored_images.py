"""Images stored as uploaded before the pipeline covered every field are processed
once by ``process_stored_images``."""

import io
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from news.models import Article
from people.models import Person
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

GPS = 0x8825


def raw_jpeg():
    exif = Image.Exif()
    exif[GPS] = {1: "N", 2: (21.0, 16.0, 30.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "teal").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def stored_raw(name):
    return default_storage.save(name, ContentFile(raw_jpeg()))


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("process_stored_images", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_raw_covers_and_portraits_are_processed_once():
    article = ArticleFactory()
    person = PersonFactory()
    cover = stored_raw("covers/2024/01/IMG_2024_home.jpg")
    portrait = stored_raw("people/chan-dung.jpg")
    Article.objects.filter(pk=article.pk).update(cover=cover)
    Person.objects.filter(pk=person.pk).update(portrait=portrait)

    out, _ = run("--dry-run")
    assert "Sẽ xử lý 2 ảnh" in out
    assert default_storage.exists(cover)

    out, err = run()
    assert "Đã xử lý 2 ảnh; 0 ảnh không xử lý được." in out, err
    article.refresh_from_db()
    person.refresh_from_db()
    for field_file in (article.cover, person.portrait):
        assert "IMG" not in field_file.name and "chan-dung" not in field_file.name
        with field_file.open("rb") as file, Image.open(file) as image:
            assert GPS not in image.getexif()
    assert not default_storage.exists(cover)
    assert not default_storage.exists(portrait)

    out, _ = run()
    assert "Đã xử lý 0 ảnh" in out


def test_a_missing_or_broken_file_is_named_and_left_alone():
    first, second = ArticleFactory(), ArticleFactory()
    Article.objects.filter(pk=first.pk).update(cover="covers/khong-co.jpg")
    broken = default_storage.save("covers/hong.jpg", ContentFile(b"not an image"))
    Article.objects.filter(pk=second.pk).update(cover=broken)
    out, err = run()
    assert "0 ảnh; 2 ảnh không xử lý được" in out
    assert "Không có tệp: covers/khong-co.jpg" in err
    assert "covers/hong.jpg" in err
    second.refresh_from_db()
    assert second.cover.name == broken
