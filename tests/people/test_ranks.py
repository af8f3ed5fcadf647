"""A position's rank from its title, the editor's override, the migration that ranked
old rows; a person's contacts and consent; the English title's fallback."""

import importlib

import pytest
from django.apps import apps as django_apps

from people import ranks
from people.models import Position
from tests.factories import PersonFactory, PositionFactory, UnitFactory

migration = importlib.import_module(
    "people.migrations.0003_person_contacts_and_position_rank"
)


@pytest.mark.parametrize(
    ("title", "rank"),
    [
        ("Hiệu trưởng", ranks.HEAD),
        ("Hiệu trường", ranks.HEAD),  # the seeds' typo folds the same
        ("Giám đốc Trung tâm Tin học", ranks.HEAD),
        ("Trưởng phòng Tổ chức – Hành chính", ranks.HEAD),
        ("Trưởng khoa", ranks.HEAD),
        ("Bí thư Đảng uỷ", ranks.HEAD),
        ("Chủ tịch Công đoàn", ranks.HEAD),
        ("Phó Hiệu trưởng", ranks.DEPUTY),
        ("  phó bí thư Đảng ủy ", ranks.DEPUTY),
        ("Phó Trưởng phòng", ranks.DEPUTY),
        ("Đảng ủy viên", ranks.MEMBER),
        ("Ủy viên Ban Thường vụ", ranks.MEMBER),
        ("Giảng viên", ranks.OTHER),
        ("Viên chức", ranks.OTHER),
        ("", ranks.OTHER),
    ],
)
def test_rank_of_a_title(title, rank):
    assert ranks.rank_of_title(title) == rank


def test_rank_order_head_deputy_member_other():
    assert ranks.HEAD < ranks.DEPUTY < ranks.MEMBER < ranks.OTHER


@pytest.mark.django_db
def test_saving_fills_the_rank_and_follows_a_new_title():
    position = PositionFactory(title="Phó Hiệu trưởng")
    assert position.rank == ranks.DEPUTY

    position.title = "Hiệu trưởng"
    position.save(update_fields=["title"])

    position.refresh_from_db()
    assert position.rank == ranks.HEAD


@pytest.mark.django_db
def test_an_editor_overrides_the_rank_and_clears_it_again():
    position = PositionFactory(title="Trợ lý Hiệu trưởng", rank_override=15)
    assert position.rank == 15

    position.rank_override = None
    position.save()

    assert Position.objects.get(pk=position.pk).rank == ranks.OTHER


@pytest.mark.django_db
def test_by_rank_then_given_name_in_the_vietnamese_alphabet():
    unit = UnitFactory()
    for name, title in [
        ("Lê Thị Hương", "Phó Hiệu trưởng"),
        ("Nguyễn Văn Đức", "Phó Hiệu trưởng"),
        ("Trần Văn Dũng", "Phó Hiệu trưởng"),
        ("Vũ Văn An", "Giảng viên"),
        ("Đỗ Thị Yến", "Hiệu trưởng"),
    ]:
        PositionFactory(person=PersonFactory(full_name=name), unit=unit, title=title)

    names = [p.person.full_name for p in unit.positions.by_rank()]

    assert names == [
        "Đỗ Thị Yến",
        "Trần Văn Dũng",
        "Nguyễn Văn Đức",
        "Lê Thị Hương",
        "Vũ Văn An",
    ]
    assert [p.title for p in unit.positions.leadership().by_rank()] == [
        "Hiệu trưởng",
        "Phó Hiệu trưởng",
        "Phó Hiệu trưởng",
        "Phó Hiệu trưởng",
    ]


@pytest.mark.django_db
def test_the_migration_ranks_positions_recorded_before():
    head = PositionFactory(title="Hiệu trưởng")
    chosen = PositionFactory(title="Giảng viên", rank_override=12)
    Position.objects.update(rank=ranks.OTHER)

    migration.rank_positions(django_apps, None)

    assert Position.objects.get(pk=head.pk).rank == ranks.HEAD
    assert Position.objects.get(pk=chosen.pk).rank == 12


@pytest.mark.django_db
def test_contacts_are_the_persons_only_with_consent():
    unit = UnitFactory(phone="0204 111 222", email="don-vi@example.com")
    person = PersonFactory(phone="0912 000 111", email="rieng@example.com")
    position = PositionFactory(person=person, unit=unit, title="Trưởng phòng")

    assert (position.contact_phone, position.contact_email) == (
        "0204 111 222",
        "don-vi@example.com",
    )

    person.contacts_public = True
    person.save()
    position = Position.objects.select_related("person", "unit").get(pk=position.pk)
    assert (position.contact_phone, position.contact_email) == (
        "0912 000 111",
        "rieng@example.com",
    )


@pytest.mark.django_db
def test_a_consenting_person_without_an_email_shows_the_units():
    unit = UnitFactory(email="don-vi@example.com")
    person = PersonFactory(phone="0912 000 111", contacts_public=True)
    position = PositionFactory(person=person, unit=unit)

    assert position.contact_phone == "0912 000 111"
    assert position.contact_email == "don-vi@example.com"


@pytest.mark.django_db
def test_english_titles_and_names_fall_back_to_vietnamese():
    position = PositionFactory(title="Phó Hiệu trưởng")
    assert position.label_en == "Phó Hiệu trưởng"
    position.title_en = "Vice Rector"
    assert position.label_en == "Vice Rector"

    unit = UnitFactory(name="Công đoàn")
    assert unit.english_name == "Công đoàn"
    unit.name_en = "Trade Union"
    assert unit.english_name == "Trade Union"


@pytest.mark.django_db
def test_the_admin_asks_for_contacts_consent_and_english_title(staff_client):
    from django.urls import reverse

    from tests.helpers import text

    person = PersonFactory()
    PositionFactory(person=person, title="Phó Hiệu trưởng")

    response = staff_client.get(reverse("admin:people_person_change", args=[person.pk]))
    page = text(response)

    assert 'name="contacts_public"' in response.text
    assert 'name="positions-0-title_en"' in response.text
    assert 'name="positions-0-rank_override"' in response.text
    assert "Được công khai điện thoại và thư điện tử" in page
    assert "Tiêu đề tiếng Anh" in page
