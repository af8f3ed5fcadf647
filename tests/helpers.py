"""Helpers for tests of the public pages: their text, their templates, shared data.

Page tests assert facts a visitor reads (a caption, a position, a date), not markup:
``text()`` gives a page's words with the tags gone and the spaces collapsed, so a
fact holds whatever the design around it.
"""

import json
import re
from contextlib import contextmanager
from html import unescape

from django.db import transaction
from django.test import override_settings
from django.utils.html import strip_tags

_SPACES = re.compile(r"\s+")


def text(response):
    """The words of an HTML response: tags gone, entities decoded, spaces collapsed."""
    html = response.content.decode()
    # Scripts and styles are not text a visitor reads.
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return _SPACES.sub(" ", unescape(strip_tags(html))).strip()


def templates(response):
    """Names of the templates a response rendered, includes too."""
    return [t.name for t in response.templates if t.name]


def links(response):
    """Every ``href`` of an HTML response, entities decoded."""
    return [unescape(href) for href in re.findall(r'href="([^"]*)"', response.text)]


def json_ld(response):
    """The schema.org objects of an HTML response's JSON-LD scripts, parsed."""
    scripts = re.findall(
        r'(?is)<script type="application/ld\+json">(.*?)</script>', response.text
    )
    return [json.loads(script) for script in scripts]


@contextmanager
def rows_for_module(django_db_blocker, media_root):
    """Keep rows made inside for every test of a module; roll them back after.

    Each test still runs in a savepoint of its own (pytest-django's ``db``), so what a
    test adds is gone at its end while the module's rows stay. Files go to
    ``media_root``, never into the project's ``media/``.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media_root),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)
