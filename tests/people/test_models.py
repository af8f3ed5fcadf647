"""People, units and positions: what the database enforces and what saving fills in."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.text import person_sort_key
from people.models import Person, Position, Unit
from tests.factories import PersonFactory, PositionFactory, UnitFactory

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- Person


def test_saving_a_person_fills_slug_folded_name_and_sort_key():
    """Đ becomes D in a person's slug; the folded name and sort key are filled in."""
    person = Person.objects.create(full_name="  Diêm  Thế Hưng ")
    person.refresh_from_db()
    assert person.full_name == "Diêm Thế Hưng"
    assert person.slug == "diem-the-hung"
    assert person.name_folded == "diem the hung"
    assert person.sort_key == person_sort_key("Diêm Thế Hưng")
    assert Person.objects.create(full_name="Đặng Đình Đức").slug == "dang-dinh-duc"


def test_people_with_the_same_name_get_numbered_slugs():
    """Two people with the same name get "x" and "x-2"."""
    first = PersonFactory(full_name="Nguyễn Thị Yến")
    second = PersonFactory(full_name="Nguyễn Thị Yến")
    assert (first.slug, second.slug) == ("nguyen-thi-yen", "nguyen-thi-yen-2")


def test_renaming_a_person_keeps_the_slug_and_updates_the_keys():
    """A corrected name keeps the page address but sorts and matches by the new
    name."""
    person = PersonFactory(full_name="Nguyễn Thị Yên")
    person.full_name = "Nguyễn Thị Yến"
    person.save()
    person.refresh_from_db()
    assert person.slug == "nguyen-thi-yen"
    assert person.sort_key == person_sort_key("Nguyễn Thị Yến")
    assert person.sort_key != person_sort_key("Nguyễn Thị Yên")


def test_person_slug_is_unique_in_the_database():
    """Two people cannot share a slug, whatever bypasses save()."""
    PersonFactory(full_name="Lê Văn An", slug="le-van-an")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.bulk_create([Person(full_name="Lê Văn An", slug="le-van-an")])


def test_display_and_given_name():
    """A person is named with their degree; the given name is the last word."""
    person = PersonFactory(full_name="Nguyễn Hoàng Quỳnh", honorific=" TS. ")
    assert person.display_name == "TS. Nguyễn Hoàng Quỳnh"
    assert person.given_name == "Quỳnh"
    assert PersonFactory(full_name="Lê Văn Hùng").display_name == "Lê Văn Hùng"


def test_possible_duplicates_finds_another_family_name():
    """Nguyễn Thị Yến may be Ngô Thị Yến written differently."""
    ngo = PersonFactory(full_name="Ngô Thị Yến")
    nguyen = PersonFactory(full_name="Nguyễn Thị Yến")
    assert list(ngo.possible_duplicates()) == [nguyen]
    assert list(nguyen.possible_duplicates()) == [ngo]


def test_possible_duplicates_ignores_tone_marks_and_case():
    """The same name with other tone marks or in capitals is a possible duplicate."""
    person = PersonFactory(full_name="Ngô Thị Yến")
    other_tone = PersonFactory(full_name="Ngô Thị Yên")
    capitals = PersonFactory(full_name="NGÔ THỊ YẾN")
    assert set(person.possible_duplicates()) == {other_tone, capitals}


def test_possible_duplicates_leaves_out_unrelated_people_and_itself():
    """Unrelated names, another middle name and a longer given name do not match."""
    person = PersonFactory(full_name="Ngô Thị Yến")
    PersonFactory(full_name="Lê Văn Hùng")
    PersonFactory(full_name="Ngô Văn Yến")
    PersonFactory(full_name="Ngô Thị Yến Nhi")
    PersonFactory(full_name="Trần Thị Hồng Yến")
    assert list(person.possible_duplicates()) == []


# ---------------------------------------------------------------- Unit


def test_unit_slug_from_a_vietnamese_name():
    """A unit's slug comes from its name, đ as d, dashes dropped."""
    unit = Unit.objects.create(
        name="Phòng Tổ chức – Hành chính", short_name="Phòng TCHC"
    )
    assert unit.slug == "phong-to-chuc-hanh-chinh"
    assert unit.name_folded == "phong to chuc – hanh chinh phong tchc"
    assert Unit.objects.create(name="Đoàn Thanh niên").slug == "doan-thanh-nien"


def test_units_with_the_same_name_get_numbered_slugs():
    """Two units with the same name get "x" and "x-2"."""
    first = UnitFactory(name="Đảng uỷ")
    second = UnitFactory(name="Đảng ủy")
    assert (first.slug, second.slug) == ("dang-uy", "dang-uy-2")


def test_unit_slug_is_unique_in_the_database():
    """Two units cannot share a slug, whatever bypasses save()."""
    UnitFactory(name="Khoa Tiểu học", slug="tieu-hoc")
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.bulk_create([Unit(name="Khoa Tiểu học", slug="tieu-hoc")])


# ---------------------------------------------------------------- Position


def test_position_cannot_end_before_it_starts():
    """The database refuses a position whose end is before its start."""
    person = PersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.create(
            person=person,
            title="Phó Hiệu trưởng",
            start=datetime.date(2024, 1, 1),
            end=datetime.date(2023, 12, 31),
        )


def test_position_end_moved_before_start_by_update_is_refused():
    """An update that puts the end before the start is refused too."""
    position = PositionFactory(start=datetime.date(2020, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.filter(pk=position.pk).update(end=datetime.date(2019, 1, 1))


def test_position_may_be_one_day_or_open_ended():
    """A position may start and end on one day, or leave either date open."""
    person = PersonFactory()
    day = datetime.date(2024, 1, 31)
    Position.objects.create(person=person, title="Trưởng ban", start=day, end=day)
    Position.objects.create(person=person, title="Bí thư", end=day)
    Position.objects.create(person=person, title="Giảng viên", start=day)
    Position.objects.create(person=person, title="Uỷ viên")
    assert person.positions.count() == 4


@pytest.fixture
def rector():
    """Bí thư throughout; Phó Hiệu trưởng until 2023; Hiệu trưởng from 2024."""
    person = PersonFactory(full_name="Nguyễn Hoàng Quỳnh")
    PositionFactory(person=person, title="Bí thư Đảng uỷ", order=0)
    PositionFactory(
        person=person,
        title="Phó Hiệu trưởng",
        order=1,
        start=datetime.date(2019, 1, 1),
        end=datetime.date(2023, 12, 31),
    )
    PositionFactory(
        person=person, title="Hiệu trưởng", order=1, start=datetime.date(2024, 1, 1)
    )
    return person


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (datetime.date(2018, 12, 31), "Bí thư Đảng uỷ"),
        (datetime.date(2019, 1, 1), "Bí thư Đảng uỷ, Phó Hiệu trưởng"),
        (datetime.date(2023, 12, 31), "Bí thư Đảng uỷ, Phó Hiệu trưởng"),
        (datetime.date(2024, 1, 1), "Bí thư Đảng uỷ, Hiệu trưởng"),
        (datetime.date(2024, 1, 31), "Bí thư Đảng uỷ, Hiệu trưởng"),
    ],
)
def test_position_text_on_a_day(rector, day, text):
    """position_text gives the titles held on that day, start and end included."""
    assert rector.position_text(day) == text
    assert [p.title for p in rector.positions_on(day)] == text.split(", ")


def test_positions_today_by_default(rector):
    """Without a day, positions_on gives today's positions."""
    assert [p.title for p in rector.positions_on()] == ["Bí thư Đảng uỷ", "Hiệu trưởng"]
    assert rector.position_text() == "Bí thư Đảng uỷ, Hiệu trưởng"
    current = Position.objects.current().filter(person=rector)
    assert {p.title for p in current} == {"Bí thư Đảng uỷ", "Hiệu trưởng"}


def test_position_is_current():
    """A position is current from its start to its end, both included."""
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    assert PositionFactory(start=today, end=today).is_current
    assert PositionFactory().is_current
    assert not PositionFactory(end=today - day).is_current
    assert not PositionFactory(start=today + day).is_current
