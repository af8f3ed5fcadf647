"""The Django side of ``python -m tests.bench.stack inspect``: the paths the
benchmark requests, and the queries and HTML bytes of each page, found with
Django's test client in a process that has the stack's environment (the measuring
process never imports Django).
"""

import json
import urllib.parse
from pathlib import Path

# The pages of the benchmark, in table order, and what a path list's names must
# contain to be recognised as each (the names of devtools.bench_data.bench_urls()).
PAGES = (
    ("home", ("home",)),
    ("list", ("list", "page")),
    ("article", ("article", "gallery")),
    ("meeting", ("meeting",)),
    ("honour_roll", ("honour", "honor", "award")),
    ("search", ("search",)),
)
SEARCH_WITHOUT_TONES = "hoi nghi tong ket"
LIST_PAGE = 500
# Distinct gallery articles for the cold-fragments measurement: more than the
# uncached stack renders in a run, so none is rendered twice.
COLD_ARTICLES = 1000


def _canonical(urls):
    """bench_urls()'s names mapped onto PAGES' names, others kept as they are."""
    named, rest = {}, dict(urls)
    for page, words in PAGES:
        for name in list(rest):
            if any(word in name.lower() for word in words):
                named[page] = rest.pop(name)
                break
    return {**named, **rest}


def _discover():
    """The benchmark's paths found in whatever content is there (the demo's)."""
    from django.db.models import Count

    from core.pagination import PER_PAGE
    from news.models import Article

    articles = Article.objects.published().select_related("category", "meeting")
    pages = max(1, -(-articles.count() // PER_PAGE))
    gallery = (
        articles.filter(meeting__isnull=False)
        .annotate(photo_count=Count("meeting__photos"))
        .order_by("-photo_count", "-published_at")
        .first()
    ) or articles.order_by("-published_at").first()
    if gallery is None:
        raise SystemExit("no published article: the benchmark needs content")
    urls = {
        "home": "/",
        "list": f"/tin-tuc/?page={min(LIST_PAGE, pages)}",
        "article": gallery.get_absolute_url(),
    }
    if gallery.meeting is not None:
        urls["meeting"] = gallery.meeting.get_absolute_url()
    urls["honour_roll"] = "/khen-thuong/"
    urls["search"] = "/tim-kiem/?" + urllib.parse.urlencode({"q": SEARCH_WITHOUT_TONES})
    return urls


def _paths():
    """bench_urls() when devtools.bench_data offers it, else _discover()."""
    try:
        from devtools.bench_data import bench_urls
    except ImportError:
        return _discover(), False
    return _canonical(bench_urls()), True


def _mix(urls):
    """Paths of mixed traffic for the soak: pages of every kind, feeds, searches."""
    from core.pagination import PER_PAGE
    from events.models import Meeting
    from news.models import Article, Category

    articles = Article.objects.published().select_related("category")
    pages = max(1, -(-articles.count() // PER_PAGE))
    paths = ["/", "/tin-tuc/", "/su-kien/", "/khen-thuong/", "/rss/", "/atom/"]
    paths += [
        f"/tin-tuc/?page={n}"
        for n in sorted({2, 3, 10, 50, pages // 2, pages})
        if 1 < n <= pages
    ]
    for category in Category.objects.all()[:6]:
        paths += [category.get_absolute_url(), f"/rss/{category.slug}/"]
    newest = list(articles.order_by("-published_at")[:10])
    step = max(1, articles.count() // 10)
    spread = list(articles.order_by("pk")[::step][:10])
    paths += [article.get_absolute_url() for article in newest + spread]
    paths += [m.get_absolute_url() for m in Meeting.objects.order_by("-starts_at")[:6]]
    for query in (
        "hoi nghi",
        "dang uy",
        "tong ket nam",
        "khen thuong",
        "thi dua",
        "doan thanh nien",
    ):
        paths.append("/tim-kiem/?" + urllib.parse.urlencode({"q": query}))
    paths += list(urls.values())
    return list(dict.fromkeys(paths))


def _storm(urls, hot_count=3):
    """The publish storm's paths and the hot articles' ids: the home page, the
    article with the gallery, and the newest published articles (on the home page),
    ``hot_count`` articles in all."""
    from django.urls import resolve

    from news.models import Article

    published = Article.objects.published()
    hot = []
    if "article" in urls:
        slug = resolve(urllib.parse.urlsplit(urls["article"]).path).kwargs.get("slug")
        hot += list(published.filter(slug=slug).values_list("pk", flat=True))
    for pk in published.order_by("-published_at", "-pk").values_list("pk", flat=True)[
        : hot_count + 1
    ]:
        if len(hot) < hot_count and pk not in hot:
            hot.append(pk)
    articles = published.filter(pk__in=hot).select_related("category")
    by_pk = {article.pk: article.get_absolute_url() for article in articles}
    return {"paths": [urls.get("home", "/")] + [by_pk[pk] for pk in hot], "hot": hot}


def _cold(urls, limit=COLD_ARTICLES):
    """Published articles with a gallery as large as the benchmark article's, one
    per meeting, the benchmark article left out: walked once each, every page is
    rendered with its photos' markup never seen before by the process (cold
    fragments, whatever keeps them)."""
    from django.db.models import Count, Max, OuterRef, Subquery

    from events.models import Meeting
    from news.models import Article

    published = Article.objects.published()
    largest = Meeting.objects.annotate(photo_count=Count("photos")).aggregate(
        most=Max("photo_count")
    )["most"]
    if not largest:
        return []
    newest = published.filter(meeting=OuterRef("pk")).order_by("-published_at", "-pk")
    pks = (
        Meeting.objects.annotate(
            photo_count=Count("photos"), article=Subquery(newest.values("pk")[:1])
        )
        .filter(photo_count=largest, article__isnull=False)
        .order_by("pk")
        .values_list("article", flat=True)[: limit + 1]
    )
    articles = published.filter(pk__in=list(pks)).select_related("category")
    paths = [article.get_absolute_url() for article in articles]
    return [path for path in paths if path != urls.get("article")][:limit]


def run(args):
    """Answer ``inspect`` (see ``inspect()``), as JSON in ``--out``."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import get_commands
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from news.models import Article

    # Queries of a rendered page: never answered from the page cache.
    settings.PAGE_CACHE_ENABLED = False
    answer = {
        "articles": Article.objects.count(),
        "published": Article.objects.published().count(),
        "make_bench_data": "make_bench_data" in get_commands(),
    }
    count = answer["articles"]
    if args.min_articles is not None and (
        count < args.min_articles or (args.exact and count != args.min_articles)
    ):
        # Too few (or, rebuilding, not exactly that many): the data comes first.
        Path(args.out).write_text(json.dumps({**answer, "pages": None}))
        return
    urls, from_bench_data = _paths()
    answer["bench_urls"] = from_bench_data
    client = Client(HTTP_HOST="127.0.0.1")
    pages = {}
    for name, path in urls.items():
        client.get(path)  # the first request of a process does one-off work
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answers {response.status_code}, not 200")
        pages[name] = {
            "path": path,
            "queries": len(queries),
            "bytes": len(response.content),
        }
        if name == "article" and args.bound_file:
            # The bound: a static file of exactly the article page's size.
            bound = Path(args.bound_file)
            bound.parent.mkdir(parents=True, exist_ok=True)
            bound.write_bytes(response.content)
    answer["pages"] = pages
    if getattr(args, "storm", False):
        answer["storm"] = _storm(urls)
        answer["cold"] = _cold(urls)
    if args.mix:
        answer["mix"] = _mix(urls)
        for path in answer["mix"]:
            status = client.get(path).status_code
            if status != 200:
                raise SystemExit(f"{path} answers {status}, not 200")
    Path(args.out).write_text(json.dumps(answer))
