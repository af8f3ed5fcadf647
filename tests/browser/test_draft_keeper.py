"""An editor whose session expired while writing loses nothing.

They press Save, land on the login page, sign in again, are taken back to the form,
and are offered the text they typed (CKEditor's body included); after a successful
save the kept copy is gone.
"""

import html
import re

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from news.models import Article
from tests.browser.conftest import PASSWORD
from tests.factories import ArticleFactory, MeetingFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]

TITLE = "Hội nghị tổng kết công tác năm học 2024–2025 (bản đang viết)"
BODY_TEXT = "Đoạn văn gõ trước khi phiên đăng nhập hết hạn."
RESTORE = "Khôi phục nội dung chưa lưu"
DISCARD = "Bỏ"

KEPT_COPIES = "() => Object.keys(localStorage).filter(k => k.startsWith('ngt-draft:'))"
LOGIN_WITH_NEXT = re.compile(r"/login/\?next=")


def wait_for_editor(page):
    page.wait_for_selector(".cke_wysiwyg_frame")
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body"
        " && CKEDITOR.instances.id_body.status === 'ready'"
    )


def sign_in_again(page, user):
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", PASSWORD)
    page.click("#login-form [type=submit]")


def test_text_typed_before_the_session_expired_comes_back(
    page, live_server, admin_login, screenshot
):
    """Save after the session expired → login → back to the form → restore → the
    typed title and body are in the fields → save → saved, and the copy cleared."""
    user = admin_login()
    article = ArticleFactory(author=user)
    change = reverse("admin:news_article_change", args=[article.pk])
    page.goto(live_server.url + change)
    wait_for_editor(page)

    page.fill("#id_title", TITLE)
    body = page.frame_locator(".cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" " + BODY_TEXT)

    Session.objects.all().delete()  # the session expires on the server
    page.click("input[name=_save]")

    page.wait_for_url(LOGIN_WITH_NEXT)
    assert change in page.url
    sign_in_again(page, user)
    page.wait_for_url(live_server.url + change)
    wait_for_editor(page)
    article.refresh_from_db()
    assert article.title != TITLE  # the expired POST saved nothing

    # The form shows what is saved; the banner offers the kept copy.
    assert page.input_value("#id_title") == article.title
    restore = page.get_by_role("button", name=RESTORE)
    restore.wait_for()
    assert page.get_by_role("button", name=DISCARD, exact=True).is_visible()
    screenshot(page, "banner")
    restore.click()

    assert page.input_value("#id_title") == TITLE
    restored_body = page.evaluate("() => CKEDITOR.instances.id_body.getData()")
    assert BODY_TEXT in html.unescape(restored_body)
    assert page.get_by_role("button", name=RESTORE).count() == 0

    page.click("input[name=_save]")
    page.wait_for_url(live_server.url + reverse("admin:news_article_changelist"))
    assert page.locator(".messagelist .success").count() == 1
    article.refresh_from_db()
    assert article.title == TITLE
    assert BODY_TEXT in html.unescape(article.body)
    assert page.evaluate(KEPT_COPIES) == []

    # Opening the form again offers nothing.
    page.goto(live_server.url + change)
    wait_for_editor(page)
    assert page.get_by_role("button", name=RESTORE).count() == 0


def test_discarding_the_kept_copy(page, live_server, admin_login):
    """The "Bỏ" button drops the kept copy; the form keeps what is saved."""
    user = admin_login()
    meeting = MeetingFactory(summary="Tóm tắt đã lưu.")
    change = reverse("admin:events_meeting_change", args=[meeting.pk])
    page.goto(live_server.url + change)
    page.fill("#id_summary", "Tóm tắt gõ dở, sẽ bỏ.")
    page.wait_for_function(f"() => ({KEPT_COPIES})().length === 1")

    page.context.clear_cookies(name="sessionid")  # the browser drops the session
    page.click("input[name=_save]")
    page.wait_for_url(LOGIN_WITH_NEXT)
    sign_in_again(page, user)
    page.wait_for_url(live_server.url + change)

    page.get_by_role("button", name=DISCARD, exact=True).click()
    assert page.input_value("#id_summary") == "Tóm tắt đã lưu."
    assert page.evaluate(KEPT_COPIES) == []
    assert page.get_by_role("button", name=RESTORE).count() == 0


def test_a_form_with_errors_keeps_the_copy_without_a_banner(
    page, live_server, admin_login
):
    """A save refused for a field shows the typed text itself: no banner, and the
    copy stays until a save succeeds."""
    admin_login()
    page.goto(live_server.url + reverse("admin:events_meeting_add"))
    page.fill("#id_title", "Hội nghị chưa có ngày")
    page.click("input[name=_save]")
    page.wait_for_selector(".errornote")
    assert page.input_value("#id_title") == "Hội nghị chưa có ngày"
    assert page.get_by_role("button", name=RESTORE).count() == 0
    assert len(page.evaluate(KEPT_COPIES)) == 1
    assert not Article.objects.exists()


def test_drafts_are_one_persons_and_go_at_logout(
    page, live_server, admin_login, django_user_model
):
    """At a shared office computer: another editor is not offered someone's
    unsaved text, and logging out deletes every kept copy."""
    first = admin_login()
    meeting = MeetingFactory(summary="Tóm tắt đã lưu.")
    change = reverse("admin:events_meeting_change", args=[meeting.pk])
    page.goto(live_server.url + change)
    page.fill("#id_summary", "Tóm tắt riêng của người thứ nhất.")
    page.wait_for_function(f"() => ({KEPT_COPIES})().length === 1")

    page.context.clear_cookies(name="sessionid")
    second = django_user_model.objects.create_superuser(
        "bientap2", "bt2@example.com", PASSWORD
    )
    admin_login(second)
    page.goto(live_server.url + change)
    page.wait_for_selector("#id_summary")
    assert page.get_by_role("button", name=RESTORE).count() == 0
    assert page.input_value("#id_summary") == "Tóm tắt đã lưu."
    assert len(page.evaluate(KEPT_COPIES)) == 1, "the first person's copy is kept"
    assert first.pk != second.pk

    page.click("#logout-form [type=submit]")
    page.wait_for_selector("#ngt-draft-forget", state="attached")
    page.wait_for_function(f"() => ({KEPT_COPIES})().length === 0")
