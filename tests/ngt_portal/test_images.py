"""What counts as an image is decided by its content, within configured limits."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ngt_portal.images import validate_image


def encoded(fmt, size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "extension"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")]
)
def test_accepted_formats_whatever_the_name(fmt, extension):
    """JPEG, PNG and WebP are accepted by content, even named .txt."""
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
