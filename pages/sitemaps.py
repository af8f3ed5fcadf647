"""sitemap.xml: every public page, with when it last changed.

Built for a hundred thousand articles: each section reads only the columns an address
and its date need (``values_list``, no model instances), addresses are made from one
reversed pattern instead of a ``reverse()`` per row, the XML is written directly
rather than through the template engine (which costs about 0.1 ms an address), and
the articles are paged by ranges of their primary key, so a deep page reads its rows
from the key's index instead of skipping all the rows before it (``OFFSET``).
"""

from types import SimpleNamespace
from xml.sax.saxutils import escape

from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import (
    BooleanField,
    Count,
    DateTimeField,
    ExpressionWrapper,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Greatest
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from awards.models import Award
from core.pagination import PER_PAGE
from documents.models import Document
from events.models import Meeting
from news.models import Article, Category
from pages.models import IntroPage
from people.models import Person, Unit

# Addresses per page of the article section: well under the protocol's 50,000, and
# few enough that a page is read and written in about ten milliseconds (0.4 MB).
ARTICLES_PER_PAGE = 2000


def address_pattern(name, *arguments):
    """``reverse(name)`` with ``{0}``, ``{1}`` … where the arguments go: slugs need
    no quoting, so one reverse serves every row of a section."""
    markers = [f"zz{index}markerzz" for index in range(len(arguments))]
    address = reverse(name, args=markers)
    for index, marker in enumerate(markers):
        address = address.replace(marker, f"{{{index}}}")
    return address


def newest(*moments):
    """The latest of the moments given that are set (a modification date may be
    missing, a publication date always is there for what is public)."""
    return max((moment for moment in moments if moment is not None), default=None)


class IdRangePaginator:
    """Pages of a queryset by ranges of its primary key: page ``n`` holds the rows
    whose key is in ``[first + (n - 1) × size, first + n × size)``.

    Two queries, both on the primary key's index: the first and last keys (read at
    either end of the index; from ``bounds`` if given: the same rows without their
    joins), then one page's rows. A page holds at most ``size`` rows (fewer where
    rows were deleted or are not public: a range without any gives an empty page,
    still valid); its boundaries do not move when rows are added at the end.
    """

    def __init__(self, queryset, size, bounds=None):
        self.queryset = queryset
        self.size = size
        self.bounds_queryset = queryset if bounds is None else bounds
        self._bounds = None

    @property
    def bounds(self):
        if self._bounds is None:
            found = self.bounds_queryset.aggregate(first=Min("pk"), last=Max("pk"))
            self._bounds = (found["first"], found["last"])
        return self._bounds

    @property
    def num_pages(self):
        first, last = self.bounds
        if first is None:
            return 1
        return (last - first) // self.size + 1

    def validate_number(self, number):
        if isinstance(number, str) and not (number.isascii() and number.isdigit()):
            raise PageNotAnInteger(number)
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(number) from error
        if number < 1 or number > self.num_pages:
            raise EmptyPage(number)
        return number

    def page(self, number):
        number = self.validate_number(number)
        first, _last = self.bounds
        if first is None:
            return SimpleNamespace(number=1, object_list=[])
        start = first + (number - 1) * self.size
        rows = self.queryset.filter(pk__gte=start, pk__lt=start + self.size)
        return SimpleNamespace(number=number, object_list=rows.order_by("pk"))


class ArticleSitemap(Sitemap):
    """Every published article: ``(slug, category slug, date)`` rows, dated by the
    article's last change, or by its publication if that came later (an article
    saved ahead of its scheduled time changes when the time comes)."""

    changefreq = "monthly"
    limit = ARTICLES_PER_PAGE

    def items(self):
        return (
            Article.objects.published()
            .annotate(changed=Greatest("updated_at", "published_at"))
            .values_list("slug", "category__slug", "changed")
        )

    @cached_property
    def paginator(self):
        # The key range of published articles, without the category join: two
        # reads at the ends of the primary key's index.
        return IdRangePaginator(
            self.items(), self.limit, bounds=Article.objects.published()
        )

    def location(self, row):
        if not hasattr(self, "_pattern"):
            self._pattern = address_pattern("news:article_detail", "c", "s")
        return self._pattern.format(row[1], row[0])

    def lastmod(self, row):
        return row[2]

    def get_latest_lastmod(self):
        # The newest publication and the newest change, each read from the end of
        # an index (article_published_order, article_updated) in one query.
        found = Article.objects.published().aggregate(
            published=Max("published_at"), changed=Max("updated_at")
        )
        return newest(found["published"], found["changed"])


class SlugSitemap(Sitemap):
    """A section of pages addressed by one slug: ``(slug, date)`` rows of
    ``queryset()``, the address from ``url_name``; its size and newest date in one
    aggregate."""

    url_name = None
    date_field = "updated_at"

    def queryset(self):
        raise NotImplementedError

    def items(self):
        fields = ["slug"] + ([self.date_field] if self.date_field else [])
        return self.queryset().values_list(*fields).order_by("pk")

    @cached_property
    def totals(self):
        aggregates = {"count": Count("pk")}
        if self.date_field:
            aggregates["last"] = Max(self.date_field)
        return self.queryset().aggregate(**aggregates)

    @cached_property
    def paginator(self):
        pages = Paginator(self.items(), self.limit)
        pages.count = self.totals["count"]
        return pages

    def location(self, row):
        if not hasattr(self, "_pattern"):
            self._pattern = address_pattern(self.url_name, "s")
        return self._pattern.format(row[0])

    def lastmod(self, row):
        return row[1] if self.date_field else None

    def get_latest_lastmod(self):
        return self.totals.get("last")


class ReadOnce:
    """A section of a few rows, read once for its count, its pages and its dates
    (``rows``)."""

    @cached_property
    def paginator(self):
        return Paginator(self.rows, self.limit)

    @cached_property
    def rows(self):
        return self.items()


class NewestChange(Subquery):
    """The latest ``changed`` among the rows of a subquery, which may be sliced."""

    template = '(SELECT MAX("changed") FROM (%(subquery)s) AS "shown")'
    output_field = DateTimeField()


class CategorySitemap(ReadOnce, SlugSitemap):
    """Each category's page, dated by what it shows: the newest change among its
    first page of published articles (a draft saved today is not news, and a
    correction to an article of years ago is not on it). Each category's dates
    come from the category index alone (news.models: article_category_order)."""

    changefreq = "daily"
    url_name = "news:category"

    def items(self):
        shown = (
            Article.objects.published()
            .filter(category=OuterRef("pk"))
            .order_by("-published_at", "-id")
            .annotate(changed=Greatest("updated_at", "published_at"))
            .values("changed")[:PER_PAGE]
        )
        return list(
            Category.objects.annotate(last=NewestChange(shown))
            .order_by("order", "pk")
            .values_list("slug", "last")
        )

    def get_latest_lastmod(self):
        return newest(*(last for _slug, last in self.rows))


class MeetingSitemap(SlugSitemap):
    changefreq = "monthly"
    url_name = "events:meeting_detail"

    def queryset(self):
        # A meeting planned ahead is in the weekly schedule, not yet in the news.
        return Meeting.objects.on_the_news()


class PersonSitemap(SlugSitemap):
    changefreq = "monthly"
    url_name = "people:person_detail"
    date_field = None

    def queryset(self):
        return Person.objects.filter(pending_import=False)


class UnitSitemap(SlugSitemap):
    changefreq = "monthly"
    url_name = "people:unit_detail"
    date_field = None

    def queryset(self):
        return Unit.objects.all()


class DocumentSitemap(SlugSitemap):
    """The public documents of the library."""

    changefreq = "monthly"
    url_name = "documents:document_detail"

    def queryset(self):
        return Document.objects.filter(is_public=True)


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


class IntroSitemap(ReadOnce, Sitemap):
    """The introduction and organisation, in Vietnamese and in English."""

    changefreq = "monthly"

    def get_latest_lastmod(self):
        dates = [date for _address, date in self.rows]
        return None if None in dates else newest(*dates)

    def items(self):
        names = ["intro", "organisation", "en_home", "en_organisation", "en_contact"]
        addresses = [(reverse(name), None) for name in names]
        english = ExpressionWrapper(
            ~Q(title_en="") & ~Q(body_en=""), output_field=BooleanField()
        )
        pages = (
            IntroPage.objects.published()
            .annotate(english=english)
            .values_list("slug", "updated_at", "english")
        )
        for slug, updated_at, has_english in pages:
            addresses.append((reverse("intro_page", args=[slug]), updated_at))
            if has_english:
                addresses.append((reverse("en_about", args=[slug]), updated_at))
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

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def w3c_date(moment, zone):
    """A ``lastmod``: the local time to the second, with its offset."""
    if hasattr(moment, "hour"):
        return moment.astimezone(zone).isoformat(timespec="seconds")
    return moment.isoformat()


def xml_response(parts, last_modified=None):
    response = HttpResponse("".join(parts), content_type="application/xml")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    if last_modified is not None:
        # ConditionalGetMiddleware answers 304 to a crawler that has this version.
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


@require_safe
def sitemap_index(request):
    """/sitemap.xml: each section's address (``?p=`` for its later pages), dated by
    the newest change it lists: per section, one count or key range and one
    aggregate, none of which reads every article."""
    base = f"{request.scheme}://{RequestSite(request).domain}"
    parts = [XML_HEAD, f'<sitemapindex xmlns="{NAMESPACE}">\n']
    zone = timezone.get_current_timezone()
    dates = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        address = escape(base + reverse("sitemap_section", args=[section]))
        lastmod = sitemap.get_latest_lastmod()
        dates.append(lastmod)
        date = f"<lastmod>{w3c_date(lastmod, zone)}</lastmod>" if lastmod else ""
        for number in range(1, sitemap.paginator.num_pages + 1):
            page = address if number == 1 else f"{address}?p={number}"
            parts.append(f"<sitemap><loc>{page}</loc>{date}</sitemap>\n")
    parts.append("</sitemapindex>\n")
    known = [date for date in dates if date is not None]
    return xml_response(parts, max(known) if len(known) == len(dates) else None)


@require_safe
def sitemap_section(request, section):
    """/sitemap-<section>.xml, ``?p=2`` for its second page: 404 for a section or
    page that does not exist."""
    sitemap_class = SITEMAPS.get(section)
    if sitemap_class is None:
        raise Http404(f"No sitemap section {section!r}")
    sitemap = sitemap_class()
    try:
        page = sitemap.paginator.page(request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(f"No page {request.GET.get('p')!r}") from error
    base = f"{request.scheme}://{RequestSite(request).domain}"
    changefreq = sitemap.changefreq
    frequency = f"<changefreq>{changefreq}</changefreq>" if changefreq else ""
    parts = [XML_HEAD, f'<urlset xmlns="{NAMESPACE}">\n']
    zone = timezone.get_current_timezone()
    newest_change = None
    dated = True
    for item in page.object_list:
        location = escape(base + sitemap.location(item))
        lastmod = sitemap.lastmod(item) if hasattr(sitemap, "lastmod") else None
        if lastmod is None:
            dated = False
            parts.append(f"<url><loc>{location}</loc>{frequency}</url>\n")
            continue
        if newest_change is None or lastmod > newest_change:
            newest_change = lastmod
        parts.append(
            f"<url><loc>{location}</loc><lastmod>{w3c_date(lastmod, zone)}</lastmod>"
            f"{frequency}</url>\n"
        )
    parts.append("</urlset>\n")
    return xml_response(parts, newest_change if dated else None)
