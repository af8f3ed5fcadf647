"""Attendance lists, people in them, and roles from what the text says they did."""

from news.grammar.attendance import Roll, list_items, person


def test_a_person_drops_the_form_of_address_and_keeps_degree_and_position():
    assert person("đồng chí PGS.TS. Trần Văn Hải – Phó Giám đốc Sở") == (
        "PGS.TS.",
        "Trần Văn Hải",
        "Phó Giám đốc Sở",
    )
    assert person("NGƯT. ThS. Lê Thị Hoa - Trưởng khoa Mầm non") == (
        "NGƯT.ThS.",
        "Lê Thị Hoa",
        "Trưởng khoa Mầm non",
    )
    assert person("đ/c Hà Văn Nam") == ("", "Hà Văn Nam", "")


def test_a_dash_inside_the_position_belongs_to_it():
    assert person("bà Lý Thị Mai – Trưởng phòng Tổ chức – Hành chính")[2] == (
        "Trưởng phòng Tổ chức – Hành chính"
    )


def test_a_list_is_cut_at_cung_and_groups_are_not_people():
    items = list_items(
        "TS. Lê Văn Bình – Hiệu trưởng; đồng chí Hà Thị Lan – Phó Hiệu trưởng; các"
        " đồng chí trưởng các đơn vị cùng toàn thể giảng viên."
    )
    assert [name for _h, name, _p in items] == ["Lê Văn Bình", "Hà Thị Lan"]


def roll_of(*sentences, captions=()):
    roll = Roll()
    for sentence in sentences:
        if not roll.read_list(sentence):
            roll.read_mentions(sentence)
    for caption in captions:
        roll.read_mentions(caption, caption=True)
    return roll


def test_openings_give_guests_chairs_and_hosts():
    for opening in ("Tới dự", "Về dự", "Đến dự", "Tham dự", "Dự và chỉ đạo Hội nghị"):
        roll = roll_of(f"{opening} có đồng chí Lê Văn Bình – Hiệu trưởng.")
        assert roll.people["Lê Văn Bình"].role == "guest", opening
    roll = roll_of("Dự và chủ trì Hội nghị có TS. Lê Văn Bình – Hiệu trưởng.")
    assert roll.people["Lê Văn Bình"].role == "chair"
    roll = roll_of("Tiếp và làm việc với đoàn có TS. Lê Văn Bình – Hiệu trưởng.")
    assert roll.people["Lê Văn Bình"].role == "participant"


def test_verbs_in_paragraphs_give_roles():
    roll = roll_of(
        "Dự buổi Lễ có đồng chí Lê Văn Bình – Hiệu trưởng; ThS. Hà Thị Lan – Phó"
        " Hiệu trưởng.",
        "ThS. Hà Thị Lan trình bày báo cáo tổng kết năm học.",
        "Phát biểu tại buổi Lễ, đồng chí Lê Văn Bình đề nghị các đơn vị cố gắng.",
    )
    assert roll.people["Hà Thị Lan"].role == "reporter"
    assert roll.people["Lê Văn Bình"].role == "speaker"
    assert not roll.unexplained


def test_a_caption_introduces_a_person_and_only_makes_a_position_fuller():
    roll = roll_of(
        "Về dự có đồng chí Lê Văn Bình – Phó Giám đốc Sở.",
        captions=[
            "Đồng chí Lê Văn Bình – Phó Giám đốc Sở Giáo dục và Đào tạo kết luận buổi"
            " làm việc",
            "Đồng chí Lê Văn Bình – Phó Giám đôc công bố quyết định",
            "Đồng chí Hà Thị Lan – Trưởng phòng Đào tạo công bố quyết định",
        ],
    )
    bình = roll.people["Lê Văn Bình"]
    assert bình.position == "Phó Giám đốc Sở Giáo dục và Đào tạo"
    assert bình.role == "chair"
    assert roll.people["Hà Thị Lan"].role == "announcer"
    assert roll.people["Hà Thị Lan"].topic == "công bố quyết định"


def test_someone_named_without_a_known_verb_makes_the_roll_uncertain():
    roll = roll_of("Thay mặt Nhà trường, TS. Lê Văn Bình tiếp thu ý kiến của Đoàn.")
    assert roll.unexplained


def test_similar_names_stay_two_people():
    roll = roll_of(
        "Dự có đồng chí Nguyễn Thị Yên – Bí thư Đoàn; ThS. Nguyễn Thị Yến – Trưởng"
        " khoa."
    )
    assert list(roll.people) == ["Nguyễn Thị Yên", "Nguyễn Thị Yến"]
