"""The data migration that builds the library from the meetings' documents, run on
rows through the historical models, forwards and back; and the demo's documents."""

import datetime
import importlib

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from documents.models import Document
from events.models import MeetingDocument
from tests.core.test_documents import GOOD
from tests.documents.helpers import make_document
from tests.factories import MeetingDocumentFactory, MeetingFactory, UnitFactory

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module(
    "events.migrations.0011_meetingdocument_library_document"
)


def historical_apps():
    """The models as the migration sees them."""
    executor = MigrationExecutor(connection)
    state = executor.loader.project_state(
        ("events", "0011_meetingdocument_library_document")
    )
    return state.apps


def test_each_number_becomes_one_library_document():
    """Two meetings held under 10/KH-CĐNGT share one document, with the facts and
    file of the first row; every row is linked."""
    unit = UnitFactory(name="Phòng Tổ chức – Hành chính")
    first = MeetingDocumentFactory(
        meeting=MeetingFactory(),
        number="10/KH-CĐNGT",
        title="Tổ chức Hội nghị tổng kết",
        issuer=unit,
        date=datetime.date(2024, 1, 17),
    )
    first.file.save("ke-hoach.pdf", ContentFile(GOOD["ke-hoach.pdf"]), save=True)
    second = MeetingDocumentFactory(meeting=MeetingFactory(), number="10/KH-CĐNGT ")
    programme = MeetingDocumentFactory(
        number="03/CTr-ĐU", kind=MeetingDocument.Kind.PROGRAMME, date=None
    )

    MIGRATION.link(historical_apps(), None)

    plan = Document.objects.get(number="10/KH-CĐNGT")
    assert Document.objects.count() == 2
    assert set(plan.meeting_links.all()) == {first, second}
    assert plan.kind == Document.Kind.PLAN
    assert plan.title == "Tổ chức Hội nghị tổng kết"
    assert plan.issuer == unit
    assert plan.issued_on == datetime.date(2024, 1, 17)
    assert plan.is_public
    assert plan.file.name == first.file.name
    assert plan.file_size == len(GOOD["ke-hoach.pdf"])
    assert plan.slug == "10-kh-cdngt-to-chuc-hoi-nghi-tong-ket"
    assert plan.number_folded == "10/kh-cdngt"
    programme.refresh_from_db()
    other = programme.document
    assert other.kind == Document.Kind.OTHER
    assert other.title == "03/CTr-ĐU"
    assert other.slug == "03-ctr-du"
    assert other.issued_on is None


def test_a_library_document_of_the_same_number_is_reused():
    existing = make_document()
    row = MeetingDocumentFactory(number="10/KH-CĐNGT")
    MIGRATION.link(historical_apps(), None)
    row.refresh_from_db()
    assert row.document == existing
    assert Document.objects.count() == 1


def test_running_it_again_changes_nothing():
    MeetingDocumentFactory(number="10/KH-CĐNGT")
    MIGRATION.link(historical_apps(), None)
    MIGRATION.link(historical_apps(), None)
    assert Document.objects.count() == 1


def test_going_back_unlinks_the_rows():
    row = MeetingDocumentFactory(number="10/KH-CĐNGT")
    apps = historical_apps()
    MIGRATION.link(apps, None)
    MIGRATION.unlink(apps, None)
    row.refresh_from_db()
    assert row.document is None


def test_the_demo_meetings_documents_are_in_the_library(client, demo_content):
    """load_demo links each meeting document to its library page."""
    rows = list(MeetingDocument.objects.select_related("document"))
    assert rows
    assert all(row.document is not None for row in rows)
    plan = Document.objects.get(number="10/KH-CĐNGT")
    response = client.get("/van-ban/?q=10/KH-CĐNGT")
    assert plan in response.context["page_obj"]
    assert client.get(plan.get_absolute_url()).status_code == 200
