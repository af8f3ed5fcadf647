"""A parent, and an English reader, find what they came for from the home page.

The issue's "done when": a parent finds the principal's office phone, a document
by its number, next week's schedule and a way to ask a question, each within two
clicks from the home page; an English reader finds who the college is and how to
reach it. Each test walks there as a visitor does, on a desktop and on a phone, and
counts the clicks: following a link is one, a typed search sent with Enter is one.
On a phone the main menu is folded behind its toggle; opening it is a tap that leads
nowhere by itself, so it is counted apart (``menu_taps``), not as a click.

The demo content (``load_demo``) gives the people, units, documents and meetings.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo.content import BOARD, QUYNH, SCHOOL
from documents.models import Document
from people.models import Unit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]

DESKTOP = (1366, 768)
PHONE = (390, 844)
VIEWPORTS = pytest.mark.parametrize(
    "viewport", [DESKTOP, PHONE], ids=["desktop-1366", "phone-390"]
)
DOCUMENT_NUMBER = "10/KH-CĐNGT"
MENU = "Danh mục chính"


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


class Visitor:
    """A visitor on ``page`` who starts at the home page and counts their clicks."""

    def __init__(self, page, live_server, viewport):
        self.page = page
        self.url = live_server.url
        self.on_phone = viewport == PHONE
        self.clicks = 0
        self.menu_taps = 0
        page.goto(self.url + "/")

    def follow(self, link):
        """Click a link and wait for the page it leads to."""
        with self.page.expect_navigation():
            link.click()
        self.clicks += 1

    def menu(self, name):
        """Follow the main menu's link ``name``, unfolding the menu first on a
        phone, where it is behind its toggle."""
        toggle = self.page.locator(".nav-toggle")
        if self.on_phone:
            assert toggle.is_visible()
            toggle.click()
            self.menu_taps += 1
            assert toggle.get_attribute("aria-expanded") == "true"
        else:
            assert not toggle.is_visible()
        link = self.page.get_by_role("navigation", name=MENU).get_by_role(
            "link", name=name, exact=True
        )
        assert link.is_visible()
        self.follow(link)

    def search(self, field, text):
        """Type ``text`` into ``field`` and send it with Enter."""
        field.fill(text)
        with self.page.expect_navigation():
            field.press("Enter")
        self.clicks += 1

    def main_link(self, name):
        return self.page.locator("main").get_by_role("link", name=name, exact=True)

    def taps_expected(self, menus):
        return menus if self.on_phone else 0


def assert_fits(page, viewport):
    """Nothing wider than the screen: no sideways scrolling to find the thing."""
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0] + 1


@VIEWPORTS
def test_the_principal_is_two_clicks_away(open_page, live_server, demo, viewport):
    """Home → Giới thiệu → Cơ cấu tổ chức: the Hiệu trưởng heads the Ban Giám hiệu,
    inside the college, and the page gives the way to reach them: the unit's page
    and the college's contact details. The demo content holds no phone for the
    principal or the college (none was published in its sources), so the phone
    itself is not asserted; a ``tel:`` link, when the office fills one in, must be
    a number a phone can dial."""
    visitor = Visitor(open_page(*viewport), live_server, viewport)
    page = visitor.page

    visitor.menu("Giới thiệu")
    assert page.url == live_server.url + "/gioi-thieu/"
    visitor.follow(visitor.main_link("Cơ cấu tổ chức").first)

    assert page.url == live_server.url + "/gioi-thieu/co-cau-to-chuc/"
    assert visitor.clicks == 2
    assert visitor.menu_taps == visitor.taps_expected(1)
    board = page.locator(".org-unit").filter(
        has=page.get_by_role("link", name=BOARD, exact=True)
    )
    principal = board.locator(".org-leader").filter(
        has=page.locator(".org-leader-title", has_text=re.compile(r"^Hiệu trưởng$"))
    )
    assert principal.count() == 1
    assert principal.is_visible()
    assert QUYNH in principal.locator(".org-leader-name").inner_text()
    board_link = board.get_by_role("link", name=BOARD, exact=True)
    assert board_link.get_attribute("href") == (
        Unit.objects.get(name=BOARD).get_absolute_url()
    )
    school_link = page.get_by_role("link", name=SCHOOL, exact=True).first
    assert school_link.get_attribute("href") == (
        Unit.objects.get(name=SCHOOL).get_absolute_url()
    )
    contact = page.locator(".footer-contact a[href='/lien-he/']")
    assert contact.count() == 1
    assert "Liên hệ" in contact.inner_text()
    for tel in page.locator("a[href^='tel:']").all():
        assert re.fullmatch(r"tel:\+?\d{8,15}", tel.get_attribute("href"))
    assert_fits(page, viewport)


@VIEWPORTS
def test_a_document_by_its_number_is_two_clicks_away(
    open_page, live_server, demo, viewport
):
    """Home → Văn bản → "10/KH-CĐNGT" typed in the library's search: the document
    is listed, and its page is the next click."""
    document = Document.objects.get(number=DOCUMENT_NUMBER)
    visitor = Visitor(open_page(*viewport), live_server, viewport)
    page = visitor.page

    visitor.menu("Văn bản")
    assert page.url == live_server.url + "/van-ban/"
    visitor.search(page.get_by_label("Số ký hiệu hoặc từ khóa"), DOCUMENT_NUMBER)

    assert visitor.clicks == 2
    assert visitor.menu_taps == visitor.taps_expected(1)
    found = page.locator("main").locator(f"a[href='{document.get_absolute_url()}']")
    assert found.count() >= 1
    assert found.first.is_visible()
    assert_fits(page, viewport)

    visitor.follow(found.first)
    assert page.url == live_server.url + document.get_absolute_url()
    assert visitor.clicks == 3
    assert DOCUMENT_NUMBER in page.locator("main").inner_text()


def week_label(monday):
    sunday = monday + datetime.timedelta(days=6)
    return f"{monday:%d/%m/%Y} – {sunday:%d/%m/%Y}"


@VIEWPORTS
def test_next_weeks_schedule_is_two_clicks_away(open_page, live_server, demo, viewport):
    """Home → Lịch công tác → Tuần sau: the heading names next week, Monday to
    Sunday, as Vietnamese write dates."""
    today = timezone.localdate()
    next_monday = today + datetime.timedelta(days=7 - today.weekday())
    visitor = Visitor(open_page(*viewport), live_server, viewport)
    page = visitor.page

    visitor.menu("Lịch công tác")
    assert page.url == live_server.url + "/lich-cong-tac/"
    visitor.follow(
        page.get_by_role("navigation", name="Các tuần").get_by_role(
            "link", name=re.compile(r"^Tuần sau")
        )
    )

    assert visitor.clicks == 2
    assert visitor.menu_taps == visitor.taps_expected(1)
    iso = next_monday.isocalendar()
    assert page.url.endswith(f"/lich-cong-tac/?tuan={iso.year}-W{iso.week:02d}")
    heading = page.get_by_role("heading", level=1)
    assert heading.is_visible()
    assert week_label(next_monday) in heading.inner_text()
    assert_fits(page, viewport)


@VIEWPORTS
def test_a_way_to_ask_is_one_click_away(open_page, live_server, demo, viewport):
    """Home → Liên hệ: the feedback form with every field a parent fills in, and
    its send button."""
    visitor = Visitor(open_page(*viewport), live_server, viewport)
    page = visitor.page

    visitor.menu("Liên hệ")

    assert page.url == live_server.url + "/lien-he/"
    assert visitor.clicks == 1
    assert visitor.menu_taps == visitor.taps_expected(1)
    for label in (
        "Họ và tên",
        "Thư điện tử",
        "Điện thoại",
        "Chủ đề",
        "Câu hỏi hoặc góp ý của bạn",
    ):
        assert page.get_by_label(label).is_visible(), label
    assert page.get_by_role("button", name="Gửi").is_visible()
    assert_fits(page, viewport)


@VIEWPORTS
def test_an_english_reader_finds_who_and_where(open_page, live_server, demo, viewport):
    """Home → English: who the college is, in English; → Contact: its address."""
    visitor = Visitor(open_page(*viewport), live_server, viewport)
    page = visitor.page

    english = page.get_by_role("link", name="English", exact=True)
    assert english.is_visible()
    visitor.follow(english)

    assert page.url == live_server.url + "/en/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert "College" in page.get_by_role("heading", level=1).inner_text()
    visitor.follow(visitor.main_link("Contact").first)

    assert page.url == live_server.url + "/en/contact/"
    assert visitor.clicks == 2
    assert visitor.menu_taps == 0
    facts = page.locator("main dl.facts")
    assert facts.get_by_text("Address", exact=True).is_visible()
    assert "Bac Giang province" in facts.locator("dd").first.inner_text()
    assert_fits(page, viewport)
