"""Full-text search of articles on PostgreSQL, with the same meaning as everywhere.

A search term matches an article when a word of its folded text (``search_text``:
lower case, no tone marks, đ → d) begins with the term (``pages.views.
starts_a_word``, a regex, which is how SQLite searches). On PostgreSQL the same test
is a prefix query on ``search_vector``: the words of ``search_text`` (every run of
characters other than ``a-z0-9`` made a space, split by the ``simple``
configuration: no stemming, no stop words), kept by a trigger and indexed with GIN
(news/migrations/0009_search_vector.py; the first 500,000 characters of an article,
well within PostgreSQL's limit on a tsvector).
``hoi:* & nghi:*`` then finds exactly the articles the regex finds, without reading
or parsing any article's text at query time.
"""

import re

_TERM = re.compile(r"[a-z0-9]+")


def prefix_query(terms):
    """Every term as the start of a word: ``hoi:* & nghi:*``."""
    from django.contrib.postgres.search import SearchQuery

    if not terms or not all(_TERM.fullmatch(term) for term in terms):
        raise ValueError("search terms are folded words: a-z and 0-9 only")
    return SearchQuery(
        " & ".join(f"{term}:*" for term in terms), search_type="raw", config="simple"
    )


def matching(articles, terms):
    """``articles`` whose words begin with every one of ``terms`` (PostgreSQL)."""
    return articles.filter(search_vector=prefix_query(terms))
