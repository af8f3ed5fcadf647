"""News pages: article lists by category and the article itself."""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from events.queries import choose_cover, cover_photos, public_photos
from news.models import Article, Category
from ngt_portal.pages import paginate

RELATED_COUNT = 4


def listed_articles():
    """Published articles with what a list card shows, in a fixed number of queries."""
    return (
        Article.objects.published()
        .select_related("category", "meeting")
        .prefetch_related(cover_photos("meeting__photos"))
        .order_by("-published_at", "-pk")
    )


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


def article_detail(request, category, slug):
    """A published article with its meeting's facts, gallery and awards."""
    article = get_object_or_404(
        Article.objects.published().select_related(
            "category", "meeting__organizer", "byline_person", "byline_unit"
        ),
        slug=slug,
    )
    if article.category.slug != category:
        return redirect(article, permanent=True)
    return TemplateResponse(
        request, "news/article_detail.html", article_context(article)
    )


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
