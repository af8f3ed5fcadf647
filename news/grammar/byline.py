"""Who wrote an article: "Tin, bài: Thạch Thị Hồng Mơ – Phòng TCHC", "Tin, ảnh:",
"Bài, ảnh:", "Tin:", or a unit signing alone on the last line ("Phòng Đào tạo").

The name and the unit part at the first dash; a byline that names a unit
("Tin, ảnh: Ban Tuyên giáo Đoàn Trường") has no person.
"""

import re

from news.grammar.base import NAME, SPACED_DASH, Finding, clean

BYLINE = re.compile(
    r"^(?:Tin\s*,?\s*(?:bài|ảnh)|Bài\s*,\s*ảnh|Tin|Bài)\s*:\s*(.+)$", re.IGNORECASE
)
UNIT_WORDS = re.compile(
    r"^(?:Phòng|Khoa|Ban|Đoàn|Chi bộ|Đảng bộ|Đảng ủy|Công đoàn|Hội|Trung tâm|Trường"
    r"|Bộ môn|Tổ)\b"
)
DASH_AFTER_NAME = re.compile(rf"^({NAME})\s*[–—-]\s*(.+)$")


def byline_index(lines):
    """The index of the byline line, searched from the end; None when there is none."""
    for index in range(len(lines) - 1, -1, -1):
        if BYLINE.match(lines[index]):
            return index
    return None


def read_byline(line):
    """ "Tin, bài: Name – Unit" → Finding({"name", "unit"}); None if not a byline."""
    match = BYLINE.match(line)
    if match:
        return Finding(_name_and_unit(clean(match.group(1))), line, True)
    if signature := unit_signature(line):
        return signature
    return None


def unit_signature(line):
    """A last line that is only a unit's name signs for the unit."""
    text = clean(line)
    if (
        UNIT_WORDS.match(text)
        and len(text.split()) <= 8
        and not re.search(r"[.:;!?\d]", text)
    ):
        return Finding({"name": "", "unit": text}, line, True)
    return None


def _name_and_unit(text):
    if match := DASH_AFTER_NAME.match(text):
        return {"name": clean(match.group(1)), "unit": clean(match.group(2))}
    if UNIT_WORDS.match(text):
        return {"name": "", "unit": text}
    parts = SPACED_DASH.split(text, maxsplit=1)
    return {"name": clean(parts[0]), "unit": clean(parts[1]) if len(parts) > 1 else ""}
