"""The rules read together, and the report of what was read and how surely."""

import datetime

from news.grammar.article import RECOGNISED, UNCERTAIN, read_article

ARTICLE = """LỄ RA QUÂN MÙA HÈ XANH NĂM 2025
Thực hiện Kế hoạch số 11-KH/ĐTN ngày 02/6/2025 của Ban Chấp hành Đoàn Trường về \
tổ chức chiến dịch hè, vào hồi 6h30 ngày 28/6/2025, tại sân trường, Đoàn Thanh niên \
Trường Cao đẳng Ngô Gia Tự Bắc Giang đã tổ chức Lễ ra quân Mùa hè xanh năm 2025.
Tới dự buổi Lễ có TS. Lê Văn Bình – Hiệu trưởng Nhà trường; đồng chí Hà Thị Lan – \
Bí thư Đoàn Trường cùng 200 đoàn viên.
Ảnh: Đồng chí Hà Thị Lan – Bí thư Đoàn Trường phát động chiến dịch
Tin, ảnh: Vũ Văn Tâm – Đoàn Thanh niên
"""


def test_an_article_read_whole():
    reading = read_article(ARTICLE)
    assert reading.title.value == "LỄ RA QUÂN MÙA HÈ XANH NĂM 2025"
    assert reading.title_from == "heading"
    assert reading.is_event.value
    assert (reading.when.date, reading.when.time) == (
        datetime.date(2025, 6, 28),
        datetime.time(6, 30),
    )
    assert reading.location.value == "sân trường"
    assert reading.organiser.value == (
        "Đoàn Thanh niên Trường Cao đẳng Ngô Gia Tự Bắc Giang"
    )
    assert reading.meeting_kind == "ceremony"
    assert [d.number for d in reading.documents] == ["11-KH/ĐTN"]
    assert [(a.name, a.role) for a in reading.attendees] == [
        ("Lê Văn Bình", "guest"),
        ("Hà Thị Lan", "speaker"),
    ]
    assert reading.captions == [
        "Đồng chí Hà Thị Lan – Bí thư Đoàn Trường phát động chiến dịch"
    ]
    assert reading.byline.value == {"name": "Vũ Văn Tâm", "unit": "Đoàn Thanh niên"}
    assert all(line.startswith(("Thực hiện", "Tới dự")) for line in reading.paragraphs)
    assert {entry.field: entry.status for entry in reading.report} == {
        "title": RECOGNISED,
        "is_event": RECOGNISED,
        "starts_at": RECOGNISED,
        "location": RECOGNISED,
        "organiser": RECOGNISED,
        "meeting_title": RECOGNISED,
        "kind": RECOGNISED,
        "attendees": RECOGNISED,
        "documents": RECOGNISED,
        "captions": RECOGNISED,
        "byline": RECOGNISED,
    }


def test_a_notice_of_holidays_is_no_meeting():
    reading = read_article(
        "THÔNG BÁO LỊCH NGHỈ LỄ 30/4 VÀ 01/5 NĂM 2025\n"
        "Cán bộ, viên chức nghỉ lễ từ ngày 30/4/2025 đến hết ngày 04/5/2025. Trong"
        " thời gian nghỉ lễ, các đơn vị tổ chức trực theo lịch.\n"
        "Phòng Tổ chức – Hành chính\n"
    )
    assert reading.is_event.value is False
    assert reading.attendees == []
    assert reading.when is None
    assert reading.byline.value == {"name": "", "unit": "Phòng Tổ chức – Hành chính"}


def test_what_the_rules_doubt_is_reported_uncertain():
    reading = read_article(
        "Sáng nay, Chi bộ đã tổ chức sinh hoạt chuyên đề.\n"
        "Sáng ngày 12/3/2025 các đảng viên đi thực tế tại trường tiểu học.\n"
        "Dự có đồng chí Lê Văn Bình – Bí thư.\n"
        "Thay mặt Chi bộ, đồng chí Hà Thị Lan tiếp thu ý kiến.\n"
    )
    assert reading.is_event.value is False
    assert reading.status("is_event") == UNCERTAIN
    assert reading.status("byline") != RECOGNISED
