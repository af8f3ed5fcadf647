"""An article's title: a "Tiêu đề:" line; else a heading in capitals, turned to
sentence case keeping the words the body itself capitalises ("Ngày Nhà giáo Việt
Nam", "Bắc Giang"); else a short first line (a Word or web page heading); else the
meeting's title; else the first sentence, cut on a word at 150 characters with "…".
"""

import re

from news.grammar.base import Finding, clean, sentences

TITLE_LINE = re.compile(r"^Tiêu đề\s*:\s*(.+)$", re.IGNORECASE)
LIMIT = 150


def title_line(line):
    match = TITLE_LINE.match(line)
    return Finding(clean(match.group(1)), line, True) if match else None


def is_capitals(line):
    letters = [char for char in line if char.isalpha()]
    return len(letters) >= 6 and all(char.isupper() for char in letters)


def is_heading(line, following):
    """A short line without a full stop, before a longer paragraph."""
    words = line.split()
    return (
        2 <= len(words) <= 25
        and not re.search(r"[.:;]$", line)
        and line[:1].isupper()
        and len(following.split()) > len(words)
    )


def proper_words(body):
    """The words the body writes capitalised mid-sentence, and never in lower case."""
    capital, lower = {}, set()
    for paragraph in body:
        for sentence in sentences(paragraph):
            for word in re.findall(r"[^\W\d_]+", sentence)[1:]:
                if word[:1].isupper() and not word.isupper():
                    capital.setdefault(word.lower(), word)
                elif word.islower():
                    lower.add(word)
    return capital, lower


def sentence_case(heading, body):
    """ "LỄ KỶ NIỆM … NGÀY NHÀ GIÁO VIỆT NAM" → "Lễ kỷ niệm … Ngày Nhà giáo Việt Nam".

    A run of words the body writes the same way keeps the body's capitals; a lone
    word keeps its capital when the body never writes it in lower case.
    """
    text = " ".join(body)
    words = heading.split()
    out = [word.lower() for word in words]
    index = 0
    while index < len(words):
        for size in range(len(words) - index, 1, -1):
            phrase = " ".join(words[index : index + size])
            found = re.search(re.escape(phrase), text, re.IGNORECASE)
            if found and any(ch.isupper() for ch in found.group(0)[1:]):
                out[index : index + size] = found.group(0).split()
                index += size
                break
        else:
            index += 1
    capital, lower = proper_words(body)
    for index, word in enumerate(words):
        key = word.lower()
        if out[index] == key and key in capital and key not in lower:
            out[index] = capital[key]
    return out[0][:1].upper() + " ".join(out)[1:]


def first_sentence(body):
    sentence = sentences(" ".join(body))[0] if body else ""
    if len(sentence) <= LIMIT:
        return sentence
    return sentence[:LIMIT].rsplit(" ", 1)[0] + " …"
