"""Pages built from the XSS corpus run none of it in a real browser.

Every vector of ``tests/data/xss_vectors.txt`` goes into published articles' bodies,
titles and summaries; Chromium opens each article. A payload that ran would open a
dialog (``alert``) or set ``window.__xss``; one the sanitizer let through and the
Content Security Policy blocked would show a CSP report in the console. All three
fail the test.
"""

import datetime

import pytest
from django.utils import timezone

from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory
from tests.xss import load_vectors

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]

BODIES = 4
TITLE_LENGTH = 300


def packed(vectors, limit):
    """The vectors in groups whose joined text fits in ``limit`` characters."""
    groups, current = [], []
    for vector in vectors:
        if current and len(" ".join([*current, vector])) > limit:
            groups.append(current)
            current = []
        current.append(vector)
    if current:
        groups.append(current)
    return groups


@pytest.fixture
def articles():
    """Published articles that between them hold every vector in body, title and
    summary."""
    vectors = load_vectors()
    category = CategoryFactory(name="Thử nghiệm XSS")
    bodies = [vectors[i::BODIES] for i in range(BODIES)]
    titles = packed(vectors, TITLE_LENGTH)
    published = timezone.now() - datetime.timedelta(hours=1)
    for i in range(max(len(bodies), len(titles))):
        title = " ".join(titles[i]) if i < len(titles) else f"Bài {i}"
        ArticleFactory(
            title=title,
            summary=title,
            body="\n".join(bodies[i]) if i < len(bodies) else "<p>Nội dung.</p>",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=published,
        )
    return list(Article.objects.published().select_related("category"))


def test_no_payload_runs(page, live_server, articles):
    """No article page opens a dialog, sets the marker or trips the CSP."""
    dialogs, csp_reports = [], []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and csp_reports.append(message.text)
        ),
    )
    for article in articles:
        url = live_server.url + article.get_absolute_url()
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("load")
        # Give onerror/onload handlers of broken images a moment to fire.
        page.wait_for_timeout(100)
        page.mouse.move(400, 400)
        assert page.evaluate("window.__xss") is None, url
    assert dialogs == []
    assert csp_reports == []


def test_a_marker_payload_would_be_seen(page, live_server):
    """The check works: a page that does run a payload sets the marker and opens a
    dialog (shown on a page of data, outside the portal's policy)."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_content('<img src=x onerror="window.__xss=1"><script>alert(1)</script>')
    page.wait_for_function("() => window.__xss === 1")
    assert dialogs == ["1"]
