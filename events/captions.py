"""Reading the people a caption names.

The college's captions name people the same way: "Đồng chí Nguyễn Thị Hương – Trưởng
phòng Tổ chức – Hành chính công bố …". The name is the run of capitalised words after
"Đồng chí" (or "Đ/c", "Thầy", "Cô", a degree such as "TS."), up to the dash or comma.
Names are matched by folded text, so tone marks and "uỷ"/"ủy" spelling do not matter.
"""

import re

from core.text import fold
from people.models import Person

TITLES = ("đồng chí", "đ/c", "thầy", "cô", "ông", "bà")
DEGREES = ("gs.ts.", "pgs.ts.", "pgs.", "ts.", "ths.", "cn.", "ks.", "bs.")
_WORD = re.compile(r"\S+")
_STOP = re.compile(r"[–—\-,;:()]")


def names_in(caption):
    """The names a caption introduces with a title, in order."""
    words = _WORD.findall(caption or "")
    names = []
    index = 0
    while index < len(words):
        word = words[index].lower()
        if (
            word == "đồng"
            and index + 1 < len(words)
            and words[index + 1].lower() == "chí"
        ):
            index += 2
        elif word in TITLES or word in DEGREES:
            index += 1
        else:
            index += 1
            continue
        while index < len(words) and words[index].lower() in DEGREES:
            index += 1
        name = []
        while index < len(words) and len(name) < 5:
            word = words[index]
            head = _STOP.split(word, maxsplit=1)[0]
            if not head or not head[0].isupper():
                break
            name.append(head)
            index += 1
            if head != word:  # the word ran into a dash or comma
                break
        if len(name) >= 2:
            names.append(" ".join(name))
    return names


def people_named_in(caption):
    """The Person records a caption names, in caption order, matched by folded name.

    A name with no dash after it may run into the position ("Nguyễn Thị Hương Trưởng
    phòng"), so shorter leading parts are tried too, longest first.
    """
    candidates = []
    for name in names_in(caption):
        words = fold(name).split()
        candidates.append([" ".join(words[:n]) for n in range(len(words), 1, -1)])
    if not candidates:
        return []
    keys = {key for options in candidates for key in options}
    found, ambiguous = {}, set()
    for person in Person.objects.filter(name_folded__in=keys):
        if person.name_folded in found:
            ambiguous.add(person.name_folded)  # two people share the name: ask
        found[person.name_folded] = person
    for key in ambiguous:
        del found[key]
    seen, people = set(), []
    for options in candidates:
        person = next((found[key] for key in options if key in found), None)
        if person and person.pk not in seen:
            seen.add(person.pk)
            people.append(person)
    return people
