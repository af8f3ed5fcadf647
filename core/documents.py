"""Official documents checked by what they contain, stored and served as downloads.

An attachment that is really HTML, JavaScript or SVG would run script on the site's
own origin when opened, so a meeting's documents are limited to PDF, Word, Excel and
OpenDocument, recognised by their first bytes (and, for ZIP-based formats, by the
entries inside), never by the name the editor's computer gave them. They are stored
under a generated name and served with ``Content-Disposition: attachment`` and
``nosniff``, so even a file that slipped through is downloaded, not rendered.
"""

import posixpath
import uuid
import zipfile
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.static import serve

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DOCUMENTS_PREFIX = "documents/"

# The kind each extension claims; OLE2 cannot tell Word from Excel cheaply, so .doc
# and .xls both belong to the kind "ole2".
EXTENSION_KINDS = {
    "pdf": "pdf",
    "doc": "ole2",
    "xls": "ole2",
    "docx": "docx",
    "xlsx": "xlsx",
    "odt": "odt",
    "ods": "ods",
}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def kind_labels():
    """The kinds in words, for the mismatch message."""
    return {
        "pdf": "PDF",
        "ole2": _("Word or Excel 97-2003"),
        "docx": "Word",
        "xlsx": "Excel",
        "odt": "OpenDocument Text",
        "ods": "OpenDocument Spreadsheet",
    }


def max_bytes():
    return getattr(settings, "NGT_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES)


def extension(name):
    return posixpath.splitext(name or "")[1].lstrip(".").lower()


def sniff(file):
    """The kind the content shows (see EXTENSION_KINDS' values), or None."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head == OLE2_MAGIC:
        return "ole2"
    if head.startswith(ZIP_MAGIC):
        return sniff_zip(file)
    return None


def sniff_zip(file):
    """OOXML by its [Content_Types].xml and part folder; ODF by its mimetype entry."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                # A few bytes only: the entry could be a bomb.
                with archive.open("mimetype") as entry:
                    return ODF_MIMETYPES.get(entry.read(100).strip())
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return "docx"
                if any(name.startswith("xl/") for name in names):
                    return "xlsx"
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    finally:
        file.seek(0)
    return None


def validate_document(file):
    """Return the file's kind, or raise ValidationError with a Vietnamese message."""
    if file.size > max_bytes():
        raise ValidationError(
            # The same words as an image that is too large (core.images).
            _("The file is too large (%(size)s); the limit is %(max)s.")
            % {"size": filesizeformat(file.size), "max": filesizeformat(max_bytes())},
            code="document_too_large",
        )
    kind = sniff(file) if file.size else None
    if kind is None:
        raise ValidationError(
            _("The file is not a PDF, Word, Excel or OpenDocument file."),
            code="document_type",
        )
    ext = extension(file.name)
    if EXTENSION_KINDS.get(ext) != kind:
        raise ValidationError(
            _("The file extension .%(ext)s does not match its content (%(kind)s).")
            % {"ext": ext or "?", "kind": kind_labels()[kind]},
            code="document_extension",
        )
    return kind


def validate_new_document(file):
    """The model field's validator: only a new upload is checked.

    A file already stored (a row saved before this check existed, or unchanged since)
    is left alone: it is served as a download anyway, and reading it back from the
    storage on every save of its meeting would cost a request to S3.
    """
    if getattr(file, "_committed", False):
        return None
    return validate_document(file)


def document_upload_to(instance, filename):
    """documents/<year>/<random>.<ext>: no name from the editor's computer is kept."""
    year = timezone.localdate().year
    return f"{DOCUMENTS_PREFIX}{year}/{uuid.uuid4().hex}.{extension(filename)}"


def is_document(path):
    return path.replace("\\", "/").lstrip("/").startswith(DOCUMENTS_PREFIX)


def download_headers(path):
    """The headers that make a browser download a document instead of rendering it."""
    filename = posixpath.basename(path)
    return {
        "Content-Type": CONTENT_TYPES.get(extension(path), "application/octet-stream"),
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}",
        "X-Content-Type-Options": "nosniff",
    }


def object_parameters(name):
    """django-storages' per-object parameters: documents stored as downloads on S3."""
    if not is_document(name):
        return {}
    headers = download_headers(name)
    return {
        "ContentType": headers["Content-Type"],
        "ContentDisposition": headers["Content-Disposition"],
    }


def serve_media(request, path, document_root=None):
    """Django's static ``serve`` (development and tests only), documents as downloads."""
    response = serve(request, path, document_root=document_root or settings.MEDIA_ROOT)
    if is_document(path):
        for header, value in download_headers(path).items():
            response[header] = value
    response.setdefault("X-Content-Type-Options", "nosniff")
    return response
