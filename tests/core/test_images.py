"""What counts as an image is decided by its content, within configured limits."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.images import validate_image


def encoded(fmt, size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "extension"),
    [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("HEIF", "heic")],
)
def test_accepted_formats_whatever_the_name(fmt, extension):
    """JPEG, PNG, WebP and iPhones' HEIC are accepted by content, even named .txt."""
    info = validate_image(SimpleUploadedFile("tep.txt", encoded(fmt)))
    assert (info.format, info.extension, info.width, info.height) == (
        fmt,
        extension,
        40,
        30,
    )


def test_gif_is_refused():
    """A GIF is an image but not one the portal publishes."""
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("a.jpg", encoded("GIF")))
    assert error.value.code == "format"


def test_byte_limit_is_configurable(settings):
    """A file over NGT_IMAGE_MAX_BYTES is refused before Pillow reads it."""
    settings.NGT_IMAGE_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("a.png", encoded("PNG", (200, 200))))
    assert error.value.code == "too_large"
    assert "giới hạn" in error.value.messages[0]


def test_pixel_limit_is_configurable(settings):
    """An image over NGT_IMAGE_MAX_PIXELS is refused without being decoded."""
    settings.NGT_IMAGE_MAX_PIXELS = 1_000_000
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("a.png", encoded("PNG", (2000, 1000))))
    assert error.value.code == "too_many_pixels"
    assert "2000×1000" in error.value.messages[0]


def test_file_is_rewound_after_checking():
    """The caller can store the file right after: it is back at its start."""
    upload = SimpleUploadedFile("a.jpg", encoded("JPEG"))
    validate_image(upload)
    assert upload.tell() == 0


def test_large_jpeg_is_decoded_at_reduced_scale(monkeypatch, settings):
    """A 12-megapixel JPEG is decoded straight at half scale for a 2000-pixel master,
    never at full size."""
    from PIL import ImageOps

    from core import images

    decoded_sizes = []
    original = ImageOps.exif_transpose

    def spy(image, **kwargs):
        image.load()
        decoded_sizes.append(image.size)
        return original(image, **kwargs)

    monkeypatch.setattr(images.ImageOps, "exif_transpose", spy)
    processed = images.process_image(
        SimpleUploadedFile("a.jpg", encoded("JPEG", (4000, 3000)))
    )
    assert decoded_sizes == [(2000, 1500)]
    assert (processed.width, processed.height) == (2000, 1500)
    assert processed.widths == [320, 640, 1024, 1600]


def test_iphone_heic_becomes_a_jpeg_master():
    """A HEIC photo is processed like any other: JPEG master, WebP and JPEG sizes."""
    from core.images import process_image

    processed = process_image(
        SimpleUploadedFile("IMG_0001.HEIC", encoded("HEIF", (800, 600)))
    )
    assert processed.master[:2] == b"\xff\xd8"
    assert processed.widths == [320, 640]
