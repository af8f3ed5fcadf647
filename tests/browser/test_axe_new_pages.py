"""axe-core finds no accessibility violation on the public body's pages.

The introduction, organisation, contact, questions, accessibility statement,
document library (the list and a document), work schedule and English pages, on
the demo content (``load_demo``), at 1366×768 and on a 390×844 phone. axe-core's
own build (``tests/data/axe/axe.min.js``, MPL-2.0, unmodified; ``LICENSE`` beside
it) is put into each page and run with its default rules; the site aims at
WCAG 2.1 AA. The context bypasses the page's CSP, which would refuse the injected
script, and nothing else.
"""

from pathlib import Path

import pytest
from django.core.management import call_command

from documents.models import Document

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]

AXE = Path(__file__).resolve().parents[1] / "data" / "axe" / "axe.min.js"
VIEWPORTS = pytest.mark.parametrize(
    "viewport", [(1366, 768), (390, 844)], ids=["desktop-1366", "phone-390"]
)
PAGES = [
    "/gioi-thieu/",
    "/gioi-thieu/co-cau-to-chuc/",
    "/lien-he/",
    "/hoi-dap/",
    "/tuyen-bo-tiep-can/",
    "/van-ban/",
    "document",
    "/lich-cong-tac/",
    "/en/",
    "/en/contact/",
]


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


@pytest.fixture
def axe_page(browser):
    """``axe_page(width, height)``: a page whose CSP lets the test add axe-core."""
    contexts = []

    def open_(width, height):
        context = browser.new_context(
            locale="vi-VN", viewport={"width": width, "height": height}, bypass_csp=True
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_
    for context in contexts:
        context.close()


def violations(page):
    """axe-core's violations on the page, one line each: the rule, its impact and
    the first elements it names."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        for v in result["violations"]
    ]


@VIEWPORTS
@pytest.mark.parametrize("path", PAGES)
def test_no_violations(axe_page, live_server, demo, viewport, path):
    if path == "document":
        path = Document.objects.get(number="10/KH-CĐNGT").get_absolute_url()
    page = axe_page(*viewport)
    response = page.goto(live_server.url + path)

    assert response.status == 200
    assert violations(page) == []
