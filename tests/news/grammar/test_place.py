"""Place, organiser, meeting title and kind, read from the sentence of the meeting."""

from news.grammar.place import meeting_kind, meeting_place, meeting_title, organiser

SENTENCE = (
    "Vào hồi 8h00 ngày 10/3/2025, tại Phòng họp tầng 2 nhà Hiệu bộ, Khoa Ngữ văn đã"
    " tổ chức Hội thảo khoa học “Đổi mới kiểm tra, đánh giá” với sự chủ trì của"
    " đồng chí Lê Văn Bình."
)


def test_place_stops_at_the_comma():
    place, end = meeting_place(SENTENCE)
    assert place.value == "Phòng họp tầng 2 nhà Hiệu bộ" and place.certain
    assert SENTENCE[end:].startswith(", Khoa Ngữ văn")


def test_place_stops_at_the_verb():
    place, _end = meeting_place("tại Hội trường A long trọng tổ chức Lễ kỷ niệm")
    assert place.value == "Hội trường A"
    place, _end = meeting_place("tại sân trường diễn ra Lễ ra quân")
    assert place.value == "sân trường"


def test_no_place():
    assert meeting_place("Sáng nay, Chi bộ đã tổ chức sinh hoạt.") == (None, 0)


def test_the_organiser_is_the_subject_of_to_chuc():
    _place, end = meeting_place(SENTENCE)
    found = organiser(SENTENCE, end, SENTENCE)
    assert found.value == "Khoa Ngữ văn" and found.certain


def test_a_partner_is_not_the_organiser_and_a_units_comma_is_kept():
    sentence = (
        "ngày 02/6/2025, tại Hội trường B, Phòng Công tác học sinh, sinh viên phối hợp"
        " với Đoàn Thanh niên tổ chức Hội nghị."
    )
    _place, end = meeting_place(sentence)
    assert organiser(sentence, end, sentence).value == (
        "Phòng Công tác học sinh, sinh viên"
    )


def test_nha_truong_is_the_college_the_article_names():
    text = "Trường Cao đẳng Ngô Gia Tự Bắc Giang thông báo. Sáng nay, Nhà trường đã tổ chức Lễ."
    sentence = "Sáng nay, Nhà trường đã tổ chức Lễ."
    found = organiser(sentence, len("Sáng nay"), text)
    assert found.value == "Trường Cao đẳng Ngô Gia Tự Bắc Giang" and found.certain
    unknown = organiser(sentence, len("Sáng nay"), sentence)
    assert unknown.value == "Nhà trường" and not unknown.certain


def test_a_visit_names_the_host_and_its_own_title():
    sentence = (
        "Chiều ngày 14/10/2024, Đoàn công tác của Sở Nội vụ do đồng chí Lê Văn Bình"
        " làm trưởng đoàn đã đến thăm và làm việc với Trường Cao đẳng Ngô Gia Tự Bắc"
        " Giang về công tác cán bộ."
    )
    assert organiser(sentence, 0, sentence).value == (
        "Trường Cao đẳng Ngô Gia Tự Bắc Giang"
    )
    assert meeting_title(sentence).value == (
        "Đoàn công tác của Sở Nội vụ đến thăm và làm việc"
    )


def test_a_quoted_theme_is_joined_with_a_colon():
    assert meeting_title(SENTENCE).value == (
        "Hội thảo khoa học: Đổi mới kiểm tra, đánh giá"
    )


def test_the_title_stops_before_a_second_clause():
    sentence = (
        "Nhà trường đã tổ chức trọng thể Lễ khai giảng năm học 2025–2026 và chào đón"
        " tân sinh viên."
    )
    assert meeting_title(sentence).value == "Lễ khai giảng năm học 2025–2026"


def test_kinds():
    assert meeting_kind("Hội nghị tổng kết năm học 2024–2025") == "annual_review"
    assert meeting_kind("Sinh hoạt chuyên đề quý II") == "thematic"
    assert meeting_kind("Hội thảo khoa học: Đổi mới") == "workshop"
    assert meeting_kind("Lễ ra quân") == "ceremony"
    assert meeting_kind("Đại hội Chi đoàn") == "other"
