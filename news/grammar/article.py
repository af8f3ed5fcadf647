"""One article read by all the rules, with a report of what was read and how surely.

``read_article(text)`` returns a ``Reading``: the title, whether the article reports
a meeting and that meeting's time, place, organiser, title and kind, the documents
cited, the attendees, the captions, the byline and the body's paragraphs. Its
``report`` lists every field with its value, the line it came from and a status:
recognised, uncertain (shown to the editor to check) or not understood.
"""

import re
from dataclasses import dataclass, field

from news.grammar import byline as bylines
from news.grammar import place as places
from news.grammar import title as titles
from news.grammar.attendance import Roll
from news.grammar.base import Finding, clean, sentences
from news.grammar.captions import split_captions
from news.grammar.documents import blank, documents
from news.grammar.when import invalid_dates, meeting_time

RECOGNISED, UNCERTAIN, NOT_UNDERSTOOD = "recognised", "uncertain", "not understood"
# A notice announces; it reports no meeting even when it names holidays ("nghỉ lễ").
NOTICE = re.compile(r"^thông báo\b", re.IGNORECASE)
METADATA = re.compile(r"^(?:Ngày đăng|Lượt xem|Cập nhật)\b", re.IGNORECASE)
LONG_PARAGRAPH = 25  # words: a line this long is body, not a heading or a menu


@dataclass
class Entry:
    field: str
    value: object
    source: str
    status: str


@dataclass
class Reading:
    title: Finding = None
    # Where the title came from: "title line", "heading", "first line", "given",
    # "meeting" or "first sentence".
    title_from: str = ""
    is_event: Finding = None
    when: object = None
    location: Finding = None
    organiser: Finding = None
    meeting_title: Finding = None
    meeting_kind: str = ""
    documents: list = field(default_factory=list)
    attendees: list = field(default_factory=list)
    attendees_certain: bool = True
    captions: list = field(default_factory=list)
    byline: Finding = None
    paragraphs: list = field(default_factory=list)
    report: list = field(default_factory=list)

    def status(self, name):
        """The status the report gives ``name`` (the first entry for that field)."""
        return next((e.status for e in self.report if e.field == name), NOT_UNDERSTOOD)


def read_article(text, title=""):
    """Every rule over ``text`` (an article as news.sources reads it)."""
    reading = Reading()
    lines = [clean(line) for line in text.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    lines = _read_title(lines, reading, title)
    lines = _read_byline(lines, reading)
    body, reading.captions = split_captions(lines)
    reading.paragraphs = [line for line in body if not METADATA.match(line)]
    _read_meeting(reading)
    _report(reading)
    return reading


def _read_title(lines, reading, given):
    if lines and (found := titles.title_line(lines[0])):
        reading.title, reading.title_from = found, "title line"
        return lines[1:]
    if lines and titles.is_capitals(lines[0]):
        reading.title = Finding(lines[0], lines[0], True)
        reading.title_from = "heading"
        return lines[1:]
    first_long = next(
        (i for i, line in enumerate(lines) if len(line.split()) >= LONG_PARAGRAPH), 0
    )
    for index in range(first_long - 1, -1, -1):
        line = lines[index]
        if not METADATA.match(line) and titles.is_heading(line, lines[first_long]):
            # Lines before a heading are a page's menu, not the article.
            reading.title = Finding(line, line, index == 0)
            reading.title_from = "first line"
            return lines[index + 1 :]
    if given:
        reading.title = Finding(clean(given), "", True)
        reading.title_from = "given"
    return lines


def _read_byline(lines, reading):
    index = bylines.byline_index(lines)
    if index is not None:
        # What follows the byline is the page around the article.
        reading.byline = bylines.read_byline(lines[index])
        return lines[:index]
    if lines and (signature := bylines.unit_signature(lines[-1])):
        reading.byline = signature
        return lines[:-1]
    return lines


def _read_meeting(reading):
    text = "\n".join(reading.paragraphs)
    reading.documents, reading.bad_documents = documents(text)
    blanked = blank(text, [(d.start, d.end) for d in reading.documents])
    said = [s for paragraph in blanked.split("\n") for s in sentences(paragraph)]
    reading.bad_dates = invalid_dates(blanked)
    when = meeting_time(said)
    notice = reading.title and NOTICE.match(reading.title.value)
    event = bool(when and when.certain and not notice)
    source = when.source if when else ""
    reading.is_event = Finding(event, source, not (when and not when.certain))
    if not event:
        return
    reading.when = when
    sentence = when.source
    tail = sentence[when.end :]
    reading.location, place_end = places.meeting_place(tail)
    start = when.end + place_end
    reading.organiser = places.organiser(sentence, start, text)
    reading.meeting_title = places.meeting_title(sentence)
    if reading.meeting_title:
        reading.meeting_kind = places.meeting_kind(reading.meeting_title.value)
    roll = Roll()
    for said_sentence in said:
        if not roll.read_list(said_sentence):
            roll.read_mentions(said_sentence)
    for caption in reading.captions:
        roll.read_mentions(caption, caption=True)
    reading.attendees = list(roll.people.values())
    listed = re.search(r"\bgồm\s*:", blanked)
    reading.attendees_certain = not roll.unexplained and not listed
    if reading.title is None:
        found = reading.meeting_title
        if found:
            reading.title = Finding(found.value, found.source, found.certain)
            reading.title_from = "meeting"


def as_written(source, reading):
    """The line as the file writes it: a rule that read the text with the cited
    documents blanked out (offsets kept) quotes it back with them."""
    text = "\n".join(reading.paragraphs)
    blanked = blank(text, [(d.start, d.end) for d in reading.documents])
    at = blanked.find(source) if source else -1
    if at < 0 or source in text:
        return source
    return " ".join(text[at : at + len(source)].split())


def _report(reading):
    entries = reading.report

    def add(name, found, value=None):
        if found is None:
            entries.append(Entry(name, None, "", NOT_UNDERSTOOD))
            return
        certain = found.certain if isinstance(found, Finding) else found
        value = found.value if value is None and isinstance(found, Finding) else value
        source = as_written(getattr(found, "source", ""), reading)
        entries.append(Entry(name, value, source, RECOGNISED if certain else UNCERTAIN))

    if reading.title is None and reading.paragraphs:
        first = titles.first_sentence(reading.paragraphs)
        reading.title = Finding(first, first, False)
        reading.title_from = "first sentence"
    add("title", reading.title)
    add("is_event", reading.is_event)
    if reading.is_event.value:
        when = reading.when
        add("starts_at", when, (when.date, when.time))
        add("location", reading.location)
        add("organiser", reading.organiser)
        add("meeting_title", reading.meeting_title)
        kind = reading.meeting_title
        add("kind", kind, reading.meeting_kind)
        names = ", ".join(a.name for a in reading.attendees)
        status = RECOGNISED if reading.attendees_certain else UNCERTAIN
        entries.append(Entry("attendees", names, "", status))
    for document in reading.documents:
        entries.append(Entry("documents", document.number, document.source, RECOGNISED))
    for problem in reading.bad_documents + reading.bad_dates:
        entries.append(Entry("documents", problem, problem, UNCERTAIN))
    entries.append(Entry("captions", len(reading.captions), "", RECOGNISED))
    add("byline", reading.byline)
