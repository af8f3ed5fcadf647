"""RSS and Atom feeds of published articles, overall and per category."""

import copy

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext_lazy as _

from events.models import Meeting, Photo
from events.templatetags.photos import photo_url
from news.models import Article, Category

FEED_SIZE = 20
# A picture aggregators show beside the title: the 640 px rendition, or the closest.
ENCLOSURE_WIDTH = 640
# What an item shows, and no more: not the bodies, search texts and vectors of the
# articles, nor the meetings' texts.
ARTICLE_FIELDS = (
    "title",
    "slug",
    "summary",
    "published_at",
    "updated_at",
    "byline_text",
    "category__slug",
    "category__name",
    "byline_person__full_name",
    "byline_unit__name",
    "byline_unit__short_name",
    "cover_photo__image",
    "cover_photo__renditions",
    "meeting",
)
PHOTO_FIELDS = ("meeting", "image", "renditions")


class LatestArticles(Feed):
    title = _("News of Ngo Gia Tu College, Bac Giang")
    description = _("The latest articles published on the college's portal.")

    def get_object(self, request, category=None):
        if category is None:
            return None
        return get_object_or_404(Category, slug=category)

    def link(self, category):
        if category is None:
            return reverse("news:article_list")
        return reverse("news:category", args=[category.slug])

    def __call__(self, request, *args, **kwargs):
        # Enclosures are absolute addresses, built from the request: a copy per
        # request holds it, as one feed object serves every request.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def items(self, category):
        # The meetings' cover photos, as lists prefetch them (events.queries),
        # only the columns a rendition's address needs.
        covers = Photo.objects.filter(is_cover=True).exclude(image="")
        articles = (
            Article.objects.published()
            .select_related("category", "byline_person", "byline_unit", "cover_photo")
            .only(*ARTICLE_FIELDS)
            .prefetch_related(
                Prefetch("meeting", queryset=Meeting.objects.only("pk")),
                Prefetch(
                    "meeting__photos",
                    queryset=covers.only(*PHOTO_FIELDS),
                    to_attr="cover_photos",
                ),
            )
        )
        if category is not None:
            articles = articles.filter(category=category)
        return articles.order_by("-published_at")[:FEED_SIZE]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return article.byline or None

    def item_categories(self, article):
        return [article.category.name]

    def item_enclosures(self, article):
        """The article's cover (chosen, else its meeting's) as a JPEG rendition, so
        feed readers and aggregators show its picture."""
        photo = article.card_cover
        url = photo_url(photo, ENCLOSURE_WIDTH) if photo else ""
        if not url:
            return []
        try:
            length = photo.image.storage.size(media_name(url, photo))
        except OSError:
            return []
        return [
            Enclosure(self.request.build_absolute_uri(url), str(length), "image/jpeg")
        ]


def media_name(url, photo):
    """The storage name of a rendition ``url`` of ``photo``: beside its master."""
    stem = photo.image.name.rsplit(".", 1)[0]
    return f"{stem}/{url.rsplit('/', 1)[-1]}" if photo.renditions else photo.image.name


class LatestArticlesAtom(LatestArticles):
    feed_type = Atom1Feed
    subtitle = LatestArticles.description
