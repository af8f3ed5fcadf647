"""What a benchmark measures: the pages to request for the content loaded."""

from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse

from events.models import Meeting
from news.models import Article


def bench_urls():
    """The pages a benchmark should request, by name: {name: path}.

    Read from the database, so it answers for whatever content is loaded: the article
    is a published one whose meeting has the most photos, and that meeting is the
    meeting page.
    """
    urls = {
        "home": reverse("home"),
        "article_list_page_500": f"{reverse('news:article_list')}?page=500",
        "honour_roll": reverse("awards:honour_roll"),
        "search": f"{reverse('search')}?{urlencode({'q': 'hoi nghi'})}",
    }
    published = Article.objects.published()
    meeting = (
        Meeting.objects.filter(Exists(published.filter(meeting=OuterRef("pk"))))
        .annotate(photo_count=Count("photos"))
        .order_by("-photo_count", "pk")
        .first()
    )
    if meeting is not None:
        article = (
            published.filter(meeting=meeting)
            .select_related("category")
            .order_by("-published_at", "pk")
            .first()
        )
        urls["article"] = article.get_absolute_url()
        urls["meeting"] = meeting.get_absolute_url()
    return urls
