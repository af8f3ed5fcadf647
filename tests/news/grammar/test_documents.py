"""Cited documents: kind, number, date, issuer and subject, each clause bounded."""

import datetime

from news.grammar.documents import blank, documents


def one(text):
    found, problems = documents(text)
    assert problems == []
    return [(d.kind, d.number, d.date, d.issuer, d.title) for d in found]


def test_a_plan_with_issuer_and_subject_ends_at_the_semicolon():
    text = (
        "Thực hiện Kế hoạch số 15/KH-CĐNGT ngày 03/02/2025 của Trường Cao đẳng Ngô Gia"
        " Tự Bắc Giang về tổ chức Hội thi tin học; Công văn số 7/CĐNGT-ĐT ngày"
        " 05/02/2025 của Phòng Đào tạo, vào hồi 8h00 ngày 10/3/2025"
    )
    assert one(text) == [
        (
            "plan",
            "15/KH-CĐNGT",
            datetime.date(2025, 2, 3),
            "Trường Cao đẳng Ngô Gia Tự Bắc Giang",
            "tổ chức Hội thi tin học",
        ),
        (
            "official_letter",
            "7/CĐNGT-ĐT",
            datetime.date(2025, 2, 5),
            "Phòng Đào tạo",
            "",
        ),
    ]


def test_commas_inside_a_subject_do_not_end_it():
    text = (
        "Kế hoạch số 9/KH-CĐNGT ngày 01/3/2025 về rà soát, đánh giá công tác học sinh,"
        " sinh viên, vào hồi 14h00 ngày 20/3/2025"
    )
    assert one(text)[0][4] == "rà soát, đánh giá công tác học sinh, sinh viên"


def test_a_new_subject_and_its_verb_end_the_subject():
    text = (
        "Căn cứ Thông báo số 3/TB-SGDĐT ngày 02/01/2025 về việc nghỉ Tết, Hiệu trưởng"
        " Nhà trường thông báo lịch nghỉ như sau"
    )
    assert one(text) == [
        ("notice", "3/TB-SGDĐT", datetime.date(2025, 1, 2), "", "nghỉ Tết")
    ]


def test_the_next_document_ends_the_subject_and_a_guide_is_other():
    text = (
        "Thực hiện Hướng dẫn số 02-HD/TĐTN ngày 10/4/2024 của Tỉnh đoàn về đại hội chi"
        " đoàn và Kế hoạch số 4-KH/ĐTN ngày 20/4/2024 của Đoàn Trường"
    )
    assert [(kind, title) for kind, _n, _d, _i, title in one(text)] == [
        ("other", "đại hội chi đoàn"),
        ("plan", ""),
    ]


def test_an_issuer_named_before_the_citation():
    text = (
        "Hiệu trưởng Nhà trường đã ban hành Quyết định số 88/QĐ-CĐNGT ngày 02/5/2025"
        " công nhận kết quả thi đua."
    )
    assert one(text) == [
        (
            "decision",
            "88/QĐ-CĐNGT",
            datetime.date(2025, 5, 2),
            "Hiệu trưởng Nhà trường",
            "công nhận kết quả thi đua",
        )
    ]


def test_a_degree_inside_a_subject_does_not_end_it():
    text = "Quyết định số 5/QĐ-CĐNGT ngày 06/01/2025 về việc giao ThS. Lê Văn Bình phụ trách Khoa."
    assert one(text)[0][4] == "giao ThS. Lê Văn Bình phụ trách Khoa"


def test_a_document_whose_date_does_not_exist_is_reported():
    found, problems = documents("Kế hoạch số 1/KH ngày 30/02/2025 về tuyển sinh.")
    assert found == []
    assert problems == ["Kế hoạch số 1/KH ngày 30/02/2025 về tuyển sinh"]


def test_blanking_keeps_offsets():
    text = "abc Kế hoạch số 1/KH ngày 01/02/2025. Sau đó"
    found, _ = documents(text)
    blanked = blank(text, [(d.start, d.end) for d in found])
    assert len(blanked) == len(text)
    assert "01/02/2025" not in blanked
    assert blanked.endswith("Sau đó")
