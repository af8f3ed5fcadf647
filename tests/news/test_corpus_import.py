"""The whole corpus imported in one run, as an office would: every file read,
no two different people merged, awards and elected lists written, every row an
import makes kept off the public site until its article is published, and each
file's report kept for the review screen."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from awards.models import Award
from events.models import ElectedBody, Meeting
from news.models import Article, ImportedSource
from people.models import Person
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
EXPECTED = json.loads((ARTICLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def imported():
    CategoryFactory(name="Tin tức – Sự kiện")
    out, err = StringIO(), StringIO()
    # The corpus's files, not the UTF-8 sources the odd encodings are made from.
    files = [str(ARTICLES / name) for name in EXPECTED["articles"]]
    call_command("import_articles", *files, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_every_file_of_the_corpus_becomes_a_draft(imported):
    out, err = imported
    files = list(EXPECTED["articles"])
    assert err == ""
    assert f"Đã nhập {len(files)} bài" in out
    assert Article.objects.count() == len(files)
    assert not Article.objects.exclude(status=Article.Status.DRAFT).exists()
    assert all(len(a.slug) <= 80 for a in Article.objects.all())


def test_notices_make_no_meeting(imported):
    events = sum(1 for entry in EXPECTED["articles"].values() if entry["is_event"])
    notices = len(EXPECTED["articles"]) - events
    assert notices >= 2
    assert Article.objects.filter(meeting__isnull=True).count() >= notices


def test_different_people_are_never_merged(imported):
    for first, second in EXPECTED["different_people"]:
        ones = set(Person.objects.filter(full_name=first).values_list("pk", flat=True))
        others = set(
            Person.objects.filter(full_name=second).values_list("pk", flat=True)
        )
        assert not ones & others, (first, second)
    # The pairs the corpus names in one article are both there, apart.
    for first, second in EXPECTED["different_people"][:2]:
        assert Person.objects.filter(full_name=first).exists(), first
        assert Person.objects.filter(full_name=second).exists(), second


def test_awards_and_elected_lists_are_written_pending(imported):
    assert Award.objects.exists()
    assert not Award.objects.filter(pending_import=False).exists()
    assert ElectedBody.objects.exists()
    assert not Meeting.objects.filter(pending_import=False).exists()


def test_each_file_keeps_its_report(imported):
    for source in ImportedSource.objects.all():
        statuses = {entry["status"] for entry in source.report}
        assert "recognised" in statuses, source.name


def test_nothing_imported_is_public_before_publication(imported, client):
    listing = client.get("/su-kien/").content.decode()
    for meeting in Meeting.objects.all():
        assert meeting.get_absolute_url() not in listing
        assert client.get(meeting.get_absolute_url()).status_code == 404
    for person in Person.objects.filter(pending_import=True)[:5]:
        assert client.get(person.get_absolute_url()).status_code == 404


def test_every_attendee_is_the_person_its_article_names(imported):
    """A merged person would show up at a meeting whose article never writes their
    name: every attendee's name is written, exactly, in the article it came from."""
    from events.models import Attendee
    from news.sources import read_source

    texts = {
        source.article_id: read_source(
            (ARTICLES / source.name).read_bytes(), source.name
        ).text
        for source in ImportedSource.objects.all()
    }
    checked = 0
    for article in Article.objects.exclude(meeting=None):
        for attendee in Attendee.objects.filter(meeting=article.meeting).select_related(
            "person"
        ):
            assert attendee.person.full_name in texts[article.pk], (
                attendee.person.full_name,
                article.title,
            )
            checked += 1
    assert checked > 50


def test_cited_documents_go_to_the_library_internal(imported):
    """Every document the corpus cites, a notice's too, is in the library once by
    its number, internal until an editor checks it."""
    from documents.models import Document

    numbers = {
        " ".join(document["number"].split())
        for entry in EXPECTED["articles"].values()
        for document in entry.get("documents", [])
    }
    stored = set(Document.objects.values_list("number", flat=True))
    assert numbers <= stored, numbers - stored
    assert not Document.objects.filter(is_public=True).exists()
    notices = [n for n, e in EXPECTED["articles"].items() if not e["is_event"]]
    cited_by_notices = {
        d["number"] for n in notices for d in EXPECTED["articles"][n]["documents"]
    }
    assert cited_by_notices, "a notice of the corpus cites a document"
    assert cited_by_notices <= stored
