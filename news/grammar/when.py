"""When a meeting was held: "vào hồi 7 giờ 30 phút ngày 20/11/2024", "14h00 ngày
31/01/2024", "sáng ngày 05/3/2025", "chiều ngày 12 tháng 9 năm 2024", "ngày 05 tháng
3 năm 2025".

A date with an hour is the surest sign of the meeting; a part of the day ("sáng",
"chiều") gives the day only. Dates of a span ("từ ngày … đến ngày …"), deadlines
("kể từ ngày") and the dates of cited documents (blanked out before these rules run,
news.grammar.documents) are not the meeting's. A date that does not exist is
reported, never guessed.
"""

import datetime
import re
from dataclasses import dataclass

from news.grammar.base import DATE, clean, date_from

TIMED = re.compile(
    rf"(?:vào\s+)?(?:hồi\s+)?\b(\d{{1,2}})\s*(?:h|giờ)\s*(\d{{2}})?\s*(?:phút)?\s*,?\s*"
    rf"(?:(sáng|chiều|tối)\s+)?ngày\s+{DATE}",
    re.IGNORECASE,
)
PART_OF_DAY = re.compile(
    rf"\b(sáng|trưa|chiều|tối)\s+(?:ngày\s+)?{DATE}", re.IGNORECASE
)
DAY = re.compile(rf"(?<!từ )(?<!đến )(?<!hết )\bngày\s+{DATE}", re.IGNORECASE)
# What a sentence that tells of the meeting itself says was done.
HELD = re.compile(r"\b(?:tổ chức|diễn ra|đến thăm và làm việc)\b", re.IGNORECASE)


@dataclass
class When:
    """The day of a meeting, its hour when the text gives one, and the part of day."""

    date: datetime.date
    time: datetime.time | None = None
    part: str = ""
    source: str = ""
    certain: bool = True
    start: int = 0
    end: int = 0


def timed_date(sentence):
    """ "vào hồi 8h00, ngày 18/4/2025" → When with the hour; None if there is none."""
    for match in TIMED.finditer(sentence):
        hour, minute, part = match.group(1), match.group(2) or "0", match.group(3)
        day = date_from(match.groups()[3:])
        if day is None or int(hour) > 23 or int(minute) > 59:
            continue
        moment = datetime.time(int(hour), int(minute))
        return When(day, moment, (part or "").lower(), sentence, True, *match.span())
    return None


def part_of_day_date(sentence):
    """ "sáng ngày 05/3/2025" → the day, with the morning noted and no hour."""
    for match in PART_OF_DAY.finditer(sentence):
        day = date_from(match.groups()[1:])
        if day is not None:
            return When(
                day, None, match.group(1).lower(), sentence, True, *match.span()
            )
    return None


def plain_date(sentence):
    """ "ngày 05 tháng 3 năm 2025" → the day; not the ends of a span."""
    for match in DAY.finditer(sentence):
        day = date_from(match.groups())
        if day is not None:
            return When(day, None, "", sentence, True, *match.span())
    return None


def invalid_dates(text):
    """Every written date that does not exist ("31/02/2024"), as its text."""
    return [
        clean(match.group(0))
        for match in re.finditer(DATE, text)
        if date_from(match.groups()) is None
    ]


def meeting_time(sentences):
    """The meeting's time from the sentences of the body (documents blanked out).

    The first sentence that says a meeting was held and dates it wins; a dated
    sentence that says nothing was held is only a guess (uncertain).
    """
    rules = (timed_date, part_of_day_date, plain_date)
    for sentence in sentences:
        if not HELD.search(sentence):
            continue
        for rule in rules:
            if when := rule(sentence):
                return when
    for sentence in sentences:
        for rule in rules[:2]:
            if when := rule(sentence):
                when.certain = False
                return when
    return None
