"""Captions, bylines and titles."""

from news.grammar.byline import byline_index, read_byline, unit_signature
from news.grammar.captions import split_captions
from news.grammar.title import first_sentence, is_capitals, sentence_case, title_line


def test_a_gallery_block_and_photo_lines_anywhere_are_captions():
    body, captions = split_captions(
        [
            "Đoạn một.",
            "Ảnh: Quang cảnh buổi Lễ",
            "Đoạn hai.",
            "Dưới đây là một số hình ảnh tại Hội nghị:",
            "Đồng chí Lê Văn Bình phát biểu",
            "Các đại biểu chụp ảnh lưu niệm",
        ]
    )
    assert body == ["Đoạn một.", "Đoạn hai."]
    assert captions == [
        "Quang cảnh buổi Lễ",
        "Đồng chí Lê Văn Bình phát biểu",
        "Các đại biểu chụp ảnh lưu niệm",
    ]


def test_the_forms_of_a_byline():
    for line in (
        "Tin, bài: Hà Thị Lan – Phòng Đào tạo",
        "Tin, ảnh: Hà Thị Lan - Phòng Đào tạo",
        "Bài, ảnh: Hà Thị Lan– Phòng Đào tạo",
        "Tin: Hà Thị Lan – Phòng Đào tạo",
        "Tin bài: Hà Thị Lan – Phòng Đào tạo",
    ):
        assert read_byline(line).value == {
            "name": "Hà Thị Lan",
            "unit": "Phòng Đào tạo",
        }


def test_the_first_dash_parts_name_and_unit():
    assert read_byline("Tin, bài: Hà Thị Lan – Phòng Tổ chức – Hành chính").value == {
        "name": "Hà Thị Lan",
        "unit": "Phòng Tổ chức – Hành chính",
    }


def test_a_byline_naming_a_unit_or_a_name_alone():
    assert read_byline("Tin, ảnh: Ban Tuyên giáo Đoàn Trường").value == {
        "name": "",
        "unit": "Ban Tuyên giáo Đoàn Trường",
    }
    assert read_byline("Tin, ảnh: Hà Thị Lan").value == {
        "name": "Hà Thị Lan",
        "unit": "",
    }


def test_a_unit_signing_alone_on_the_last_line():
    assert unit_signature("Phòng Công tác học sinh").value["unit"] == (
        "Phòng Công tác học sinh"
    )
    assert unit_signature("ThS. Lê Văn Bình") is None
    assert unit_signature("Phòng học được sửa xong.") is None


def test_the_byline_is_found_before_a_pages_footer():
    lines = ["Đoạn.", "Tin, ảnh: Hà Thị Lan", "Tin mới", "Bản quyền © 2012"]
    assert byline_index(lines) == 1


def test_title_line_and_capitals():
    assert title_line("Tiêu đề: Lễ ra quân").value == "Lễ ra quân"
    assert is_capitals("LỄ RA QUÂN MÙA HÈ XANH 2025")
    assert not is_capitals("Lễ ra quân")


def test_sentence_case_keeps_what_the_body_capitalises():
    body = [
        "Nhân kỷ niệm Ngày Nhà giáo Việt Nam, Trường Cao đẳng Ngô Gia Tự Bắc Giang đã"
        " tổ chức lễ kỷ niệm; Đảng ủy và Đoàn Thanh niên tặng hoa."
    ]
    assert sentence_case("LỄ KỶ NIỆM NGÀY NHÀ GIÁO VIỆT NAM TẠI BẮC GIANG", body) == (
        "Lễ kỷ niệm Ngày Nhà giáo Việt Nam tại Bắc Giang"
    )
    assert sentence_case("ĐẢNG ỦY VÀ ĐOÀN THANH NIÊN TẶNG HOA", body) == (
        "Đảng ủy và Đoàn Thanh niên tặng hoa"
    )


def test_the_first_sentence_is_cut_on_a_word():
    long = "Nhà trường " + "tổ chức nhiều hoạt động " * 10 + "trong năm. Câu hai."
    title = first_sentence([long])
    assert len(title) <= 152 and title.endswith(" …")
    assert not title[:-2].endswith(" ")
    assert first_sentence(["Một câu ngắn. Câu hai."]) == "Một câu ngắn."
