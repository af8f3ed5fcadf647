"""Vietnamese text: slugs, folding for search and matching, and name sort keys.

Every app uses these; none keeps a copy of its own.

- ``slugify_vi("Đảng uỷ Đoàn Thanh niên")`` → ``"dang-uy-doan-thanh-nien"``
  (Django's ``slugify`` drops đ, giving ``"ang-uy-oan-thanh-nien"``).
- ``fold("Đảng uỷ")`` == ``fold("ĐẢNG ỦY")`` == ``"dang uy"``: lower case, no tone
  marks or letter marks, đ→d, spaces collapsed. Old and new tone placement ("uỷ"/"ủy",
  "hoà"/"hòa") fold to the same text because every mark goes.
- ``person_sort_key("Nguyễn Văn Đức")`` orders people as a Vietnamese list does: by
  given name, then middle, then family name, in the Vietnamese alphabet, tones breaking
  ties. The key is plain lower-case ASCII, so SQLite and PostgreSQL order it alike.
"""

import functools
import re
import unicodedata
from html import unescape

from django.utils.text import slugify

# Combining marks that carry the five tones, in the order Vietnamese dictionaries use
# (no mark first): huyền, hỏi, ngã, sắc, nặng.
TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a letter of its own: ă (breve), â ê ô (circumflex), ơ ư (horn).
LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}

# The Vietnamese alphabet, with f j w z where the Latin alphabet has them so that
# foreign and minority names still sort sensibly.
ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l",
    "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_LETTER_RANK = {letter: rank for rank, letter in enumerate("0123456789")}
_LETTER_RANK.update({letter: 10 + rank for rank, letter in enumerate(ALPHABET)})

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text):
    """Lower-case ``text`` and strip every Vietnamese mark; đ becomes d.

    Punctuation stays (search excerpts need it); runs of white space become one space.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.lower()).strip()


def fold_words(text):
    """``fold`` without punctuation: "Tổ chức-Hành chính" → "to chuc hanh chinh"."""
    return " ".join(_NON_WORD.split(fold(text))).strip()


def slugify_vi(text, max_length=None):
    """A URL slug for Vietnamese text: "Hội nghị tổng kết" → ``"hoi-nghi-tong-ket"``.

    Punctuation separates words ("10/KH-CĐNGT" → ``"10-kh-cdngt"``, "2023/2024" →
    ``"2023-2024"``) where Django's ``slugify`` would glue them together.
    """
    slug = slugify(fold_words(text))
    if max_length:
        slug = slug[:max_length].rstrip("-")
    return slug


def unique_slug(instance, value, field_name="slug", max_length=None):
    """A slug from ``value`` not yet used by another row of ``instance``'s model.

    The first taken slug gets ``-2``, then ``-3`` and so on. ``instance`` itself is
    excluded, so saving a row again keeps its slug.
    """
    model = type(instance)
    max_length = max_length or model._meta.get_field(field_name).max_length
    base = slugify_vi(value, max_length=max_length) or model._meta.model_name
    others = model._default_manager.all()
    if instance.pk is not None:
        others = others.exclude(pk=instance.pk)
    taken = set(
        others.filter(**{f"{field_name}__startswith": base}).values_list(
            field_name, flat=True
        )
    )

    def is_taken(candidate):
        # A suffix that had to cut into ``base`` gives a slug outside ``taken``.
        if candidate.startswith(base):
            return candidate in taken
        return others.filter(**{field_name: candidate}).exists()

    candidate, number = base, 1
    while is_taken(candidate):
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate


def _letters(word):
    """The letters of ``word``, each a base character with the marks that follow it.

    Decomposed input ("a" + U+0306) is grouped back into one letter, so a name typed
    on a keyboard that sends combining marks sorts as its precomposed form does.
    """
    letter = ""
    for char in unicodedata.normalize("NFD", word):
        if letter and unicodedata.combining(char):
            letter += char
            continue
        if letter:
            yield letter
        letter = char
    if letter:
        yield letter


def _letter_and_tone(char):
    """(base letter with its letter marks, tone number) of one letter."""
    decomposed = unicodedata.normalize("NFD", char.lower())
    base, tone, marks = decomposed[:1], 0, set()
    for mark in decomposed[1:]:
        if mark in TONE_MARKS:
            tone = TONE_MARKS[mark]
        elif mark in LETTER_MARKS:
            marks.add(LETTER_MARKS[mark])
    if base == "a" and "breve" in marks:
        base = "ă"
    elif base in "aeo" and "circumflex" in marks:
        base = {"a": "â", "e": "ê", "o": "ô"}[base]
    elif base in "ou" and "horn" in marks:
        base = {"o": "ơ", "u": "ư"}[base]
    return base, tone


def _code(rank):
    # Two lower-case letters per symbol: "a?" are tone codes, letters start at "b".
    return chr(ord("b") + rank // 26) + chr(ord("a") + rank % 26)


def syllable_key(word):
    """Sort key of one word: its letters, then its tone.

    A tone code sorts before every letter code, so "Ha" comes before "Hai" whatever
    their tones, and "Ha" before "Hà" before "Hạ" when the letters are the same.
    """
    letters, tone = [], 0
    for char in _letters(word):
        base, char_tone = _letter_and_tone(char)
        if base in _LETTER_RANK:
            letters.append(_code(_LETTER_RANK[base]))
            tone = tone or char_tone
    return "".join(letters) + "a" + "abcdef"[tone]


def split_name(full_name):
    """(family name, middle names, given name) of a Vietnamese full name."""
    words = _SPACES.split((full_name or "").strip())
    if not words or words == [""]:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def person_sort_key(full_name):
    """Key that orders names by given name, then middle names, then family name."""
    words = _SPACES.split((full_name or "").strip())
    if not words or words == [""]:
        return ""
    ordered = [words[-1], *words[1:-1], words[0]] if len(words) > 1 else words
    return "".join(syllable_key(word) for word in ordered)


def plain_text(html):
    """The words of an HTML fragment, tags and entities gone, spaces collapsed."""
    from django.utils.html import strip_tags

    return _SPACES.sub(" ", unescape(strip_tags(html or ""))).strip()


def search_terms(query, limit=8):
    """The folded words of a visitor's query, at most ``limit`` of them, deduplicated.

    Words are cut to 50 characters: a 500-character query costs no more than a short
    one.
    """
    words = []
    for word in fold_words(query[:500]).split():
        word = word[:50]
        if word not in words:
            words.append(word)
    return words[:limit]


@functools.lru_cache(maxsize=4096)
def _fold_char(char):
    folded = fold(char)
    return folded[:1] if folded else char.lower()


def highlight(text, terms, width=240):
    """An excerpt of ``text`` around the first match of ``terms``, matches in <mark>.

    A match begins a word; it ignores tone marks and case, as search does; the excerpt keeps the
    original Vietnamese. The result is escaped HTML, safe to show.
    """
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    text = text or ""
    folded = "".join(_fold_char(char) for char in text)  # one char per char
    spans = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            # Search matches words by their start ("uy" finds "uỷ", not "quy"); so
            # does the highlight.
            if start == 0 or not folded[start - 1].isalnum():
                spans.append((start, start + len(term)))
            start = folded.find(term, start + 1)
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    first = merged[0][0] if merged else 0
    begin = max(0, first - width // 3)
    if begin:
        space = text.rfind(" ", 0, begin)
        begin = space + 1 if space != -1 else begin
    end = min(len(text), begin + width)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    parts, position = [], begin
    for start, stop in merged:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:stop])}</mark>")
        position = stop
    parts.append(escape(text[position:end]))
    prefix = "… " if begin > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)


def dialable(phone):
    """A phone number as a ``tel:`` link needs it: its digits and a leading +
    ("0204 3.854.123", "(0204) 3854 123" → "02043854123")."""
    digits = "".join(char for char in phone if char.isdigit())
    return f"+{digits}" if phone.strip().startswith("+") and digits else digits
