"""Which articles use a photo: as their cover, or as an image in their body.

Registered with ``events.usage`` when the app starts (``news.apps``), so the media
library and a photo's form, which live in events, can list these articles.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.usage import BODY, COVER, Use, file_stem
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
    stems = {stem: photo.pk for photo in photos if (stem := file_stem(photo))}
    if not stems:
        return found
    # A body names a photo by one of its files' addresses: master or rendition,
    # all sharing the generated stem.
    condition = Q()
    for stem in stems:
        condition |= Q(body__icontains=stem)
    for article in Article.objects.filter(condition).only("pk", "title", "body"):
        body = article.body.lower()
        for stem, pk in stems.items():
            if stem.lower() in body:
                found.setdefault(pk, []).append(
                    _use(_("Image in the article"), article, BODY)
                )
    return found


def _use(kind, article, role):
    return Use(
        kind,
        article.title,
        reverse("admin:news_article_change", args=[article.pk]),
        role,
    )
