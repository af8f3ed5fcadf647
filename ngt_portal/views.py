"""Pages that draw on every app: the home page, search, robots.txt."""

from django.db import connection
from django.db.models import Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from awards.models import Award
from events.models import Meeting
from events.queries import cover_photos
from news import search as article_search
from news.models import Category
from news.views import listed_articles
from ngt_portal.pages import paginate
from ngt_portal.text import fold, highlight, plain_text, search_terms
from people.models import Person

LATEST_PER_CATEGORY = 4
RECENT_MEETINGS = 4
LATEST_AWARDS = 8
SEARCH_SIDE_RESULTS = 10
# Search results are counted up to this many, twenty pages of twelve
# (ngt_portal.pages.CappedPaginator): past that a reader adds a word.
SEARCH_COUNT_CAP = 240
# How much of an article's HTML a search excerpt looks into.
EXCERPT_SOURCE_CHARS = 20_000


@require_safe
def home(request):
    """The featured article, the latest by category, recent meetings and honours."""
    latest = list(listed_articles()[:40])
    featured = next((a for a in latest if a.featured), latest[0] if latest else None)
    by_category = []
    for category in Category.objects.all():
        articles = [a for a in latest if a.category_id == category.pk and a != featured]
        if articles:
            by_category.append((category, articles[:LATEST_PER_CATEGORY]))
    context = {
        "featured": featured,
        "by_category": by_category,
        "meetings": Meeting.objects.select_related("organizer").prefetch_related(
            cover_photos()
        )[:RECENT_MEETINGS],
        "awards": Award.objects.select_related("recipient_person", "recipient_unit")[
            :LATEST_AWARDS
        ],
    }
    return TemplateResponse(request, "home.html", context)


@require_safe
def search(request):
    """Articles, meetings and people matching every word of ``?q=``, tones ignored."""
    query = request.GET.get("q", "")[:500]
    terms = search_terms(query)
    context = {"query": query.strip(), "terms": terms}
    if terms:
        article_filter, meeting_filter, person_filter = Q(), Q(), Q()
        for term in terms:
            article_filter &= starts_a_word("search_text", term)
            meeting_filter &= starts_a_word("search_text", term)
            person_filter &= starts_a_word("name_folded", term)
        articles = listed_articles(body=True)
        if connection.vendor == "postgresql":
            # The same matches from a full-text index (news/search.py).
            articles = article_search.matching(articles, terms)
        else:
            articles = articles.filter(article_filter)
        page = paginate(request, articles, count_cap=SEARCH_COUNT_CAP)
        for article in page:
            article.excerpt = excerpt(article, terms)
            article.title_marked = highlight(article.title, terms, width=1000)
        context.update(
            page_obj=page,
            meetings=Meeting.objects.filter(meeting_filter)[:SEARCH_SIDE_RESULTS],
            people=Person.objects.filter(person_filter)[:SEARCH_SIDE_RESULTS],
        )
    return TemplateResponse(request, "search.html", context)


def starts_a_word(field, term):
    """``field`` has a word that begins with ``term``: "uy" finds "Đảng uỷ", not
    "chính quy" or "tuyển", so "dang uy" is not every article of a "Cao đẳng".

    The ``contains`` half is what PostgreSQL's trigram index answers; the regex, the
    same on both databases (terms are ``[a-z0-9]`` only), keeps the word starts.
    """
    return Q(**{f"{field}__contains": term, f"{field}__regex": f"(^|[^a-z0-9]){term}"})


def excerpt(article, terms):
    """The summary around the match, or the body's words when the match is there.

    The summary is looked at first; then only the start of the body (an excerpt
    shows one place, and a long article's whole text would cost a result page more
    than its queries).
    """
    if article.summary and any(term in fold(article.summary) for term in terms):
        return highlight(article.summary, terms)
    body = plain_text(article.body[:EXCERPT_SOURCE_CHARS])
    if any(term in fold(body) for term in terms):
        return highlight(body, terms)
    return highlight(article.summary or body, terms)


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    # The admin's path is not listed: it may be configured to be unguessable.
    lines = ["User-agent: *", "Disallow: /tim-kiem/", f"Sitemap: {sitemap}"]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
