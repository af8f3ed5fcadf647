"""Images staff upload: what a file is, decided by its content.

A file's name and the browser's content type say nothing reliable: a PHP script can
be called ``anh.jpg``. Pillow reads the bytes and decides; anything it cannot open as
JPEG, PNG, WebP or HEIC, anything truncated, empty, too heavy or with too many pixels is
refused with a message the editor can act on.

Accepted photos are processed once, at upload: a master no larger than
``NGT_PHOTO_MASTER_EDGE`` pixels, upright and stripped of metadata, replaces the
upload, and WebP and JPEG renditions are made at ``NGT_PHOTO_WIDTHS``. Pages only
ever read those files.
"""

import contextvars
import datetime
import io
import math
import re
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

import pillow_heif
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import FileField
from django.db.models.signals import pre_save
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from core.image_quality import measure

# iPhones save HEIC by default; pillow-heif teaches Pillow to read it.
pillow_heif.register_heif_opener()

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "HEIF": "heic"}


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int
    height: int

    @property
    def extension(self):
        return ACCEPTED_FORMATS[self.format]


def validate_image(file, decode=True):
    """Check an uploaded file is a whole JPEG, PNG, WebP or HEIC image within limits.

    Returns its ``ImageInfo``; raises ``ValidationError`` with a Vietnamese message
    otherwise. The file is left at its start. ``decode=False`` reads the header only,
    for a caller that decodes the image itself and reports damage with
    ``damaged_image``.
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
            if decode:
                if image_format == "JPEG":
                    # Decoding at 1/8 scale still reads every byte of the stream, so
                    # a truncated file fails here without a full-size decode.
                    image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        # So many pixels that Pillow refuses to even open the file.
        raise ValidationError(
            _("The image has too many pixels; the limit is %(max)s megapixels."),
            code="too_many_pixels",
            params={"max": settings.NGT_IMAGE_MAX_PIXELS // 1_000_000},
        ) from error
    except UnidentifiedImageError as error:
        raise ValidationError(_not_an_image(), code="format") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise damaged_image() from error
    finally:
        file.seek(0)
    return ImageInfo(image_format, width, height)


def damaged_image():
    return ValidationError(
        _("The image is damaged or incomplete; please upload it again."),
        code="damaged",
    )


def _not_an_image():
    return _("This file is not a JPEG, PNG, WebP or HEIC image.")


# ---------------------------------------------------------------- processing

JPEG_QUALITY = 82
WEBP_QUALITY = 80
# WebP's method 2 is ~2× faster than the default 4 for a few per cent more bytes.
WEBP_METHOD = 2
EXIF_IFD = 0x8769
EXIF_DATETIME_ORIGINAL = 36867
EXIF_OFFSET_TIME_ORIGINAL = 36881
TIFF_DATETIME = 306


@dataclass
class ProcessedImage:
    """An upload made public-safe: upright, without metadata, at its sizes."""

    master: bytes
    width: int
    height: int
    taken_at: object  # an aware datetime, or None
    renditions: dict  # {(width, "webp"|"jpg"): bytes}
    measures: object = None  # core.image_quality.Measures: hash, sharpness, brightness

    @property
    def widths(self):
        return sorted({width for width, _ext in self.renditions})


def rendition_widths(master_width, widths=None):
    """The configured widths a master of ``master_width`` pixels can fill.

    A picture narrower than the smallest width gets one rendition at its own width.
    """
    widths = sorted(widths or settings.NGT_PHOTO_WIDTHS)
    fitting = [w for w in widths if w <= master_width]
    return fitting or [master_width]


def rendition_name(master_name, width, extension):
    """ "photos/2024/01/abc.jpg" → "photos/2024/01/abc/640.webp"."""
    stem = master_name.rsplit(".", 1)[0]
    return f"{stem}/{width}.{extension}"


RENDITION_NAME = re.compile(r"^(?P<stem>.+)/\d+\.(?:webp|jpg)$")


def master_name_of(name):
    """The master a stored file belongs to: "photos/2024/01/abc/640.webp" →
    "photos/2024/01/abc.jpg" (masters are JPEG); any other name is its own."""
    match = RENDITION_NAME.match(name)
    return f"{match['stem']}.jpg" if match else name


def process_image(file, widths=None, renditions=True):
    """Validate ``file`` and return its ``ProcessedImage``.

    The photo is decoded once, at the smallest JPEG scale that still covers the
    master size (``Image.draft``: a 4000×3000 phone photo decodes straight to
    2000×1500), turned upright from its EXIF orientation, and re-encoded without any
    metadata except the colour profile: GPS position, camera and owner are gone.
    ``renditions=False`` makes the master alone (images placed in article bodies).
    The master's hash, sharpness and brightness are measured on the way
    (``core.image_quality``), so duplicates and bad shots can be flagged.
    """
    # The header is checked first; the one real decode below finds any damage.
    validate_image(file, decode=False)
    edge = settings.NGT_PHOTO_MASTER_EDGE
    try:
        with Image.open(file) as source:
            taken_at = _taken_at(source.getexif())
            icc_profile = source.info.get("icc_profile")
            width, height = source.size
            if source.format == "JPEG" and max(width, height) > edge:
                # Draft picks the smallest DCT scale whose size still covers both
                # dimensions asked for, so ask for the master's own proportions.
                scale = edge / max(width, height)
                source.draft(
                    "RGB", (math.ceil(width * scale), math.ceil(height * scale))
                )
            source.load()
            image = _to_rgb(ImageOps.exif_transpose(source))
    except (OSError, SyntaxError, ValueError) as error:
        raise damaged_image() from error
    finally:
        file.seek(0)
    if max(image.size) > edge:
        image.thumbnail((edge, edge), Image.Resampling.LANCZOS, reducing_gap=2.0)
    master = _encode(image, "JPEG", icc_profile)
    return ProcessedImage(
        master=master,
        width=image.width,
        height=image.height,
        taken_at=taken_at,
        renditions=make_renditions(image, widths, icc_profile) if renditions else {},
        measures=measure(image),
    )


def make_renditions(image, widths=None, icc_profile=None):
    """WebP and JPEG encodings of ``image`` at each width it can fill.

    Each size is made from the next larger one, so the big resize happens once.
    """
    result = {}
    current = image
    for width in sorted(rendition_widths(image.width, widths), reverse=True):
        if width != current.width:
            height = max(1, round(current.height * width / current.width))
            current = current.resize(
                (width, height), Image.Resampling.BICUBIC, reducing_gap=2.0
            )
        result[(width, "webp")] = _encode(current, "WEBP", icc_profile)
        result[(width, "jpg")] = _encode(current, "JPEG", icc_profile)
    return result


def _encode(image, image_format, icc_profile=None):
    buffer = io.BytesIO()
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if image_format == "JPEG":
        # Baseline, not progressive: progressive encoding costs a sixth of the CPU of
        # all renditions for a small gain on sizes that load in one go anyway.
        options.update(quality=JPEG_QUALITY)
    else:
        options.update(quality=WEBP_QUALITY, method=WEBP_METHOD)
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def _to_rgb(image):
    if image.mode == "RGB":
        return image
    if image.mode in {"RGBA", "LA"} or (
        image.mode == "P" and "transparency" in image.info
    ):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _taken_at(exif):
    """When the photo was taken, from EXIF, as an aware datetime; None if unknown."""
    details = exif.get_ifd(EXIF_IFD)
    text = details.get(EXIF_DATETIME_ORIGINAL) or exif.get(TIFF_DATETIME)
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.datetime.strptime(
            text.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S"
        )
    except ValueError:
        return None
    offset = details.get(EXIF_OFFSET_TIME_ORIGINAL)
    if isinstance(offset, str):
        try:
            return datetime.datetime.fromisoformat(
                f"{moment.isoformat()}{offset.strip()}"
            )
        except ValueError:
            pass
    # Phones without an offset tag record local time, which here is Vietnam's.
    return timezone.make_aware(moment, timezone.get_default_timezone())


# ---------------------------------------------------------------- storage


def store_processed(storage, folder, processed):
    """Write a master and its renditions under a generated name; return the names.

    The caller removes them with ``delete_files`` if the row that should point at
    them is not saved.
    """
    master_name = storage.save(
        f"{folder}/{uuid.uuid4().hex}.jpg", ContentFile(processed.master)
    )
    names = [master_name]
    try:
        names += write_renditions(storage, master_name, processed.renditions)
    except BaseException:
        delete_files(storage, names)
        raise
    _written(storage, names)
    return names


def write_renditions(storage, master_name, renditions):
    """Write each rendition at its fixed name beside the master, replacing any."""
    names = []
    try:
        for (width, extension), content in renditions.items():
            name = rendition_name(master_name, width, extension)
            storage.delete(name)
            names.append(storage.save(name, ContentFile(content)))
    except BaseException:
        delete_files(storage, names)
        raise
    return names


def image_file_names(master_name, widths):
    """Every file of one stored image: the master and each rendition."""
    if not master_name:
        return []
    return [master_name] + [
        rendition_name(master_name, width, extension)
        for width in widths
        for extension in ("webp", "jpg")
    ]


def delete_files(storage, names):
    for name in names:
        if name:
            storage.delete(name)


# ---------------------------------------------------------------- saves that fail

# The files written inside a ``files_removed_on_failure`` block: (storage, name) pairs
# and the FieldFiles saved by FileField.pre_save, per request (a context variable, so
# threads and async tasks each have their own).
_ledger = contextvars.ContextVar("ngt_files_written", default=None)


class WrittenFiles(list):
    """What a block wrote, and whether its transaction was committed."""

    committed = False

    def commit(self):
        self.committed = True

    def names(self):
        names = []
        for entry in self:
            if isinstance(entry, tuple):
                names.append(entry)
            elif entry._committed and entry.name:
                # A FieldFile noted before its row's save: written if now committed.
                names.append((entry.storage, entry.name))
        return names


@contextmanager
def files_removed_on_failure(using=None):
    """Run the block in a transaction; if it fails, delete the files it wrote.

    A rolled-back transaction takes rows back, not files: a form that saves a photo
    (master and renditions, written at upload) and then fails on the next row would
    leave files no row points to. Files are noted by ``store_processed`` and, for any
    ``FileField`` (a document, an article's cover), when their row is saved. Yields
    the ``WrittenFiles``: once ``committed`` (the transaction's first on-commit hook),
    an error in a later hook deletes nothing, the rows being saved.
    """
    ledger = WrittenFiles()
    token = _ledger.set(ledger)
    try:
        with transaction.atomic(using=using):
            transaction.on_commit(ledger.commit, using=using)
            yield ledger
    except BaseException:
        if not ledger.committed:
            for storage, name in reversed(ledger.names()):
                storage.delete(name)
        raise
    finally:
        _ledger.reset(token)


def _written(storage, names):
    ledger = _ledger.get()
    if ledger is not None:
        ledger.extend((storage, name) for name in names if name)


def _note_uploads(sender, instance, raw=False, **kwargs):
    """Note each new file a row is about to write (FileField.pre_save saves it)."""
    ledger = _ledger.get()
    if ledger is None or raw:
        return
    for field in instance._meta.concrete_fields:
        if isinstance(field, FileField):
            file = getattr(instance, field.attname)
            if file and not file._committed:
                ledger.append(file)


pre_save.connect(_note_uploads, dispatch_uid="core.images.note_uploads")
