"""The rules that read awards: forms, decisions, recipients, stated numbers."""

import datetime

import pytest

from awards.models import Award
from news.grammar.awards import (
    KINDS,
    kind_of,
    read_awards,
    recipient,
    school_year,
    split_person,
    stated_counts,
)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Bằng khen của Chủ tịch UBND tỉnh", "certificate_of_merit"),
        ("Bằng khen của Thủ tướng Chính phủ", "pm_certificate"),
        ("Giấy khen của Hiệu trưởng", "certificate"),
        ("Chiến sĩ thi đua cơ sở", "grassroots_fighter"),
        ("Chiến sĩ thi đua cấp tỉnh", "provincial_fighter"),
        ("Lao động tiên tiến", "advanced_worker"),
        ("Tập thể lao động tiên tiến", "advanced_collective"),
        ("Tập thể lao động xuất sắc", "excellent_collective"),
        ("Cờ thi đua của UBND tỉnh", "emulation_flag"),
        ("Huân chương Lao động hạng Ba", "order_of_labour"),
        ("Giải Nhất Hội thi nghiệp vụ", "other"),
    ],
)
def test_the_form_of_an_award_is_read_by_the_laws_names(title, kind):
    assert kind_of(title) == kind


def test_every_kind_the_rules_give_is_one_the_award_model_knows():
    assert {kind for _, kind in KINDS} | {"other"} <= set(Award.Kind.values)


def test_a_school_year_and_a_calendar_year():
    assert school_year("trong năm học 2022-2023") == "2022–2023"
    assert school_year("đoàn viên tiêu biểu năm 2021.") == "2021"
    assert school_year("không có năm") == ""


def test_a_person_item_gives_name_degree_and_position():
    assert split_person("Đồng chí PGS.TS. Trần Minh Châu – Phó Giám đốc Sở") == (
        "Trần Minh Châu",
        "PGS.TS.",
        "Phó Giám đốc Sở",
    )


def test_after_a_persons_dash_a_unit_is_a_unit_and_a_title_a_position():
    unit = recipient("ThS. Đào Văn Hải – Khoa Lý luận chính trị")
    position = recipient("ThS. Đào Văn Hải – Trưởng khoa Lý luận chính trị")
    leader = recipient("Đồng chí Mai Văn Tâm – Tổ trưởng tổ Văn phòng")
    assert (unit.person, unit.unit, unit.position) == (
        "Đào Văn Hải",
        "Khoa Lý luận chính trị",
        "",
    )
    assert (position.unit, position.position) == ("", "Trưởng khoa Lý luận chính trị")
    assert leader.position == "Tổ trưởng tổ Văn phòng"


def test_a_collective_is_not_a_person():
    union = recipient("Đoàn Thanh niên Khoa Mầm non")
    assert (union.person, union.unit) == ("", "Đoàn Thanh niên Khoa Mầm non")
    assert recipient("các đồng chí có thành tích") is None


def test_stated_numbers_say_whether_they_count_collectives_or_people():
    assert stated_counts("cho 03 tập thể và 11 cá nhân") == [
        (3, "tập thể", "", True),
        (11, "cá nhân", "", False),
    ]


PROSE = (
    "Giám đốc Sở Giáo dục và Đào tạo đã ký Quyết định số 77/QĐ-SGDĐT ngày 02/06/2023 "
    "tặng Giấy khen của Giám đốc Sở cho 02 cá nhân có thành tích trong năm học "
    "2022–2023: ThS. Trần Thu Hà – Trưởng phòng Đào tạo; Đồng chí Lý Văn An – "
    "Chuyên viên Phòng Tổ chức – Hành chính."
)


def test_a_form_given_to_a_list_in_prose():
    reading = read_awards(PROSE)
    [award] = reading.awards
    assert award.kind == "certificate"
    assert award.title == "Giấy khen của Giám đốc Sở"
    assert award.issuer == "Giám đốc Sở Giáo dục và Đào tạo"
    assert award.decision_number == "77/QĐ-SGDĐT"
    assert award.decision_date == datetime.date(2023, 6, 2)
    assert award.year == "2022–2023"
    assert [(r.person, r.honorific, r.position) for r in award.recipients] == [
        ("Trần Thu Hà", "ThS.", "Trưởng phòng Đào tạo"),
        ("Lý Văn An", "", "Chuyên viên Phòng Tổ chức – Hành chính"),
    ]
    assert award.certain
    assert reading.report() == []


def test_a_stated_number_that_differs_from_the_names_makes_it_uncertain():
    reading = read_awards(PROSE.replace("02 cá nhân", "03 cá nhân"))
    [award] = reading.awards
    assert not award.certain
    assert "3 cá nhân" in award.doubts[0]
    assert len(reading.report()) == 1


NUMBERED = """Quyết định số 12/QĐ-CĐNGT ngày 5/1/2025 của Hiệu trưởng Nhà trường.
Bằng khen của Bộ trưởng Bộ Giáo dục và Đào tạo được trao cho 01 tập thể và 02 cá nhân:
1. Phòng Khảo thí
2. TS. Mạc Thị Lan – Phó Hiệu trưởng
3. Đồng chí Kiều Văn Nam – Kế toán trưởng
Các tập thể, cá nhân đã lên nhận thưởng."""


def test_a_form_given_to_a_numbered_list():
    reading = read_awards(NUMBERED)
    [award] = reading.awards
    assert award.kind == "certificate_of_merit"
    assert award.issuer == "Hiệu trưởng Nhà trường"
    assert [(r.person, r.unit) for r in award.recipients] == [
        ("", "Phòng Khảo thí"),
        ("Mạc Thị Lan", ""),
        ("Kiều Văn Nam", ""),
    ]
    assert award.certain


def test_a_title_with_its_count_and_list_and_a_count_without_names():
    text = (
        "Quyết định số 9/QĐ-CĐNGT ngày 01/9/2022 của Hiệu trưởng Nhà trường về việc "
        "công nhận danh hiệu thi đua năm học 2021–2022:\n"
        "Danh hiệu “Tập thể lao động tiên tiến” (01 tập thể): Phòng Kế hoạch – Tài chính.\n"
        "Danh hiệu “Lao động tiên tiến”: 87 cá nhân."
    )
    reading = read_awards(text)
    [award] = reading.awards
    assert (award.kind, award.year, award.count) == (
        "advanced_collective",
        "2021–2022",
        1,
    )
    assert award.recipients[0].unit == "Phòng Kế hoạch – Tài chính"
    [counted] = reading.counted
    assert (counted.kind, counted.count, counted.recipients) == (
        "advanced_worker",
        87,
        [],
    )
    assert "87 cá nhân" in reading.report()[0]


def test_numbers_without_names_give_no_award_but_a_report():
    reading = read_awards(
        "Nhà trường tặng Giấy khen cho 05 tập thể và 24 cá nhân đạt danh hiệu "
        "“Chiến sĩ thi đua cơ sở” năm học 2023–2024."
    )
    assert reading.awards == []
    assert [(c.count, c.kind) for c in reading.counted] == [
        (5, "certificate"),
        (24, "grassroots_fighter"),
    ]
    assert len(reading.report()) == 2


def test_prizes_of_a_contest():
    text = (
        "Quyết định số 50/QĐ-CĐNGT ngày 10/3/2025 của Hiệu trưởng Nhà trường công nhận "
        "kết quả Hội thi Olympic Tin học năm học 2024–2025. Đã trao 01 giải Nhất, "
        "02 giải Nhì:\n"
        "Giải Nhất: Hứa Minh Khôi – Lớp Tin học K46.\n"
        "Giải Nhì: Lò Thị Mây – Lớp Tin học K45."
    )
    first, second = read_awards(text).awards
    assert first.title == "Giải Nhất Hội thi Olympic Tin học năm học 2024–2025"
    assert (first.kind, first.certain) == ("other", True)
    assert first.recipients[0].unit == "Lớp Tin học K46"
    assert second.certain is False  # two prizes stated, one name read


def test_an_item_that_is_neither_person_nor_collective_is_reported():
    reading = read_awards(
        "Tặng Giấy khen cho các cá nhân: ThS. Hồ Văn Lâm – Giảng viên; "
        "các bạn sinh viên tình nguyện."
    )
    [award] = reading.awards
    assert [r.person for r in award.recipients] == ["Hồ Văn Lâm"]
    assert not award.certain
    assert reading.uncertain[0].source == "các bạn sinh viên tình nguyện"


def test_a_mention_of_a_title_is_not_an_award():
    reading = read_awards(
        "ThS. Phạm Văn Bắc có nhiều năm liền đạt danh hiệu Chiến sĩ thi đua cơ sở."
    )
    assert (reading.awards, reading.counted, reading.uncertain) == ([], [], [])


def test_a_title_given_as_a_number_with_a_leading_zero_is_a_count():
    reading = read_awards("Danh hiệu “Lao động tiên tiến”: 05 cá nhân.")
    assert reading.awards == []
    assert [(c.count, c.noun) for c in reading.counted] == [(5, "cá nhân")]
