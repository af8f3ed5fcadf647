"""Fixtures for tests that drive a real Chromium through Playwright.

The browser starts once per test session; each test gets a fresh context (no
cookies) and page. Test modules are marked ``browser`` and ``server`` (they start
a browser and a live server: ``-m "not server"`` leaves them out) and run against
pytest-django's ``live_server``, so they need ``django_db(transaction=True)``.
With ``NGT_BROWSER_SCREENSHOTS=/some/folder`` every test leaves a screenshot of
its page there, named after the test.
"""

import os
import threading
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.urls import reverse

# Playwright's sync API runs an event loop in the test's thread; Django refuses
# database calls from a thread with a running loop unless told it is safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PASSWORD = "mat-khau-trinh-duyet-1"


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed: apt-get install chromium")
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="Playwright is not installed: pip install -r requirements-test.txt",
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A page in a fresh browser context, as a Vietnamese visitor's."""
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    folder = os.environ.get("NGT_BROWSER_SCREENSHOTS")
    if folder:
        page.screenshot(path=Path(folder) / f"{request.node.name}.png", full_page=True)
    context.close()


@pytest.fixture(autouse=True)
def _one_request_at_a_time_on_in_memory_sqlite(monkeypatch):
    """Serve one request at a time when the live server shares SQLite's connection.

    An in-memory SQLite database lives in one connection, which pytest-django hands
    to every thread of the live server: two requests at once would interleave their
    transactions on it. The browser still sends requests in parallel; the server
    handles them in turn. PostgreSQL runs them concurrently.
    """
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        return
    lock = threading.Lock()
    handle = WSGIHandler.__call__

    def one_at_a_time(self, environ, start_response):
        with lock:
            return handle(self, environ, start_response)

    monkeypatch.setattr(WSGIHandler, "__call__", one_at_a_time)


@pytest.fixture
def admin_login(page, live_server, django_user_model):
    """Log in through the admin's login form; returns the user.

    Without arguments a superuser is created; pass a user (whose password is
    ``PASSWORD``) to log in as someone else.
    """

    def login(user=None):
        if user is None:
            user = django_user_model.objects.create_superuser(
                "quantri", "quantri@example.com", PASSWORD
            )
        log_in(page, live_server, user)
        return user

    return login


def log_in(page, live_server, user):
    """Sign ``user`` (whose password is ``PASSWORD``) in on ``page``, through the
    admin's login form."""
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", PASSWORD)
    page.click("#login-form [type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))


def screenshot_folder():
    """The folder named by ``NGT_BROWSER_SCREENSHOTS``, made if missing; or None."""
    folder = os.environ.get("NGT_BROWSER_SCREENSHOTS")
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def screenshot(request):
    """``screenshot(page, "lightbox")`` saves ``<test>-lightbox.png`` when asked to.

    For the moments worth a look in the middle of a test (a dialog open); the page
    fixtures still take their own at the end.
    """

    def save(page, name, full_page=False):
        folder = screenshot_folder()
        if folder is not None:
            path = folder / f"{request.node.name}-{name}.png"
            page.screenshot(path=path, full_page=full_page)

    return save


@pytest.fixture
def open_page(browser, request):
    """``open_page(360, 780)``: a page of that size in its own fresh context.

    ``javascript=False`` gives a visitor without JavaScript. Each page leaves a
    full-page screenshot, ``<test>-<width>.png``, when screenshots are asked for.
    """
    opened = []

    def open_(width, height, javascript=True):
        context = browser.new_context(
            locale="vi-VN",
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        opened.append((context, page, f"{width}" + ("" if javascript else "-nojs")))
        return page

    yield open_
    folder = screenshot_folder()
    for context, page, suffix in opened:
        if folder is not None and not page.is_closed():
            path = folder / f"{request.node.name}-{suffix}.png"
            page.screenshot(path=path, full_page=True)
        context.close()


class BrowserProblems:
    """What a page reported going wrong: console errors, uncaught exceptions, and
    requests to the site itself that failed or were answered with an error."""

    def __init__(self, page, origin):
        self.origin = origin
        self.found = []
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.found.append(f"exception: {error}"))
        page.on("requestfailed", self.failed)
        page.on("response", self.response)

    def console(self, message):
        if message.type == "error":
            self.found.append(f"console: {message.text} ({message.location})")

    def failed(self, request):
        if request.url.startswith(self.origin):
            self.found.append(f"failed: {request.url} ({request.failure})")

    def response(self, response):
        if response.url.startswith(self.origin) and response.status >= 400:
            self.found.append(f"{response.status}: {response.url}")

    def take(self):
        """The problems since the last call."""
        found, self.found = self.found, []
        return found


@pytest.fixture
def browser_problems(live_server):
    """``problems = browser_problems(page)``; ``problems.take()`` lists what broke."""

    def watch(page):
        return BrowserProblems(page, live_server.url)

    return watch
