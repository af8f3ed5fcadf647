"""Who cites a document: the meetings held under it, and the published articles
about those meetings or naming its number.

The library knows neither meetings nor articles (docs/architecture.md): they point
to it. As people.merge does for a person, this module follows the relations those
apps declare, from the document's ``meeting_links`` (events.MeetingDocument) to the
meetings and their ``articles``, and asks the articles' own manager for what is
published, so "published" keeps its one definition (news.models).
"""

import re

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q

ARTICLES_SHOWN = 20


def citing_meetings(document):
    """The meetings held under ``document``, newest first, each once."""
    links = document.meeting_links.select_related("meeting").order_by(
        "-meeting__starts_at", "meeting__pk"
    )
    meetings = {}
    for link in links:
        meetings.setdefault(link.meeting_id, link.meeting)
    return list(meetings.values())


def citing_articles(document, meetings):
    """Published articles about ``meetings`` or whose text names the document's
    number (folded, at the start of a piece: "10/kh-cdngt", not "110/kh-cdngt"),
    newest first; one query."""
    articles = articles_manager(document)
    if articles is None:
        return []
    number = re.escape(document.number_folded)
    condition = Q(meeting__in=[meeting.pk for meeting in meetings])
    if document.number_folded:
        condition |= Q(
            search_text__contains=document.number_folded,
            search_text__regex=f"(^|[^a-z0-9]){number}",
        )
    return list(
        articles.published()
        .filter(condition)
        .select_related("category")
        # What a link needs; not the bodies.
        .only("title", "slug", "published_at", "category__slug", "category__name")
        .order_by("-published_at", "-pk")[:ARTICLES_SHOWN]
    )


def articles_manager(document):
    """The articles' manager, reached through the meeting's ``articles`` relation;
    None when no installed app declares one."""
    meeting_model = document.meeting_links.model._meta.get_field(
        "meeting"
    ).related_model
    try:
        relation = meeting_model._meta.get_field("articles")
    except FieldDoesNotExist:
        return None
    return relation.related_model._default_manager
