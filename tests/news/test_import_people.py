"""Imported names are linked to a person only when sure; the corpus's look-alike
names stay different people, and one person under positions that changed over time
is recognised when the dates fit."""

import datetime
import json
import re
from pathlib import Path

import pytest

from core.text import fold
from news.import_people import (
    link_to_candidate,
    match_person,
    match_unit,
    one_letter_apart,
    position_consistent,
    resolve_person,
    store_report,
    units_alike,
)
from news.models import ImportedSource, ImportSuggestion
from people.models import Person, Position
from tests.factories import (
    ArticleFactory,
    AttendeeFactory,
    AwardFactory,
    UnitFactory,
    UserFactory,
)

EXPECTED = json.loads(
    (
        Path(__file__).resolve().parents[1] / "data" / "articles" / "expected.json"
    ).read_text(encoding="utf-8")
)
DAY = datetime.date(2024, 6, 1)


def person_with(name, *titles, start=None, end=None):
    person = Person.objects.create(full_name=name)
    for title in titles:
        Position.objects.create(person=person, title=title, start=start, end=end)
    return person


# ---------------------------------------------------------------- the corpus's pairs


@pytest.mark.django_db
@pytest.mark.parametrize("pair", EXPECTED["different_people"], ids=" / ".join)
def test_different_people_never_match_each_other(pair):
    first, second = pair
    known = person_with(first, "Phó Hiệu trưởng")
    match = match_person(second, "", "Phó Hiệu trưởng", DAY)
    assert match.person is None
    article = ArticleFactory()
    created = resolve_person(article, match)
    assert created != known and created.pending_import
    assert created.full_name == second
    # And the other way round, with both on record.
    assert match_person(first, "", "Phó Hiệu trưởng", DAY).person == known
    assert match_person(second, "", "Phó Hiệu trưởng", DAY).person == created


@pytest.mark.django_db
@pytest.mark.parametrize("pair", EXPECTED["different_people"], ids=" / ".join)
def test_look_alike_names_become_suggestions_for_the_editor(pair):
    """Marks or one letter apart, or another family name with the same office:
    asked, never applied; names sharing only a given name are not asked about."""
    first, second = pair
    known = person_with(first, "Phó Hiệu trưởng")
    match = match_person(second, "", "Phó Hiệu trưởng", DAY)
    a, b = fold(first), fold(second)
    look_alike = a == b or one_letter_apart(a, b) or a.split()[1:] == b.split()[1:]
    assert match.person is None
    assert [c.person for c in match.candidates] == ([known] if look_alike else [])


def parse_span(text):
    """ "Phó Hiệu trưởng from 01/01/2025 (06, 11)" → (title, start, end)."""
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text).strip()
    start = end = None
    if found := re.search(r"\s+from\s+(?:(\d{2})/)?(\d{2})/(\d{4})$", text):
        day, month, year = found.groups()
        start = datetime.date(int(year), int(month), int(day or 1))
        text = text[: found.start()]
    elif found := re.search(r"\s+until\s+(\d{2})/(\d{4})$", text):
        month, year = map(int, found.groups())
        end = datetime.date(year, month, 28)
        text = text[: found.start()]
    elif found := re.search(r"\s+(\d{4})[–-](\d{4})$", text):
        start = datetime.date(int(found.group(1)), 1, 1)
        end = datetime.date(int(found.group(2)), 12, 31)
        text = text[: found.start()]
    return text.strip(), start, end


@pytest.mark.django_db
@pytest.mark.parametrize("entry", EXPECTED["same_person"], ids=lambda e: e["name"])
def test_one_person_under_positions_that_changed_matches_when_dates_fit(entry):
    person = Person.objects.create(full_name=entry["name"])
    spans = [parse_span(text) for text in entry["positions"]]
    for title, start, end in spans:
        Position.objects.create(person=person, title=title, start=start, end=end)
    for title, start, end in spans:
        day = start or end or DAY
        match = match_person(entry["name"], "", title, day)
        assert match.person == person, (title, day)
        assert match.candidates == []


@pytest.mark.django_db
def test_a_position_taken_later_does_not_fit_an_earlier_date():
    """Hoàng Minh Tuấn is Phó Hiệu trưởng from 01/01/2025: an article of 2024
    calling him so is a question for the editor, not a match."""
    person = person_with("Hoàng Minh Tuấn", "Trưởng phòng Đào tạo")
    Position.objects.create(
        person=person, title="Phó Hiệu trưởng", start=datetime.date(2025, 1, 1)
    )
    later = match_person("Hoàng Minh Tuấn", "", "Phó Hiệu trưởng", DAY)
    assert later.person is None
    assert [c.person for c in later.candidates] == [person]
    assert "Trưởng phòng Đào tạo" in later.candidates[0].reason
    fits = match_person(
        "Hoàng Minh Tuấn", "", "Phó Hiệu trưởng", datetime.date(2025, 3, 1)
    )
    assert fits.person == person


@pytest.mark.django_db
def test_exact_name_with_a_clearly_different_position_is_not_applied():
    person = person_with("Lương Thị Hương", "Phó Chủ tịch Công đoàn Trường")
    match = match_person("Lương Thị Hương", "", "Chủ tịch Công đoàn Trường", DAY)
    assert match.person is None
    assert [c.person for c in match.candidates] == [person]
    assert "chức vụ" in match.candidates[0].reason


@pytest.mark.django_db
def test_exact_name_without_a_recorded_position_or_written_one_matches():
    person = Person.objects.create(full_name="Trần Văn Bình")
    assert match_person("Trần  Văn Bình", "", "Trưởng phòng TCHC", DAY).person == person
    person_with("Nguyễn Hoàng Quỳnh", "Hiệu trưởng")
    assert match_person("Nguyễn Hoàng Quỳnh", "TS.", "", DAY).person is not None


@pytest.mark.django_db
def test_two_people_of_one_name_are_told_apart_by_position():
    teacher = person_with("Nguyễn Văn An", "Giảng viên Khoa Ngữ văn")
    head = person_with("Nguyễn Văn An", "Trưởng phòng Đào tạo")
    assert match_person("Nguyễn Văn An", "", "Trưởng phòng Đào tạo", DAY).person == head
    assert match_person("Nguyễn Văn An", "", "Giảng viên Khoa Ngữ văn", DAY).person == (
        teacher
    )
    neither = match_person("Nguyễn Văn An", "", "", DAY)
    assert neither.person is None
    assert {c.person for c in neither.candidates} == {teacher, head}


@pytest.mark.django_db
def test_a_position_consistent_with_the_unit_by_initials_or_fuller_name():
    tchc = UnitFactory(name="Phòng Tổ chức – Hành chính", short_name="Phòng TCHC")
    person = Person.objects.create(full_name="Trần Văn Bình")
    Position.objects.create(person=person, title="Trưởng phòng", unit=tchc)
    assert position_consistent(person, "Trưởng phòng TCHC", DAY)
    assert position_consistent(person, "Trưởng phòng Tổ chức-Hành chính", DAY)
    assert not position_consistent(person, "Trưởng phòng Đào tạo", DAY)
    assert not position_consistent(person, "Phó Trưởng phòng TCHC", DAY)


def test_units_alike():
    assert units_alike("doan truong", "doan thanh nien truong")
    assert units_alike("phong tchc", "phong to chuc hanh chinh")
    assert not units_alike("phong dao tao", "phong to chuc hanh chinh")
    assert not units_alike("cong doan truong", "doan truong")


@pytest.mark.django_db
@pytest.mark.parametrize("names", EXPECTED["same_unit"], ids=lambda n: n[0])
def test_the_corpus_same_units_match_and_record_when_not_exact(names):
    unit = UnitFactory(name=names[0])
    for name in names:
        found = match_unit(name)
        assert found.unit == unit, name
        assert found.certain == (name == names[0]) or found.note


@pytest.mark.django_db
def test_units_of_different_offices_do_not_match():
    UnitFactory(name="Phòng Đào tạo")
    assert match_unit("Phòng Tổ chức – Hành chính").unit is None


# ---------------------------------------------------------------- writing


@pytest.mark.django_db
def test_linking_repoints_the_rows_and_drops_the_provisional_person():
    known = person_with("Nguyễn Thị Yên", "Bí thư Đoàn Trường")
    article = ArticleFactory()
    match = match_person("Nguyễn Thị Yến", "", "Bí thư Đoàn Trường", DAY)
    provisional = resolve_person(article, match)
    attendee = AttendeeFactory(person=provisional)
    award = AwardFactory(recipient_person=provisional)
    suggestion = ImportSuggestion.objects.get(article=article)
    assert suggestion.created_person == provisional
    link_to_candidate(suggestion.pk, UserFactory())
    attendee.refresh_from_db()
    award.refresh_from_db()
    assert attendee.person == known and award.recipient_person == known
    assert not Person.objects.filter(pk=provisional.pk).exists()


@pytest.mark.django_db
def test_store_report_keeps_the_entries_and_names_unknown_statuses():
    article = ArticleFactory()
    source = ImportedSource.objects.create(
        checksum="a" * 64, name="01.txt", article=article
    )
    store_report(
        source,
        [
            {
                "field": "location",
                "value": "Hội trường A",
                "line": "…",
                "status": "recognised",
            },
            {"field": "byline", "value": None, "line": "", "status": "not_understood"},
            {"field": "x", "value": DAY, "line": "", "status": "odd"},
        ],
    )
    source.refresh_from_db()
    assert [e["status"] for e in source.report] == [
        "recognised",
        "not understood",
        "not understood",
    ]
    assert source.report[2]["value"] == "2024-06-01"
