"""Which articles use a photo: as their cover, or as an image in their body.

Registered with ``events.usage`` when the app starts (``news.apps``), so the media
library and a photo's form, which live in events, can list these articles.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.usage import BODY, COVER, Use
from news.models import Article


def article_uses(photos):
    """``{photo pk: [Use, …]}`` for ``photos``, in two queries whatever their number."""
    found = {}
    photos = [photo for photo in photos if photo.image]
    if not photos:
        return found
    covers = Article.objects.filter(cover_photo__in=photos).only(
        "pk", "title", "cover_photo_id"
    )
    for article in covers:
        found.setdefault(article.cover_photo_id, []).append(
            _use(_("Cover of the article"), article, COVER)
        )
    shown = Article.body_photos.through.objects.filter(photo__in=photos)
    for link in shown.select_related("article").only(
        "photo_id", "article__id", "article__title"
    ):
        found.setdefault(link.photo_id, []).append(
            _use(_("Image in the article"), link.article, BODY)
        )
    return found


def _use(kind, article, role):
    return Use(
        kind,
        article.title,
        reverse("admin:news_article_change", args=[article.pk]),
        role,
    )
