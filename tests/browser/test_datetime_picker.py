"""The article form's publication time is day first in an English browser too.

The browser context speaks en-US (whose native pickers write 02/05/2024 for
5 February); the form shows one box with 31/01/2024 14:00 as its example, takes
"05/02/2024 14:30" typed as staff type it, and stores 5 February 14:30 Hanoi time.
"""

import datetime
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from tests.browser.conftest import PASSWORD, log_in
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def english_page(browser):
    contexts = []

    def open_(width, height):
        context = browser.new_context(
            locale="en-US", viewport={"width": width, "height": height}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_english_browser_types_and_sees_day_first(
    english_page, live_server, django_user_model, width, height
):
    """Type 05/02/2024 14:30 → Save → the database holds 5 February 2024 14:30 in
    Hanoi, and the form shows it back as 05/02/2024 14:30."""
    page = english_page(width, height)
    assert page.evaluate("navigator.language") == "en-US"
    user = django_user_model.objects.create_superuser(
        "quantri", "quantri@example.com", PASSWORD
    )
    log_in(page, live_server, user)
    article = ArticleFactory(author=user)
    change = live_server.url + reverse("admin:news_article_change", args=[article.pk])
    page.goto(change)

    box = page.locator("#id_published_at")
    assert box.get_attribute("type") == "text"
    assert box.get_attribute("placeholder") == "31/01/2024 14:00"
    assert page.locator("#id_published_at_0").count() == 0
    box.click()
    box.press_sequentially("05/02/2024 14:30")
    page.locator("input[name=_continue]").click()
    page.wait_for_url(change)

    stored = Article.objects.get(pk=article.pk).published_at
    assert stored == datetime.datetime(2024, 2, 5, 14, 30, tzinfo=HANOI)
    assert page.locator("#id_published_at").input_value() == "05/02/2024 14:30"


def test_nonsense_is_refused_in_vietnamese_and_nothing_saved(
    english_page, live_server, django_user_model
):
    """Typing 02/30/2024 2:30 PM (the English way) is refused in Vietnamese."""
    page = english_page(1366, 768)
    user = django_user_model.objects.create_superuser(
        "quantri", "quantri@example.com", PASSWORD
    )
    log_in(page, live_server, user)
    article = ArticleFactory(author=user, summary="Cũ")
    page.goto(live_server.url + reverse("admin:news_article_change", args=[article.pk]))
    page.fill("#id_summary", "Mới")
    page.fill("#id_published_at", "02/30/2024 2:30 PM")
    page.locator("input[name=_continue]").click()

    error = page.locator(".field-published_at .errorlist")
    error.wait_for()
    assert "Ngày giờ không hợp lệ" in error.inner_text()
    article.refresh_from_db()
    assert (article.summary, article.published_at) == ("Cũ", None)


def test_a_date_field_keeps_the_calendar_and_writes_day_first(
    english_page, live_server, django_user_model
):
    """In an English browser, the admin's "Today" shortcut on a document's date
    writes today day first (dd/mm/yyyy)."""
    page = english_page(1366, 768)
    user = django_user_model.objects.create_superuser(
        "quantri", "quantri@example.com", PASSWORD
    )
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("admin:events_meetingdocument_add"))
    page.locator(".field-date .datetimeshortcuts a").first.click()
    today = timezone.localdate()
    assert page.locator("#id_date").input_value() == today.strftime("%d/%m/%Y")


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_the_calendar_beside_the_box_writes_day_first(
    english_page, live_server, django_user_model, width, height, screenshot
):
    """In an English browser: the calendar opens on the month typed, shows
    Vietnamese month names, and picking the 5th writes 05/02/2024 keeping 14:30;
    "Now" writes the server's time, day first."""
    page = english_page(width, height)
    user = django_user_model.objects.create_superuser(
        "quantri", "quantri@example.com", PASSWORD
    )
    log_in(page, live_server, user)
    article = ArticleFactory(author=user)
    page.goto(live_server.url + reverse("admin:news_article_change", args=[article.pk]))
    box = page.locator("#id_published_at")
    box.fill("20/02/2024 14:30")

    page.locator(".field-published_at .ngt-calendar-link").click()
    calendar = page.locator(".calendarbox:visible")
    assert "Tháng Hai 2024" in calendar.locator("caption").text_content()
    assert calendar.locator("td.selected").inner_text() == "20"
    screenshot(page, "calendar")
    calendar.get_by_role("link", name="5", exact=True).click()
    assert box.input_value() == "05/02/2024 14:30"
    assert not calendar.is_visible()

    page.locator(".field-published_at .ngt-now").click()
    now = timezone.localtime()
    written = box.input_value()
    assert written[:10] == now.strftime("%d/%m/%Y")
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", written)
