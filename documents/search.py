"""Finding a document by its number or by words of its summary, tones ignored.

People type a number as they remember it: "10/KH-CĐNGT", "10/KH", "kh-cdngt". Folded
("10/kh-cdngt"), it is looked for as the start of a piece of the number, the same on
SQLite and PostgreSQL. Words ("ke hoach tong ket") match as everywhere on the site: each
begins a word of the folded number, summary, issuer or signer (core.search).
"""

import re

from django.db.models import Q

from core.search import starts_a_word
from core.text import fold, search_terms

QUERY_CHARS = 200


def number_match(query):
    """Documents whose folded number has ``query``, folded, at the start of a piece.

    "10/kh" finds "10/KH-CĐNGT", not "110/KH-CĐNGT"; "kh-cdngt" finds it too.
    """
    folded = fold(query[:QUERY_CHARS])
    if not folded:
        return None
    return Q(
        number_folded__contains=folded,
        number_folded__regex=f"(^|[^a-z0-9]){re.escape(folded)}",
    )


def words_match(query):
    """Documents where every word of ``query`` begins a word of the search text."""
    terms = search_terms(query)
    if not terms:
        return None
    condition = Q()
    for term in terms:
        condition &= starts_a_word("search_text", term)
    return condition


def matching(documents, query):
    """``documents`` found by ``query``'s number or its words; none for no words."""
    conditions = [c for c in (number_match(query), words_match(query)) if c]
    if not conditions:
        return documents.none()
    condition = Q()
    for each in conditions:
        condition |= each
    return documents.filter(condition)
