"""News pages: article lists by category and the article itself."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from events.models import choose_cover
from events.queries import cover_photos, public_photos
from news import workflow
from news.models import Article, Category
from ngt_portal.pages import paginate

RELATED_COUNT = 4


def listed_articles(body=False):
    """Published articles with what a list card shows, in a fixed number of queries.

    A card shows no body: it and the search columns, the bulk of a row, are left in
    the database unless ``body`` is asked for (search excerpts).
    """
    articles = (
        Article.objects.published()
        .select_related("category", "meeting")
        .prefetch_related(cover_photos("meeting__photos"))
        .order_by("-published_at", "-pk")
    )
    return (
        articles.defer("search_text") if body else articles.defer("body", "search_text")
    )


@require_safe
def article_list(request, category=None):
    """All published articles, or one category's, newest first."""
    articles = listed_articles()
    current = None
    if category is not None:
        current = get_object_or_404(Category, slug=category)
        articles = articles.filter(category=current)
    context = {
        "category": current,
        "categories": Category.objects.all(),
        "page_obj": paginate(request, articles),
    }
    return TemplateResponse(request, "news/article_list.html", context)


@require_safe
def article_detail(request, category, slug):
    """A published article with its meeting's facts, gallery and awards.

    An article not yet public is shown, with the draft banner and never cached, to
    the staff who may see it before it goes out (its author, an editor); to everyone
    else it does not exist.
    """
    articles = Article.objects.select_related(
        "category", "meeting__organizer", "byline_person", "byline_unit"
    )
    article = articles.published().filter(slug=slug).first()
    is_preview = False
    if article is None:
        article = articles.filter(slug=slug).first()
        if article is None or not workflow.may_see(request.user, article):
            raise Http404
        is_preview = True
    if article.category.slug != category:
        return redirect(article, permanent=not is_preview)
    context = {**article_context(article), "is_preview": is_preview}
    response = TemplateResponse(request, "news/article_detail.html", context)
    if is_preview:
        patch_cache_control(response, private=True, no_store=True)
    return response


def article_context(article):
    """What the article page shows; the admin's preview shows the same."""
    context = {"article": article, "related": related_articles(article)}
    meeting = article.meeting
    if meeting is not None:
        context.update(
            meeting=meeting,
            attendees=meeting.attendees.select_related("person"),
            documents=meeting.documents.select_related("issuer"),
            photos=(photos := list(public_photos(meeting))),
            cover=choose_cover(photos),
            awards=meeting.awards.ranked().select_related(
                "recipient_person", "recipient_unit", "campaign"
            ),
        )
    return context


def related_articles(article):
    return (
        listed_articles()
        .filter(category_id=article.category_id)
        .exclude(pk=article.pk)[:RELATED_COUNT]
    )
