"""A reporter edits and clicks "Gửi duyệt"; an editor sends it back with a note: in
Chromium, as they do it, and nothing typed is lost."""

import pytest
from django.urls import reverse

from news.models import Article
from news.roles import EDITOR, REPORTER
from tests.browser.conftest import PASSWORD, log_in
from tests.browser.test_draft_keeper import wait_for_editor
from tests.factories import ArticleFactory, role_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]

TITLE = "Hội nghị tổng kết công tác năm học 2024–2025"
TYPED = "Đoạn cuối gõ ngay trước khi gửi duyệt."
NOTE = "Bổ sung tên người chủ trì và giờ khai mạc."


def staff(role, username):
    user = role_user(role, username)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.mark.parametrize(
    ("width", "height"), [(1366, 768), (390, 844)], ids=["desktop", "phone"]
)
def test_the_edit_typed_before_submitting_is_kept(
    open_page, live_server, width, height
):
    """Title retyped and a sentence added to the body, then "Gửi duyệt": the article
    is in review with both edits; the editor sends it back with a note, and the
    reporter reads the note on the form as "Cần sửa"."""
    reporter = staff(REPORTER, "phongvien")
    editor = staff(EDITOR, "bientap")
    article = ArticleFactory(author=reporter, title="Bản đầu", body="<p>Mở đầu.</p>")
    change = live_server.url + reverse("admin:news_article_change", args=[article.pk])

    page = open_page(width, height)
    log_in(page, live_server, reporter)
    page.goto(change)
    wait_for_editor(page)
    page.fill("#id_title", TITLE)
    body = page.frame_locator(".cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" " + TYPED)
    page.get_by_role("button", name="Gửi duyệt").click()
    page.wait_for_url(change)

    assert "đã lưu nội dung sửa" in page.content()
    article.refresh_from_db()
    assert (article.title, article.status) == (TITLE, Article.Status.REVIEW)
    assert TYPED in article.body
    # In review the reporter reads the body, not its HTML.
    assert "&lt;p&gt;" not in page.content()

    desk = open_page(width, height)
    log_in(desk, live_server, editor)
    desk.goto(change)
    desk.fill("#id_send_back_note", NOTE)
    desk.get_by_role("button", name="Yêu cầu sửa").click()
    desk.wait_for_url(change)
    article.refresh_from_db()
    assert (article.status, article.review_note) == (Article.Status.DRAFT, NOTE)

    page.goto(change)
    assert NOTE in page.content()
    assert "Cần sửa" in page.content()
