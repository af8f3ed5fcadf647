"""Matching folded words in the database, the same way on SQLite and PostgreSQL."""

from django.db.models import Q


def starts_a_word(field, term):
    """``field`` has a word that begins with ``term``: "uy" finds "Đảng uỷ", not
    "chính quy" or "tuyển", so "dang uy" is not every article of a "Cao đẳng", and
    "yen" finds "Ngô Thị Yến", not every "Nguyễn".

    ``field`` holds ``fold()``-ed text and ``term`` is one of ``search_terms()``
    (``[a-z0-9]`` only). The ``contains`` half is what PostgreSQL's trigram index
    answers; the regex, the same on both databases, keeps the word starts.
    """
    return Q(**{f"{field}__contains": term, f"{field}__regex": f"(^|[^a-z0-9]){term}"})
