"""Parsed awards and elected lists become pending awards and a meeting's bodies."""

import datetime

import pytest

from awards.models import Award
from events.models import ElectedBody, ElectedMember
from news.grammar.awards import read_awards
from news.grammar.elected import read_elected
from news.import_awards import award_year, write_awards, write_elected
from people.models import Person, Unit
from tests.factories import MeetingFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

AWARDS = """Hiệu trưởng Nhà trường đã ban hành Quyết định số 305/QĐ-CĐNGT ngày 20/8/2024 công nhận danh hiệu thi đua năm học 2023–2024:
Danh hiệu “Tập thể lao động xuất sắc” (01 tập thể): Phòng Đào tạo.
Danh hiệu “Chiến sĩ thi đua cơ sở” (02 cá nhân): ThS. Phạm Thị Ánh – Trưởng khoa; Đồng chí Kiều Văn Nam – Kế toán trưởng.
Danh hiệu “Lao động tiên tiến”: 112 cá nhân."""  # noqa: E501

ELECTED = """Đại hội đã bầu Ban Chấp hành Công đoàn Trường khóa IX, nhiệm kỳ 2023–2028 gồm 02 đồng chí:
1. ThS. Lương Thị Hương – Trưởng khoa Giáo dục Mầm non
2. Đồng chí Lương Thị Hường – Chuyên viên
Tại phiên họp thứ nhất, Ban Chấp hành đã bầu ThS. Lương Thị Hương giữ chức Chủ tịch."""  # noqa: E501


def people_by_name(name, honorific):
    """A resolver as simple as can be: the person of that exact name, or a new one."""
    person, _ = Person.objects.get_or_create(
        full_name=name, defaults={"honorific": honorific}
    )
    return person


def units_by_name(name):
    return Unit.objects.filter(name=name).first()


def test_each_recipient_gets_one_pending_award():
    UnitFactory(name="Phòng Đào tạo")
    meeting = MeetingFactory()
    rows, checks = write_awards(
        read_awards(AWARDS).awards, meeting, people_by_name, units_by_name
    )
    assert len(rows) == 3
    assert Award.objects.count() == 3  # the 112 without names are no records
    unit_award = Award.objects.get(recipient_unit__name="Phòng Đào tạo")
    assert unit_award.kind == Award.Kind.EXCELLENT_COLLECTIVE
    assert (unit_award.decision_number, unit_award.decision_date) == (
        "305/QĐ-CĐNGT",
        datetime.date(2024, 8, 20),
    )
    assert unit_award.issuer == "Hiệu trưởng Nhà trường"
    assert (unit_award.year, unit_award.meeting) == (2024, meeting)
    assert all(award.pending_import for award in Award.objects.all())
    assert Award.objects.get(recipient_person__full_name="Kiều Văn Nam").kind == (
        Award.Kind.GRASSROOTS_FIGHTER
    )
    assert checks == []


def test_writing_the_same_awards_again_makes_nothing_new():
    UnitFactory(name="Phòng Đào tạo")
    parsed = read_awards(AWARDS).awards
    write_awards(parsed, None, people_by_name, units_by_name)
    rows, _ = write_awards(parsed, None, people_by_name, units_by_name)
    assert rows == []
    assert Award.objects.count() == 3


def test_a_recipient_the_resolver_does_not_know_is_reported_not_guessed():
    rows, checks = write_awards(
        read_awards(AWARDS).awards, None, people_by_name, units_by_name
    )
    assert len(rows) == 2  # no unit "Phòng Đào tạo" to give the award to
    assert not Award.objects.filter(recipient_unit__isnull=False).exists()
    assert checks == [
        "Khen thưởng “Tập thể lao động xuất sắc”: chưa xác định được “Phòng Đào tạo”."
    ]


def test_an_uncertain_award_carries_its_doubt_to_the_editor():
    parsed = read_awards(AWARDS.replace("(02 cá nhân)", "(03 cá nhân)")).awards
    _, checks = write_awards(parsed, None, people_by_name, units_by_name)
    assert any("3 cá nhân" in check for check in checks)


def test_the_year_an_award_is_filed_under():
    [award] = read_awards(
        "Tặng Giấy khen cho 01 cá nhân năm học 2022–2023: Hồ Văn Lâm – Giảng viên."
    ).awards
    assert award_year(award, None) == 2023
    award.year = ""
    meeting = MeetingFactory(
        starts_at=datetime.datetime(2021, 5, 1, 8, tzinfo=datetime.UTC)
    )
    assert award_year(award, meeting) == 2021
    assert award_year(award, None) is None
    _, checks = write_awards([award], None, people_by_name, units_by_name)
    assert Award.objects.count() == 0
    assert "không rõ năm" in checks[0]


def test_an_elected_list_becomes_a_body_with_its_members_in_order():
    meeting = MeetingFactory()
    known = PersonFactory(full_name="Lương Thị Hương", honorific="ThS.")
    rows, checks = write_elected(read_elected(ELECTED).bodies, meeting, people_by_name)
    [body] = rows
    assert (body.meeting, body.name, body.term, body.order) == (
        meeting,
        "Ban Chấp hành Công đoàn Trường khóa IX",
        "2023–2028",
        1,
    )
    first, second = ElectedMember.objects.filter(body=body)
    assert (first.person, first.role, first.position) == (
        known,
        "Chủ tịch",
        "Trưởng khoa Giáo dục Mầm non",
    )
    # One tone mark apart: two people, never merged.
    assert second.person.full_name == "Lương Thị Hường"
    assert second.person != known
    assert checks == []


def test_a_member_without_a_record_keeps_the_name():
    meeting = MeetingFactory()
    write_elected(read_elected(ELECTED).bodies, meeting, lambda name, honorific: None)
    assert list(ElectedMember.objects.values_list("name", flat=True)) == [
        "Lương Thị Hương",
        "Lương Thị Hường",
    ]


def test_an_elected_list_is_not_written_twice_nor_without_a_meeting():
    meeting = MeetingFactory()
    parsed = read_elected(ELECTED).bodies
    write_elected(parsed, meeting, people_by_name)
    rows, checks = write_elected(parsed, meeting, people_by_name)
    assert rows == [] and "đã có" in checks[0]
    rows, checks = write_elected(parsed, None, people_by_name)
    assert rows == [] and "không có sự kiện" in checks[0]
    assert ElectedBody.objects.count() == 1
