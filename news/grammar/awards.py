"""Awards an article announces: the form, who gave it under which decision, and each
person or collective honoured.

The articles write an award in a few shapes, each read by its own rule below:

- "tặng Bằng khen của Chủ tịch UBND tỉnh cho 02 cá nhân …: ThS. A – position; ThS. B
  – position." (``given``: a form given to a list in prose);
- "Giấy khen … được trao cho 03 tập thể và 04 cá nhân:" followed by numbered lines
  "1. …" (``given`` with a numbered list);
- 'Danh hiệu “Chiến sĩ thi đua cơ sở” (04 cá nhân): A – …; B – ….' (``titled``);
- "Giải Nhất: ThS. A – Khoa …; ThS. B – Khoa …." after a contest (``prize``);
- "khen thưởng 15 tập thể lớp và 40 cá nhân" (``commended``: numbers only).

The decision (number, date, issuer) and the school year an award belongs to are
those the text last stated (``Context``). A stated number that differs from the names
found makes the award uncertain; a number without names ("112 cá nhân") is kept as
a count for the report, never as an award, and a list item that is neither a person
nor a collective is reported instead of being guessed. Kinds are the values of
``awards.Award.Kind`` (spelt out here: news does not import the awards app).
"""

import datetime
import re
from dataclasses import dataclass, field

from core.text import fold

HONORIFIC = re.compile(r"^((?:(?:GS|PGS|TS|ThS|CN|KS|BS|NGƯT|NGND)\.\s*)+)")
DEGREE_DOT = re.compile(r"\b(GS|PGS|TS|ThS|CN|KS|BS|NGƯT|NGND)\.")
PROTECTED_DOT = "\u2024"  # a dot leader: not a full stop to the sentence splitter
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])")
DASH = re.compile(r"\s+[–—-]\s+|\s*[–—]\s*")
COMRADE = re.compile(r"^(?:các\s+)?(?:đồng chí|đ/c)\s+", re.IGNORECASE)
NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(.+)$")
# Words that begin a collective's name when a capitalised word follows them: "Khoa
# Giáo dục Tiểu học", "Đoàn Thanh niên Trường" (but not "Tổ trưởng …").
UNIT_WORDS = (
    "Khoa", "Phòng", "Trung tâm", "Bộ môn", "Tổ", "Ban", "Đoàn", "Công đoàn",
    "Hội", "Chi bộ", "Chi đoàn", "Liên chi đoàn", "Trường", "Lớp", "Viện", "Sở",
    "Đảng bộ", "Thư viện", "Văn phòng",
)  # fmt: skip
DECISION = re.compile(
    r"Quyết định\s+số\s+([0-9][0-9A-Za-zĐđ/.\-]*[0-9A-Za-zĐđ])\s+ngày\s+"
    r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+của\s+(.+?))?"
    r"(?=\s+(?:về|công nhận|tặng|khen)\b|[,;.:]|$)"
)
ISSUED_BY = re.compile(r"([^,;.]+?)\s+(?:đã\s+)?(?:ban hành|ký)\s+Quyết định\s+số")
SCHOOL_YEAR = re.compile(r"năm học\s+(\d{4})\s*[–—-]\s*(\d{4})")
YEAR = re.compile(r"\bnăm\s+(\d{4})\b")
CONTEST = re.compile(
    r"(?:Hội thi|Cuộc thi|Hội giảng)\s+[^,.;:]*?năm học\s+\d{4}\s*[–—-]\s*\d{4}"
)
# A form of award, with what follows it up to whom it is given to.
FORM = (
    r"(?:Huân chương Lao động(?:\s+hạng\s+\w+)?|Bằng khen|Giấy khen|Cờ thi đua"
    r"|danh hiệu\s+“[^”]+”)"
)
GIVEN = re.compile(
    rf"(?:tặng|trao tặng|trao)\s+({FORM}[^:;]*?)\s+cho\s+(.*)$|"
    rf"^({FORM}[^:;]*?)\s+(?:được\s+)?(?:trao|tặng|trao tặng)\s+cho\s+(.*)$",
    re.IGNORECASE,
)
COMMENDED = re.compile(
    r"(?:khen thưởng|biểu dương|tuyên dương)\s+(?:cho\s+)?(\d+\s.*)$", re.IGNORECASE
)
TITLE_IN = re.compile(r"danh hiệu\s+[“\"]([^”\"]+)[”\"]", re.IGNORECASE)
TITLED = re.compile(
    r"^Danh hiệu\s+[“\"]([^”\"]+)[”\"]\s*(?:\(([^)]*)\))?\s*:\s*(.+)$", re.IGNORECASE
)
PRIZE = re.compile(
    r"^(Giải\s+(?:Nhất|Nhì|Ba|Khuyến khích|Đặc biệt))\s*:\s*(.+)$", re.IGNORECASE
)
PRIZE_COUNT = re.compile(
    r"(\d+)\s+(giải\s+(?:Nhất|Nhì|Ba|Khuyến khích|Đặc biệt))", re.IGNORECASE
)
COLLECTIVE_NOUNS = (
    "tập thể lớp", "tập thể", "tổ công đoàn", "chi đoàn", "đơn vị", "tổ", "lớp",
    "khoa", "phòng",
)  # fmt: skip
PERSON_NOUNS = (
    "cá nhân", "giảng viên", "sinh viên", "đoàn viên", "học sinh", "cán bộ",
    "viên chức", "người lao động", "đồng chí", "hội viên", "nhà giáo",
)  # fmt: skip
COUNT = re.compile(
    r"\b(\d+)\s+("
    + "|".join(map(re.escape, COLLECTIVE_NOUNS + PERSON_NOUNS))
    + r")\b(?:\s+((?:đạt|có)\s+[^,;]*?)(?=\s+và\s+\d|\s*[,;.:(]|$))?",
    re.IGNORECASE,
)
# The forms of the Law on Emulation and Commendation, most specific first, and the
# ``awards.Award.Kind`` value each is stored as.
KINDS = [
    ("huan chuong lao dong", "order_of_labour"),
    ("bang khen cua thu tuong", "pm_certificate"),
    ("tap the lao dong xuat sac", "excellent_collective"),
    ("tap the lao dong tien tien", "advanced_collective"),
    ("lao dong tien tien", "advanced_worker"),
    ("chien si thi dua cap tinh", "provincial_fighter"),
    ("chien si thi dua co so", "grassroots_fighter"),
    ("co thi dua", "emulation_flag"),
    ("bang khen", "certificate_of_merit"),
    ("giay khen", "certificate"),
]
OTHER = "other"


@dataclass
class Recipient:
    """A person (name, degree, position, or the unit after the dash) or a collective
    (``unit`` alone), with the list item it was read from."""

    person: str = ""
    honorific: str = ""
    position: str = ""
    unit: str = ""
    source: str = ""

    @property
    def is_person(self):
        return bool(self.person)


@dataclass
class ParsedAward:
    kind: str
    title: str
    issuer: str = ""
    decision_number: str = ""
    decision_date: datetime.date | None = None
    year: str = ""
    recipients: list = field(default_factory=list)
    count: int | None = None  # the number the text states, when it states one
    noun: str = ""  # whom the number counts ("cá nhân", "tập thể") when unnamed
    source: str = ""
    certain: bool = True
    doubts: list = field(default_factory=list)


@dataclass
class Finding:
    """Something the rules saw but could not turn into an award."""

    source: str
    reason: str


@dataclass
class AwardReading:
    awards: list = field(default_factory=list)  # awards with named recipients
    counted: list = field(default_factory=list)  # stated numbers without names
    uncertain: list = field(default_factory=list)  # Finding

    def report(self):
        """What the editor must check, in Vietnamese, one line each."""
        lines = [
            f"Khen thưởng “{award.title}”: {'; '.join(award.doubts)}"
            for award in self.awards
            if not award.certain
        ]
        lines += [
            f"Khen thưởng “{award.title}”: {award.count} {award.noun} không được "
            "nêu tên — chưa tạo bản ghi."
            for award in self.counted
        ]
        lines += [f"{finding.reason}: “{finding.source}”" for finding in self.uncertain]
        return lines


@dataclass
class Context:
    """What the text has stated so far that later awards inherit."""

    decision_number: str = ""
    decision_date: datetime.date | None = None
    issuer: str = ""
    year: str = ""
    contest: str = ""
    prize_counts: dict = field(default_factory=dict)


# ---------------------------------------------------------------- small rules


def clean(text):
    return " ".join(text.split()).strip(" ,;")


def protect(text):
    """Hide the dots of degrees ("ThS.") so that they do not end sentences."""
    return DEGREE_DOT.sub(lambda m: m.group(1) + PROTECTED_DOT, text)


def sentences(line):
    """The sentences of one paragraph, degrees' dots kept."""
    return [
        part.replace(PROTECTED_DOT, ".")
        for part in SENTENCE_END.split(protect(line))
        if part.strip()
    ]


def kind_of(title):
    """The ``Award.Kind`` value a form's name stands for; "other" for a prize."""
    folded = fold(title)
    return next((kind for words, kind in KINDS if words in folded), OTHER)


def school_year(text):
    """ "năm học 2023–2024" → "2023–2024"; "năm 2024" → "2024"; else ""."""
    if match := SCHOOL_YEAR.search(text):
        return f"{match.group(1)}–{match.group(2)}"
    match = YEAR.search(text)
    return match.group(1) if match else ""


def is_name(text):
    """A person's name: two to five words, each capitalised, none a unit's word."""
    words = text.split()
    return (
        2 <= len(words) <= 5
        and all(word[:1].isupper() and word.isalpha() for word in words)
        and not is_unit(text)
    )


def is_unit(text):
    """A collective's name: a unit's word followed by a capitalised word."""
    for word in UNIT_WORDS:
        if text.startswith(word + " "):
            rest = text[len(word) + 1 :]
            return rest[:1].isupper()
    return False


def split_person(item):
    """ "Đồng chí ThS. Nguyễn Văn A – Trưởng khoa …" → (name, degree, rest after the
    dash); the name is "" when the part before the dash is not a person's name."""
    text = COMRADE.sub("", clean(item).rstrip("."))
    honorific = ""
    if match := HONORIFIC.match(text):
        honorific = match.group(1).replace(" ", "")
        text = text[match.end() :]
    parts = DASH.split(text, maxsplit=1)
    name = clean(parts[0])
    rest = clean(parts[1]).rstrip(".") if len(parts) > 1 else ""
    return (name, honorific, rest) if is_name(name) else ("", honorific, rest)


def recipient(item):
    """One list item as a ``Recipient``, or None when it is neither a person nor a
    collective (then it is reported, not guessed)."""
    item = clean(item).rstrip(".")
    name, honorific, rest = split_person(item)
    if name:
        if is_unit(rest):
            return Recipient(name, honorific, unit=rest, source=item)
        return Recipient(name, honorific, position=rest, source=item)
    if is_unit(item):
        return Recipient(unit=item, source=item)
    return None


def items_in_prose(text):
    """ "A – …; B – …." → ["A – …", "B – …"]."""
    return [clean(part) for part in text.rstrip(" .").split(";") if clean(part)]


def numbered_after(lines, start):
    """The numbered lines "1. …", "2. …" from ``start`` on, as (text, index past)."""
    found = []
    index = start
    while index < len(lines) and (match := NUMBERED.match(lines[index])):
        found.append(match.group(2))
        index += 1
    return found, index


def stated_counts(text):
    """ "cho 03 tập thể và 04 cá nhân" → [(3, "tập thể", "", True), (4, …, False)]:
    number, noun, what they achieved, and whether they are collectives."""
    return [
        (
            int(match.group(1)),
            match.group(2),
            clean(match.group(3) or ""),
            fold(match.group(2)) in {fold(noun) for noun in COLLECTIVE_NOUNS},
        )
        for match in COUNT.finditer(text)
    ]


# ---------------------------------------------------------------- context rules


def read_decision(sentence, context):
    """Remember the last decision stated: number, date, and who issued it (after
    "của", or the subject of "… đã ban hành Quyết định")."""
    match = DECISION.search(sentence)
    if not match:
        return
    number, day, month, year, issuer = match.groups()
    try:
        context.decision_date = datetime.date(int(year), int(month), int(day))
    except ValueError:
        context.decision_date = None
    context.decision_number = number
    if issuer:
        context.issuer = clean(issuer)
    elif subject := ISSUED_BY.search(sentence[: match.end()]):
        context.issuer = clean(subject.group(1))
    else:
        context.issuer = ""
    if year_stated := school_year(sentence[match.end() :]):
        context.year = year_stated


def read_contest(sentence, context):
    """Remember the contest a prize belongs to and how many of each prize it gave."""
    if match := CONTEST.search(sentence):
        context.contest = clean(match.group(0))
        context.year = school_year(match.group(0)) or context.year
    for count, prize in PRIZE_COUNT.findall(sentence):
        context.prize_counts[fold(prize)] = int(count)


# ---------------------------------------------------------------- award rules


def new_award(title, context, sentence):
    return ParsedAward(
        kind=kind_of(title),
        title=title,
        issuer=context.issuer,
        decision_number=context.decision_number,
        decision_date=context.decision_date,
        year=school_year(sentence) or context.year,
        source=sentence,
    )


def titled(sentence, context):
    """'Danh hiệu “X” (02 tập thể): A; B.' or 'Danh hiệu “X”: 112 cá nhân (…).'"""
    match = TITLED.match(sentence)
    if not match:
        return None
    title, stated, rest = match.groups()
    award = new_award(clean(title), context, sentence)
    counts = stated_counts(stated or "")
    if not stated and re.match(r"\d+\s", rest) and (bare := stated_counts(rest)):
        award.count, award.noun = bare[0][:2]
        return award
    award.count = sum(count for count, *_ in counts) if counts else None
    return award, items_in_prose(rest), counts


def prize(sentence, context):
    """'Giải Nhất: ThS. A – Khoa …; ThS. B – Khoa ….' after a contest."""
    match = PRIZE.match(sentence)
    if not match:
        return None
    name, rest = match.groups()
    title = clean(f"{name} {context.contest}")
    award = new_award(title, context, sentence)
    award.count = context.prize_counts.get(fold(name))
    counts = [(award.count, "cá nhân", "", False)] if award.count else []
    return award, items_in_prose(rest), counts


def given(sentence, context, following):
    """ "tặng <form> cho <who>: A; B." or "<form> được trao cho <who>:" followed by
    numbered lines (``following``)."""
    match = GIVEN.search(sentence)
    if not match:
        return None
    form, who = (
        (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    )
    title = clean(form.replace("danh hiệu", "").strip(' “”"'))
    award = new_award(title, context, sentence)
    head, colon, listed = who.partition(":")
    counts = stated_counts(head)
    award.count = sum(count for count, *_ in counts) if counts else None
    if colon and clean(listed):
        return award, items_in_prose(listed), counts
    if colon and following:
        return award, following, counts
    return award, [], counts


def commended(sentence, context):
    """ "khen thưởng 15 tập thể lớp và 40 cá nhân …": numbers, never names."""
    match = COMMENDED.search(sentence)
    if not match:
        return None
    award = new_award("Khen thưởng", context, sentence)
    return award, [], stated_counts(match.group(1))


def check_counts(award, counts):
    """A stated number of collectives or of people that differs from the names read
    makes the award uncertain."""
    units = sum(1 for r in award.recipients if not r.is_person)
    people = len(award.recipients) - units
    stated_units = sum(c for c, _, _, collective in counts if collective)
    stated_people = sum(c for c, _, _, collective in counts if not collective)
    if counts and (stated_units, stated_people) != (units, people):
        award.certain = False
        award.doubts.append(
            f"văn bản nêu {stated_units} tập thể và {stated_people} cá nhân, "
            f"đọc được {units} tập thể và {people} cá nhân"
        )


def settle(found, reading):
    """Turn what a rule found into an award, a count, or findings."""
    if isinstance(found, ParsedAward):  # a number without names
        found.certain = False
        reading.counted.append(found)
        return
    award, items, counts = found
    for item in items:
        person = recipient(item)
        if person is None:
            reading.uncertain.append(
                Finding(item, "Không rõ là cá nhân hay tập thể được khen thưởng")
            )
            award.certain = False
            award.doubts.append(f"không đọc được “{item}”")
        else:
            award.recipients.append(person)
    if award.recipients:
        check_counts(award, counts)
        reading.awards.append(award)
    elif not items:
        for count, noun, what, _ in counts:
            title = match.group(1) if (match := TITLE_IN.search(what)) else award.title
            reading.counted.append(
                ParsedAward(
                    kind=kind_of(title),
                    title=title,
                    noun=noun,
                    issuer=award.issuer,
                    decision_number=award.decision_number,
                    decision_date=award.decision_date,
                    year=award.year,
                    count=count,
                    source=award.source,
                    certain=False,
                )
            )


def read_awards(text):
    """Every award ``text`` announces, the numbers stated without names, and what
    could not be read (``AwardReading``)."""
    reading = AwardReading()
    context = Context()
    lines = [clean(line) for line in text.splitlines() if clean(line)]
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if NUMBERED.match(line):
            continue
        following, past = numbered_after(lines, index)
        for sentence in sentences(line):
            read_decision(sentence, context)
            read_contest(sentence, context)
            found = (
                titled(sentence, context)
                or prize(sentence, context)
                or given(sentence, context, following)
                or commended(sentence, context)
            )
            if found is None:
                continue
            if (
                not isinstance(found, ParsedAward)
                and following
                and found[1] is following
            ):
                index = past
            settle(found, reading)
    return reading
