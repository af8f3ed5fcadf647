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
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import escape

from core.text import fold
from events.captions import people_named_in
from events.models import Attendee, Meeting, MeetingDocument, Photo
from news.models import Article, Category
from people.models import Person, Unit

DASH = r"\s*[–—-]\s*"
DEGREE_DOT = re.compile(r"\b(GS|PGS|TS|ThS|CN|KS|BS|NGƯT|NGND)\.")
PROTECTED_DOT = "\u2024"  # one dot leader: not a full stop to the patterns below
HONORIFIC = re.compile(r"^((?:(?:GS|PGS|TS|ThS|CN|KS|BS|NGƯT|NGND)\.\s*)+)")
TITLE_LINE = re.compile(r"^Tiêu đề\s*:\s*(.+)$", re.IGNORECASE)
BYLINE = re.compile(r"^Tin\s*,?\s*bài\s*:\s*(.+)$", re.IGNORECASE)
DOCUMENT = re.compile(
    r"(Kế hoạch|Quyết định|Công văn|Thông báo|Nghị quyết|Báo cáo|Chương trình)"
    r"\s+số\s+([0-9A-Za-zĐđ/.\-]+)\s+ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})"
    r"(?:\s+của\s+([^;,.]+?))?(?:\s+về\s+([^;.]+))?(?=[;,.]|$)"
)
DOCUMENT_KINDS = {
    "ke hoach": MeetingDocument.Kind.PLAN,
    "quyet dinh": MeetingDocument.Kind.DECISION,
    "cong van": MeetingDocument.Kind.OFFICIAL_LETTER,
    "thong bao": MeetingDocument.Kind.NOTICE,
    "nghi quyet": MeetingDocument.Kind.RESOLUTION,
    "bao cao": MeetingDocument.Kind.REPORT,
    "chuong trinh": MeetingDocument.Kind.PROGRAMME,
}
TIMED_DATE = re.compile(
    r"(?:hồi\s+)?(\d{1,2})\s*(?:h|giờ)\s*(\d{2})?\s*(?:phút\s*)?,?\s*ngày\s+"
    r"(\d{1,2})/(\d{1,2})/(\d{4})",
    re.IGNORECASE,
)
DATE = re.compile(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})", re.IGNORECASE)
CHAIR = re.compile(
    r"(?:với\s+)?sự\s+chủ\s+trì\s+của\s+(?:đồng chí|đ/c)?\s*([^.;]+)", re.IGNORECASE
)
ATTENDANCE = re.compile(r"(?:Dự và chỉ đạo|Tới dự|Đến dự|Về dự)\b[^.]*?\bcó\s+([^.]+)")
MEETING_KINDS = [
    ("hoi nghi tong ket", Meeting.Kind.ANNUAL_REVIEW),
    ("sinh hoat chuyen de", Meeting.Kind.THEMATIC),
    ("hoi thao", Meeting.Kind.WORKSHOP),
    ("le ", Meeting.Kind.CEREMONY),
]
# Words that start what a person does in a caption, and the role they show.
CAPTION_ROLES = [
    ("bao cao", Attendee.Role.REPORTER),
    ("tham luan", Attendee.Role.SPEAKER),
    ("cong bo", Attendee.Role.ANNOUNCER),
    ("chu tri", Attendee.Role.CHAIR),
    ("phat bieu", Attendee.Role.SPEAKER),
    ("tong ket", Attendee.Role.CHAIR),
    ("trao", Attendee.Role.CHAIR),
]


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


def normalise(text):
    """One text whatever the file's habits: no BOM, Unix line ends, plain spaces."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u00a0", " ").replace("\t", " ")


def _clean(text):
    return " ".join(text.split()).strip(" ,;")


def parse_article(text, title=""):
    """The facts of one old article, as plain data (nothing is written)."""
    lines = [_clean(line) for line in normalise(text).split("\n")]
    lines = [line for line in lines if line]
    parsed = ParsedArticle()
    if lines and (match := TITLE_LINE.match(lines[0])):
        parsed.title = _clean(match.group(1))
        lines = lines[1:]
    if lines and (match := BYLINE.match(lines[-1])):
        parts = re.split(DASH, match.group(1), maxsplit=1)
        parsed.byline_name = _clean(parts[0])
        parsed.byline_unit = _clean(parts[1]) if len(parts) > 1 else ""
        lines = lines[:-1]
    gallery = next(
        (
            i
            for i, line in enumerate(lines)
            if fold(line).startswith("duoi day la") and "hinh anh" in fold(line)
        ),
        None,
    )
    if gallery is not None:
        parsed.paragraphs, parsed.captions = lines[:gallery], lines[gallery + 1 :]
    else:
        parsed.paragraphs = lines
    _read_meeting(" ".join(parsed.paragraphs), parsed)
    _read_captions(parsed)
    if not parsed.title:
        parsed.title = _clean(title) or parsed.meeting_title or _first_sentence(parsed)
        parsed.title_derived = not _clean(title)
    return parsed


def _protect(text):
    """Hide the dots of degrees ("TS.") so they do not end sentences."""
    return DEGREE_DOT.sub(lambda m: m.group(1) + PROTECTED_DOT, text)


def _read_meeting(text, parsed):
    text = _protect(text)
    for match in DOCUMENT.finditer(text):
        kind_word, number, day, month, year, issuer, about = match.groups()
        try:
            date = datetime.date(int(year), int(month), int(day))
        except ValueError:
            parsed.notes.append(f"Ngày không hợp lệ trong văn bản số {number}.")
            continue
        parsed.documents.append(
            ParsedDocument(
                DOCUMENT_KINDS.get(fold(kind_word), MeetingDocument.Kind.OTHER),
                number.rstrip("."),
                date,
                _clean(issuer or ""),
                _clean(about or ""),
            )
        )
    # The meeting's date is the first date that is not a document's.
    rest = DOCUMENT.sub(" ", text)
    when = TIMED_DATE.search(rest)
    if when:
        hour, minute, day, month, year = when.groups()
        moment = _moment(year, month, day, hour, minute or "0")
        parsed.time_known = moment is not None
    else:
        when = DATE.search(rest)
        moment = _moment(*reversed(when.groups()), 0, 0) if when else None
    if moment is None:
        parsed.notes.append("Không đọc được thời gian của sự kiện.")
    parsed.starts_at = moment
    folded = fold(rest)
    parsed.meeting_kind = next(
        (kind for words, kind in MEETING_KINDS if words in folded), Meeting.Kind.OTHER
    )
    after = rest[when.end() :] if when else rest
    held = re.search(r"\btổ chức\s+(.+?)(?:\s+với\s+sự\s+chủ\s+trì|[.;]|$)", after)
    if held:
        title = held.group(1).replace("“", ": ").replace('"', "").replace("”", "")
        title = _clean(re.sub(r"\s*:\s*", ": ", title))
        parsed.meeting_title = title[:1].upper() + title[1:]
    if chair := CHAIR.search(text):
        person = _person(chair.group(1))
        if person:
            person.role = Attendee.Role.CHAIR
            parsed.attendees.append(person)
    for attendance in ATTENDANCE.finditer(text):
        for part in attendance.group(1).split(";"):
            part = re.split(r"\s+cùng\s+", part, maxsplit=1)[0]
            person = _person(part)
            if person:
                person.role = Attendee.Role.GUEST
                _add_attendee(parsed, person)


def _moment(year, month, day, hour, minute):
    try:
        naive = datetime.datetime(
            int(year), int(month), int(day), int(hour), int(minute)
        )
    except ValueError:
        return None
    return timezone.make_aware(naive, timezone.get_default_timezone())


def _person(text):
    """ "đồng chí TS. Nguyễn Hoàng Quỳnh – Bí thư …" → the name, degree and position."""
    text = text.replace(PROTECTED_DOT, ".")
    text = re.sub(r"^(?:các\s+)?(?:đồng chí|đ/c)\s+", "", _clean(text), flags=re.I)
    honorific = ""
    if match := HONORIFIC.match(text):
        honorific = match.group(1).replace(" ", "")
        text = text[match.end() :]
    parts = re.split(DASH, text, maxsplit=1)
    name = _clean(parts[0])
    words = name.split()
    if not 2 <= len(words) <= 5 or not all(word[:1].isupper() for word in words):
        return None
    position = _clean(parts[1]) if len(parts) > 1 else ""
    return ParsedPerson(name=name, honorific=honorific, position=position)


def _add_attendee(parsed, person):
    for known in parsed.attendees:
        if fold(known.name) == fold(person.name):
            known.position = known.position or person.position
            known.honorific = known.honorific or person.honorific
            return known
    parsed.attendees.append(person)
    return person


def _read_captions(parsed):
    """People a caption introduces ("Đồng chí … – position verb …") attend too."""
    for caption in parsed.captions:
        match = re.match(rf"^(?:Đồng chí|Đ/c)\s+(.+?){DASH}(.+)$", caption, re.I)
        if not match:
            continue
        person = _person(match.group(1))
        if person is None:
            continue
        rest = match.group(2)
        folded = fold(rest)
        found = [
            (folded.find(f" {words}"), role)
            for words, role in CAPTION_ROLES
            if f" {words}" in folded
        ]
        if found:
            start, role = min(found)
            person.position, person.topic = _clean(rest[:start]), _clean(rest[start:])
            person.topic = person.topic[:1].upper() + person.topic[1:]
            person.role = role
        else:
            person.position = _clean(rest)
        known = _add_attendee(parsed, person)
        if known is not person and known.role in (
            Attendee.Role.GUEST,
            Attendee.Role.PARTICIPANT,
        ):
            # A guest the caption shows speaking or presenting gets that role.
            known.role = person.role
            known.topic = known.topic or person.topic


def _first_sentence(parsed):
    text = " ".join(parsed.paragraphs)
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return (
        (sentence[:150].rsplit(" ", 1)[0] + " …") if len(sentence) > 150 else sentence
    )


# ---------------------------------------------------------------- writing


@dataclass
class ImportReport:
    """What one file became, for the editor's check list."""

    article: object = None
    created_people: list = field(default_factory=list)
    created_units: list = field(default_factory=list)
    checks: list = field(default_factory=list)


def find_or_create_person(name, honorific, report):
    matches = list(Person.objects.filter(name_folded=fold(name))[:2])
    if len(matches) > 1:
        report.checks.append(f"Có nhiều người tên “{name}”: đã chọn hồ sơ đầu tiên.")
    if matches:
        person = matches[0]
        if honorific and not person.honorific:
            person.honorific = honorific
            person.save(update_fields=["honorific"])
        return person
    person = Person.objects.create(full_name=name, honorific=honorific)
    report.created_people.append(person)
    return person


def find_or_create_unit(name, report):
    folded = fold(name)
    for unit in Unit.objects.all():
        if folded in {fold(unit.name), fold(unit.short_name)} - {""}:
            return unit
    unit = Unit.objects.create(name=name, kind=Unit.Kind.OTHER)
    report.created_units.append(unit)
    return unit


def import_parsed(parsed, category=None):
    """Write ``parsed`` as a draft; return an ``ImportReport``. Call in a transaction."""
    report = ImportReport(checks=list(parsed.notes))
    category = category or Category.objects.order_by("order", "pk").first()
    if category is None:
        category = Category.objects.create(name="Tin tức")
    meeting = None
    if parsed.starts_at is not None:
        meeting = _meeting(parsed, report)
    byline_person = byline_unit = None
    if parsed.byline_name:
        byline_person = find_or_create_person(parsed.byline_name, "", report)
    else:
        report.checks.append("Không có dòng “Tin, bài:” — hãy điền tác giả.")
    if parsed.byline_unit:
        byline_unit = find_or_create_unit(parsed.byline_unit, report)
    if parsed.title_derived:
        report.checks.append("Tiêu đề được suy ra từ nội dung — hãy sửa cho gọn.")
    body = "\n".join(f"<p>{escape(paragraph)}</p>" for paragraph in parsed.paragraphs)
    report.article = Article.objects.create(
        title=parsed.title[:300],
        category=category,
        body=body,
        meeting=meeting,
        byline_person=byline_person,
        byline_unit=byline_unit,
        status=Article.Status.DRAFT,
    )
    return report


def _meeting(parsed, report):
    title = parsed.meeting_title or parsed.title
    existing = Meeting.objects.filter(
        title_folded=fold(title)[:400], starts_at=parsed.starts_at
    ).first()
    if existing:
        report.checks.append(f"Sự kiện “{title}” đã có: bài viết được gắn vào đó.")
        return existing
    meeting = Meeting.objects.create(
        title=title[:300],
        kind=parsed.meeting_kind,
        starts_at=parsed.starts_at,
        time_known=parsed.time_known,
    )
    if not parsed.meeting_title:
        report.checks.append("Không đọc được tên sự kiện: đã dùng tiêu đề bài viết.")
    for document in parsed.documents:
        issuer = (
            find_or_create_unit(document.issuer, report) if document.issuer else None
        )
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
        person = find_or_create_person(attendee.name, attendee.honorific, report)
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
