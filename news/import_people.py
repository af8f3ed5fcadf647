"""Who an imported name is: a known person, a candidate for an editor, or someone new.

Old articles write the same person in several ways, and different people in nearly
the same way ("Nguyễn Thị Yên" and "Nguyễn Thị Yến" are two people; "Hường" and
"Hương" too). Linking a name to the wrong record would put someone's speeches and
awards on another's page, so an import links only when it is sure:

- **a match**: the full name is written exactly as recorded (after NFC, spaces
  collapsed, case ignored) *and* the written position is consistent with what the
  person held on the meeting's day;
- **a suggestion**, never applied by itself: the same name whose position clearly
  differs, a name equal only once tone marks are dropped, a name one letter away, or
  the same middle and given names under another family name with the same office.
  The import creates a provisional person and an ``ImportSuggestion`` per candidate;
  the editor decides on the article's review panel (news.admin);
- otherwise **a new person** (``pending_import=True`` until the article is
  published, news.workflow).

A written position is *consistent* with a person when nothing contradicts it: no
position was written, or the person holds no recorded position on that day, or one
part of what was written ("Bí thư Đảng ủy, Hiệu trưởng" has two parts) names the same
office as a position held that day ("Phó Chủ tịch" is not "Chủ tịch") in a unit that
is alike (``units_alike``: the same kind of unit, one name's words within the
other's, or one the initials of the other: "Phòng TCHC", "Đoàn Trường" and "Đoàn
Thanh niên Trường" are alike; "Phòng Đào tạo" and "Phòng TCHC" are not).

Units are not people: a unit whose name differs only in marks or punctuation is
matched, and the match is recorded as uncertain for the report (``match_unit``).
"""

import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import DO_NOTHING, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import fold, fold_words
from news.models import ImportSuggestion
from people.models import Person, Unit

# Words (lower case, with their marks) that begin a unit's name inside a title:
# "Trưởng phòng Đào tạo" is the office "trưởng" of "phòng Đào tạo". Marks matter:
# "trưởng" is an office, "trường" (the school) a unit.
UNIT_STARTS = (
    "phòng", "khoa", "trung tâm", "đoàn", "công đoàn", "đảng", "chi bộ", "hội",
    "ban", "bộ môn", "tổ", "sở", "trường", "thư viện", "viện", "liên chi",
)  # fmt: skip
# What separates the titles of one person written in a row.
PART_SEPARATORS = (",", ";", " kiêm ")
REPORT_STATUSES = ("recognised", "uncertain", "not understood")


@dataclass
class Candidate:
    """A known person the name may be, and why the import did not decide."""

    person: Person
    reason: str


@dataclass
class Match:
    """What ``match_person`` decided for one written name."""

    name: str
    honorific: str = ""
    position: str = ""
    person: Person | None = None
    candidates: list = field(default_factory=list)

    @property
    def is_new(self):
        """No sure match: a provisional person is to be created."""
        return self.person is None


@dataclass
class UnitMatch:
    name: str
    unit: Unit | None = None
    certain: bool = False
    note: str = ""


def clean_name(text):
    """NFC, one space between words: the form names are compared in."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def _exact(text):
    return clean_name(text).casefold()


# ---------------------------------------------------------------- positions


def position_parts(text):
    """ "Bí thư Đảng ủy, Hiệu trưởng" → ["Bí thư Đảng ủy", "Hiệu trưởng"]."""
    parts = [clean_name(text)]
    for separator in PART_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(separator)]
    return [part.strip(" .") for part in parts if part.strip(" .")]


def split_office(title):
    """ "Phó Trưởng phòng Đào tạo" → ("pho truong", "phong dao tao"), folded."""
    words = _exact(title).split()
    for index in range(len(words)):
        rest = " ".join(words[index:])
        if any(rest == start or rest.startswith(f"{start} ") for start in UNIT_STARTS):
            return fold_words(" ".join(words[:index])), fold_words(rest)
    return fold_words(title), ""


def units_alike(first, second):
    """Two folded unit names that may name one unit (see the module's docstring)."""
    if not first or not second or first == second:
        return bool(first and second)
    a, b = first.split(), second.split()
    if a[0] != b[0]:
        return False
    if set(a) <= set(b) or set(b) <= set(a):
        return True
    initials_a = "".join(word[0] for word in a[1:])
    initials_b = "".join(word[0] for word in b[1:])
    return " ".join(a[1:]) == initials_b or " ".join(b[1:]) == initials_a


def _held_units(position):
    """The folded names the unit of a held position goes by."""
    _office, in_title = split_office(position.title)
    names = set()
    if position.unit_id:
        names |= {fold_words(position.unit.name), fold_words(position.unit.short_name)}
    if in_title and (not position.unit_id or len(in_title.split()) > 1):
        names.add(in_title)
    return names - {""}


def part_agrees(part, position):
    """Whether one written title names the office of ``position``, in a unit alike."""
    office, unit = split_office(part)
    held_office, _unit = split_office(position.title)
    if not office or office != held_office:
        return False
    held = _held_units(position)
    return not unit or not held or any(units_alike(unit, name) for name in held)


def position_consistent(person, written, on_date):
    """Whether ``written`` fits ``person`` on ``on_date`` (see the module's docstring)."""
    parts = [part for part in position_parts(written) if split_office(part)[0]]
    if not parts:
        return True
    held = list(person.positions_on(on_date).select_related("unit"))
    if not held:
        return True
    return any(part_agrees(part, position) for part in parts for position in held)


# ---------------------------------------------------------------- names


def one_letter_apart(first, second):
    """Whether two names differ by one letter changed, added or removed."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) > len(second):
        first, second = second, first
    for index, (a, b) in enumerate(zip(first, second, strict=False)):
        if a != b:
            if len(first) == len(second):
                return first[index + 1 :] == second[index + 1 :]
            return first[index:] == second[index + 1 :]
    return True


def _day(on_date):
    return (on_date or timezone.localdate()).strftime("%d/%m/%Y")


def _held_text(person, on_date):
    return person.position_text(on_date) or _("no position recorded")


def match_person(name, honorific="", position="", on_date=None):
    """The person ``name`` surely is, or the candidates an editor must decide on."""
    name = clean_name(name)
    match = Match(name=name, honorific=clean_name(honorific), position=position or "")
    folded = fold(name)
    words = folded.split()
    if not words:
        return match
    nearby = Person.objects.filter(
        Q(name_folded=folded)
        | Q(name_folded__startswith=f"{words[0]} ")
        | Q(name_folded__endswith=f" {words[-1]}")
    ).order_by("pk")
    exact, fitting = [], []
    for person in nearby:
        if _exact(person.full_name) == _exact(name):
            exact.append(person)
            if position_consistent(person, match.position, on_date):
                fitting.append(person)
    if len(fitting) == 1:
        match.person = fitting[0]
        return match
    for person in fitting:
        match.candidates.append(
            Candidate(person, _("Several people have this name and position."))
        )
    for person in exact:
        if person not in fitting:
            reason = _(
                "Same name, another position: the article writes “%(written)s”, "
                "the record on %(day)s says “%(held)s”."
            ) % {
                "written": match.position,
                "day": _day(on_date),
                "held": _held_text(person, on_date),
            }
            match.candidates.append(Candidate(person, reason))
    for person in nearby:
        if person in exact:
            continue
        if person.name_folded == folded:
            reason = _("The names differ only in tone or letter marks: “%s”.")
        elif one_letter_apart(person.name_folded, folded):
            reason = _("The names differ by one letter: “%s”.")
        elif _other_family_same_office(person, words, match.position, on_date):
            reason = _(
                "Same middle and given names under another family name, "
                "with the same position: “%s”."
            )
        else:
            continue
        match.candidates.append(Candidate(person, reason % person.full_name))
    return match


def _other_family_same_office(person, words, written, on_date):
    """ "Ngô Thị Yến" and "Nguyễn Thị Yến", both written "Phó Hiệu trưởng"."""
    theirs = person.name_folded.split()
    if len(words) < 3 or theirs[1:] != words[1:] or theirs[0] == words[0]:
        return False
    held = list(person.positions_on(on_date).select_related("unit"))
    parts = [part for part in position_parts(written) if split_office(part)[0]]
    return any(part_agrees(part, position) for part in parts for position in held)


# ---------------------------------------------------------------- units


def match_unit(name):
    """The unit ``name`` is: exactly (certain), or alike (matched, not certain)."""
    name = clean_name(name)
    result = UnitMatch(name=name)
    folded = fold_words(name)
    if not folded:
        return result
    units = list(Unit.objects.order_by("pk"))
    for unit in units:
        if _exact(name) in {_exact(unit.name), _exact(unit.short_name)}:
            result.unit, result.certain = unit, True
            return result
    same = [
        u for u in units if folded in {fold_words(u.name), fold_words(u.short_name)}
    ]
    if same:
        result.unit = same[0]
        result.note = _("Unit matched by its name without marks: “%s”.") % same[0]
        return result
    alike = [
        u
        for u in units
        if units_alike(folded, fold_words(u.name))
        or units_alike(folded, fold_words(u.short_name))
    ]
    if len(alike) == 1:
        result.unit = alike[0]
        result.note = _("Unit matched by a similar name: “%s”.") % alike[0]
    return result


# ---------------------------------------------------------------- writing


def resolve_person(article, match):
    """The person to write for ``match``: the one matched, or a provisional new one
    (``pending_import``) with a suggestion recorded for each candidate."""
    if match.person is not None:
        return match.person
    person = Person.objects.create(
        full_name=match.name, honorific=match.honorific, pending_import=True
    )
    for candidate in match.candidates:
        ImportSuggestion.objects.create(
            article=article,
            name=match.name[:120],
            honorific=match.honorific[:40],
            position=match.position[:250],
            candidate=candidate.person,
            created_person=person,
            reason=candidate.reason[:300],
        )
    return person


def store_report(source, entries):
    """Keep the import's report (``{field, value, line, status}`` entries) on the
    ``ImportedSource``; an unknown status is kept as "not understood"."""
    report = []
    for entry in entries:
        status = str(entry.get("status", "")).replace("_", " ").strip().lower()
        report.append(
            {
                "field": str(entry.get("field", "")),
                "value": _plain(entry.get("value", "")),
                "line": str(entry.get("line", "") or ""),
                "status": status if status in REPORT_STATUSES else "not understood",
            }
        )
    source.report = report
    source.save(update_fields=["report"])
    return report


def _plain(value):
    """A value the JSON field can hold and the panel can print."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return str(value)


class AlreadyDecided(Exception):
    """The suggestion was decided before (by another editor, or a second click)."""


def _take(suggestion_pk, user, decision):
    """Lock the pending suggestion and mark it decided, or raise ``AlreadyDecided``."""
    suggestion = (
        ImportSuggestion.objects.select_for_update()
        .filter(pk=suggestion_pk, decision=ImportSuggestion.Decision.PENDING)
        .first()
    )
    if suggestion is None:
        raise AlreadyDecided
    suggestion.decision = decision
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["decision", "decided_by", "decided_at"])
    return suggestion


def link_to_candidate(suggestion_pk, user):
    """ "Đúng người này": the rows made for the name go to the candidate; the
    provisional person goes if nothing else names them."""
    with transaction.atomic():
        suggestion = _take(suggestion_pk, user, ImportSuggestion.Decision.LINKED)
        provisional, candidate = suggestion.created_person, suggestion.candidate
        if provisional is None or provisional == candidate:
            return suggestion
        provisional.attendances.update(person=candidate)
        provisional.awards.update(recipient_person=candidate)
        provisional.articles.update(byline_person=candidate)
        for photo in provisional.photos.all():
            photo.people.remove(provisional)
            photo.people.add(candidate)
        # The other candidates for the same name are moot now.
        ImportSuggestion.objects.filter(
            created_person=provisional, decision=ImportSuggestion.Decision.PENDING
        ).delete()
        if provisional.pending_import and _unused(provisional):
            provisional.delete()
        return suggestion


def keep_new_person(suggestion_pk, user):
    """ "Người khác — tạo mới": the provisional person stays, the question is closed."""
    with transaction.atomic():
        return _take(suggestion_pk, user, ImportSuggestion.Decision.CREATED)


def _unused(person):
    """Whether no row but history and suggestions names ``person``."""
    for relation in person._meta.related_objects:
        if relation.related_model is ImportSuggestion:
            continue
        if relation.on_delete is DO_NOTHING:
            continue  # history rows keep old references by design
        manager = relation.related_model._base_manager
        if manager.filter(**{relation.field.name: person}).exists():
            return False
    return True
