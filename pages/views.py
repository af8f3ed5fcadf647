"""The public pages that show several apps at once.

The home page and search; an article with its meeting's facts, gallery and awards;
a meeting with its awards and articles; a person's and a unit's page with what every
app records of them. The domain apps' own views show one app each (lists, the honour
roll), so no domain app reaches one beside or above it.
"""

import functools

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from awards.models import Award
from contact.models import Message
from core import dependencies
from core.pagination import paginate
from core.search import starts_a_word
from core.text import fold, highlight, plain_text, search_terms
from documents import search as document_search
from documents.models import Document
from events.models import ElectedMember, Meeting, choose_cover
from events.queries import SHOWN_PHOTO_FIELDS, cover_photos, public_photos
from news import search as article_search
from news import workflow
from news.models import Article, Category
from news.views import listed_articles
from pages import cache_tags
from people.models import Person, Unit

LATEST_PER_CATEGORY = 4
RELATED_COUNT = 4
RECENT_MEETINGS = 4
LATEST_AWARDS = 8
SEARCH_SIDE_RESULTS = 10
# Search results are counted up to this many, twenty pages of twelve
# (core.pagination.CappedPaginator): past that a reader adds a word.
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
        "meetings": Meeting.objects.on_the_news()
        .select_related("organizer")
        .prefetch_related(cover_photos())[:RECENT_MEETINGS],
        "awards": Award.objects.public().select_related(
            "recipient_person", "recipient_unit"
        )[:LATEST_AWARDS],
    }
    return TemplateResponse(request, "pages/home.html", context)


@require_safe
def search(request):
    """Articles, and beside them documents, meetings, people, units and answered
    questions, matching every word of ``?q=``, tones ignored."""
    query = request.GET.get("q", "")[:500]
    terms = search_terms(query)
    context = {"query": query.strip(), "terms": terms}
    if terms:
        article_filter, meeting_filter, person_filter = Q(), Q(), Q()
        unit_filter, question_filter = Q(), Q()
        for term in terms:
            article_filter &= starts_a_word("search_text", term)
            meeting_filter &= starts_a_word("search_text", term)
            person_filter &= starts_a_word("name_folded", term)
            unit_filter &= starts_a_word("name_folded", term)
            question_filter &= starts_a_word("public_text", term)
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
            meetings=Meeting.objects.filter(meeting_filter, pending_import=False)[
                :SEARCH_SIDE_RESULTS
            ],
            people=Person.objects.filter(person_filter, pending_import=False)[
                :SEARCH_SIDE_RESULTS
            ],
            units=Unit.objects.filter(unit_filter)[:SEARCH_SIDE_RESULTS],
            documents=matching_documents(query),
            questions=Message.objects.published()
            .filter(question_filter)
            .order_by("-answered_at")[:SEARCH_SIDE_RESULTS],
        )
    return TemplateResponse(request, "pages/search.html", context)


def matching_documents(query):
    """Public library documents found by number ("10/KH-CĐNGT", "kh-cdngt") or by
    words, tones ignored (documents.search); one query."""
    found = document_search.matching(Document.objects.filter(is_public=True), query)
    return list(found.select_related("issuer")[:SEARCH_SIDE_RESULTS])


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


@require_safe
def article_detail(request, category, slug):
    """A published article with its meeting's facts, gallery and awards.

    An article not yet public is shown, with the draft banner and never cached, to
    the staff who may see it before it goes out (its author, an editor); to everyone
    else it does not exist.
    """
    articles = Article.objects.select_related(
        "category",
        "meeting__organizer",
        "byline_person",
        "byline_unit",
        "cover_photo__meeting",
    ).only(*ARTICLE_PAGE_FIELDS)
    article = the_one(articles.published().filter(slug=slug))
    is_preview = False
    if article is None:
        article = the_one(articles.filter(slug=slug))
        if article is None or not workflow.may_see(request.user, article):
            raise Http404
        is_preview = True
    if article.category.slug != category:
        return redirect(article, permanent=not is_preview)
    context = {**article_context(article), "is_preview": is_preview}
    if not is_preview:
        dependencies.depends_on(*cache_tags.article_page(article, context["related"]))
    response = TemplateResponse(request, "pages/article_detail.html", context)
    if is_preview:
        patch_cache_control(response, private=True, no_store=True)
    return response


def meeting_photos(meeting):
    """The meeting's photos and cover, read when the template first asks for them
    (it calls them): a page whose meta and gallery are stored fragments
    (core/templatetags/page_fragments.py) never reads them, one that renders them
    reads them once."""
    photos = functools.cache(lambda: list(public_photos(meeting)))
    return {"photos": photos, "cover": functools.cache(lambda: choose_cover(photos()))}


def article_context(article):
    """What the article page shows; the admin's preview shows the same."""
    context = {"article": article, "related": related_articles(article)}
    meeting = article.meeting
    if meeting is not None:
        context.update(
            meeting=meeting,
            **meeting_facts(meeting),
            **meeting_photos(meeting),
            awards=presented_awards(meeting.awards.all()),
        )
    # A cover chosen from the library comes first (og:image, the page's data).
    if article.cover_photo_id and article.cover_photo.image:
        context["cover"] = article.cover_photo
    return context


# What the article page reads of the rows its first query joins (the page, its
# meeting's facts, the byline, og:image), and the dates the page and its cache
# keep: no search columns (as long as the body), no long texts of the people,
# units and category it names. Fewer columns to list, send and turn into objects.
ARTICLE_PAGE_FIELDS = (
    "title",
    "slug",
    "summary",
    "body",
    "status",
    "published_at",
    "updated_at",
    "featured",
    "author",
    "byline_text",
    "category__name",
    "category__slug",
    "meeting__title",
    "meeting__slug",
    "meeting__kind",
    "meeting__starts_at",
    "meeting__time_known",
    "meeting__location",
    "meeting__summary",
    "meeting__pending_import",
    "meeting__updated_at",
    "meeting__organizer__name",
    "meeting__organizer__short_name",
    "meeting__organizer__slug",
    "byline_person__full_name",
    "byline_person__honorific",
    "byline_person__slug",
    "byline_unit__name",
    "byline_unit__short_name",
    "byline_unit__slug",
    *(f"cover_photo__{name}" for name in SHOWN_PHOTO_FIELDS),
    "cover_photo__meeting__title",
    "cover_photo__meeting__slug",
)


def the_one(articles):
    """The article of a unique slug, or None: without ``first()``'s ordering, which
    costs the query's compilation more than it sorts."""
    return next(iter(articles.order_by()[:1]), None)


def meeting_facts(meeting):
    """The attendees and documents events/includes/meeting_facts.html lists, with
    only the columns it reads. Ordered within the meeting by their own column: the
    models' ordering starts with the meeting, which would join it to sort by its
    date."""
    return {
        "attendees": meeting.attendees.select_related("person")
        .only(
            "meeting_id",
            "person",
            "name",
            "position_at_time",
            "role",
            "topic",
            "order",
            "person__full_name",
            "person__honorific",
            "person__slug",
        )
        .order_by("order"),
        "documents": meeting.documents.select_related("issuer", "document").only(
            "meeting_id",
            "kind",
            "number",
            "date",
            "title",
            "issuer",
            "file",
            "document",
            "issuer__name",
            "document__slug",
            "document__is_public",
        ),
    }


def presented_awards(awards):
    """``awards`` as awards/includes/awards_presented.html shows them, ranked
    (``AwardQuerySet.ranked``), with the recipients' names and addresses and
    nothing else; read when the page first uses them.

    The database sorts by the recipient's name, and Python, stably, by the form's
    rank: the same order as ``ranked()``, without compiling its CASE of every form
    for each page.
    """
    rows = (
        awards.select_related("recipient_person", "recipient_unit")
        .only(
            "kind",
            "title",
            "year",
            "meeting_id",
            "decision_number",
            "decision_date",
            "issuer",
            "recipient_person",
            "recipient_unit",
            "recipient_person__full_name",
            "recipient_person__honorific",
            "recipient_person__slug",
            "recipient_unit__name",
            "recipient_unit__slug",
        )
        .order_by("recipient_person__sort_key", "pk")
    )
    return SimpleLazyObject(
        lambda: sorted(rows, key=lambda award: AWARD_RANKS.get(award.kind, LAST_RANK))
    )


AWARD_RANKS = {kind: rank for rank, kind in enumerate(Award.Kind.values)}
LAST_RANK = len(AWARD_RANKS)


def related_articles(article):
    """The newest other articles of the category, as compact cards: title, date,
    address and cover, nothing else of them read."""
    return (
        listed_articles()
        .filter(category_id=article.category_id)
        .exclude(pk=article.pk)
        .only(*RELATED_CARD_FIELDS)[:RELATED_COUNT]
    )


# What a compact card (news/includes/article_card.html) reads of an article.
RELATED_CARD_FIELDS = (
    "title",
    "slug",
    "published_at",
    "category__name",
    "category__slug",
    "meeting__title",
    "meeting__slug",
    *(f"cover_photo__{name}" for name in SHOWN_PHOTO_FIELDS),
    "cover_photo__meeting__title",
    "cover_photo__meeting__slug",
)


def article_preview(request, pk):
    """The article as a visitor will read it, drafts included, for the staff the
    article admin lets see it (mounted under the admin's address, pages/urls.py)."""
    model_admin = admin.site.get_model_admin(Article)
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    article = model_admin.get_object(request, str(pk))
    if article is None or not model_admin.has_view_permission(request, article):
        raise Http404
    context = {**article_context(article), "is_preview": True}
    response = TemplateResponse(request, "pages/article_detail.html", context)
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def meeting_detail(request, slug):
    """A meeting: when, where, under which documents, who came, photos, awards."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("organizer").defer(
            "title_folded",
            "search_text",
            "organizer__description",
            "organizer__name_folded",
        ),
        slug=slug,
        pending_import=False,
    )
    context = {
        "meeting": meeting,
        **meeting_facts(meeting),
        "elected_bodies": elected_bodies(meeting),
        **meeting_photos(meeting),
        "awards": presented_awards(meeting.awards.public()),
        "articles": meeting.articles.published()
        .select_related("category")
        .only(
            "title",
            "slug",
            "published_at",
            "meeting_id",
            "category__name",
            "category__slug",
        ),
    }
    dependencies.depends_on(*cache_tags.meeting_page(meeting))
    return TemplateResponse(request, "pages/meeting_detail.html", context)


def elected_bodies(meeting):
    """The bodies a congress elected, each with its members and their people read
    in one more query: the models' ordering would join the meeting to sort them."""
    members = (
        ElectedMember.objects.select_related("person")
        .only(
            "body_id",
            "person",
            "name",
            "position",
            "role",
            "order",
            "person__full_name",
            "person__honorific",
            "person__slug",
        )
        .order_by("order", "pk")
    )
    return meeting.elected_bodies.order_by("order", "pk").prefetch_related(
        Prefetch("members", queryset=members)
    )


# The newest photos and articles a person's or unit's page shows; the meetings they
# come from are all listed, and each has the rest.
LATEST_PHOTOS = 24
LATEST_ARTICLES = 20


@require_safe
def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug, pending_import=False)
    positions = list(person.positions.select_related("unit"))
    context = {
        "person": person,
        "contacts": own_contacts(person),
        "current_positions": [p for p in positions if p.is_current],
        "past_positions": [p for p in positions if not p.is_current],
        "attendances": person.attendances.filter(meeting__pending_import=False)
        .select_related("meeting")
        .order_by("-meeting__starts_at"),
        "photos": person.photos.exclude(image="")
        .filter(meeting__pending_import=False)
        .select_related("meeting")
        .order_by("-meeting__starts_at", "order")[:LATEST_PHOTOS],
        "awards": person.awards.public().select_related("meeting", "campaign"),
        "articles": person.articles.published()
        .select_related("category")
        .defer("body", "search_text", "search_vector")[:LATEST_ARTICLES],
    }
    return TemplateResponse(request, "pages/person_detail.html", context)


def own_contacts(person):
    """The person's own phone and e-mail, only with their consent
    (``contacts_public``); otherwise None, so that the page has nothing to show."""
    if not person.contacts_public or not (person.phone or person.email):
        return None
    phone = person.phone
    return {
        "phone": phone,
        "email": person.email,
    }


@require_safe
def unit_detail(request, slug):
    unit = get_object_or_404(Unit.objects.select_related("parent"), slug=slug)
    # Heads first, then deputies, members and staff, each rank in the Vietnamese
    # order of given names (Position.objects.by_rank).
    positions = list(unit.positions.select_related("person").by_rank())
    context = {
        "unit": unit,
        "current_positions": [p for p in positions if p.is_current],
        "past_positions": [p for p in positions if not p.is_current],
        "children": sorted(
            unit.children.all(), key=lambda u: (u.order, u.name_sort_key)
        ),
        "meetings": unit.meetings.filter(pending_import=False).order_by("-starts_at")[
            :20
        ],
        "awards": unit.awards.public().select_related("meeting", "campaign"),
        "articles": unit.articles.published()
        .select_related("category")
        .defer("body", "search_text", "search_vector")[:LATEST_ARTICLES],
    }
    return TemplateResponse(request, "pages/unit_detail.html", context)
