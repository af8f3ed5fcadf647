"""The library's admin: a bad file refused in Vietnamese, the number found as typed
and folded, the filters, and the editors' rights."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document
from news.roles import EDITOR, REPORTER
from tests.core.test_documents import BAD, GOOD
from tests.documents.helpers import make_document
from tests.events.test_admin_atomic import media_files
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:documents_document_add")
LIST = reverse("admin:documents_document_changelist")
RIGHTS = importlib.import_module("documents.migrations.0002_editor_rights")


def form(name, content, **overrides):
    data = {
        "kind": Document.Kind.PLAN,
        "number": "10/KH-CĐNGT",
        "title": "Tổ chức Hội nghị tổng kết công tác năm 2023",
        "field": Document.Field.ADMINISTRATION,
        "issuer": "",
        "issuer_name": "",
        "signer": "Nguyễn Hoàng Quỳnh",
        "signer_person": "",
        "issued_on": "17/01/2024",
        "effective_on": "",
        "file": SimpleUploadedFile(name, content),
        "is_public": "on",
        "slug": "",
    }
    data.update(overrides)
    return data


def test_html_renamed_pdf_is_refused_in_vietnamese(staff_client, settings):
    response = staff_client.post(ADD, form("ke-hoach.pdf", BAD["trang.html"]))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"] == [
        "Tệp không phải PDF, Word, Excel hay OpenDocument."
    ]
    assert not Document.objects.exists()
    assert media_files(settings) == set()


def test_a_spreadsheet_is_refused_in_vietnamese(staff_client):
    response = staff_client.post(ADD, form("bang.xlsx", GOOD["danh-sach.xlsx"]))
    assert "Thư viện chỉ nhận tệp PDF và Word." in response.content.decode()
    assert not Document.objects.exists()


def test_a_good_pdf_is_stored(staff_client):
    response = staff_client.post(ADD, form("ke-hoach.pdf", GOOD["ke-hoach.pdf"]))
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.file.name.startswith("documents/")
    assert document.slug == "10-kh-cdngt-to-chuc-hoi-nghi-tong-ket-cong-tac-nam-2023"
    assert document.issued_on.isoformat() == "2024-01-17"


@pytest.mark.parametrize("q", ["10/KH-CĐNGT", "10/kh", "hoi nghi tong ket", "ĐNGT"])
def test_the_search_finds_the_number_as_typed_and_words_folded(staff_client, q):
    make_document()
    make_document(number="25/QĐ-TCHC", title="Khen thưởng")
    response = staff_client.get(LIST, {"q": q})
    numbers = [d.number for d in response.context["cl"].result_list]
    assert numbers == ["10/KH-CĐNGT"]


def test_the_filters_work(staff_client):
    unit = UnitFactory()
    make_document(issuer=unit)
    make_document(number="1/TB", kind=Document.Kind.NOTICE, is_public=False)
    response = staff_client.get(
        LIST, {"kind__exact": "notice", "is_public__exact": "0"}
    )
    assert [d.number for d in response.context["cl"].result_list] == ["1/TB"]
    response = staff_client.get(LIST, {"nam": "2024", "issuer__id__exact": unit.pk})
    assert [d.number for d in response.context["cl"].result_list] == ["10/KH-CĐNGT"]


def test_the_migration_gives_editors_the_library_and_reporters_a_view():
    RIGHTS.grant(apps, None)
    editors = {p.codename for p in Group.objects.get(name=EDITOR).permissions.all()}
    reporters = {p.codename for p in Group.objects.get(name=REPORTER).permissions.all()}
    assert {"add_document", "change_document", "delete_document"} <= editors
    assert "view_document" in reporters
    assert "add_document" not in reporters


def test_an_editor_adds_a_document(client, editor):
    RIGHTS.grant(apps, None)
    response = client.post(ADD, form("ke-hoach.pdf", GOOD["ke-hoach.pdf"]))
    assert response.status_code == 302
    assert Document.objects.count() == 1


def test_a_reporter_may_not_add_one(client, reporter):
    RIGHTS.grant(apps, None)
    response = client.post(ADD, form("ke-hoach.pdf", GOOD["ke-hoach.pdf"]))
    assert response.status_code == 403
    assert not Document.objects.exists()


def test_a_meeting_document_picks_its_library_document(staff_client):
    """The meeting's document rows offer the library in an autocomplete, which
    finds a document by its number and shows its date."""
    from tests.factories import MeetingDocumentFactory

    document = make_document()
    row = MeetingDocumentFactory(number="10/KH-CĐNGT", document=document)
    page = staff_client.get(
        reverse("admin:events_meeting_change", args=[row.meeting_id])
    ).content.decode()
    assert 'name="documents-0-document"' in page
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "events",
            "model_name": "meetingdocument",
            "field_name": "document",
            "term": "10/KH",
        },
    )
    assert response.json()["results"] == [
        {"id": str(document.pk), "text": "Kế hoạch số 10/KH-CĐNGT – 17/01/2024"}
    ]
