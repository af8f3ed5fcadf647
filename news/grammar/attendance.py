"""Who attended a meeting, with what degree, position and role.

Lists open with "Dự và chỉ đạo … có", "Tới dự …", "Về dự …", "Đến dự …", "Dự buổi Lễ
có …", "Tham dự …", "Về phía Nhà trường có …", "Cùng đi với đoàn có …" (guests),
"Dự và chủ trì … có" (chairs) and "Tiếp và làm việc với đoàn có …" (hosts). Items
part at semicolons; each is a form of address (dropped), a degree, a name and the
position after the dash. Verbs give roles wherever a person is named, in paragraphs
and captions: "chủ trì" (chair), "báo cáo" (reporter), "công bố" (announcer),
"phát biểu", "tham luận" (speaker). A position is only ever made fuller by a later
mention ("Phó Giám đốc Sở" → "Phó Giám đốc Sở Giáo dục và Đào tạo"), never replaced.
"""

import re
from dataclasses import dataclass, field

from news.grammar.base import DEGREES, HONORIFIC, NAME, SPACED_DASH, clean

RANK = ["chair", "reporter", "announcer", "speaker", "guest", "participant"]
ADDRESS = (
    r"(?:các\s+)?(?:đồng chí|đ/c|bà|ông|cô giáo|thầy giáo|cô|thầy|em|thủ khoa"
    r"|tân khoa)\s+"
)
OPENING = re.compile(
    r"^(?P<open>Dự và chỉ đạo|Dự và chủ trì|Tới dự|Về dự|Đến dự|Tham dự|Dự"
    r"|Về phía Nhà trường|Cùng đi với đoàn|Tiếp và làm việc với đoàn)\b.*?\bcó\s+"
    r"(?P<list>.+)$"
)
OPENING_ROLE = {"Dự và chủ trì": "chair", "Tiếp và làm việc với đoàn": "participant"}
MENTION = re.compile(
    rf"(?:(?i:{ADDRESS})|(?P<degree>(?:{DEGREES}\s*)+))(?P<name>{NAME})"
)
# What a person is said to do, and the role it shows (None: no role of its own).
VERBS = [
    ("chủ trì", "chair"),
    ("kết luận", "chair"),
    ("làm trưởng đoàn", "chair"),
    ("tổng kết, kết luận", "chair"),
    ("trình bày báo cáo", "reporter"),
    ("trình bày đề dẫn", "reporter"),
    ("báo cáo", "reporter"),
    ("công bố", "announcer"),
    ("phát biểu", "speaker"),
    ("tham luận", "speaker"),
    ("đọc diễn văn", "speaker"),
    ("phát động", "speaker"),
    ("trao", None),
    ("tặng", None),
    ("đánh trống", None),
    ("điều hành", None),
    ("tiếp thu", None),
]
VERB = re.compile(r"\s(?:đã\s+)?(" + "|".join(word for word, _ in VERBS) + r")\b")
LEADING_VERB = re.compile(
    r"^(Phát biểu|Phát động|Kết luận|Chủ trì)[^,]*,\s*$", re.IGNORECASE
)


@dataclass
class Attendee:
    name: str
    honorific: str = ""
    position: str = ""
    role: str = "participant"
    acts: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    # The act that gave the role ("trình bày báo cáo tổng kết …"): its topic.
    topic: str = ""

    def take_role(self, role, act=""):
        if role and RANK.index(role) < RANK.index(self.role):
            self.role = role
            self.topic = act

    def take_position(self, position):
        """Keep the first position; only a fuller form of it replaces it."""
        position = clean(position).rstrip(".")
        if not self.position or (
            len(position) > len(self.position)
            and position.lower().startswith(self.position.lower())
        ):
            self.position = position


def person(item):
    """ "đồng chí TS. Nguyễn Văn A – Hiệu trưởng" → (honorific, name, position)."""
    text = re.sub(rf"^{ADDRESS}", "", clean(item), flags=re.IGNORECASE)
    honorific = ""
    if match := HONORIFIC.match(text):
        honorific = match.group(1).replace(" ", "")
        text = text[match.end() :]
    name = re.match(rf"^{NAME}", text)
    if not name:
        return None
    rest = text[name.end() :]
    if rest and not SPACED_DASH.match(rest) and not rest.startswith(","):
        return None
    position = re.sub(r"^\s*[–—,-]\s*", "", rest)
    return honorific, name.group(0), clean(position)


def list_items(text):
    """The people of an attendance list: items at ";", the last cut at "cùng"."""
    text = re.split(r"\s+cùng\s+", text.rstrip(". "), maxsplit=1)[0]
    items = []
    for part in text.split(";"):
        items.extend(re.split(r"\s+và\s+(?=đồng chí\b)", part))
    return [found for item in items if (found := person(item))]


def roles_after(rest):
    """The role shown by what follows a name: "– Phó Hiệu trưởng báo cáo …"."""
    dashed = SPACED_DASH.match(rest)
    start = dashed.end() if dashed else 0
    if not dashed:
        rest = rest.lstrip()
    verb = VERB.search(" " + rest[start:])
    if not verb:
        return "", None, ""
    position = rest[start : start + verb.start()] if dashed else ""
    if not dashed and verb.start() != 0:
        return "", None, ""
    if dashed and len(position.split()) > 14:
        return "", None, ""
    position = re.split(rf"\s+và\s+(?:{ADDRESS}|{DEGREES})", position)[0]
    words = verb.group(1)
    role = dict(VERBS)[words]
    act = clean(re.split(r";|\.(?:\s|$)", rest[start + verb.start(1) - 1 :])[0])
    return position, role, act


class Roll:
    """The attendees of one article, in the order the text first names them."""

    def __init__(self):
        self.people = {}
        # Sentences naming someone the rules could give no role: the roll may be
        # missing a person or a role, so it is reported as uncertain.
        self.unexplained = []

    def add(self, honorific, name, position="", role="participant", source="", act=""):
        attendee = self.people.setdefault(name, Attendee(name))
        attendee.honorific = attendee.honorific or honorific
        if position:
            attendee.take_position(position)
        attendee.take_role(role, act)
        if source:
            attendee.sources.append(source)
        return attendee

    def read_list(self, sentence):
        opening = OPENING.match(sentence)
        if not opening:
            return False
        role = OPENING_ROLE.get(opening.group("open"), "guest")
        for honorific, name, position in list_items(opening.group("list")):
            self.add(honorific, name, position, role, sentence)
        return True

    def read_mentions(self, sentence, caption=False):
        """People named with a verb of what they did; in a caption, everyone named."""
        for mention in MENTION.finditer(sentence):
            name = mention.group("name")
            honorific = (mention.group("degree") or "").replace(" ", "")
            rest = sentence[mention.end() :]
            position, role, act = roles_after(rest)
            before = sentence[: mention.start()]
            if role is None and LEADING_VERB.match(before):
                role = dict(VERBS)[LEADING_VERB.match(before).group(1).lower()]
                act = LEADING_VERB.match(before).group(1).lower()
            chaired = re.search(r"với sự chủ trì của\s*$|^Buổi Lễ do\s*$", before)
            if chaired or re.match(rf"(?:{SPACED_DASH.pattern})[^.;]*?\schủ trì", rest):
                role = "chair"
            dashed = SPACED_DASH.match(rest)
            if (caption or chaired) and not position and dashed:
                position = re.split(VERB.pattern, " " + rest[dashed.end() :])[0]
            if role is None and not caption and not chaired:
                self.unexplained.append(sentence)
                continue
            attendee = self.add(
                honorific, name, position, role or "participant", "", act
            )
            if act:
                attendee.acts.append(act)
            attendee.sources.append(sentence)
