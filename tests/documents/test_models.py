"""A library document: its slug, the folded number and words search reads, its file."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document, validate_library_file
from tests.core.test_documents import BAD, GOOD
from tests.documents.helpers import make_document

pytestmark = pytest.mark.django_db


def test_slug_is_the_number_and_summary_without_marks():
    """đ→d, the slash a separator: an address a visitor can read and type."""
    document = make_document()
    assert document.slug == "10-kh-cdngt-to-chuc-hoi-nghi-tong-ket-cong-tac-nam-2023"


def test_slugs_are_unique_and_stable():
    """The same number and summary twice get two addresses; a save keeps each."""
    first, second = make_document(), make_document()
    assert second.slug == f"{first.slug}-2"
    second.title = "Tên khác hẳn"
    second.save()
    second.refresh_from_db()
    assert second.slug == f"{first.slug}-2"


def test_number_is_kept_as_typed_and_folded_for_search():
    document = make_document(number=" 10/KH-CĐNGT ", title="Kế hoạch Đảng uỷ")
    assert document.number == "10/KH-CĐNGT"
    assert document.number_folded == "10/kh-cdngt"
    assert "ke hoach dang uy" in document.search_text
    assert "nguyen hoang quynh" in document.search_text


def test_the_file_size_is_measured_when_stored():
    document = make_document(
        file=SimpleUploadedFile("ke-hoach.pdf", GOOD["ke-hoach.pdf"])
    )
    assert document.file_size == len(GOOD["ke-hoach.pdf"])
    assert document.file_type == "PDF"
    assert document.content_type == "application/pdf"
    assert document.file.name.startswith("documents/")
    assert "ke-hoach" not in document.file.name


@pytest.mark.parametrize("name", ["ke-hoach.pdf", "cong-van.doc", "quyet-dinh.docx"])
def test_pdf_and_word_are_taken(name):
    assert validate_library_file(SimpleUploadedFile(name, GOOD[name])) is None


@pytest.mark.parametrize("name", ["danh-sach.xlsx", "bang-diem.xls", "thong-ke.ods"])
def test_other_office_files_are_refused(name):
    with pytest.raises(ValidationError) as refused:
        validate_library_file(SimpleUploadedFile(name, GOOD[name]))
    assert refused.value.messages == ["Thư viện chỉ nhận tệp PDF và Word."]


def test_html_named_pdf_is_refused_by_its_content():
    with pytest.raises(ValidationError) as refused:
        validate_library_file(SimpleUploadedFile("trang.pdf", BAD["trang.html"]))
    assert refused.value.messages == [
        "Tệp không phải PDF, Word, Excel hay OpenDocument."
    ]


def test_a_stored_file_is_not_read_again():
    """A file already in storage (a meeting's, brought into the library) is left."""
    document = make_document()
    document.file.save("bang.xlsx", ContentFile(GOOD["danh-sach.xlsx"]), save=True)
    document.refresh_from_db()
    assert validate_library_file(document.file) is None


def test_names_say_form_and_number():
    document = make_document(kind=Document.Kind.DECISION, number="25/QĐ-CĐNGT")
    assert str(document) == "Quyết định số 25/QĐ-CĐNGT"
    assert document.autocomplete_label() == "Quyết định số 25/QĐ-CĐNGT – 17/01/2024"


def test_issuer_is_a_unit_or_an_outside_body():
    from tests.factories import UnitFactory

    unit = UnitFactory(name="Phòng Tổ chức – Hành chính")
    assert make_document(issuer=unit).issuer_label == "Phòng Tổ chức – Hành chính"
    outside = make_document(issuer_name="UBND tỉnh Bắc Giang")
    assert outside.issuer_label == "UBND tỉnh Bắc Giang"
