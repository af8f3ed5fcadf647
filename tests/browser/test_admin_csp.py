"""CKEditor 4 still runs in the admin under the admin's Content Security Policy."""

import pytest
from django.urls import reverse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]


def test_editor_loads_without_policy_reports(page, live_server, admin_login):
    """The article form shows CKEditor, and the browser reports no CSP violation."""
    reports = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and reports.append(message.text)
        ),
    )
    admin_login()
    page.goto(live_server.url + reverse("admin:news_article_add"))
    page.wait_for_selector(".cke_wysiwyg_frame")
    page.wait_for_function("() => Object.keys(CKEDITOR.instances).length > 0")
    assert reports == []
