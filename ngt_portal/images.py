"""Images staff upload: what a file is, decided by its content.

A file's name and the browser's content type say nothing reliable: a PHP script can
be called ``anh.jpg``. Pillow reads the bytes and decides; anything it cannot open as
JPEG, PNG or WebP, anything truncated, empty, too heavy or with too many pixels is
refused with a message the editor can act on.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int
    height: int

    @property
    def extension(self):
        return ACCEPTED_FORMATS[self.format]


def validate_image(file):
    """Check an uploaded file is a whole JPEG, PNG or WebP image within the limits.

    Returns its ``ImageInfo``; raises ``ValidationError`` with a Vietnamese message
    otherwise. The file is left at its start.
    """
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    max_bytes = settings.NGT_IMAGE_MAX_BYTES
    if size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(max)s."),
            code="too_large",
            params={"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
        )
    file.seek(0)
    try:
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            if image_format not in ACCEPTED_FORMATS:
                raise ValidationError(_not_an_image(), code="format")
            max_pixels = settings.NGT_IMAGE_MAX_PIXELS
            if width * height > max_pixels:
                raise ValidationError(
                    _(
                        "The image has too many pixels (%(width)s×%(height)s); "
                        "the limit is %(max)s megapixels."
                    ),
                    code="too_many_pixels",
                    params={
                        "width": width,
                        "height": height,
                        "max": max_pixels // 1_000_000,
                    },
                )
            if image_format == "JPEG":
                # Decoding at 1/8 scale still reads every byte of the stream, so a
                # truncated file fails here without a full-size decode.
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError) as error:
        raise ValidationError(_not_an_image(), code="format") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The image is damaged or incomplete; please upload it again."),
            code="damaged",
        ) from error
    finally:
        file.seek(0)
    return ImageInfo(image_format, width, height)


def _not_an_image():
    return _("This file is not a JPEG, PNG or WebP image.")
