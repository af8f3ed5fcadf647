"""The corpus of old-style articles the importer is built against holds together.

tests/data/articles holds the college's old articles in every form an office keeps
them (see make_binary.py there) and expected.json, what each must yield. These tests
do not run the importer's grammar: they check that the files are there, read in the
form they claim, carry the text of their sources, that the generator rebuilds them
exactly, and that every value expected.json names is really in its file's text, so
the table can be trusted as the grammar's target.
"""

import codecs
import functools
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from news.sources import read_source

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "data" / "articles"
GENERATOR = ARTICLES / "make_binary.py"
EXPECTED = json.loads((ARTICLES / "expected.json").read_text(encoding="utf-8"))
ENTRIES = EXPECTED["articles"]
NAMES = sorted(ENTRIES)
NAME = re.compile(r"^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.(txt|docx|html)$")
BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
}
NEWLINES = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


def corpus_files():
    return sorted(
        path.name
        for path in ARTICLES.iterdir()
        if path.is_file() and path.name[:2].isdigit()
    )


@functools.cache
def read(name):
    return read_source((ARTICLES / name).read_bytes(), name)


def lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def article_lines(name):
    """The lines of the article itself: a web page's menus and footer left out."""
    chrome = set(ENTRIES[name].get("not_article", []))
    return [line for line in lines(read(name).text) if line not in chrome]


def article_text(name):
    return "\n".join(article_lines(name))


def generated():
    return [name for name in NAMES if ENTRIES[name]["source"]]


# ---------------------------------------------------------------- the files


def test_every_file_has_an_entry_and_every_entry_a_file():
    assert corpus_files() == NAMES


def test_names_are_numbered_slugs_without_gaps():
    numbers = [NAME.match(name).group(1) for name in NAMES]
    assert numbers == [f"{n:02}" for n in range(1, len(NAMES) + 1)]


def test_the_corpus_covers_the_kinds_and_forms_it_is_for():
    entries = ENTRIES.values()
    kinds = {entry["kind"] for entry in entries}
    assert kinds >= {
        "ceremony", "graduation", "congress", "conference", "thematic session",
        "workshop", "visit", "competition", "notice", "awards",
    }  # fmt: skip
    stored = [entry["bytes"] for entry in entries]

    def count(**wanted):
        return sum(
            all(form.get(key) == value for key, value in wanted.items())
            for form in stored
        )

    assert len(NAMES) >= 23  # the three first files and at least twenty more
    assert count(encoding="utf-8", bom=True) >= 2
    assert count(encoding="utf-16-le", bom=True) >= 1
    assert count(encoding="utf-16-be", bom=False) >= 1
    assert count(encoding="cp1258") >= 2
    assert count(normal_form="NFD") >= 2
    assert count(encoding="utf-8", newline="crlf") >= 2
    assert count(newline="cr") >= 1
    assert count(container="docx") >= 2
    assert count(container="html", saved_by="Microsoft Word") >= 1
    assert count(container="html", saved_by="old web site") >= 1


@pytest.mark.parametrize("name", NAMES)
def test_each_file_reads_in_its_form(name):
    source = read(name)
    assert source.form == ENTRIES[name]["form"]
    assert unicodedata.is_normalized("NFC", source.text)
    assert "\r" not in source.text
    assert 150 <= len(article_text(name).split()) <= 600


@pytest.mark.parametrize(
    "name", [name for name in NAMES if "encoding" in ENTRIES[name]["bytes"]]
)
def test_each_text_file_is_stored_as_it_says(name):
    """The trap each file is there for is really in its bytes."""
    stored = ENTRIES[name]["bytes"]
    raw = (ARTICLES / name).read_bytes()
    bom = BOMS.get(stored["encoding"], b"\xff" * 8)
    assert raw.startswith(bom) == stored["bom"]
    text = raw[len(bom) if stored["bom"] else 0 :].decode(stored["encoding"])
    newline = NEWLINES[stored["newline"]]
    assert newline in text
    assert text.replace(newline, "").count("\r") == 0
    assert text.replace(newline, "").count("\n") == 0
    assert unicodedata.is_normalized("NFC", text) == (stored["normal_form"] == "NFC")
    if stored["encoding"] == "cp1258":
        # Tone marks written as combining characters after the vowel.
        assert "\u0301" in text
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")


# ---------------------------------------------------------------- the generator


@pytest.mark.parametrize("name", generated())
def test_a_generated_file_holds_the_text_of_its_source(name):
    source = (ARTICLES / ENTRIES[name]["source"]).read_text(encoding="utf-8")
    if "encoding" in ENTRIES[name]["bytes"]:
        assert read(name).text == read_source(source.encode(), "a.txt").text
    else:
        # Word and web pages keep paragraphs, not indentation or blank lines.
        assert article_lines(name) == lines(source)
        for line in ENTRIES[name].get("not_article", []):
            assert line in lines(read(name).text)


def test_every_source_has_its_file():
    sources = sorted(path.name for path in (ARTICLES / "sources").iterdir())
    assert sources == sorted(Path(ENTRIES[name]["source"]).name for name in generated())


def test_the_generator_rebuilds_the_committed_files_exactly(tmp_path):
    completed = subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    built = sorted(path.name for path in tmp_path.iterdir())
    assert built == generated()
    for name in built:
        assert (tmp_path / name).read_bytes() == (ARTICLES / name).read_bytes(), name


# ---------------------------------------------------------------- the table


def expected_strings(entry):
    """Every value of an entry that must be found word for word in the text."""
    meeting = entry["meeting"] or {}
    if entry["title_from"] != "meeting":
        yield entry["title"]
    if not meeting.get("title_composed"):
        yield meeting.get("title")
    yield meeting.get("location")
    yield meeting.get("organiser")
    for document in entry["documents"]:
        yield from (document["number"], document["issuer"], document["title"])
    for person in entry["attendees"]:
        yield from (person["name"], person["position"])
    for award in entry["awards"]:
        yield award["decision_number"]
        for recipient in award["recipients"]:
            yield from (recipient.get("person"), recipient.get("position"))
            yield recipient.get("unit")
    for body in entry["elected"]:
        yield body["body"]
        for member in body["members"]:
            yield from (member["person"], member["position"])
    yield from (entry["captions"]["first"], entry["captions"]["last"])
    if entry["byline"]:
        yield from (entry["byline"]["name"], entry["byline"]["unit"])


@pytest.mark.parametrize("name", NAMES)
def test_what_the_table_expects_is_in_the_text(name):
    """A table that names what the text does not say would train the grammar on
    nothing; each name, number, place, caption and byline is in the file."""
    text = article_text(name)
    missing = [value for value in expected_strings(ENTRIES[name]) if value]
    missing = [value for value in missing if value not in text]
    assert missing == []


@pytest.mark.parametrize("name", NAMES)
def test_the_table_is_consistent(name):
    entry = ENTRIES[name]
    meeting = entry["meeting"]
    assert (meeting is not None) == entry["is_event"]
    if meeting:
        assert meeting["time_known"] == ("T" in meeting["starts_at"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?", meeting["starts_at"])
    captions = entry["captions"]
    assert (captions["count"] == 0) == (captions["first"] is None)
    for body in entry["elected"]:
        assert body["count"] == len(body["members"])
        members = {member["person"] for member in body["members"]}
        assert {office["name"] for office in body["offices"]} <= members
    for award in entry["awards"]:
        assert award["recipients"] or award["count"]


def test_names_that_look_alike_are_kept_apart_by_the_table():
    """Each pair of near-identical names is two people the corpus really uses."""
    text = "\n".join(article_text(name) for name in NAMES)
    for pair in EXPECTED["different_people"]:
        assert len(set(pair)) == 2
        for person in pair:
            assert person in text


# ---------------------------------------------------------------- the repository


def repository_files():
    """The repository's Python files and everything under tests/."""
    skip = {".git", ".venv", "node_modules", "staticfiles", "media", "__pycache__"}
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in skip and not d.startswith(".")]
        here = Path(folder)
        for file in files:
            path = here / file
            if path.suffix == ".py" or ROOT / "tests" in path.parents:
                yield path


def test_nothing_in_the_repository_reads_files_outside_it():
    """The project needs nothing outside its repository: no code or test opens the
    reference articles kept beside it."""
    outside = re.compile(
        re.escape("../" + "shared") + "|" + re.escape("shared/" + "seeds")
    )
    offenders = [
        str(path.relative_to(ROOT))
        for path in repository_files()
        if outside.search(path.read_bytes().decode("utf-8", "replace"))
    ]
    assert offenders == []
