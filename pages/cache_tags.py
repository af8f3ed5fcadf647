"""What the article and meeting pages show, for the page cache (core/dependencies.py).

A page listed here is stored with these tags only: a change to anything else leaves
it stored. Everything the page shows must be named, or a change to it would not
show on the next request; tests/ops/test_page_dependencies.py changes each thing
an article page shows and checks it does.
"""

from core import dependencies as tags


def _card_tags(article):
    """An article's card: its title, date and category (its own tag), and the
    cover it shows (a library photo, else its meeting's)."""
    yield from tags.article_shown(article.pk, article.cover_photo_id)
    if article.meeting_id:
        yield tags.meeting_tag(article.meeting_id)


def article_page(article, related):
    """The article, its category's newest (the related list), its meeting with its
    gallery, attendees, documents and awards, the people and units named."""
    yield from tags.article_shown(article.pk, article.cover_photo_id)
    yield tags.category_tag(article.category_id)
    if article.meeting_id:
        yield from tags.meeting_shown(article.meeting_id)
    yield tags.AWARDS
    for item in related:
        yield from _card_tags(item)


def meeting_page(meeting):
    """The meeting with what hangs on it, the links to the articles reporting it
    (any change to one of them moves ``reports:``), the people, units and awards
    named."""
    yield from tags.shown_by(meeting)
    yield tags.reports_tag(meeting.pk)
