"""The rules that read elected lists: the body, its term, members and offices."""

from news.grammar.elected import elected_body, prose_names, read_elected

NUMBERED = """Đại hội đã bầu Ban Chấp hành Chi đoàn Giáo viên khóa III, nhiệm kỳ 2025-2027. Ban Chấp hành gồm 03 đồng chí:
1. Đồng chí Hà Văn Toản – Giảng viên Khoa Ngữ văn
2. ThS. Chu Thị Ngân – Giảng viên Khoa Lịch sử
3. Đồng chí Chu Thị Ngần
Tại phiên họp đầu tiên, Ban Chấp hành đã bầu đồng chí Hà Văn Toản giữ chức Bí thư, ThS. Chu Thị Ngân giữ chức Phó Bí thư Chi đoàn."""  # noqa: E501


def test_the_head_of_an_elected_list():
    body = elected_body(
        "Đại hội đã tín nhiệm bầu 05 đồng chí vào Ban Kiểm tra Công đoàn Trường "
        "khóa II, nhiệm kỳ 2023 – 2028, gồm các đồng chí: A"
    )
    assert body.body == "Ban Kiểm tra Công đoàn Trường khóa II, nhiệm kỳ 2023 – 2028"
    assert (body.name, body.term, body.count) == (
        "Ban Kiểm tra Công đoàn Trường khóa II",
        "2023–2028",
        5,
    )


def test_a_term_alone_is_not_an_election():
    assert (
        elected_body("Nhiệm kỳ 2022–2024, Đoàn Trường đã làm được nhiều việc.") is None
    )


def test_a_numbered_list_with_offices():
    [body] = read_elected(NUMBERED).bodies
    assert body.form == "numbered"
    assert [(m.person, m.honorific, m.position, m.office) for m in body.members] == [
        ("Hà Văn Toản", "", "Giảng viên Khoa Ngữ văn", "Bí thư"),
        ("Chu Thị Ngân", "ThS.", "Giảng viên Khoa Lịch sử", "Phó Bí thư"),
        ("Chu Thị Ngần", "", "", ""),
    ]
    assert body.certain


def test_names_that_differ_by_a_tone_mark_are_two_members():
    [body] = read_elected(NUMBERED).bodies
    assert body.member("Chu Thị Ngân") is not body.member("Chu Thị Ngần")
    assert body.member("Chu Thị Ngần").office == ""


def test_a_list_in_prose():
    text = (
        "Đại hội đã bầu 04 đồng chí vào Ban Chấp hành Hội Cựu giáo chức khóa I, "
        "nhiệm kỳ 2024–2029, gồm các đồng chí: Lâm Văn Tiến, Quách Thị Hạnh, "
        "Mông Văn Sử và Âu Thị Liên. Ban Chấp hành đã bầu đồng chí Quách Thị Hạnh "
        "giữ chức Chủ tịch."
    )
    [body] = read_elected(text).bodies
    assert body.form == "prose"
    assert [m.person for m in body.members] == [
        "Lâm Văn Tiến",
        "Quách Thị Hạnh",
        "Mông Văn Sử",
        "Âu Thị Liên",
    ]
    assert body.member("Quách Thị Hạnh").office == "Chủ tịch"
    assert body.certain


def test_prose_names_split_on_commas_and_the_last_va():
    assert prose_names("A B, C D và E F.") == ["A B", "C D", "E F"]


def test_a_count_that_differs_from_the_list_is_reported():
    reading = read_elected(NUMBERED.replace("03 đồng chí", "05 đồng chí"))
    [body] = reading.bodies
    assert not body.certain
    assert "5 người" in reading.report()[0]


def test_an_office_for_someone_not_on_the_list_is_reported():
    reading = read_elected(
        NUMBERED.replace("đồng chí Hà Văn Toản giữ", "đồng chí Hà Văn Toàn giữ")
    )
    [body] = reading.bodies
    assert body.member("Hà Văn Toản").office == ""
    assert not body.certain
    assert "Hà Văn Toàn" in reading.report()[0]


def test_an_election_without_a_readable_list_is_reported():
    reading = read_elected(
        "Đại hội đã bầu Ban Chấp hành Đoàn Khoa khóa IV, nhiệm kỳ 2024–2027."
    )
    assert reading.bodies[0].members == []
    assert reading.uncertain and "không đọc được" in reading.report()[-1]
