"""No English in the admin, whoever signs in.

For each role (reporter, editor, photographer) and for a superuser, the admin is
crawled from its index: every page the account reaches through the admin's links
(lists, filters, add and change forms, history, delete confirmations, the photo
upload page), plus a page it is refused. Each page's visible text (text and the
title, aria-label, placeholder and alt attributes, button labels) is checked
against the English of Django's catalogues and the project's: a text equal to an
English msgid whose Vietnamese differs is English left over.
"""

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from news.roles import EDITOR, PHOTOGRAPHER, REPORTER
from tests.core.test_translations import (
    DJANGO_SOURCES,
    django_source,
    placeholders,
    translations_of,
)
from tests.factories import (
    ArticleFactory,
    MeetingFactory,
    PhotoFactory,
    SuperUserFactory,
    role_user,
)

# The demo content is loaded once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

OUR_CATALOGUE = Path(settings.BASE_DIR) / "locale/vi/LC_MESSAGES/django.po"
# Pages of one kind (a model's change forms, its list filtered or sorted any way)
# read alike: one of each is enough, and the crawl stops at a bound.
MAX_PAGES = 200
# Links that are not pages to read: the JavaScript catalogue, the pickers' JSON,
# "view on site" redirects, logging out.
SKIPPED = re.compile(r"/(jsi18n|autocomplete|r|logout)/")
SEEN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
# Words of an English interface that no Vietnamese text holds: they catch English
# that was never marked for translation, which no catalogue knows.
ENGLISH_WORDS = re.compile(
    r"\b(save|delete|add|search|filter|history|change|view|cancel|upload|photos?|"
    r"choose|select|remove|today|yesterday|close|show|hide|edit|submit|required|"
    r"password|username|previous|next|page|results?|action|clear|none|"
    r"yes|no|the|of|and|or|to|is|are|this|that|with|for)\b",
    re.IGNORECASE,
)


def english_strings():
    """The English msgids of Django's catalogues and ours that Vietnamese
    translates differently, without placeholders (they never show as such)."""
    entries = [entry for app in DJANGO_SOURCES for entry in django_source(app)]
    entries += list(polib.pofile(OUR_CATALOGUE))
    english = set()
    with translation.override("vi"):
        for entry in entries:
            if entry.obsolete or placeholders(entry.msgid):
                continue
            for result, source in translations_of(entry):
                if result != source and not placeholders(source):
                    english.add(" ".join(source.split()))
    return english


ENGLISH = english_strings()


class VisibleText(HTMLParser):
    """The texts a user reads or hears on a page, and the links it offers."""

    def __init__(self):
        super().__init__()
        self.texts = []
        self.links = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"script", "style", "template"}:
            self._hidden += 1
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        for name in SEEN_ATTRIBUTES & set(attributes):
            self.texts.append(attributes[name] or "")
        if tag in {"input", "button"} and attributes.get("type") in {
            "submit",
            "button",
            "reset",
        }:
            self.texts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"} and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.texts.append(data)


# File names, slugs, addresses: shown as they are, not words.
MACHINE_TEXT = re.compile(r"^[\w.:/?=&-]*[./_-][\w.:/?=&-]*$")


def english_on(html):
    """The English texts of a page, and its links."""
    parser = VisibleText()
    parser.feed(html)
    texts = {" ".join(text.split()) for text in parser.texts}
    worded = {text for text in texts if not MACHINE_TEXT.match(text)}
    english = (texts & ENGLISH) | {t for t in worded if ENGLISH_WORDS.search(t)}
    return sorted(english), parser.links


def kind_of(url):
    """A page's kind: its path with numbers as N, and whether it has a query (a
    filtered list, a popup) other than the list's filters a form keeps."""
    parts = urlsplit(url)
    names = {name for name, _value in parse_qsl(parts.query)} - {"_changelist_filters"}
    return re.sub(r"\d+", "N", parts.path), bool(names)


def crawl(client, start_urls):
    """Every admin page reachable from ``start_urls`` (a few of each kind), with
    the English each shows: {url: [english, ...]} for pages that show some."""
    admin_root = reverse("admin:index")
    queue = deque(start_urls)
    seen_kinds = {}
    visited = set()
    problems = {}
    starts = set(start_urls)
    while queue and len(visited) < MAX_PAGES:
        url = queue.popleft()
        kind = kind_of(url)
        if url in visited or (kind in seen_kinds and url not in starts):
            continue
        seen_kinds[kind] = url
        visited.add(url)
        response = client.get(url)
        assert response.status_code in {200, 302, 403}, (url, response.status_code)
        if response.status_code == 302 or "html" not in response["Content-Type"]:
            continue
        english, links = english_on(response.content.decode())
        if english:
            problems[url] = english
        for link in links:
            target = urljoin(url, link).split("#")[0]
            path = urlsplit(target).path
            if path.startswith(admin_root) and not SKIPPED.search(path):
                queue.append(target)
    return problems, visited


def pages_for(role_name, user):
    """Where the crawl starts: the index, the pages of the account's own
    things, and a page its role is refused."""
    pages = [reverse("admin:index")]
    # Someone else's rows, read-only to the roles that only see them.
    others = MeetingFactory()
    pages += [
        reverse("admin:events_meeting_change", args=[others.pk]),
        reverse("admin:events_photo_change", args=[PhotoFactory(meeting=others).pk]),
    ]
    if role_name in {REPORTER, EDITOR, "superuser"}:
        meeting = MeetingFactory(created_by=user)
        PhotoFactory(meeting=meeting, uploaded_by=user)
        article = ArticleFactory(author=user)
        pages += [
            reverse("admin:events_meeting_change", args=[meeting.pk]),
            reverse("admin:events_meeting_history", args=[meeting.pk]),
            reverse("admin:events_meeting_upload_photos", args=[meeting.pk]),
            reverse("admin:news_article_change", args=[article.pk]),
            reverse("admin:news_article_history", args=[article.pk]),
        ]
    if role_name == PHOTOGRAPHER:
        photo = PhotoFactory(uploaded_by=user)
        pages += [
            reverse("admin:events_meeting_upload_photos", args=[photo.meeting_id]),
            reverse("admin:events_photo_change", args=[photo.pk]),
            reverse("admin:events_photo_delete", args=[photo.pk]),
            reverse("admin:events_photo_history", args=[photo.pk]),
        ]
    if role_name != "superuser":
        # Refused to every role: the accounts.
        pages.append(reverse("admin:auth_user_changelist"))
    return pages


def test_the_check_knows_english_when_it_sees_it():
    """Django's msgids, ours, and English never marked for translation are found;
    Vietnamese, file names and slugs are not: the crawl below can fail."""
    assert {"Save and continue editing", "Recent actions", "Upload photos"} <= ENGLISH
    html = (
        "<p>Recent actions</p><a title='Upload photos'>x</a>"
        "<input type='submit' value='Delete'><span>Hội nghị tổng kết</span>"
        "<td>photos/2024/01/a.jpg</td><td>hoat-dong-dang-uy</td>"
    )
    assert english_on(html)[0] == ["Delete", "Recent actions", "Upload photos"]


@pytest.mark.parametrize(
    "role_name", [REPORTER, EDITOR, PHOTOGRAPHER, "superuser"], ids=str
)
def test_no_english_on_any_page_the_role_reaches(client, role_name):
    """Crawled from the index, no page the account can open shows English."""
    if role_name == "superuser":
        user = SuperUserFactory(username="quantri")
    else:
        user = role_user(role_name, "nguoidung")
    client.force_login(user)
    problems, visited = crawl(client, pages_for(role_name, user))
    assert len(visited) > 10
    assert problems == {}
