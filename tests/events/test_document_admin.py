"""The admin refuses a document that is not PDF, Word, Excel or OpenDocument, on the
meeting's document rows and on the document's own form: the Vietnamese message is
shown by the field, no row is saved and no file is written."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import MeetingDocument
from tests.core.test_documents import BAD, GOOD, ooxml
from tests.events.test_admin import change_url, meeting_form
from tests.events.test_admin_atomic import media_files
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

NOT_A_DOCUMENT = "Tệp không phải PDF, Word, Excel hay OpenDocument."


def inline_row(meeting, name, content):
    data = meeting_form(meeting)
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-INITIAL_FORMS": "0",
            "documents-0-meeting": str(meeting.pk),
            "documents-0-kind": MeetingDocument.Kind.PLAN,
            "documents-0-number": "10/KH-CĐNGT",
            "documents-0-date": "17/01/2024",
            "documents-0-title": "",
            "documents-0-issuer": "",
            "documents-0-file": SimpleUploadedFile(name, content),
        }
    )
    return data


def own_form(meeting, name, content):
    return {
        "meeting": str(meeting.pk),
        "kind": MeetingDocument.Kind.DECISION,
        "number": "25/QĐ-CĐNGT",
        "date": "25/01/2024",
        "title": "",
        "issuer": "",
        "file": SimpleUploadedFile(name, content),
    }


def inline_errors(response):
    formset = next(
        f
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "documents"
    )
    return formset.formset.forms[0].errors


@pytest.mark.parametrize("name", ["trang.html", "ma.js", "hinh.svg", "anh.pdf"])
def test_meeting_inline_refuses_other_files(staff_client, settings, name):
    """An HTML, JS, SVG or renamed PNG document row: message by the file, nothing saved."""
    meeting = MeetingFactory()
    response = staff_client.post(
        change_url(meeting), inline_row(meeting, name, BAD[name])
    )
    assert response.status_code == 200
    assert inline_errors(response)["file"] == [NOT_A_DOCUMENT]
    assert NOT_A_DOCUMENT in response.content.decode()
    assert not MeetingDocument.objects.exists()
    assert media_files(settings) == set()


def test_meeting_inline_refuses_mismatched_extension(staff_client, settings):
    """A Word file named .pdf is refused, the message naming what it really is."""
    meeting = MeetingFactory()
    data = inline_row(meeting, "quyet-dinh.pdf", ooxml("word"))
    response = staff_client.post(change_url(meeting), data)
    assert inline_errors(response)["file"] == [
        "Đuôi tệp .pdf không khớp với nội dung (Word)."
    ]
    assert not MeetingDocument.objects.exists()
    assert media_files(settings) == set()


def test_meeting_inline_stores_a_good_document_under_a_generated_name(
    staff_client, settings
):
    """A real .docx is saved as documents/<year>/<hex>.docx; its name becomes the title."""
    meeting = MeetingFactory()
    data = inline_row(meeting, "Kế hoạch tổng kết.docx", GOOD["quyet-dinh.docx"])
    response = staff_client.post(change_url(meeting), data)
    assert response.status_code == 302
    document = MeetingDocument.objects.get()
    assert re.fullmatch(r"documents/\d{4}/[0-9a-f]{32}\.docx", document.file.name)
    assert document.title == "Kế hoạch tổng kết"
    assert media_files(settings) == {document.file.name}


def test_document_admin_refuses_other_files(staff_client, settings):
    """The document's own add form refuses an .exe with the message by the field."""
    meeting = MeetingFactory()
    data = own_form(meeting, "chuong-trinh.exe", BAD["chuong-trinh.exe"])
    response = staff_client.post(reverse("admin:events_meetingdocument_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"] == [NOT_A_DOCUMENT]
    assert not MeetingDocument.objects.exists()
    assert media_files(settings) == set()


def test_document_admin_refuses_oversize_files(staff_client, settings):
    """Over NGT_DOCUMENT_MAX_BYTES the file is refused with the size and the limit."""
    settings.NGT_DOCUMENT_MAX_BYTES = 100
    meeting = MeetingFactory()
    data = own_form(meeting, "ke-hoach.pdf", GOOD["ke-hoach.pdf"] * 4)
    response = staff_client.post(reverse("admin:events_meetingdocument_add"), data)
    errors = response.context["adminform"].form.errors["file"]
    assert errors[0].startswith("Tệp quá lớn (")
    assert "giới hạn là 100\xa0byte" in errors[0]
    assert not MeetingDocument.objects.exists()
    assert media_files(settings) == set()


def test_document_admin_keeps_a_typed_title(staff_client, settings):
    """A title the editor typed is kept; the file still gets a generated name."""
    meeting = MeetingFactory()
    data = own_form(meeting, "bang-diem.ods", GOOD["thong-ke.ods"])
    data["title"] = "Bảng thống kê"
    response = staff_client.post(reverse("admin:events_meetingdocument_add"), data)
    assert response.status_code == 302
    document = MeetingDocument.objects.get()
    assert document.title == "Bảng thống kê"
    assert document.file.name.endswith(".ods")
    assert "bang-diem" not in document.file.name


def test_existing_files_are_left_and_do_not_block_a_save(staff_client, settings):
    """A document stored before the check (here an HTML file) stays as it is, and the
    meeting and the document can still be edited; only new uploads are checked."""
    meeting = MeetingFactory()
    document = MeetingDocument.objects.create(
        meeting=meeting, number="1/KH-CĐNGT", title="Cũ"
    )
    document.file.save("cu.html", ContentFile(BAD["trang.html"]), save=True)
    stored = document.file.name
    data = meeting_form(meeting, title="Hội nghị đã sửa")
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-INITIAL_FORMS": "1",
            "documents-0-id": str(document.pk),
            "documents-0-meeting": str(meeting.pk),
            "documents-0-kind": document.kind,
            "documents-0-number": document.number,
            "documents-0-date": "",
            "documents-0-title": "Cũ (sửa)",
            "documents-0-issuer": "",
        }
    )
    response = staff_client.post(change_url(meeting), data)
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.file.name) == ("Cũ (sửa)", stored)
    assert media_files(settings) == {stored}
