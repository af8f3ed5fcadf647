"""The meeting's time: an hour when given, the day alone otherwise, never a guess."""

import datetime

from news.grammar.when import (
    invalid_dates,
    meeting_time,
    part_of_day_date,
    plain_date,
    timed_date,
)


def test_hour_and_minutes_in_words():
    when = timed_date("vào hồi 7 giờ 30 phút ngày 20/11/2024, tại Hội trường A")
    assert (when.date, when.time) == (datetime.date(2024, 11, 20), datetime.time(7, 30))


def test_hour_written_with_h():
    when = timed_date("Vào hồi 14h00 ngày 31/01/2024, Chi đoàn tổ chức Hội nghị")
    assert (when.date, when.time) == (datetime.date(2024, 1, 31), datetime.time(14, 0))


def test_hour_without_minutes_and_a_comma_before_the_date():
    assert timed_date("hồi 14 giờ ngày 02/6/2025").time == datetime.time(14, 0)
    when = timed_date("vào hồi 9h15, ngày 03/6/2025")
    assert (when.date, when.time) == (datetime.date(2025, 6, 3), datetime.time(9, 15))


def test_morning_gives_the_day_only():
    when = part_of_day_date("Sáng ngày 05/3/2025, tại sân trường")
    assert (when.date, when.time, when.part) == (
        datetime.date(2025, 3, 5),
        None,
        "sáng",
    )


def test_afternoon_with_the_date_in_words():
    when = part_of_day_date("chiều ngày 12 tháng 9 năm 2024, tại Hội trường B")
    assert (when.date, when.time, when.part) == (
        datetime.date(2024, 9, 12),
        None,
        "chiều",
    )


def test_a_date_in_words_alone():
    when = plain_date("ngày 05 tháng 3 năm 2025, Đoàn Thanh niên tổ chức Lễ")
    assert (when.date, when.time) == (datetime.date(2025, 3, 5), None)


def test_the_ends_of_a_span_are_not_the_meeting():
    assert plain_date("từ ngày 04/11/2024 đến ngày 15/11/2024 tổ chức Hội thi") is None


def test_the_sentence_that_says_a_meeting_was_held_wins():
    when = meeting_time(
        [
            "Hội thi diễn ra trong hai tuần.",
            "Hạn nộp hồ sơ trước ngày 30/4/2025.",
            "Vào hồi 15h30 ngày 15/11/2024, tại Hội trường A, Nhà trường đã tổ chức Lễ"
            " trao giải.",
        ]
    )
    assert (when.date, when.time, when.certain) == (
        datetime.date(2024, 11, 15),
        datetime.time(15, 30),
        True,
    )


def test_a_date_in_no_sentence_of_a_meeting_is_uncertain():
    when = meeting_time(["Sáng ngày 02/02/2025, sinh viên đi học trở lại."])
    assert when.date == datetime.date(2025, 2, 2)
    assert not when.certain


def test_a_date_that_does_not_exist_is_reported_never_guessed():
    sentence = "Vào hồi 8h00 ngày 31/02/2024, Nhà trường tổ chức Hội nghị."
    assert meeting_time([sentence]) is None
    assert invalid_dates(sentence) == ["31/02/2024"]
