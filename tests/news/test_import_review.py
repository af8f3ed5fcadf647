"""The review panel of an imported draft: its report by status, and the people an
editor confirms or keeps new, each decided once, by someone allowed to."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from news.import_people import match_person, resolve_person, store_report
from news.models import ImportedSource, ImportSuggestion
from people.models import Person, Position
from tests.factories import ArticleFactory, AttendeeFactory, MeetingFactory

DAY = datetime.date(2024, 6, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(db):
    """A draft imported with a report and one look-alike name to decide on."""
    known = Person.objects.create(full_name="Nguyễn Thị Yên")
    Position.objects.create(person=known, title="Bí thư Đoàn Trường")
    meeting = MeetingFactory(pending_import=True)
    article = ArticleFactory(meeting=meeting)
    source = ImportedSource.objects.create(
        checksum="b" * 64, name="07-doan.txt", article=article
    )
    store_report(
        source,
        [
            {
                "field": "location",
                "value": "Hội trường tầng 3",
                "line": "tại Hội trường tầng 3, nhà A",
                "status": "recognised",
            },
            {
                "field": "organiser",
                "value": "",
                "line": "Đoàn Thanh niên phối hợp …",
                "status": "uncertain",
            },
        ],
    )
    match = match_person("Nguyễn Thị Yến", "ThS.", "Bí thư Đoàn Trường", DAY)
    provisional = resolve_person(article, match)
    attendee = AttendeeFactory(meeting=meeting, person=provisional)
    article.byline_person = provisional
    article.save()
    suggestion = ImportSuggestion.objects.get(article=article)
    return article, known, provisional, attendee, suggestion


def decide(client, article, suggestion, decision):
    return client.post(
        reverse(
            "admin:news_article_import_decision",
            args=[article.pk, suggestion.pk, decision],
        )
    )


def test_the_panel_shows_the_report_by_status_and_the_pending_people(
    client, editor, imported
):
    article, known, _provisional, _attendee, _suggestion = imported
    page = client.get(reverse("admin:news_article_change", args=[article.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Kiểm tra bài nhập" in text
    assert "Đã nhận ra (1)" in text and "Chưa chắc chắn (1)" in text
    assert "Không hiểu được" not in text
    assert "tại Hội trường tầng 3, nhà A" in text
    assert "Người cần xác nhận (1)" in text
    assert "Đúng người này" in text and "Người khác — tạo mới" in text
    assert "Hai tên chỉ khác nhau ở dấu" in text
    assert reverse("admin:people_person_change", args=[known.pk]) in text


def test_an_article_not_imported_has_no_panel(client, editor):
    article = ArticleFactory()
    page = client.get(reverse("admin:news_article_change", args=[article.pk]))
    assert page.status_code == 200
    assert "import-review" not in page.content.decode()


def test_this_is_the_person_repoints_the_rows_and_drops_the_provisional_one(
    client, editor, imported
):
    article, known, provisional, attendee, suggestion = imported
    response = decide(client, article, suggestion, "dung-nguoi-nay")
    assert response.status_code == 302
    attendee.refresh_from_db()
    article.refresh_from_db()
    suggestion.refresh_from_db()
    assert attendee.person == known
    assert article.byline_person == known
    assert not Person.objects.filter(pk=provisional.pk).exists()
    assert suggestion.decision == ImportSuggestion.Decision.LINKED
    assert suggestion.decided_by == editor and suggestion.decided_at is not None


def test_someone_else_keeps_the_new_person(client, editor, imported):
    article, known, provisional, attendee, suggestion = imported
    decide(client, article, suggestion, "tao-moi")
    attendee.refresh_from_db()
    suggestion.refresh_from_db()
    assert attendee.person == provisional != known
    assert suggestion.decision == ImportSuggestion.Decision.CREATED


def test_a_suggestion_is_decided_only_once(client, editor, imported):
    article, _known, provisional, attendee, suggestion = imported
    decide(client, article, suggestion, "tao-moi")
    response = decide(client, article, suggestion, "dung-nguoi-nay")
    follow = client.get(response.url)
    assert "Gợi ý này đã được quyết định rồi." in follow.content.decode()
    attendee.refresh_from_db()
    suggestion.refresh_from_db()
    assert attendee.person == provisional
    assert suggestion.decision == ImportSuggestion.Decision.CREATED


def test_a_reporter_without_meeting_rights_may_not_decide(client, reporter, imported):
    article, _known, provisional, attendee, suggestion = imported
    article.author = reporter
    article.save()
    assert decide(client, article, suggestion, "dung-nguoi-nay").status_code == 403
    suggestion.refresh_from_db()
    attendee.refresh_from_db()
    assert suggestion.decision == ImportSuggestion.Decision.PENDING
    assert attendee.person == provisional


def test_a_decision_needs_a_post_with_the_csrf_token(editor, imported):
    article, _known, _provisional, _attendee, suggestion = imported
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert decide(strict, article, suggestion, "tao-moi").status_code == 403
    url = reverse(
        "admin:news_article_import_decision",
        args=[article.pk, suggestion.pk, "tao-moi"],
    )
    assert strict.get(url).status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.decision == ImportSuggestion.Decision.PENDING


def test_an_unknown_decision_or_another_articles_suggestion_is_404(
    client, editor, imported
):
    article, _known, _provisional, _attendee, suggestion = imported
    assert decide(client, article, suggestion, "xoa").status_code == 404
    other = ArticleFactory()
    assert decide(client, other, suggestion, "tao-moi").status_code == 404
