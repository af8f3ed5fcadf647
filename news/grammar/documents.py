"""The documents a meeting was held under: "Kế hoạch số 125/KH-CĐNGT ngày 09/8/2024
của Trường … về tổ chức tổng kết năm học".

A document is cited as its kind, "số", its number, "ngày" and its date, then
optionally "của" its issuer and "về (việc)" its subject. The subject may hold commas
("tổng kết công tác học sinh, sinh viên"), so it ends only where the next clause of
the sentence starts: a semicolon or colon, the next document ("và Kế hoạch số …"),
the meeting's time or place (", vào hồi …", ", tại …") or a new subject with its verb
(", Nhà trường thông báo …").
"""

import re
from dataclasses import dataclass

from news.grammar.base import (
    LOWER,
    NUMERIC_DATE,
    UPPER,
    clean,
    date_from,
    protect,
    unprotect,
)

KINDS = {
    "kế hoạch": "plan",
    "quyết định": "decision",
    "công văn": "official_letter",
    "thông báo": "notice",
    "nghị quyết": "resolution",
    "báo cáo": "report",
    "chương trình": "programme",
    "hướng dẫn": "other",
}
KIND_WORDS = "|".join(word.capitalize() for word in KINDS)
CITATION = re.compile(
    rf"\b({KIND_WORDS})\s+số\s+(\d[\w/.\-]*?)\.?\s+ngày\s+{NUMERIC_DATE}"
    r"(?:\s+của\s+(?P<issuer>[^;,.:]+?)"
    rf"(?=\s+về\b|[;,.:]|\s+và\s+(?:{KIND_WORDS})\s+số|$))?"
)
# An issuer named before the citation: "… của Ban Thường vụ Đoàn Trường tại Công văn
# số …", "Hiệu trưởng Nhà trường đã ban hành Quyết định số …".
ISSUER_BEFORE = re.compile(
    rf"(?:của\s+|^|[,;]\s*)([{UPPER}](?:(?!của\s)[^,;.])*?)\s+(?:tại|(?:đã\s+)?ban hành)\s+$"
)
# Words after a citation's date that start no subject of it.
NOT_SUBJECT = {"và", "của", "về", "vào", "tại", "hồi"}
ABOUT = re.compile(r"^\s+về\s+(?:việc\s+)?")
# Where the subject of a document ends: the start of the sentence's next clause.
SUBJECT_END = re.compile(
    rf"[;:]|\.(?:\s|$)|\s+và\s+(?:{KIND_WORDS})\s+số\b"
    r"|,\s+(?:vào|hồi|sáng|trưa|chiều|tối|ngày|từ ngày|tại|cụ thể)\b"
    r"|,\s+(?=[^,;.]*?\s(?:đã|thông báo|tổ chức)\b)"
)


@dataclass
class Document:
    kind: str
    number: str
    date: object
    issuer: str = ""
    title: str = ""
    source: str = ""
    certain: bool = True
    start: int = 0
    end: int = 0


def subject_after(text, position):
    """The "về (việc) …" clause starting at ``position``, and where it ends."""
    about = ABOUT.match(text[position:])
    if about:
        start = position + about.end()
    else:
        # A subject straight after the date: "… ngày 20/8/2024 công nhận …".
        word = re.match(rf"\s+([{LOWER}]+)\b", text[position:])
        if not word or word.group(1) in NOT_SUBJECT:
            return "", position
        start = position + word.start(1)
    end = SUBJECT_END.search(text, start)
    stop = end.start() if end else len(text)
    return clean(text[start:stop]), stop


def documents(text):
    """Every document cited in ``text`` with its span; invalid dates are reported.

    Returns (documents, problems): a citation whose date does not exist is a problem,
    not a document.
    """
    found, problems = [], []
    text = protect(text)
    for match in CITATION.finditer(text):
        kind_word, number = match.group(1), match.group(2)
        date = date_from(match.groups()[2:5])
        title, end = subject_after(text, match.end())
        source = unprotect(clean(text[match.start() : end]))
        issuer = match.group("issuer") or ""
        if not issuer and (before := ISSUER_BEFORE.search(text[: match.start()])):
            issuer = before.group(1)
        if date is None:
            problems.append(source)
            continue
        found.append(
            Document(
                KINDS[kind_word.lower()],
                number,
                date,
                clean(issuer),
                unprotect(title),
                source,
                True,
                match.start(),
                max(end, match.end()),
            )
        )
    return found, problems


def blank(text, spans):
    """``text`` with each span replaced by spaces, so offsets stay where they were."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
