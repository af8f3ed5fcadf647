"""sitemap.xml: every public page, with when it last changed."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from awards.models import Award
from documents.models import Document
from events.models import Meeting
from news.models import Article, Category
from pages.models import IntroPage
from people.models import Person, Unit


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        # Only what an address and its date need: not 5,000 bodies per section page.
        return (
            Article.objects.published()
            .select_related("category")
            .only("slug", "updated_at", "category__slug")
            .order_by("pk")
        )

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # Django's own reads every item to find the newest; one aggregate does.
        return Article.objects.published().aggregate(last=Max("updated_at"))["last"]


class CategorySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        # Dated by published articles only: a draft saved today is not news.
        published = Q(articles__in=Article.objects.published())
        return Category.objects.annotate(
            last=Max("articles__updated_at", filter=published)
        ).order_by("order", "pk")

    def lastmod(self, category):
        return category.last

    def get_latest_lastmod(self):
        return (
            Article.objects.published()
            .filter(category__isnull=False)
            .aggregate(last=Max("updated_at"))["last"]
        )


class MeetingSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        # A meeting planned ahead is in the weekly schedule, not yet in the news.
        return Meeting.objects.on_the_news().only("slug", "updated_at").order_by("pk")

    def lastmod(self, meeting):
        return meeting.updated_at

    def get_latest_lastmod(self):
        return Meeting.objects.on_the_news().aggregate(last=Max("updated_at"))["last"]


class PersonSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Person.objects.filter(pending_import=False).order_by("pk")


class UnitSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Unit.objects.order_by("pk")


class StaticSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "home",
            "news:article_list",
            "events:meeting_list",
            "awards:honour_roll",
        ]

    def location(self, name):
        return reverse(name)


class HonourRollSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return list(
            Award.objects.public()
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )

    def location(self, year):
        return reverse("awards:honour_roll_year", args=[year])


class ScheduleSitemap(Sitemap):
    """The weekly schedule at its plain address (this week); past and coming weeks
    are reached from it."""

    changefreq = "daily"

    def items(self):
        return ["schedule"]

    def location(self, name):
        return reverse(name)


class IntroSitemap(Sitemap):
    """The introduction and organisation, in Vietnamese and in English."""

    changefreq = "monthly"

    def items(self):
        names = ["intro", "organisation", "en_home", "en_organisation", "en_contact"]
        addresses = [(reverse(name), None) for name in names]
        for page in IntroPage.objects.published():
            addresses.append((page.get_absolute_url(), page.updated_at))
            if page.has_english:
                addresses.append((page.get_english_url(), page.updated_at))
        return addresses

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]


class ContactSitemap(Sitemap):
    """The contact page, the questions page and the accessibility statement."""

    changefreq = "weekly"

    def items(self):
        return ["contact:contact", "contact:faq", "contact:accessibility"]

    def location(self, name):
        return reverse(name)


class DocumentSitemap(Sitemap):
    """The public documents of the library."""

    changefreq = "monthly"

    def items(self):
        return (
            Document.objects.filter(is_public=True)
            .only("slug", "updated_at")
            .order_by("pk")
        )

    def lastmod(self, document):
        return document.updated_at

    def get_latest_lastmod(self):
        return Document.objects.filter(is_public=True).aggregate(
            last=Max("updated_at")
        )["last"]


SITEMAPS = {
    "pages": StaticSitemap,
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "meetings": MeetingSitemap,
    "honours": HonourRollSitemap,
    "people": PersonSitemap,
    "units": UnitSitemap,
    "schedule": ScheduleSitemap,
    "intro": IntroSitemap,
    "contact": ContactSitemap,
    "documents": DocumentSitemap,
}
