"""The page cache: anonymous visitors get stored pages, and a stored page is never stale.

Correctness rests on one number, the content generation. Every save or delete of
content (an article, a caption, an attendee, an award, a person's position … any row
of the people, events, news and awards apps, but versions and unpublished drafts)
bumps it when its transaction commits, and every stored page carries the generation
it was rendered under: the request after a change finds the generation moved on,
serves nothing stored and renders the page afresh (and stores it in place of the old
one). The generation and the page are read in one round trip to the cache.

Time changes pages too: a scheduled article appears when its publication time comes.
The time of the next scheduled publication is kept beside the generation, and the
first request after it bumps the generation. Entries also live at most
``PAGE_CACHE_SECONDS`` (60 s), a bound on anything changed behind the ORM's back.

Who is served from the cache: GET and HEAD without a session cookie (staff and anyone
logged in have one), outside the admin. What is stored: a 200 response to such a GET
that sets no cookie and does not say ``private``/``no-store``/``no-cache``. Because the
middleware sits before sessions and authentication, a hit touches neither the
database nor the session store, so stored pages are still served while the database is
down.

Browsers and CDNs revalidate: a stored page carries an ETag (a hash of its bytes) and
a Last-Modified (when it was rendered) with ``Cache-Control: public, max-age=0,
must-revalidate``, so a conditional GET answers 304 without a body.

The generation lives in the shared cache (Redis in production), so every process and
server sees the same one. A per-process local-memory cache cannot share it, which is
why the page cache is on by default only when ``REDIS_URL`` is set (settings).
"""

import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db import Error as DatabaseFailure
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

logger = logging.getLogger("ops.page_cache")

CONTENT_APPS = ("people", "events", "news", "awards")

GENERATION_KEY = "page-cache:generation"
NEXT_PUBLICATION_KEY = "page-cache:next-publication"
# Stored in NEXT_PUBLICATION_KEY when nothing is scheduled.
NOTHING_SCHEDULED = 0.0
# Seconds before the next publication is looked up again after a database error.
RETRY_NEXT_PUBLICATION = 30
# Never looked up in the page cache: the load balancer's probes must see the process
# and its database and cache as they are now.
UNCACHED_PATHS = ("/healthz", "/readyz")
# Query parameters no page reads, left out of the page's key.
TRACKING_PARAMETERS = re.compile(r"^(utm_\w*|fbclid|gclid|zarsrc|_ga)$")

# Response headers that belong to one response only and are not stored.
_UNSTORED_HEADERS = {"set-cookie", "date", "x-cache", "x-request-id", "content-length"}


# ------------------------------------------------------------------ generation


def _next_publication():
    """Timestamp of the next scheduled publication, or NOTHING_SCHEDULED."""
    from news.models import Article

    when = (
        Article.objects.filter(
            status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
        )
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return when.timestamp() if when else NOTHING_SCHEDULED


def bump_generation():
    """Make every stored page unreachable: the next request renders afresh."""
    try:
        bumped = cache.incr(GENERATION_KEY)
    except ValueError:
        # Missing (first use, evicted, Redis restarted): start from the clock, so a
        # number used before the loss is not used again.
        cache.set(GENERATION_KEY, time.time_ns(), None)
        bumped = True
    if bumped is None:
        # Redis is down for this process: stored pages (if Redis keeps them) live
        # out their PAGE_CACHE_SECONDS. Said, so an operator can see why.
        logger.warning(
            "The content generation could not be bumped (cache unreachable): "
            "pages stored before this change may be served for up to %s s",
            settings.PAGE_CACHE_SECONDS,
        )
    _store_next_publication()


def _store_next_publication():
    try:
        cache.set(NEXT_PUBLICATION_KEY, _next_publication(), None)
    except DatabaseFailure:  # DatabaseError and InterfaceError alike
        # The database is down: say "nothing scheduled" for half a minute rather
        # than ask it again on every request (stored pages are served meanwhile).
        cache.set(NEXT_PUBLICATION_KEY, NOTHING_SCHEDULED, RETRY_NEXT_PUBLICATION)


def content_changed(**kwargs):
    """Bump the generation when the transaction that changed content commits.

    Once per transaction: many rows saved together (a meeting and its inlines)
    bump it once. Outside a transaction ``on_commit`` runs at once.
    """
    connection = connections[kwargs.get("using") or DEFAULT_DB_ALIAS]
    if connection.in_atomic_block and any(
        callback is bump_generation for _, callback, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(bump_generation, using=connection.alias, robust=True)


def _shown_to_visitors(sender, instance):
    """Whether a saved or deleted row can change a public page.

    Not a version (django-simple-history's rows, for staff; the row they copy bumps
    on its own), and not an article that neither was nor is published: a reporter
    saving a draft every few minutes changes nothing a visitor sees, and must not
    empty the page cache on a busy day. Published includes scheduled, whose time
    is kept with the generation.
    """
    from simple_history.models import HistoricalChanges

    from news.models import Article

    if sender._meta.app_label not in CONTENT_APPS or issubclass(
        sender, HistoricalChanges
    ):
        return False
    if sender is Article:
        # A deleted row is as it was; a saved one may have just left publication.
        return instance.status == Article.Status.PUBLISHED or getattr(
            instance, "_published_before_save", False
        )
    return True


def _before_article_save(sender, instance, raw=False, using=None, **kwargs):
    from news.models import Article

    if sender is Article:
        instance._published_before_save = bool(
            instance.pk
            and Article.objects.using(using)
            .filter(pk=instance.pk, status=Article.Status.PUBLISHED)
            .exists()
        )


def _on_save_or_delete(sender, instance=None, using=None, **kwargs):
    if _shown_to_visitors(sender, instance):
        content_changed(using=using)


def _on_m2m(sender, action, using=None, **kwargs):
    if action.startswith("post_") and sender._meta.app_label in CONTENT_APPS:
        content_changed(using=using)


def _on_content_changed(sender, using=None, **kwargs):
    content_changed(using=using)


def connect_signals():
    """Called once from OpsConfig.ready()."""
    from core import signals

    signals.content_changed.connect(_on_content_changed, dispatch_uid="page-cache")
    for signal in (post_save, post_delete):
        signal.connect(_on_save_or_delete, dispatch_uid=f"page-cache-{signal}")
    pre_save.connect(_before_article_save, dispatch_uid="page-cache-article-before")
    m2m_changed.connect(_on_m2m, dispatch_uid="page-cache-m2m")


def current_generation(page_key=None):
    """The generation pages are valid for now, or None when the cache cannot say;
    with ``page_key``, also that page's stored entry, read in the same round trip:
    ``(generation, entry or None)``."""
    keys = [GENERATION_KEY, NEXT_PUBLICATION_KEY]
    state = cache.get_many(keys if page_key is None else [*keys, page_key])
    generation = state.get(GENERATION_KEY)
    next_publication = state.get(NEXT_PUBLICATION_KEY)
    entry = state.get(page_key) if page_key is not None else None
    if generation is None:
        bump_generation()
        generation, entry = cache.get(GENERATION_KEY), None
    elif next_publication is None:
        # Lost on its own (evicted, or the half-minute after a database outage):
        # look again, nothing else changed.
        _store_next_publication()
    elif (
        next_publication != NOTHING_SCHEDULED
        and timezone.now().timestamp() >= next_publication
    ):
        # A scheduled article's time has come: it is now on the home page, lists,
        # feeds … which were stored without it.
        bump_generation()
        generation, entry = cache.get(GENERATION_KEY), None
    if page_key is None:
        return generation
    # A page stored under an older generation is not this page any more.
    if entry is not None and (generation is None or entry[0] != generation):
        entry = None
    return generation, entry


# ------------------------------------------------------------------ middleware


def _is_public_path(path):
    return not path.startswith(
        (
            *settings.NGT_EDITOR_PATHS,
            settings.STATIC_URL,
            settings.MEDIA_URL,
            *UNCACHED_PATHS,
        )
    )


def _has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES or (
        "messages" in request.COOKIES
    )


def _storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def _page_key(request):
    # Links shared on Facebook or Zalo carry a click id per click (fbclid, zarsrc,
    # utm_*): no page reads them, so they would only make every visit a miss.
    query = "&".join(
        part
        for part in request.META.get("QUERY_STRING", "").split("&")
        if part and not TRACKING_PARAMETERS.match(part.split("=", 1)[0])
    )
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:{digest}"


def _public_headers(response, rendered_at, etag):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(rendered_at)
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    if settings.PAGE_CACHE_SHARED_SECONDS:
        patch_cache_control(response, s_maxage=settings.PAGE_CACHE_SHARED_SECONDS)


class PageCacheMiddleware:
    """Serve and store anonymous visitors' pages (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not _is_public_path(request.path):
            return self.get_response(request)
        if _has_session(request):
            response = self.get_response(request)
            # What a logged-in person sees may differ (drafts): no shared cache
            # may keep it, and a cache must not give visitors' pages to them.
            if "public" in response.get("Cache-Control", "public"):
                patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ("Cookie",))
            return response

        # None when the page cache is off or the cache is down: render, store nothing.
        # The generation and the stored page come in one round trip to the cache.
        generation = key = None
        if settings.PAGE_CACHE_ENABLED:
            key = _page_key(request)
            generation, entry = current_generation(key)
            if entry is not None:
                return self._from_entry(request, entry)

        response = self.get_response(request)
        if request.method != "GET" or not _storable(response):
            return response
        rendered_at = time.time()
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        etag = f'"{digest}"'
        _public_headers(response, rendered_at, etag)
        patch_vary_headers(response, ("Cookie",))
        if generation is not None:
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in _UNSTORED_HEADERS
            ]
            cache.set(
                key,
                (generation, response.content, headers, rendered_at, etag),
                settings.PAGE_CACHE_SECONDS,
            )
            response["X-Cache"] = "MISS"
        return get_conditional_response(
            request, etag=etag, last_modified=int(rendered_at), response=response
        )

    def _from_entry(self, request, entry):
        _generation, content, headers, rendered_at, etag = entry
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        response["X-Cache"] = "HIT"
        return get_conditional_response(
            request, etag=etag, last_modified=int(rendered_at), response=response
        )
