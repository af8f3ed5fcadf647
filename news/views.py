"""News pages: article lists by category (the article itself is in pages.views)."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from core.pagination import deep_pages, paginate_list
from events.queries import cover_photos
from news.models import Article, Category


def listed_articles(body=False):
    """Published articles with what a list card shows, in a fixed number of queries.

    A card shows no body: it and the search columns, the bulk of a row, are left in
    the database unless ``body`` is asked for (search excerpts).
    """
    articles = (
        Article.objects.published()
        .select_related("category", "meeting", "cover_photo__meeting")
        .prefetch_related(cover_photos("meeting__photos"))
        .order_by("-published_at", "-pk")
    )
    return (
        articles.defer("search_text") if body else articles.defer("body", "search_text")
    )


@require_safe
@deep_pages
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
        "page_obj": paginate_list(request, articles, "published_at", nullable=False),
    }
    return TemplateResponse(request, "news/article_list.html", context)
