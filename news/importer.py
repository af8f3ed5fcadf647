"""Reading the college's old plain-text articles into drafts.

An old article is plain paragraphs, then a line such as "Dưới đây là một số hình ảnh
…" followed by one caption per photo, then a byline "Tin, bài: <name> – <unit>".
Its first paragraphs usually say which meeting it reports: the plans it was held
under ("Kế hoạch số 10/KH-CĐNGT ngày 17/01/2024"), when ("vào hồi 14h00 ngày
31/01/2024"), what ("tổ chức Hội nghị tổng kết …"), who chaired ("với sự chủ trì
của đồng chí …") and who attended ("Dự và chỉ đạo … có TS. … – …").

``parse_article`` turns the text into plain data; ``import_parsed`` writes it as a
draft article with its meeting, people, documents and caption placeholders, matching
people and units by folded name. Nothing here publishes anything.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.text import fold, slugify_vi, unique_slug
from documents.library import add_cited, link_to_library
from events.captions import people_named_in
from events.models import Attendee, Meeting, MeetingDocument, Photo
from news.grammar.article import NOT_UNDERSTOOD, RECOGNISED, UNCERTAIN, read_article
from news.grammar.awards import read_awards
from news.grammar.elected import read_elected
from news.grammar.title import sentence_case
from news.import_awards import write_awards, write_elected
from news.import_people import match_person, match_unit, resolve_person
from news.models import Article, Category
from people.models import Unit

SLUG_LENGTH = 80  # characters: a slug is cut on a word boundary below this


@dataclass
class ParsedPerson:
    name: str
    honorific: str = ""
    position: str = ""
    role: str = Attendee.Role.PARTICIPANT
    topic: str = ""


@dataclass
class ParsedDocument:
    kind: str
    number: str
    date: datetime.date
    issuer: str = ""
    title: str = ""


@dataclass
class ParsedArticle:
    title: str = ""
    title_derived: bool = False
    paragraphs: list = field(default_factory=list)
    captions: list = field(default_factory=list)
    byline_name: str = ""
    byline_unit: str = ""
    meeting_title: str = ""
    meeting_kind: str = ""
    starts_at: object = None
    time_known: bool = False
    documents: list = field(default_factory=list)
    attendees: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    location: str = ""
    organiser: str = ""
    is_event: bool = False
    report: list = field(default_factory=list)


def normalise(text):
    """One text whatever the file's habits: no BOM, Unix line ends, plain spaces."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u00a0", " ").replace("\t", " ")


def field_label(name):
    """The editor's word for a field of the reading's report."""
    labels = {
        "title": _("Title"),
        "is_event": _("Reports a meeting"),
        "starts_at": _("Time"),
        "location": _("Place"),
        "organiser": _("Organising unit"),
        "meeting_title": _("Meeting"),
        "kind": _("Kind of meeting"),
        "attendees": _("Attendees"),
        "documents": _("Documents"),
        "captions": _("Captions"),
        "byline": _("Byline"),
    }
    return labels.get(name, name)


def status_label(status):
    return {
        RECOGNISED: _("recognised"),
        UNCERTAIN: _("uncertain, please check"),
        NOT_UNDERSTOOD: _("not understood"),
    }[status]


def parse_article(text, title=""):
    """The facts of one old article, as plain data (nothing is written).

    The reading is news.grammar.article's; this turns it into the plain fields
    ``import_parsed`` and the command's report use.
    """
    reading = read_article(normalise(text), title=title)
    parsed = ParsedArticle(report=reading.report, is_event=reading.is_event.value)
    if reading.title is not None:
        parsed.title = reading.title.value
        if reading.title_from == "heading":
            parsed.title = sentence_case(reading.title.value, reading.paragraphs)
        parsed.title_derived = reading.title_from in {"meeting", "first sentence"}
    parsed.paragraphs = reading.paragraphs
    parsed.captions = reading.captions
    if reading.byline is not None:
        parsed.byline_name = reading.byline.value["name"]
        parsed.byline_unit = reading.byline.value["unit"]
    parsed.documents = [
        ParsedDocument(d.kind, d.number, d.date, d.issuer, d.title)
        for d in reading.documents
    ]
    if parsed.is_event:
        _meeting_fields(reading, parsed)
    for entry in reading.report:
        if entry.status != RECOGNISED:
            parsed.notes.append(
                _("%(field)s: %(status)s (%(value)s)")
                % {
                    "field": field_label(entry.field),
                    "status": status_label(entry.status),
                    "value": shown(_labelled(entry)),
                }
            )
    return parsed


def report_entries(parsed):
    """The reading's report as the review screen keeps it (news.import_people)."""
    return [
        {
            "field": str(field_label(entry.field)),
            "value": shown(_labelled(entry)),
            "line": entry.source,
            "status": entry.status,
        }
        for entry in parsed.report
    ]


def _labelled(entry):
    """A meeting's kind as the editor reads it ("Hội nghị tổng kết"), not stored."""
    if entry.field == "kind" and entry.value in Meeting.Kind.values:
        return str(Meeting.Kind(entry.value).label)
    return entry.value


def shown(value):
    """A reading's value as an editor reads it in the report."""
    if value is None or value == "":
        return "—"
    if isinstance(value, tuple):  # (date, time or None)
        day, moment = value
        return f"{day:%d/%m/%Y} {moment:%H:%M}" if moment else f"{day:%d/%m/%Y}"
    if isinstance(value, dict):
        return " – ".join(part for part in value.values() if part) or "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _meeting_fields(reading, parsed):
    when = reading.when
    parsed.time_known = when.time is not None
    naive = datetime.datetime.combine(when.date, when.time or datetime.time(0, 0))
    parsed.starts_at = timezone.make_aware(naive, timezone.get_default_timezone())
    if reading.meeting_title:
        parsed.meeting_title = reading.meeting_title.value
    parsed.meeting_kind = reading.meeting_kind or Meeting.Kind.OTHER
    parsed.location = reading.location.value if reading.location else ""
    parsed.organiser = reading.organiser.value if reading.organiser else ""
    parsed.attendees = [
        ParsedPerson(
            name=a.name,
            honorific=a.honorific,
            position=a.position,
            role=Attendee.Role(a.role),
            topic=_topic(a),
        )
        for a in reading.attendees
    ]


def _topic(attendee):
    """What the act that gave the attendee their role was about."""
    return attendee.topic[:1].upper() + attendee.topic[1:]


# ---------------------------------------------------------------- writing


@dataclass
class ImportReport:
    """What one file became, for the editor's check list."""

    article: object = None
    created_people: list = field(default_factory=list)
    created_units: list = field(default_factory=list)
    checks: list = field(default_factory=list)


class Resolver:
    """Who and which unit each written name is, for one imported article.

    A person is linked only on an exact name with a consistent position
    (news.import_people); anything less makes a provisional person, kept off the
    public site, with a suggestion the editor confirms on the review screen.
    """

    def __init__(self, article, on_date, report):
        self.article, self.on_date, self.report = article, on_date, report

    def person(self, name, honorific="", position=""):
        match = match_person(name, honorific, position, self.on_date)
        if match.candidates:
            self.report.checks.append(
                f"“{match.name}” có thể là người đã có hồ sơ: hãy xác nhận ở mục gợi ý."
            )
        person = resolve_person(self.article, match)
        if match.is_new:
            self.report.created_people.append(person)
        elif honorific and not person.honorific:
            person.honorific = honorific
            person.save(update_fields=["honorific"])
        return person

    def unit(self, name):
        match = match_unit(name)
        if match.note:
            self.report.checks.append(match.note)
        if match.unit is not None:
            return match.unit
        unit = Unit.objects.create(name=name, kind=Unit.Kind.OTHER)
        self.report.created_units.append(unit)
        return unit


def import_parsed(parsed, category=None):
    """Write ``parsed`` as a draft; return an ``ImportReport``. Call in a transaction."""
    report = ImportReport(checks=list(parsed.notes))
    category = category or Category.objects.order_by("order", "pk").first()
    if category is None:
        category = Category.objects.create(name="Tin tức")
    body = "\n".join(f"<p>{escape(paragraph)}</p>" for paragraph in parsed.paragraphs)
    article = Article(
        title=parsed.title[:300],
        category=category,
        body=body,
        status=Article.Status.DRAFT,
    )
    article.slug = short_slug(article, parsed.title)
    article.save()
    report.article = article
    on_date = timezone.localdate(parsed.starts_at) if parsed.starts_at else None
    resolver = Resolver(article, on_date, report)
    meeting = None
    if parsed.is_event and parsed.starts_at is not None:
        meeting = _meeting(parsed, report, resolver)
    if parsed.byline_name:
        article.byline_person = resolver.person(parsed.byline_name)
    else:
        report.checks.append("Không có dòng “Tin, bài:” — hãy điền tác giả.")
    if parsed.byline_unit:
        article.byline_unit = resolver.unit(parsed.byline_unit)
    if parsed.title_derived:
        report.checks.append("Tiêu đề được suy ra từ nội dung — hãy sửa cho gọn.")
    _honours(parsed, meeting, resolver, report)
    _library(parsed, meeting, resolver, report)
    article.meeting = meeting
    article.save()
    return report


def _library(parsed, meeting, resolver, report):
    """The documents the text cites go to the library, internal until an editor
    checks them: a meeting's through its "Căn cứ" lines, a notice's directly."""
    if meeting is not None:
        created = link_to_library(meeting.documents.all(), public=False)
    else:
        created = 0
        for cited in parsed.documents:
            issuer = resolver.unit(cited.issuer) if cited.issuer else None
            _document, new = add_cited(
                cited.kind, cited.number, cited.date, cited.title[:500], issuer
            )
            created += new
    if created:
        report.checks.append(
            f"{created} văn bản mới đã vào thư viện văn bản ở chế độ nội bộ: hãy kiểm "
            "tra, gắn tệp và đánh dấu công khai."
        )


def _honours(parsed, meeting, resolver, report):
    """The awards the text presents and the people it says were elected."""
    text = "\n".join(parsed.paragraphs)
    awards = read_awards(text)
    _rows, checks = write_awards(awards.awards, meeting, resolver.person, resolver.unit)
    report.checks += checks + awards.report()
    elected = read_elected(text)
    _rows, checks = write_elected(elected.bodies, meeting, resolver.person)
    report.checks += checks + elected.report()


def short_slug(instance, title):
    """A unique slug of at most ``SLUG_LENGTH`` characters, cut between words."""
    words, length = [], 0
    for word in slugify_vi(title).split("-"):
        if length + len(word) + bool(words) > SLUG_LENGTH - 4:  # room for "-2"…
            break
        words.append(word)
        length += len(word) + bool(words)
    return unique_slug(instance, " ".join(words) or title, max_length=SLUG_LENGTH)


def _meeting(parsed, report, resolver):
    title = parsed.meeting_title or parsed.title
    existing = Meeting.objects.filter(
        title_folded=fold(title)[:400], starts_at=parsed.starts_at
    ).first()
    if existing:
        report.checks.append(f"Sự kiện “{title}” đã có: bài viết được gắn vào đó.")
        return existing
    organizer = resolver.unit(parsed.organiser) if parsed.organiser else None
    meeting = Meeting(
        title=title[:300],
        kind=parsed.meeting_kind,
        starts_at=parsed.starts_at,
        time_known=parsed.time_known,
        location=parsed.location[:200],
        organizer=organizer,
        pending_import=True,
    )
    meeting.slug = short_slug(meeting, title)
    meeting.save()
    if not parsed.meeting_title:
        report.checks.append("Không đọc được tên sự kiện: đã dùng tiêu đề bài viết.")
    for document in parsed.documents:
        issuer = resolver.unit(document.issuer) if document.issuer else None
        MeetingDocument.objects.get_or_create(
            meeting=meeting,
            number=document.number,
            defaults={
                "kind": document.kind,
                "date": document.date,
                "issuer": issuer,
                "title": document.title[:300],
            },
        )
    for order, attendee in enumerate(parsed.attendees, start=1):
        person = resolver.person(attendee.name, attendee.honorific, attendee.position)
        Attendee.objects.create(
            meeting=meeting,
            person=person,
            position_at_time=attendee.position[:250],
            role=attendee.role,
            topic=attendee.topic[:300],
            order=order,
        )
    for order, caption in enumerate(parsed.captions, start=1):
        photo = Photo.objects.create(meeting=meeting, caption=caption, order=order)
        photo.people.set(people_named_in(caption))
    if parsed.captions:
        report.checks.append(
            f"{len(parsed.captions)} chú thích đang chờ ảnh (chưa có ảnh)."
        )
    return meeting
