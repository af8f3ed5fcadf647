"""Where and by whom a meeting was held, what it was called and what kind it was.

All of it is read from the one sentence that dates the meeting (news.grammar.when):
"…, vào hồi 14h00 ngày 17/01/2025, tại Hội trường A, Nhà trường đã tổ chức Hội nghị
tổng kết …". The place follows "tại" up to the comma or the verb; the organiser is
the subject of "(long trọng) tổ chức"; the meeting's title is its object, a quoted
theme joined with ": ".
"""

import re

from news.grammar.base import UPPER, Finding, clean

PLACE = re.compile(
    r"\btại\s+(.+?)(?=\s*[,.;]|\s+(?:đã\s+)?(?:long trọng\s+|trọng thể\s+)?tổ chức\b"
    r"|\s+diễn ra\b|$)"
)
HELD = re.compile(
    r"(?:\s+đã)?\s+(?:long trọng\s+)?tổ chức(?:\s+trọng thể)?\s+|\s+đã\s+đến thăm và"
    r" làm việc với\s+"
)
VISIT = re.compile(
    r"(Đoàn công tác(?: của [^,]+?)?)(?:\s+do\s+.+?\s+làm trưởng đoàn)?\s+đã\s+"
    r"(đến thăm và làm việc)\s+với\s+(.+?)(?=\s+về\b|[,.;]|$)"
)
# Words after which the subject of "tổ chức" names a partner, not the organiser.
PARTNER = re.compile(r"\s+(?:phối hợp với|thuộc|cùng với)\s+.*$")
COLLEGE = re.compile(rf"\bTrường Cao đẳng(?:\s+[{UPPER}][^\s,.;:]*)+")
TITLE_END = re.compile(
    r",?\s+với sự\b|\s+và chào đón\b|\s+với\s+(?=sự tham gia)|\.\s*$|\.(?=\s)"
)
KINDS = [
    ("hội nghị tổng kết", "annual_review"),
    ("hội nghị sơ kết", "annual_review"),
    ("sinh hoạt chuyên đề", "thematic"),
    ("hội thảo", "workshop"),
    ("lễ ", "ceremony"),
]


def meeting_place(sentence):
    """ "tại Phòng họp tầng 2 nhà Hiệu bộ," → the place, and where it ends."""
    match = PLACE.search(sentence)
    if not match:
        return None, 0
    place = clean(match.group(1))
    certain = len(place.split()) <= 10 and not re.search(r"\d{4}", place)
    return Finding(place, sentence, certain), match.end()


def college_name(text):
    """The college's full name as the article writes it, for "Nhà trường"."""
    match = COLLEGE.search(text)
    return clean(match.group(0)) if match else ""


def organiser(sentence, start, text):
    """The subject of "tổ chức" after ``start``; "Nhà trường" is the college."""
    if visit := VISIT.search(sentence):
        return _unit(visit.group(3), sentence, text)
    held = HELD.search(sentence, start)
    if not held:
        return None
    subject = sentence[start : held.start()].split(",")
    # The subject is the clause just before the verb; a unit's own comma
    # ("Phòng Công tác học sinh, sinh viên") keeps a lower-case continuation.
    parts = [subject.pop()]
    while subject and parts[0].strip()[:1].islower():
        parts.insert(0, subject.pop())
    unit = PARTNER.sub("", ",".join(parts))
    return _unit(unit, sentence, text)


def _unit(unit, sentence, text):
    unit = clean(unit)
    if unit == "Nhà trường":
        college = college_name(text)
        return Finding(college or unit, sentence, bool(college))
    certain = bool(unit) and unit[:1].isupper() and len(unit.split()) <= 14
    return Finding(unit, sentence, certain and not re.search(r"\d", unit))


def meeting_title(sentence):
    """What was held: the object of "tổ chức", a quoted theme joined with ": "."""
    if visit := VISIT.search(sentence):
        return Finding(f"{clean(visit.group(1))} {visit.group(2)}", sentence, True)
    found = list(HELD.finditer(sentence))
    if not found:
        return None
    held = found[-1]
    rest = sentence[held.end() :]
    end = TITLE_END.search(rest)
    title = rest[: end.start()] if end else rest
    title = re.sub(r"\s*[“\"]\s*", ": ", title, count=1)
    title = clean(re.sub(r"[”\"]", "", title)).rstrip(".")
    title = title[:1].upper() + title[1:]
    certain = 2 <= len(title.split()) <= 40 and title[:1].isupper()
    return Finding(title, sentence, certain)


def meeting_kind(title):
    """The kind of meeting its title names (events.Meeting.Kind values)."""
    lowered = title.lower()
    for words, kind in KINDS:
        if lowered.startswith(words) or (words != "lễ " and words in lowered):
            return kind
    return "other"
