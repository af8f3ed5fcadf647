"""RSS and Atom feeds of published articles, overall and per category."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from news.models import Article, Category

FEED_SIZE = 20


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

    def items(self, category):
        articles = Article.objects.published().select_related(
            "category", "byline_person", "byline_unit"
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


class LatestArticlesAtom(LatestArticles):
    feed_type = Atom1Feed
    subtitle = LatestArticles.description
