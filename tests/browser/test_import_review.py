"""The import review screen in Chromium, as an editor uses it: an old article names
"Nguyễn Thị Yên", one tone mark away from the recorded "Nguyễn Thị Yến"; the editor
reads the file's report, decides who Yên is, and publishes. Nothing the import made
is public before that, nobody's record is merged by mistake, a decision is taken
once, and the panel speaks Vietnamese."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.models import Attendee, Meeting
from news.models import Article, ImportSuggestion
from people.models import Person, Position
from tests.browser.conftest import PASSWORD, log_in
from tests.browser.test_editor_vietnamese import ENGLISH as EDITOR_ENGLISH
from tests.factories import CategoryFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]

KNOWN = "Nguyễn Thị Yến"
WRITTEN = "Nguyễn Thị Yên"
MEETING_TITLE = "Hội nghị sơ kết công tác Công đoàn học kỳ I năm học 2023 – 2024"
ARTICLE = f"""\
Thực hiện Kế hoạch số 12/KH-CĐ ngày 02/04/2024 của Công đoàn Trường Cao đẳng Ngô \
Gia Tự Bắc Giang, vào hồi 08h00 ngày 10/04/2024, tại Hội trường A, Công đoàn \
Trường đã tổ chức {MEETING_TITLE}.

Dự Hội nghị có đồng chí {WRITTEN} – Chủ tịch Công đoàn, cùng toàn thể cán bộ \
công đoàn các tổ.

Hội nghị đã nghe báo cáo kết quả hoạt động học kỳ I và thống nhất các nhiệm vụ \
trọng tâm của học kỳ II.

Tin, bài: Lê Văn Thành – Công đoàn Trường
"""
# The panel's own words left in English, and the editor's English interface words.
PANEL_ENGLISH = re.compile(
    r"\b(Import review|Recognised|Uncertain|Not understood|Field|Value|Source line|"
    r"People to confirm|In the article|Maybe|Why|Decision|Decided|This is the person|"
    r"Someone else|keep the new person|Kept as a new person|Linked to the candidate|"
    r"Awaiting a decision|yes|no|names differ|already been decided|recorded)\b"
)
SIZES = pytest.mark.parametrize(
    ("width", "height"), [(1366, 768), (390, 844)], ids=["desktop", "phone"]
)


@pytest.fixture
def imported(editor, tmp_path):
    """The editor (with a password for the login form), Yến with her current
    position, a category, and the article naming Yên imported as a draft."""
    editor.set_password(PASSWORD)
    editor.save()
    known = Person.objects.create(full_name=KNOWN)
    Position.objects.create(
        person=known, title="Phó Hiệu trưởng", start=datetime.date(2020, 1, 1)
    )
    CategoryFactory(name="Tin tức – Sự kiện")
    path = tmp_path / "so-ket-cong-doan-hoc-ky-1.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    call_command("import_articles", str(path), stdout=io.StringIO())
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    return article, known


def panel_text(page):
    return page.locator("#import-review").inner_text()


def english_in(text):
    return EDITOR_ENGLISH.findall(text) + PANEL_ENGLISH.findall(text)


def change_url(live_server, article):
    return live_server.url + reverse("admin:news_article_change", args=[article.pk])


def row_of(page, name):
    """The pending suggestion's row for ``name`` in the panel (the report's rows
    name Yên too, but have no buttons)."""
    return page.locator("#import-review tbody tr", has_text=name).filter(
        has=page.get_by_role("button")
    )


def editor_page(open_page, live_server, editor, width, height):
    """A page signed in as the editor, without ``navigator.sendBeacon``.

    Who else has the form open is not what these tests are about. The change form
    says "leaving" with a beacon as its page closes, after the test: that request
    would still be running on the server while the test's rows are emptied.
    Without the beacon, static/js/admin/presence.js sends nothing then.
    """
    page = open_page(width, height)
    page.context.add_init_script("delete Navigator.prototype.sendBeacon;")
    log_in(page, live_server, editor)
    return page


def messages(page):
    """The admin's messages on the page, as the editor reads them."""
    return " ".join(page.locator(".messagelist li").all_inner_texts())


@SIZES
def test_an_editor_keeps_a_look_alike_apart_and_publishes(
    open_page, live_server, imported, editor, width, height
):
    """Report by status with source lines; "Người khác — tạo mới" keeps Yên as her
    own person and leaves Yến untouched; the meeting is 404 until the editor
    publishes, then public with Yên among its attendees."""
    article, known = imported
    meeting = Meeting.objects.get(title=MEETING_TITLE)
    suggestion = ImportSuggestion.objects.get(article=article)
    provisional = suggestion.created_person
    assert (suggestion.candidate, provisional.full_name) == (known, WRITTEN)
    known_attendances = list(known.attendances.values_list("pk", flat=True))

    page = editor_page(open_page, live_server, editor, width, height)
    page.goto(change_url(live_server, article))

    # 1. The report, grouped by status, quoting the file; the look-alike to decide.
    panel = page.locator("#import-review")
    assert panel.get_by_role("heading", name="Kiểm tra bài nhập").is_visible()
    assert panel.get_by_role(
        "heading", name=re.compile(r"^Đã nhận ra \(\d+\)$")
    ).is_visible()
    lines = panel.locator("q").all_inner_texts()
    assert any("tại Hội trường A" in line for line in lines)
    assert "Tin, bài: Lê Văn Thành – Công đoàn Trường" in lines
    assert panel.get_by_role("heading", name="Người cần xác nhận (1)").is_visible()
    row = row_of(page, WRITTEN)
    assert row.count() == 1
    assert WRITTEN in row.inner_text() and KNOWN in row.inner_text()
    assert "Hai tên chỉ khác nhau ở dấu" in row.inner_text()
    assert english_in(panel_text(page)) == []

    # 2. Yên is someone else.
    row.get_by_role("button", name="Người khác — tạo mới").click()
    page.wait_for_selector(".messagelist .success")
    assert "Đã ghi nhận quyết định." in messages(page)
    assert row_of(page, WRITTEN).count() == 0
    decided = page.locator("#import-review li", has_text=WRITTEN)
    assert "Giữ là người mới" in decided.inner_text()
    suggestion.refresh_from_db()
    assert suggestion.decision == ImportSuggestion.Decision.CREATED
    assert suggestion.decided_by == editor
    attendee = Attendee.objects.get(meeting=meeting)
    assert attendee.person_id == provisional.pk != known.pk
    assert Person.objects.filter(full_name=WRITTEN).count() == 1
    known.refresh_from_db()
    assert known.full_name == KNOWN and not known.pending_import
    assert list(known.attendances.values_list("pk", flat=True)) == known_attendances
    assert english_in(panel_text(page)) == []

    # 3. Not public until the editor publishes, then public with Yên.
    visitor = open_page(width, height)
    meeting_url = live_server.url + meeting.get_absolute_url()
    assert visitor.goto(meeting_url).status == 404
    page.get_by_role("button", name="Xuất bản ngay").click()
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at <= timezone.now()
    response = visitor.goto(meeting_url)
    assert response.status == 200
    assert visitor.locator("main").get_by_text(WRITTEN).first.is_visible()
    provisional.refresh_from_db()
    assert not provisional.pending_import
    known.refresh_from_db()
    assert list(known.attendances.values_list("pk", flat=True)) == known_attendances


@SIZES
def test_this_is_the_person_repoints_once_and_refuses_a_second_time(
    open_page, live_server, imported, editor, width, height
):
    """ "Đúng người này" gives the attendance to Yến and deletes the provisional
    Yên; the same form submitted again (a page left open, a double click) is refused
    in Vietnamese and changes nothing."""
    article, known = imported
    meeting = Meeting.objects.get(title=MEETING_TITLE)
    suggestion = ImportSuggestion.objects.get(article=article)
    provisional = suggestion.created_person

    page = editor_page(open_page, live_server, editor, width, height)
    page.goto(change_url(live_server, article))
    stale = editor_page(open_page, live_server, editor, width, height)
    stale.goto(change_url(live_server, article))

    row_of(page, WRITTEN).get_by_role("button", name="Đúng người này").click()
    page.wait_for_selector(".messagelist .success")
    assert "Đã ghi nhận quyết định." in messages(page)
    assert Attendee.objects.get(meeting=meeting).person == known
    assert not Person.objects.filter(pk=provisional.pk).exists()
    suggestion.refresh_from_db()
    assert suggestion.decision == ImportSuggestion.Decision.LINKED
    decided_at = suggestion.decided_at
    decided = page.locator("#import-review li", has_text=WRITTEN)
    assert "Đã gắn với người được gợi ý" in decided.inner_text()
    people = Person.objects.count()

    # The page opened before the decision still shows both buttons: press one.
    row_of(stale, WRITTEN).get_by_role("button", name="Người khác — tạo mới").click()
    stale.wait_for_selector(".messagelist .error")
    refusal = messages(stale)
    assert "Gợi ý này đã được quyết định rồi." in refusal
    assert english_in(refusal) == []
    suggestion.refresh_from_db()
    assert (suggestion.decision, suggestion.decided_at) == (
        ImportSuggestion.Decision.LINKED,
        decided_at,
    )
    assert Attendee.objects.get(meeting=meeting).person == known
    assert Person.objects.count() == people
    assert row_of(stale, WRITTEN).count() == 0


def read_panel(open_page, live_server, editor, article):
    page = editor_page(open_page, live_server, editor, 1366, 768)
    page.goto(change_url(live_server, article))
    return page.locator("#import-review")


def one_line(text):
    return " ".join(text.split())


def test_the_report_quotes_the_lines_as_the_file_writes_them(
    open_page, live_server, imported, editor
):
    article, _known = imported
    panel = read_panel(open_page, live_server, editor, article)
    quoted = [one_line(line) for line in panel.locator("q").all_inner_texts()]
    assert [line for line in quoted if line and line not in one_line(ARTICLE)] == []


def test_the_report_names_the_kind_of_meeting_in_vietnamese(
    open_page, live_server, imported, editor
):
    article, _known = imported
    panel = read_panel(open_page, live_server, editor, article)
    assert re.findall(r"\b[a-z]+_[a-z_]+\b", panel.inner_text()) == []
