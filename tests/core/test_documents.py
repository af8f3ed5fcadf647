"""A meeting's documents are checked by content, stored under generated names and
served as downloads (core/documents.py)."""

import importlib
import io
import re
import sys
import types
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import translation

import core
from core.documents import (
    document_upload_to,
    object_parameters,
    serve_media,
    validate_document,
)

pytestmark = pytest.mark.django_db

OLE2 = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504


def pdf_bytes():
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def ooxml(folder):
    return zip_bytes(
        {"[Content_Types].xml": "<Types/>", f"{folder}/document.xml": "<x/>"}
    )


def odf(kind):
    mimetype = f"application/vnd.oasis.opendocument.{kind}"
    return zip_bytes({"mimetype": mimetype, "content.xml": "<x/>"})


GOOD = {
    "ke-hoach.pdf": pdf_bytes(),
    "cong-van.doc": OLE2,
    "bang-diem.xls": OLE2,
    "quyet-dinh.docx": ooxml("word"),
    "danh-sach.xlsx": ooxml("xl"),
    "bien-ban.odt": odf("text"),
    "thong-ke.ods": odf("spreadsheet"),
}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
BAD = {
    "trang.html": b"<html><script>alert(1)</script></html>",
    "ma.js": b"alert(document.cookie)",
    "hinh.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
    "chuong-trinh.exe": b"MZ\x90\x00" + b"\x00" * 60,
    "anh.pdf": PNG,
    "nen.docx": zip_bytes({"readme.txt": "hello"}),
    "rong.pdf": b"",
    "hong.docx": b"PK\x03\x04 not really a zip",
}


def upload(name, content):
    return SimpleUploadedFile(name, content)


def message(error):
    return " ".join(error.messages)


@pytest.mark.parametrize("name", GOOD)
def test_each_accepted_type_is_recognised_by_content(name):
    """PDF, .doc/.xls, .docx, .xlsx, .odt and .ods are accepted for what they hold."""
    kinds = {"doc": "ole2", "xls": "ole2"}
    ext = name.rsplit(".", 1)[1]
    assert validate_document(upload(name, GOOD[name])) == kinds.get(ext, ext)


@pytest.mark.parametrize("name", BAD)
def test_other_files_are_refused_in_vietnamese(name):
    """HTML, JS, SVG, programs, a PNG named .pdf, other ZIPs and empty files: refused."""
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        validate_document(upload(name, BAD[name]))
    assert message(caught.value) == "Tệp không phải PDF, Word, Excel hay OpenDocument."


@pytest.mark.parametrize(
    ("name", "content", "shown"),
    [
        (
            "quyet-dinh.pdf",
            ooxml("word"),
            "Đuôi tệp .pdf không khớp với nội dung (Word).",
        ),
        ("ke-hoach.docx", pdf_bytes(), "Đuôi tệp .docx không khớp với nội dung (PDF)."),
        ("bang.xlsx", ooxml("word"), "Đuôi tệp .xlsx không khớp với nội dung (Word)."),
        ("bien-ban.odt", odf("spreadsheet"), "(OpenDocument Spreadsheet)."),
        ("cong-van.docx", OLE2, "(Word hoặc Excel 97-2003)."),
        ("ke-hoach", pdf_bytes(), "Đuôi tệp .? không khớp"),
    ],
)
def test_extension_must_agree_with_content(name, content, shown):
    """A real document under another format's extension is refused, naming both."""
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        validate_document(upload(name, content))
    assert shown in message(caught.value)


def test_extension_case_does_not_matter():
    """KE-HOACH.PDF from a scanner is a PDF like any other."""
    assert validate_document(upload("KE-HOACH.PDF", pdf_bytes())) == "pdf"


def test_size_limit_is_a_setting(settings):
    """Over NGT_DOCUMENT_MAX_BYTES the file is refused before it is even looked at."""
    settings.NGT_DOCUMENT_MAX_BYTES = 1024
    assert validate_document(upload("nho.pdf", pdf_bytes())) == "pdf"
    big = pdf_bytes() + b"0" * 2048
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        validate_document(upload("lon.pdf", big))
    assert message(caught.value) == ("Tệp quá lớn (2,1\xa0KB); giới hạn là 1,0\xa0KB.")


def test_default_limit_is_twenty_megabytes(settings):
    """Without a setting the limit is 20 MB."""
    del settings.NGT_DOCUMENT_MAX_BYTES
    with pytest.raises(ValidationError):
        validate_document(upload("lon.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024)))


def test_generated_name_keeps_only_the_extension():
    """documents/<year>/<random hex>.<ext>: nothing of the uploaded name is kept."""
    name = document_upload_to(None, "<script>Kế hoạch.PDF")
    assert re.fullmatch(r"documents/\d{4}/[0-9a-f]{32}\.pdf", name)
    assert document_upload_to(None, "a.pdf") != document_upload_to(None, "a.pdf")


def test_served_documents_are_downloads(settings):
    """The development server sends documents as attachments with nosniff."""
    folder = settings.MEDIA_ROOT / "documents" / "2024"
    folder.mkdir(parents=True)
    (folder / "abc.pdf").write_bytes(pdf_bytes())
    request = RequestFactory().get("/media/documents/2024/abc.pdf")
    response = serve_media(request, "documents/2024/abc.pdf")
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''abc.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


def test_a_html_file_among_documents_is_still_a_download(settings):
    """A file left from before the check is downloaded, never rendered as a page."""
    folder = settings.MEDIA_ROOT / "documents" / "2023"
    folder.mkdir(parents=True)
    (folder / "cu.html").write_bytes(BAD["trang.html"])
    request = RequestFactory().get("/media/documents/2023/cu.html")
    response = serve_media(request, "documents/2023/cu.html")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_photos_are_served_inline(settings):
    """Photos stay pictures in the page: no attachment header outside documents/."""
    folder = settings.MEDIA_ROOT / "photos"
    folder.mkdir(parents=True)
    (folder / "a.jpg").write_bytes(b"\xff\xd8\xff")
    response = serve_media(RequestFactory().get("/media/photos/a.jpg"), "photos/a.jpg")
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_s3_object_parameters_make_documents_downloads():
    """On S3 each document object carries its type and Content-Disposition."""
    params = object_parameters("documents/2024/abc.docx")
    assert params["ContentDisposition"] == "attachment; filename*=UTF-8''abc.docx"
    assert params["ContentType"].endswith("wordprocessingml.document")
    assert object_parameters("photos/a.jpg") == {}


def test_s3_storage_adds_the_parameters_per_object(monkeypatch):
    """DocumentS3Storage keeps the storage's own parameters and adds the document's."""

    class S3Storage:
        def get_object_parameters(self, name):
            return {"CacheControl": "max-age=2592000"}

    for module in ["storages", "storages.backends", "storages.backends.s3"]:
        monkeypatch.setitem(sys.modules, module, types.ModuleType(module))
    sys.modules["storages.backends.s3"].S3Storage = S3Storage
    # A fresh import against the stand-in, forgotten afterwards (undo runs in reverse).
    monkeypatch.setattr(core, "s3_storage", None, raising=False)
    monkeypatch.setitem(sys.modules, "core.s3_storage", None)
    del sys.modules["core.s3_storage"]
    storage = importlib.import_module("core.s3_storage").DocumentS3Storage()
    document = storage.get_object_parameters("documents/2024/abc.pdf")
    assert document == {
        "CacheControl": "max-age=2592000",
        "ContentType": "application/pdf",
        "ContentDisposition": "attachment; filename*=UTF-8''abc.pdf",
    }
    photo = storage.get_object_parameters("photos/2024/a.jpg")
    assert photo == {"CacheControl": "max-age=2592000"}
