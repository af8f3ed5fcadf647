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


# A unit of the tests' own: the demo names no faculty among those honoured.
FACULTY = "Khoa Sư phạm"


def add_honours():
    """Honours the tests add to the demo's two collectives, presented at the annual
    review: a person as Chiến sĩ thi đua cơ sở, a faculty as Tập thể lao động xuất
    sắc, two people as Lao động tiên tiến. The demo's sources name no individual
    recipient, so the demo shows none; a page that must show every form of award
    gets them here, rolled back with the test."""
    from awards.models import Award
    from demo import content as demo
    from events.models import Meeting
    from people.models import Person
    from tests.factories import AwardFactory, UnitFactory

    meeting = Meeting.objects.get(slug=demo.ANNUAL_REVIEW)
    faculty = UnitFactory(name=FACULTY, short_name="Khoa SP", slug="khoa-su-pham")
    honours = [
        (Award.Kind.GRASSROOTS_FIGHTER, demo.HUONG, None),
        (Award.Kind.EXCELLENT_COLLECTIVE, None, faculty),
        (Award.Kind.ADVANCED_WORKER, demo.THU, None),
        (Award.Kind.ADVANCED_WORKER, demo.MO, None),
    ]
    for kind, person, unit in honours:
        AwardFactory(
            kind=kind,
            year=2023,
            meeting=meeting,
            recipient_person=Person.objects.get(full_name=person) if person else None,
            recipient_unit=unit,
        )
