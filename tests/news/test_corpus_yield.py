"""What the importer's grammar reads from each corpus article, against expected.json.

For every file and every field the grammar reads, the value read equals the table's,
or the reading's report says the field is uncertain: a wrong value is never marked
recognised. Run with -s to see how many fields were recognised, uncertain or wrong.
"""

import collections
import datetime
import json
from pathlib import Path

import pytest

from news.grammar.article import RECOGNISED, read_article
from news.sources import read_source

ARTICLES = Path(__file__).resolve().parents[2] / "tests" / "data" / "articles"
ENTRIES = json.loads((ARTICLES / "expected.json").read_text(encoding="utf-8"))[
    "articles"
]
NAMES = sorted(ENTRIES)
FIELDS = [
    "title", "is_event", "kind", "starts_at", "location", "organiser", "documents",
    "attendees.name", "attendees.honorific", "attendees.position", "attendees.role",
    "captions", "byline",
]  # fmt: skip
# Fields the grammar cannot read from a file, with the reason; the test asserts
# that each is reported as uncertain.
KNOWN_GAPS = {}
TALLY = collections.defaultdict(collections.Counter)


def reading_of(name):
    return read_article(read_source((ARTICLES / name).read_bytes(), name).text)


def expected_value(entry, field):
    meeting = entry["meeting"] or {}
    people = entry["attendees"] if entry["is_event"] else []
    captions = entry["captions"]
    match field.split("."):
        case ["title"]:
            return entry["title"]
        case ["is_event"]:
            return entry["is_event"]
        case ["kind"]:
            return meeting.get("kind")
        case ["starts_at"]:
            return meeting.get("starts_at")
        case ["location" | "organiser" as key]:
            return meeting.get(key)
        case ["documents"]:
            return entry["documents"]
        case ["attendees", key]:
            return [person[key] for person in people]
        case ["captions"]:
            return (captions["count"], captions["first"], captions["last"])
        case ["byline"]:
            return entry["byline"]


def read_value(reading, field):
    """The value read for ``field`` and whether the report calls it recognised."""
    event = reading.is_event.value
    match field.split("."):
        case ["title"]:
            title = reading.title
            value = title.source if reading.title_from == "heading" else title.value
            return value, reading.status("title")
        case ["is_event"]:
            return event, reading.status("is_event")
        case ["kind"]:
            return (reading.meeting_kind or None) if event else None, _status(
                reading, "kind", event
            )
        case ["starts_at"]:
            return _moment(reading.when) if event else None, _status(
                reading, "starts_at", event
            )
        case ["location" | "organiser" as key]:
            found = getattr(reading, key)
            value = found.value if (event and found) else None
            return value, _status(reading, key, event)
        case ["documents"]:
            return [
                {
                    "kind": d.kind,
                    "number": d.number,
                    "date": d.date.isoformat(),
                    "issuer": d.issuer,
                    "title": d.title,
                }
                for d in reading.documents
            ], reading.status("documents") if reading.documents else RECOGNISED
        case ["attendees", key]:
            return [getattr(a, key) for a in reading.attendees], _status(
                reading, "attendees", event
            )
        case ["captions"]:
            captions = reading.captions
            return (
                len(captions),
                captions[0] if captions else None,
                captions[-1] if captions else None,
            ), reading.status("captions")
        case ["byline"]:
            found = reading.byline
            return (found.value if found else None), (
                reading.status("byline") if found else RECOGNISED
            )


def _status(reading, field, event):
    return reading.status(field) if event else reading.status("is_event")


def _moment(when):
    if when is None:
        return None
    if when.time is None:
        return when.date.isoformat()
    return datetime.datetime.combine(when.date, when.time).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize("name", NAMES)
def test_each_field_is_read_right_or_reported_uncertain(name):
    reading = reading_of(name)
    wrong = []
    for field in FIELDS:
        value, status = read_value(reading, field)
        right = value == expected_value(ENTRIES[name], field)
        if (name, field) in KNOWN_GAPS:
            assert status != RECOGNISED, (name, field, KNOWN_GAPS[name, field])
        outcome = "right" if right else ("wrong" if status == RECOGNISED else "unsure")
        if right and status != RECOGNISED:
            outcome = "unsure"
        TALLY[field][outcome] += 1
        if outcome == "wrong":
            wrong.append((field, value, expected_value(ENTRIES[name], field)))
    assert not wrong, wrong


def teardown_module():
    if not TALLY:
        return
    print("\nfield                 recognised  uncertain  wrong")
    for field in FIELDS:
        counts = TALLY[field]
        print(
            f"{field:<22}{counts['right']:>10}{counts['unsure']:>11}{counts['wrong']:>7}"
        )
