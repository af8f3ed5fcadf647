"""Finding a document by its number or by words of its summary, tones ignored.

People type a number as they remember it: "10/KH-CĐNGT", "10/KH", "kh-cdngt". A
query of one piece joined by "/", "-" or "." is such a symbol, not words: folded
("10/kh-cdngt"), it is looked for whole, at the start of a piece of the folded
number and summary ("110/KH" is not "10/KH"; "2022-2023" in a summary is found),
so "kh-cdngt" does not find every "khen thưởng" because "kh" begins a word. Other
queries are words ("ke hoach tong ket"), matched as everywhere on the site: each
begins a word of the folded number, summary, issuer or signer (core.search). Both
work the same on SQLite and PostgreSQL.
"""

import re

from django.db.models import Q

from core.search import starts_a_word
from core.text import fold, search_terms

QUERY_CHARS = 200
# One folded piece with "/", "-" or "." in it: "10/kh", "kh-cdngt", "/qd".
SYMBOL = re.compile(r"[a-z0-9]*(?:[/.-][a-z0-9]*)+")


def piece_match(field, folded):
    """``field`` has ``folded`` at the start of a piece: "10/kh" finds
    "10/KH-CĐNGT", not "110/KH-CĐNGT"; "kh-cdngt" finds it too."""
    return Q(
        **{
            f"{field}__contains": folded,
            f"{field}__regex": f"(^|[^a-z0-9]){re.escape(folded)}",
        }
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
    """``documents`` found by ``query`` as a symbol or by its words; none when it
    is neither."""
    folded = fold(query[:QUERY_CHARS])
    if SYMBOL.fullmatch(folded) and any(char.isalnum() for char in folded):
        return documents.filter(piece_match("search_text", folded))
    condition = words_match(query)
    return documents.none() if condition is None else documents.filter(condition)
