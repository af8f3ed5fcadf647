"""What every rule of the grammar shares: a finding, clean text, sentences, dates.

A finding carries the value a rule read, the line or sentence it read it from, and
whether the rule is sure of it: an uncertain finding is still shown to the editor,
never silently kept as fact.
"""

import datetime
import re
from dataclasses import dataclass

DASH = r"\s*[–—-]\s*"
# A dash between two words with a space on at least one side (not "Tổ chức-Hành").
SPACED_DASH = re.compile(r"\s+[–—-]\s*|\s*[–—-]\s+")
DEGREES = r"(?:GS|PGS|TS|ThS|CN|KS|BS|NGƯT|NGND)\."
HONORIFIC = re.compile(rf"^((?:{DEGREES}\s*)+)")
PROTECTED_DOT = "\u2024"  # a dot that ends no sentence (degrees: "TS.")
DEGREE_DOT = re.compile(r"\b(GS|PGS|TS|ThS|CN|KS|BS|NGƯT|NGND|KT|TM)\.")
NUMERIC_DATE = r"(\d{1,2})/(\d{1,2})/(\d{4})"
WORDED_DATE = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
DATE = rf"(?:{NUMERIC_DATE}|{WORDED_DATE})"
# Words a Vietnamese name never holds: it is made of capitalised syllables.
# The capital and small letters of Vietnamese (and the Latin-1 and Latin
# Extended blocks they share), for character classes.
LETTERS = [chr(code) for code in range(0xC0, 0x1EFA) if chr(code).isalpha()]
UPPER = "A-Z" + "".join(char for char in LETTERS if char.isupper())
LOWER = "a-z" + "".join(char for char in LETTERS if char.islower())
NAME_WORD = rf"[{UPPER}][{LOWER}]*"
NAME = rf"{NAME_WORD}(?:\s+{NAME_WORD}){{1,4}}"


@dataclass
class Finding:
    """One fact a rule read: its value, where from, and whether the rule is sure."""

    value: object
    source: str = ""
    certain: bool = True


def clean(text):
    """One line of text: single spaces, no stray separators at its ends."""
    return " ".join(str(text).split()).strip(" ,;")


def protect(text):
    """Hide the dots of degrees ("TS.") so they do not end a sentence."""
    return DEGREE_DOT.sub(lambda match: match.group(1) + PROTECTED_DOT, text)


def unprotect(text):
    return text.replace(PROTECTED_DOT, ".")


def sentences(paragraph):
    """The sentences of a paragraph; a full stop ends one only before a capital."""
    parts = re.split(rf"(?<=[.!?])\s+(?=[\"“(]?[{UPPER}])", protect(paragraph))
    return [unprotect(part).strip() for part in parts if part.strip()]


def date_from(groups):
    """A date from the groups of ``DATE`` (numeric or in words), or None if invalid."""
    values = [value for value in groups if value is not None]
    day, month, year = (int(value) for value in values[:3])
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
