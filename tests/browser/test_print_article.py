"""An article printed or saved as PDF from the browser is clean on paper (Decree 42
asks every article to be printable): the text, the meeting's facts and the gallery,
without the menu, search, share buttons or footer, with the article's address."""

import re

import pytest
from django.core.management import call_command

from demo.content import ANNUAL_REVIEW
from news.models import Article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]


@pytest.fixture
def article():
    call_command("load_demo", verbosity=0)
    return Article.objects.select_related("category").get(meeting__slug=ANNUAL_REVIEW)


def visible(page, selector):
    return page.locator(selector).first.is_visible()


def test_an_article_prints_clean(page, live_server, article):
    page.goto(live_server.url + article.get_absolute_url())
    assert visible(page, ".site-nav") or visible(page, ".nav-toggle")
    page.emulate_media(media="print")
    for hidden in (".site-nav", ".nav-toggle", ".site-footer", ".share", ".nav-search"):
        if page.locator(hidden).count():
            assert not visible(page, hidden), hidden
    assert visible(page, "h1")
    assert article.title in page.locator("h1").inner_text()
    assert visible(page, ".print-only")
    address = page.locator(".print-only").inner_text()
    assert article.get_absolute_url() in address
    # Black text on white, whatever the screen's colours.
    colour = page.evaluate("getComputedStyle(document.body).color")
    assert colour in ("rgb(0, 0, 0)", "rgba(0, 0, 0, 1)")
    # Nothing is wider than the paper: no horizontal overflow at A4 width.
    page.set_viewport_size({"width": 794, "height": 1123})
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 6, pages
