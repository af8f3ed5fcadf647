"""What an import makes stays off the public site until its article is published:
the meeting, the people it created and the awards it read."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from news import workflow
from news.models import Article
from news.roles import EDITOR
from tests.factories import (
    ArticleFactory,
    AttendeeFactory,
    AwardFactory,
    MeetingFactory,
    PersonFactory,
    UnitFactory,
    role_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported():
    """A draft as the importer leaves it, reporting a meeting held last year."""
    meeting = MeetingFactory(
        title="Hội nghị Đoàn viên tiêu biểu",
        starts_at=timezone.now() - datetime.timedelta(days=300),
        pending_import=True,
    )
    newcomer = PersonFactory(full_name="Lương Thị Hường", pending_import=True)
    known = PersonFactory(full_name="Trần Văn Bình")
    unit = UnitFactory(name="Khoa Giáo dục Mầm non")
    AttendeeFactory(meeting=meeting, person=newcomer)
    awards = [
        AwardFactory(
            year=2023, recipient_person=newcomer, meeting=meeting, pending_import=True
        ),
        AwardFactory(
            year=2023, recipient_person=known, meeting=meeting, pending_import=True
        ),
        AwardFactory(
            year=2023,
            recipient_person=None,
            recipient_unit=unit,
            meeting=meeting,
            pending_import=True,
        ),
    ]
    article = ArticleFactory(meeting=meeting, byline_person=newcomer)
    return article, meeting, newcomer, known, unit, awards


def public_views(client, meeting, newcomer, known, unit):
    """What a visitor sees of the import, page by page."""
    honours = client.get(reverse("awards:honour_roll")).content.decode()
    sitemap_people = client.get("/sitemap-people.xml").content.decode()
    sitemap_meetings = client.get("/sitemap-meetings.xml").content.decode()
    return {
        "meeting list": meeting.title
        in client.get(reverse("events:meeting_list")).content.decode(),
        "meeting page": client.get(meeting.get_absolute_url()).status_code == 200,
        "person page": client.get(newcomer.get_absolute_url()).status_code == 200,
        "honour roll": newcomer.full_name in honours,
        "honour roll year": client.get(
            reverse("awards:honour_roll_year", args=[2023])
        ).status_code
        == 200,
        "award on a known person's page": "Lao động tiên tiến"
        in client.get(known.get_absolute_url()).content.decode(),
        "award on the unit's page": "Lao động tiên tiến"
        in client.get(unit.get_absolute_url()).content.decode(),
        "search": newcomer.get_absolute_url()
        in client.get(reverse("search"), {"q": "Hường"}).content.decode(),
        "meeting search": meeting.get_absolute_url()
        in client.get(reverse("search"), {"q": "tiêu biểu"}).content.decode(),
        "people sitemap": newcomer.slug in sitemap_people,
        "meetings sitemap": meeting.slug in sitemap_meetings,
    }


def test_an_imported_draft_shows_nothing_publicly(client, imported):
    article, meeting, newcomer, known, unit, _awards = imported
    seen = public_views(client, meeting, newcomer, known, unit)
    assert not any(seen.values()), [page for page, shown in seen.items() if shown]
    assert client.get(reverse("events:meeting_list")).status_code == 200


def test_publishing_the_article_makes_all_of_it_public(client, imported):
    article, meeting, newcomer, known, unit, awards = imported
    workflow.publish(article, role_user(EDITOR, "bientap"))
    seen = public_views(client, meeting, newcomer, known, unit)
    assert all(seen.values()), [page for page, shown in seen.items() if not shown]
    meeting.refresh_from_db()
    newcomer.refresh_from_db()
    assert not meeting.pending_import and not newcomer.pending_import
    for award in awards:
        award.refresh_from_db()
        assert not award.pending_import


def test_publishing_from_the_form_releases_them_too(client, editor, imported):
    """The editor may also set the status in the article's form."""
    article, meeting, newcomer, *_rest = imported
    article.status = Article.Status.PUBLISHED
    article.save()
    workflow.record(article, editor, workflow.event_for_change("draft", article))
    meeting.refresh_from_db()
    newcomer.refresh_from_db()
    assert not meeting.pending_import and not newcomer.pending_import


def test_other_drafts_imports_stay_hidden(client, imported):
    """Publishing one article releases only what came with it."""
    article, meeting, newcomer, known, unit, awards = imported
    other = MeetingFactory(
        starts_at=timezone.now() - datetime.timedelta(days=30), pending_import=True
    )
    stranger = PersonFactory(full_name="Đinh Thị Mai", pending_import=True)
    AttendeeFactory(meeting=other, person=stranger)
    ArticleFactory(meeting=other)
    workflow.publish(article, role_user(EDITOR, "bientap"))
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(stranger.get_absolute_url()).status_code == 404
