"""Two editors open the same article, both type, both save: the first save goes
through; the second is refused with a Vietnamese message naming the first editor,
and the second editor's text is still in the form. On a desk screen and a phone."""

import pytest
from django.urls import reverse

from tests.browser.conftest import PASSWORD, log_in
from tests.factories import ArticleFactory, MeetingFactory, PhotoFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]

SUMMARY_B = "Tóm tắt biên tập viên B gõ trong lúc A cũng đang sửa."


@pytest.fixture
def editors(django_user_model):
    def editor(username, first_name, last_name):
        return django_user_model.objects.create_superuser(
            username,
            f"{username}@example.com",
            PASSWORD,
            first_name=first_name,
            last_name=last_name,
        )

    return editor("bientap_a", "Nguyễn Văn", "An"), editor("bientap_b", "Trần", "Bình")


def open_form(page, live_server, user, article):
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("admin:news_article_change", args=[article.pk]))
    page.wait_for_selector("#id_title")


def both_save(open_page, live_server, editors, size_of_b):
    """A and B open the article; A changes the title and saves; B, who opened it
    before A saved, types a summary and saves. Returns B's page."""
    from playwright.sync_api import expect

    article = ArticleFactory(title="Tiêu đề ban đầu")
    page_a = open_page(1366, 768)
    page_b = open_page(*size_of_b)
    open_form(page_a, live_server, editors[0], article)
    open_form(page_b, live_server, editors[1], article)

    page_a.fill("#id_title", "Tiêu đề do A sửa")
    page_b.fill("#id_summary", SUMMARY_B)
    page_a.click("input[name=_save]")
    expect(page_a.locator(".messagelist .success")).to_be_visible()

    page_b.click("input[name=_save]")
    message = page_b.locator(".errorlist.nonfield .ngt-conflict")
    expect(message).to_contain_text("Chưa lưu")
    expect(message).to_contain_text("Nguyễn Văn An")
    expect(page_b.locator("#id_summary")).to_have_value(SUMMARY_B)
    article.refresh_from_db()
    assert article.title == "Tiêu đề do A sửa"
    assert article.summary != SUMMARY_B
    return page_b, message, article


def test_the_second_save_is_refused_with_the_text_kept(open_page, live_server, editors):
    """At 1366×768: B gets the message and a link to what changed; the title B
    did not touch now shows A's; saving again, knowingly, saves B's summary and
    keeps A's title."""
    from playwright.sync_api import expect

    page_b, message, article = both_save(open_page, live_server, editors, (1366, 768))
    expect(message).to_be_in_viewport()
    expect(message.get_by_role("link", name="Xem những gì đã thay đổi")).to_be_visible()

    expect(page_b.locator("#id_title")).to_have_value("Tiêu đề do A sửa")
    # The copy of the form kept in the browser is not offered over the merge.
    expect(page_b.locator(".ngt-draft-banner")).to_have_count(0)

    page_b.click("input[name=_save]")
    expect(page_b.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert (article.title, article.summary) == ("Tiêu đề do A sửa", SUMMARY_B)


def test_the_message_is_seen_on_a_phone(open_page, live_server, editors):
    """On a 390×844 phone the refusal is on screen, not below the fold."""
    from playwright.sync_api import expect

    _page, message, _article = both_save(open_page, live_server, editors, (390, 844))
    expect(message).to_be_visible()
    expect(message).to_be_in_viewport()


def test_an_editor_sees_who_opened_the_article_since(
    open_page, live_server, editors, browser_problems, monkeypatch
):
    """B has the article open; A opens it too; B's page, without reloading, names
    A within a heartbeat; no script errors, no refused requests."""
    from playwright.sync_api import expect

    from core import admin_presence

    monkeypatch.setattr(admin_presence, "HEARTBEAT_SECONDS", 1)
    article = ArticleFactory()
    page_b = open_page(1366, 768)
    problems = browser_problems(page_b)
    open_form(page_b, live_server, editors[1], article)
    notice = page_b.locator("#ngt-presence li.warning")
    expect(notice).to_have_count(0)

    page_a = open_page(390, 844)
    open_form(page_a, live_server, editors[0], article)
    expect(page_a.locator("#ngt-presence li.warning")).to_contain_text(
        "Bài viết này đang được Trần Bình sửa (từ "
    )
    expect(notice).to_contain_text("Bài viết này đang được Nguyễn Văn An sửa (từ ")
    expect(notice).to_be_visible()
    assert problems.take() == []


def test_dragging_photos_keeps_a_caption_saved_meanwhile(
    open_page, live_server, editors
):
    """B drags photo 3 above photo 1 in the meeting form, opened before A
    captioned photo 1 elsewhere: the new order is saved, A's caption stays."""
    from playwright.sync_api import expect

    meeting = MeetingFactory()
    photos = [PhotoFactory(meeting=meeting, order=n) for n in (1, 2, 3)]
    page = open_page(1366, 768)
    log_in(page, live_server, editors[1])
    page.goto(
        live_server.url + reverse("admin:events_meeting_change", args=[meeting.pk])
    )
    rows = page.locator("#photos-group tr.form-row.has_original")
    expect(rows).to_have_count(3)

    photos[0].caption = "Chú thích A viết trong lúc B sắp xếp"
    photos[0].save()  # A's save, through any of the desk's pages
    rows.nth(2).locator(".sort-handle").drag_to(rows.nth(0))
    expect(page.locator("input[name='photos-2-order']")).to_have_value("1")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()

    for photo in photos:
        photo.refresh_from_db()
    assert [photo.order for photo in photos] == [2, 3, 1]
    assert photos[0].caption == "Chú thích A viết trong lúc B sắp xếp"
