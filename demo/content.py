"""The demo content: ``demo/data/content.json``, and the code that loads it.

What the demo says comes from two articles the college published, a year-end
conference (31/01/2024) and a party cell's thematic session (27/09/2023). Names,
positions as written then, dates, times, document numbers, attendees with their
roles, captions and bylines are carried over exactly; the article texts are written
anew from those facts, so no paragraph of the originals is in the repository. Where
the articles are silent the data stays empty (no place, no plan title, no dates of
positions) rather than guessing.

Awards are the exception, and they are marked. The articles say only that the
decisions honouring collectives and individuals for 2023 were announced at the
conference and that Bằng khen were presented to "các tập thể": no collective, person,
form for individuals or decision number is named. An honour roll with nothing on it
shows nothing of the portal, so the data keeps the one form the articles name
(Bằng khen, 2023, presented at the conference) for two collectives the articles do
name, Phòng Tổ chức – Hành chính and Đoàn Thanh niên, with ``"illustrative": true``
and a title ending in "(minh hoạ)", which the home page, the honour roll and the meeting, article,
person and unit pages print beside the recipient. Awards to
individuals are left out: they would put a real person's name beside an honour
nobody reported. Units the articles do not name are left out too.

The data file, UTF-8 JSON, holds ``units``, ``people`` (with ``positions``),
``meetings`` (with ``documents``, ``attendees`` and ``photos``), ``categories``,
``articles`` (``body`` is a list of HTML blocks), one ``campaign`` and ``awards``.
Rows refer to each other by name, full name or slug; kinds and roles are the models'
stored values; a meeting has a ``date`` and, when the time is known, a ``time`` (Hanoi
time); ``published_at`` is "YYYY-MM-DD HH:MM", Hanoi time.

``load_demo()`` can run any number of times: every row is looked up by a natural key
(a slug, a name, a meeting and an order) and created only when missing, and an image
is drawn only for a photo or article that has none.
"""

import datetime
import json
import zoneinfo
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction

from awards.models import Award, Campaign
from contact.models import KNOWN_ADDRESS, KNOWN_ADDRESS_EN, Office
from core.images import delete_files
from core.text import slugify_vi
from demo.images import placeholder_jpeg
from documents.library import link_to_library
from events.models import Attendee, Meeting, MeetingDocument, Photo
from news.models import Article, Category
from people.models import Person, Position, Unit

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DATA_FILE = Path(__file__).resolve().parent / "data" / "content.json"
ILLUSTRATIVE = "(minh hoạ)"

DATA = json.loads(DATA_FILE.read_text(encoding="utf-8"))
UNITS = DATA["units"]
PEOPLE = DATA["people"]
MEETINGS = DATA["meetings"]
PHOTO_CREDIT = DATA["photo_credit"]
CATEGORIES = DATA["categories"]
ARTICLES = DATA["articles"]
CAMPAIGN = DATA["campaign"]
AWARDS = DATA["awards"]

# Names other modules and the tests refer to; the loader checks each is in the data.
SCHOOL = "Trường Cao đẳng Ngô Gia Tự Bắc Giang"
BOARD = "Ban Giám hiệu"
PARTY = "Đảng ủy Trường Cao đẳng Ngô Gia Tự Bắc Giang"
CELL = "Chi bộ Tổ chức – Hành chính"
TCHC = "Phòng Tổ chức – Hành chính"
TRADE_UNION = "Công đoàn"
YOUTH = "Đoàn Thanh niên"

QUYNH = "Nguyễn Hoàng Quỳnh"
NGO_YEN = "Ngô Thị Yến"
NGUYEN_YEN = "Nguyễn Thị Yến"
THU = "Nguyễn Thị Thu"
HUONG = "Nguyễn Thị Hương"
MO = "Thạch Thị Hồng Mơ"
HUNG = "Diêm Thế Hưng"
PHUONG = "Nguyễn Thanh Phương"
LAN = "Trần Thị Phương Lan"

ANNUAL_REVIEW = "hoi-nghi-tong-ket-cong-tac-nam-2023"
THEMATIC = "sinh-hoat-chuyen-de-thi-dua-khen-thuong-2023"


def starts_at(meeting):
    """When a meeting of the data began; midnight when only the date is known."""
    moment = datetime.time.fromisoformat(meeting["time"] or "00:00")
    day = datetime.date.fromisoformat(meeting["date"])
    return datetime.datetime.combine(day, moment, tzinfo=HANOI)


def published_at(article):
    return datetime.datetime.strptime(
        article["published_at"], "%Y-%m-%d %H:%M"
    ).replace(tzinfo=HANOI)


@transaction.atomic
def load_demo():
    """Create the demo content that is missing; return the count of each kind of row.

    Rows that exist are left as they are, so an editor's changes to demo content
    survive the next `make run`; a deleted row or a lost image file comes back.

    Image files are written as the rows are saved; if anything fails, the
    transaction rolls the rows back and the files written so far are removed, so a
    failed run leaves neither rows nor orphaned files behind.
    """
    written = []
    try:
        units = _load_units()
        people = _load_people(units)
        meetings = _load_meetings(units, people, written)
        _load_articles(units, people, meetings, written)
        _load_awards(units, people, meetings)
        _load_office()
    except BaseException:
        for storage, names in written:
            delete_files(storage, names)
        raise
    return counts()


def counts():
    """(label, number of rows) for every kind of demo row, in reading order."""
    return [
        ("đơn vị", Unit.objects.count()),
        ("người", Person.objects.count()),
        ("chức vụ", Position.objects.count()),
        ("cuộc họp", Meeting.objects.count()),
        ("văn bản", MeetingDocument.objects.count()),
        ("người dự", Attendee.objects.count()),
        ("ảnh", Photo.objects.count()),
        ("chuyên mục", Category.objects.count()),
        ("bài viết", Article.objects.count()),
        ("phong trào thi đua", Campaign.objects.count()),
        ("khen thưởng", Award.objects.count()),
    ]


def _load_units():
    units = {}
    for data in UNITS:
        units[data["name"]], _ = Unit.objects.get_or_create(
            slug=slugify_vi(data["name"]),
            defaults={
                "name": data["name"],
                "short_name": data["short_name"],
                "kind": Unit.Kind(data["kind"]),
                "parent": units[data["parent"]] if data["parent"] else None,
                "order": data["order"],
                "name_en": data["name_en"],
            },
        )
    _check_known(units, [SCHOOL, BOARD, PARTY, CELL, TCHC, TRADE_UNION, YOUTH])
    return units


def _load_people(units):
    people = {}
    for data in PEOPLE:
        person, _ = Person.objects.get_or_create(
            slug=slugify_vi(data["full_name"]),
            defaults={"full_name": data["full_name"], "honorific": data["honorific"]},
        )
        for order, position in enumerate(data["positions"]):
            Position.objects.get_or_create(
                person=person,
                title=position["title"],
                unit=units[position["unit"]],
                defaults={"order": order},
            )
        people[data["full_name"]] = person
    _check_known(
        people, [QUYNH, NGO_YEN, NGUYEN_YEN, THU, HUONG, MO, HUNG, PHUONG, LAN]
    )
    return people


def _load_meetings(units, people, written):
    meetings = {}
    for data in MEETINGS:
        meeting, _ = Meeting.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "kind": Meeting.Kind(data["kind"]),
                "starts_at": starts_at(data),
                "time_known": data["time"] is not None,
                "location": data["location"],
                "organizer": units[data["organizer"]],
                "summary": data["summary"],
            },
        )
        for document in data["documents"]:
            MeetingDocument.objects.get_or_create(
                meeting=meeting,
                number=document["number"],
                defaults={
                    "kind": MeetingDocument.Kind(document["kind"]),
                    "date": datetime.date.fromisoformat(document["date"]),
                    "title": document["title"],
                    "issuer": units[document["issuer"]],
                },
            )
        # The meeting's documents are the library's too (documents.library).
        link_to_library(meeting.documents.order_by("pk"))
        for order, attendee in enumerate(data["attendees"], start=1):
            # An attendee is a person of the data or, like "the cell's members", a
            # name alone with no record behind it.
            person = people[attendee["person"]] if "person" in attendee else None
            Attendee.objects.get_or_create(
                meeting=meeting,
                order=order,
                defaults={
                    "person": person,
                    "name": attendee.get("name", ""),
                    "role": Attendee.Role(attendee["role"]),
                    "position_at_time": attendee.get("position_at_time", ""),
                    "topic": attendee.get("topic", ""),
                },
            )
        for order, photo_data in enumerate(data["photos"], start=1):
            _load_photo(meeting, order, photo_data, people, written)
        meetings[data["slug"]] = meeting
    _check_known(meetings, [ANNUAL_REVIEW, THEMATIC])
    return meetings


def _load_photo(meeting, order, data, people, written):
    # One cover per meeting is a database constraint: an editor may have chosen
    # another since the last run, and that choice stays.
    is_cover = data["is_cover"] and not meeting.photos.filter(is_cover=True).exists()
    photo, created = Photo.objects.get_or_create(
        meeting=meeting,
        order=order,
        defaults={
            "caption": data["caption"],
            "is_cover": is_cover,
            # The pictures are drawn, not taken: the credit says so to editors.
            "credit": PHOTO_CREDIT,
        },
    )
    if created:
        photo.people.set(people[name] for name in data["people"])
    if not _stored(photo.image):
        content = placeholder_jpeg(f"{meeting.slug}:{order}", scene=data["scene"])
        name = f"{_file_stem(meeting.slug)}-{order:02d}.jpg"
        # Assigned, not saved to storage directly: the photo goes through the same
        # processing as an editor's upload and gets its renditions.
        photo.image = ContentFile(content, name=name)
        photo.save()
        written.append((photo.image.storage, photo.file_names()))


def _load_articles(units, people, meetings, written):
    categories = {}
    for data in CATEGORIES:
        categories[data["name"]], _ = Category.objects.get_or_create(
            name=data["name"],
            defaults={"order": data["order"], "description": data["description"]},
        )
    for data in ARTICLES:
        meeting = meetings[data["meeting"]]
        article, _ = Article.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "category": categories[data["category"]],
                "summary": data["summary"],
                "body": "\n".join(data["body"]),
                "meeting": meeting,
                "byline_person": people[data["byline_person"]],
                "byline_unit": units[data["byline_unit"]],
                "status": Article.Status.PUBLISHED,
                "published_at": published_at(data),
                "featured": data["featured"],
            },
        )
        if article.cover_photo_id is None and meeting.cover is not None:
            # The meeting's cover from the library, as the desk's chooser sets it:
            # the same picture, not a second copy of its file.
            article.cover_photo = meeting.cover
            article.save(update_fields=["cover_photo"])


def _load_awards(units, people, meetings):
    campaign, _ = Campaign.objects.get_or_create(
        name=CAMPAIGN["name"],
        defaults={
            "period": CAMPAIGN["period"],
            "launched_by": units[CAMPAIGN["launched_by"]],
            "description": CAMPAIGN["description"],
        },
    )
    for data in AWARDS:
        if data["illustrative"] and ILLUSTRATIVE not in data["title"]:
            # Visitors see the title, not the data: an award nobody reported must
            # say so where it is shown.
            raise ValueError(f"An illustrative award's title lacks {ILLUSTRATIVE}.")
        Award.objects.get_or_create(
            kind=Award.Kind(data["kind"]),
            year=data["year"],
            recipient_person=people[data["person"]] if "person" in data else None,
            recipient_unit=units[data["unit"]] if "unit" in data else None,
            defaults={
                "title": data["title"],
                "decision_number": "",
                "decision_date": None,
                "citation": data["citation"],
                "campaign": campaign,
                "meeting": meetings[data["meeting"]],
            },
        )


def _load_office():
    """The office's row with what is known of its address (a database emptied by
    tests or by hand has none); details an editor entered stay as they are."""
    Office.objects.get_or_create(
        pk=Office.SINGLETON_PK,
        defaults={"address": KNOWN_ADDRESS, "address_en": KNOWN_ADDRESS_EN},
    )


def _check_known(rows, names):
    """The names above must stay in the data: tests and other modules use them."""
    if missing := [name for name in names if name not in rows]:
        raise ValueError(f"Not in {DATA_FILE.name}: {', '.join(missing)}.")


def _stored(field_file):
    """Whether the row names a file and the storage still has it.

    A database kept while media/ was emptied has names without files: those get a
    new image instead of a broken one.
    """
    return bool(field_file) and field_file.storage.exists(field_file.name)


def _file_stem(slug, max_length=48):
    # Upload paths share a 100-character column with their folders; a cut at a
    # hyphen keeps the file name made of whole words.
    if len(slug) <= max_length:
        return slug
    return slug[: max_length + 1].rsplit("-", 1)[0]
