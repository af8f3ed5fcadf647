"""Bodies a congress elected, their term, their members and the offices given.

A congress's article says whom it elected in one of two shapes:

- "Đại hội đã bầu Ban Chấp hành Đoàn Trường khóa XV, nhiệm kỳ 2024–2027. Ban Chấp
  hành gồm 09 đồng chí:" followed by numbered lines "1. Đồng chí A – position"
  (``numbered``);
- "Đại hội đã bầu 07 đồng chí vào Ban Chấp hành … nhiệm kỳ 2024–2026, gồm các đồng
  chí: A, B, … và G." (``prose``).

Then the body's first session gives offices: "bầu đồng chí A giữ chức Bí thư, đồng chí
B giữ chức Phó Bí thư …" (``offices``). A stated number that differs from the
members read, an item that is not a name, or an office given to someone not on the
list makes the body uncertain and is reported. Names are compared as written, never
folded: "Nguyễn Thị Yên" and "Nguyễn Thị Yến" are two people.
"""

import re
from dataclasses import dataclass, field

from news.grammar.awards import (
    NUMBERED,
    Finding,
    clean,
    numbered_after,
    protect,
    sentences,
    split_person,
)

BODY_WORDS = (
    r"(?:Ban Chấp hành|Ban Thường vụ|Ban Kiểm tra|Ủy ban Kiểm tra|Uỷ ban Kiểm tra"
    r"|Ban Chi ủy|Ban Chi uỷ|Chi ủy|Chi uỷ|Ban Thanh tra nhân dân)"
)
TERM = r"nhiệm kỳ\s+(\d{4}\s*[–—-]\s*\d{4})"
ELECTED = re.compile(
    rf"\bbầu\s+(?:(\d+)\s+đồng chí\s+vào\s+)?({BODY_WORDS}[^.:;]*?),?\s+{TERM}",
    re.IGNORECASE,
)
MEMBERS = re.compile(r"gồm\s+(?:(\d+)\s+đồng chí|các đồng chí)\s*(?:\w+\s*)?:\s*(.*)$")
OFFICE = re.compile(
    r"(?:đồng chí|đ/c)?\s*([^,;]+?)\s+giữ chức(?:\s+vụ)?\s+"
    r"((?:Phó\s+)?(?:Bí thư|Chủ tịch|Trưởng ban|Chủ nhiệm|Thư ký)"
    r"|Ủy viên Ban Thường vụ|Uỷ viên Ban Thường vụ)",
    re.IGNORECASE,
)


@dataclass
class Member:
    person: str
    honorific: str = ""
    position: str = ""
    office: str = ""
    source: str = ""


@dataclass
class ElectedList:
    body: str  # as the text writes it: "Ban Chấp hành … khóa XV, nhiệm kỳ 2024–2027"
    name: str  # without the term
    term: str
    count: int | None = None
    form: str = ""  # "numbered" or "prose"
    members: list = field(default_factory=list)
    source: str = ""
    certain: bool = True
    doubts: list = field(default_factory=list)

    def member(self, name):
        return next((m for m in self.members if m.person == name), None)


@dataclass
class ElectedReading:
    bodies: list = field(default_factory=list)
    uncertain: list = field(default_factory=list)  # awards.Finding

    def report(self):
        """What the editor must check, in Vietnamese, one line each."""
        lines = [
            f"Danh sách bầu “{body.body}”: {'; '.join(body.doubts)}"
            for body in self.bodies
            if not body.certain
        ]
        return lines + [f"{f.reason}: “{f.source}”" for f in self.uncertain]


def elected_body(sentence):
    """ "bầu [07 đồng chí vào] Ban Chấp hành … , nhiệm kỳ 2024–2027" → the list's head."""
    match = ELECTED.search(sentence)
    if not match:
        return None
    count, name, term = match.groups()
    name = clean(name)
    term = re.sub(r"\s*[–—-]\s*", "–", term)
    body = clean(sentence[match.start(2) : match.end()])
    return ElectedList(
        body=body,
        name=name,
        term=term,
        count=int(count) if count else None,
        source=sentence,
    )


def prose_names(text):
    """ "A, B, C và D." → ["A", "B", "C", "D"]."""
    text = clean(text).rstrip(".")
    parts = re.split(r",\s*|\s+và\s+", text)
    return [clean(part) for part in parts if clean(part)]


def members_of(sentence, body, following):
    """The members a "gồm …:" clause lists, in prose or on the numbered lines after
    it; returns whether it consumed ``following``."""
    match = MEMBERS.search(sentence)
    if not match:
        return False
    count, rest = match.groups()
    if count:
        body.count = int(count)
    if clean(rest):
        body.form = "prose"
        items, used = prose_names(rest), False
    else:
        body.form = "numbered"
        items, used = following, True
    for item in items:
        name, honorific, position = split_person(item)
        if name:
            body.members.append(Member(name, honorific, position, source=item))
        else:
            body.certain = False
            body.doubts.append(f"không đọc được tên trong “{item}”")
    return used


def offices(sentence, body):
    """ "bầu đồng chí A giữ chức Bí thư, đồng chí B giữ chức Phó Bí thư …" → each
    member's office; an office for a name not on the list is a doubt."""
    for match in OFFICE.finditer(protect(sentence)):
        who = re.sub(r"^.*\bbầu\s+", "", match.group(1).replace("\u2024", "."))
        name, _, _ = split_person(who)
        member = body.member(name) if name else None
        if member is None:
            body.certain = False
            body.doubts.append(f"“{clean(who)}” được giao chức vụ nhưng không có tên")
            continue
        member.office = clean(match.group(2))


def check_count(body):
    if body.count is not None and body.count != len(body.members):
        body.certain = False
        body.doubts.append(
            f"văn bản nêu {body.count} người, đọc được {len(body.members)} người"
        )


def read_elected(text):
    """Every elected list ``text`` gives (``ElectedReading``)."""
    reading = ElectedReading()
    lines = [clean(line) for line in text.splitlines() if clean(line)]
    current = None
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if NUMBERED.match(line):
            continue
        following, past = numbered_after(lines, index)
        for sentence in sentences(line):
            if body := elected_body(sentence):
                current = body
                reading.bodies.append(body)
            if current is None:
                continue
            if not current.members and members_of(sentence, current, following):
                index = past
            elif current.members and "giữ chức" in sentence:
                offices(sentence, current)
    for body in reading.bodies:
        check_count(body)
        if not body.members:
            reading.uncertain.append(
                Finding(body.source, "Có bầu cử nhưng không đọc được danh sách")
            )
    return reading
