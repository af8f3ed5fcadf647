"""The page cache: anonymous visitors get stored pages, and a stored page is never stale.

Correctness rests on one number, the content generation. Every save or delete of
content (an article, a caption, an attendee, an award, a person's position … any row
of the people, events, news and awards apps, but versions and unpublished drafts)
bumps it when its transaction commits, and every stored page carries the generation
it was rendered under: the request after a change finds the generation moved on,
serves nothing stored and renders the page afresh (and stores it in place of the old
one). The generation and the page are read in one round trip to the cache.

A bump that cannot reach the cache is not dropped (docs/decisions/0012): it is
tried even while the backend backs off, and if Redis does not answer the process
owes it. A process that owes a bump, or has found Redis failing at all since it last
moved the generation on, uses no stored page until it has moved it on; a thread
retries every ``RETRY_DEBT_SECONDS``, and a process leaving with a bump owed waits
for Redis (at most ``PAGE_CACHE_SECONDS``, after which no page stored before the
change is left). So after Redis returns, no process that saw it fail serves an old
page, and the others only until the owed bump lands, a fraction of a second.

Time changes pages too: a scheduled article appears when its publication time comes.
The time of the next scheduled publication is kept beside the generation, and the
first request after it bumps the generation. Entries also live at most
``PAGE_CACHE_SECONDS`` (60 s), a bound on anything changed behind the ORM's back.

Who is served from the cache: GET and HEAD outside the admin without a session that
exists. A session key carries its own signature (``ops.sessions.SessionStore``), so a
made-up ``sessionid`` is told from a real one without the database and is ignored,
as is a ``messages`` cookie whose signature is wrong. What is stored: a 200 response
to such a GET that sets no cookie and does not say ``private``/``no-store``/
``no-cache``. Because the middleware sits before sessions and authentication, a hit
touches neither the database nor the session store, so stored pages are still served
while the database is down.

The cache cannot be flooded: query parameters no page reads are dropped from the
request before any view sees it (``PAGE_CACHE_QUERY_PARAMETERS`` lists those pages
read), so ``/?x=<anything>`` is ``/``; and at most ``PAGE_CACHE_VARIANTS`` query
strings of one path are stored a minute, the rest rendered without being stored.

Browsers and CDNs revalidate: a stored page carries an ETag (a hash of its bytes) and
a Last-Modified (when it was rendered) with ``Cache-Control: public, max-age=0,
must-revalidate``, so a conditional GET answers 304 without a body.

The generation lives in the shared cache (Redis in production), so every process and
server sees the same one. A per-process local-memory cache cannot share it, which is
why the page cache is on by default only when ``REDIS_URL`` is set (settings).
"""

import atexit
import hashlib
import logging
import threading
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

from core import dependencies
from ops import page_requests

logger = logging.getLogger("ops.page_cache")

# Visitors' messages are not here: each new one would empty the cache (the contact
# app says when a public answer or the office's details change: core.signals).
CONTENT_APPS = ("people", "events", "news", "awards", "documents", "pages")

GENERATION_KEY = "page-cache:generation"
# The tag of every page that does not say what it shows, read with the page.
ANY_TAG_KEY = dependencies.TAG_KEY.format(dependencies.ANY)
NEXT_PUBLICATION_KEY = "page-cache:next-publication"
# Stored in NEXT_PUBLICATION_KEY when nothing is scheduled.
NOTHING_SCHEDULED = 0.0
# Seconds before the next publication is looked up again after a database error.
RETRY_NEXT_PUBLICATION = 30
# Seconds between two tries of a bump this process owes.
RETRY_DEBT_SECONDS = 0.25

# A request rendering a page holds its lock at most this long (a render killed
# midway must not keep the others waiting: they wait PAGE_CACHE_HERD_WAIT at most).
HERD_LOCK_SECONDS = 10

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


def _advance_generation():
    """Move the generation on; False when the cache did not take it."""
    advance = getattr(cache, "advance", None)
    if advance is not None:
        # Redis: tried even while the backend backs off (ops/cache_backend.py).
        return advance(GENERATION_KEY)
    try:
        return cache.incr(GENERATION_KEY) is not None
    except ValueError:
        # Missing (first use, evicted): start from the clock, so a number used
        # before the loss is not used again.
        cache.set(GENERATION_KEY, time.time_ns(), None)
        return True


def _outages():
    """How often this process has found the cache failing (0 if it cannot fail)."""
    outages = getattr(cache, "outages", None)
    return outages() if outages is not None else 0


class _Debt:
    """The generation bump this process owes the cache, if any.

    Owed after a bump the cache did not take, and after any failure of the cache
    since the generation was last moved on here: while Redis did not answer this
    process, another may have saved content and failed to bump, and what Redis
    holds may be older than the database. Until the debt is paid this process
    serves and stores no page. Paid by moving the generation on (and forgetting the
    next publication time, which may have changed unheard).
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.failed_bumps = self.paid_bumps = 0
        self.paid_outages = 0
        self.unpaid_since = None
        self.retrier = None

    def owe(self):
        with self.lock:
            self.failed_bumps += 1
            if self.unpaid_since is None:
                self.unpaid_since = time.monotonic()
        self._retry_in_background()

    def owing(self):
        return self.failed_bumps != self.paid_bumps or _outages() != self.paid_outages

    def usable(self):
        """Whether stored pages may be used now; if not, the debt is being paid."""
        if not self.owing():
            return True
        self._retry_in_background()
        return False

    def advance(self):
        """Move the generation on; once it is, everything owed until now is paid."""
        with self.lock:
            bumps, outages = self.failed_bumps, _outages()
        if not _advance_generation():
            return False
        with self.lock:
            self.paid_bumps, self.paid_outages = bumps, outages
            if self.failed_bumps == bumps:
                self.unpaid_since = None
        return True

    def settle(self):
        """Pay what is owed now if the cache answers; whether nothing is owed."""
        if not self.owing():
            return True
        if not self.advance():
            return False
        # The next publication time may have changed unheard: looked up again.
        cache.delete(NEXT_PUBLICATION_KEY)
        return not self.owing()

    def _retry_in_background(self):
        with self.lock:
            if self.retrier is not None and self.retrier.is_alive():
                return
            self.retrier = threading.Thread(
                target=self._retry, name="page-cache-debt", daemon=True
            )
            self.retrier.start()

    def _retry(self):
        while not self.settle():
            time.sleep(RETRY_DEBT_SECONDS)

    def pay_before_exit(self):
        """A process leaving with a bump owed (a command that saved while Redis was
        down, a worker stopped) waits for Redis, as long as a page stored before the
        change can still be in it."""
        if self.failed_bumps == self.paid_bumps:
            return
        deadline = (self.unpaid_since or time.monotonic()) + settings.PAGE_CACHE_SECONDS
        logger.warning("Waiting for the cache to take the content generation's bump")
        while not self.settle() and time.monotonic() < deadline:
            time.sleep(RETRY_DEBT_SECONDS)


_debt = _Debt()
atexit.register(_debt.pay_before_exit)


def bump_generation():
    """Make every stored page unreachable: the next request renders afresh."""
    if not _debt.advance():
        _debt.owe()
        logger.warning(
            "The content generation could not be bumped (cache unreachable): this "
            "process serves no stored page until it is, and retries every %s s",
            RETRY_DEBT_SECONDS,
        )
    _store_next_publication()


def _store_next_publication():
    try:
        cache.set(NEXT_PUBLICATION_KEY, _next_publication(), None)
    except DatabaseFailure:  # DatabaseError and InterfaceError alike
        # The database is down: say "nothing scheduled" for half a minute rather
        # than ask it again on every request (stored pages are served meanwhile).
        cache.set(NEXT_PUBLICATION_KEY, NOTHING_SCHEDULED, RETRY_NEXT_PUBLICATION)


class _Bump:
    """What a transaction owes the page cache when it commits: the tags of what it
    changed (core/dependencies.py), or everything (the generation)."""

    def __init__(self):
        self.everything = False
        self.tags = set()

    def add(self, tags):
        if tags is None:
            self.everything = True
        else:
            self.tags |= tags

    def __call__(self):
        # A process that has seen Redis fail owes the generation a move anyway
        # (decision 12): its change moves it, which covers every tag.
        if self.everything or _debt.owing():
            bump_generation()
        elif self.tags:
            bump_tags(self.tags)


def bump_tags(tags):
    """Make the stored pages and fragments that show ``tags`` unreachable."""
    if not dependencies.stamp(tags):
        # Not taken: the generation is owed instead, which covers every tag.
        _debt.owe()
        logger.warning(
            "The page cache's tags could not be moved on (cache unreachable): this "
            "process serves no stored page until the generation is, and retries "
            "every %s s",
            RETRY_DEBT_SECONDS,
        )
    if any(tag.startswith("article:") for tag in tags):
        # An article may have been scheduled, or its time changed.
        _store_next_publication()


def content_changed(using=None, tags=None, **kwargs):
    """Move ``tags`` on (None: everything) when the transaction that changed
    content commits.

    Once per transaction: many rows saved together (a meeting and its inlines)
    move their tags together. Outside a transaction ``on_commit`` runs at once.
    """
    connection = connections[using or DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        for _, callback, _ in connection.run_on_commit:
            if isinstance(callback, _Bump):
                callback.add(tags)
                return
    bump = _Bump()
    bump.add(tags)
    transaction.on_commit(bump, using=connection.alias, robust=True)


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


def _before_save(sender, instance, raw=False, using=None, **kwargs):
    """What a row pointed at before its save (its category, its meeting): a row
    moved away must leave the old one's pages too. One query, for rows already
    saved only."""
    from news.models import Article

    if sender._meta.app_label not in CONTENT_APPS or instance._state.adding:
        return
    fields = [
        name
        for name in ("status", "category_id", "meeting_id")
        if hasattr(instance, name)
    ]
    if sender is not Article and "meeting_id" not in fields:
        return
    before = (
        sender._default_manager.using(using)
        .filter(pk=instance.pk)
        .values(*fields)
        .first()
        if instance.pk is not None
        else None
    ) or {}
    instance._page_cache_before = before
    if sender is Article:
        instance._published_before_save = (
            before.get("status") == Article.Status.PUBLISHED
        )


def _on_save_or_delete(sender, instance=None, using=None, **kwargs):
    if _shown_to_visitors(sender, instance):
        tags = dependencies.changed_tags(
            sender, instance, getattr(instance, "_page_cache_before", None)
        )
        if tags is None or tags:
            content_changed(using=using, tags=tags)


def _on_m2m(sender, instance=None, action="", using=None, **kwargs):
    if action.startswith("post_") and sender._meta.app_label in CONTENT_APPS:
        content_changed(using=using, tags=dependencies.m2m_changed_tags(instance))


def _on_content_changed(sender, using=None, **kwargs):
    content_changed(using=using)


def connect_signals():
    """Called once from OpsConfig.ready()."""
    from core import signals

    signals.content_changed.connect(_on_content_changed, dispatch_uid="page-cache")
    for signal in (post_save, post_delete):
        signal.connect(_on_save_or_delete, dispatch_uid=f"page-cache-{signal}")
    pre_save.connect(_before_save, dispatch_uid="page-cache-before")
    m2m_changed.connect(_on_m2m, dispatch_uid="page-cache-m2m")


def current_generation(page_key):
    """The generation pages are valid for now, ``page_key``'s stored entry if it is
    still current, and the change sequence's number (core/dependencies.py):
    ``(generation, entry or None, sequence or None)``; all None when the cache
    cannot say. One round trip: a page's tags are read with it, those of a page
    that says nothing of what it shows (``any``) and, for one that does, the tags
    this process last saw it stored with (``page_requests.TAGS_SEEN``); a second
    only for tags not seen here yet."""
    seen = page_requests.TAGS_SEEN.get(page_key, ())
    tag_keys = {dependencies.TAG_KEY.format(tag): tag for tag in seen}
    tag_keys[ANY_TAG_KEY] = dependencies.ANY
    state = cache.get_many(
        [
            GENERATION_KEY,
            NEXT_PUBLICATION_KEY,
            page_key,
            dependencies.SEQUENCE_KEY,
            *tag_keys,
        ]
    )
    if not _debt.usable():
        # The read failed (or an earlier one did): what Redis holds is not trusted
        # before the generation has been moved on.
        return None, None, None
    generation = state.get(GENERATION_KEY)
    next_publication = state.get(NEXT_PUBLICATION_KEY)
    entry = state.get(page_key)
    sequence = state.get(dependencies.SEQUENCE_KEY)
    if sequence is None:
        # Lost or never started: from the clock, above any number given before.
        sequence = dependencies.start_sequence()
    if generation is None:
        # Lost (first use, evicted, Redis restarted): every stored page goes with it.
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
    # A page stored under an older generation is not this page any more.
    if entry is not None and (generation is None or entry[0] != generation):
        entry = None
    if entry is not None:
        page_requests.TAGS_SEEN.put(
            page_key, tuple(entry[5]) if len(entry) == 6 else ()
        )
        known = {tag: state.get(key) for key, tag in tag_keys.items()}
        if not page_requests.shows_current_versions(entry, known):
            entry = None
    return generation, entry, sequence


def _wait_for(key, generation, query):
    """The page another request is rendering, once stored and current; None when
    it is not within ``PAGE_CACHE_HERD_WAIT`` seconds, or the render ended without
    storing it (the waiting request then renders it itself)."""
    lock = key.replace("page:", "page-rendering:", 1)
    deadline = time.monotonic() + settings.PAGE_CACHE_HERD_WAIT
    pause = 0.005
    while time.monotonic() < deadline:
        time.sleep(pause)
        pause = min(pause * 2, 0.05)
        state = cache.get_many([GENERATION_KEY, key, lock])
        entry = state.get(key)
        if (
            entry is not None
            and entry[0] == state.get(GENERATION_KEY) == generation
            and page_requests.shows_current_versions(entry)
        ):
            return entry
        if lock not in state:
            return None
    return None


class PageCacheMiddleware:
    """Serve and store anonymous visitors' pages (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not page_requests.is_public_path(
            request.path
        ):
            return self.get_response(request)
        if page_requests.has_session(request):
            response = self.get_response(request)
            # What a logged-in person sees may differ (drafts): no shared cache
            # may keep it, and a cache must not give visitors' pages to them.
            if "public" in response.get("Cache-Control", "public"):
                patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ("Cookie",))
            return response

        # None when the page cache is off, the cache is down or a generation bump
        # is owed: render, store nothing. The generation and the stored page come
        # in one round trip to the cache.
        query = page_requests.keep_read_parameters(request)
        if query is None:
            return self.get_response(request)
        generation = key = lock = sequence = None
        if settings.PAGE_CACHE_ENABLED and _debt.usable():
            key = page_requests.page_key(request, query)
            generation, entry, sequence = current_generation(key)
            if entry is not None:
                return self._from_entry(request, entry)
            if generation is not None and request.method == "GET":
                lock = key.replace("page:", "page-rendering:", 1)
                if not cache.add(lock, 1, HERD_LOCK_SECONDS):
                    # Another request is rendering this page: wait for it.
                    lock = None
                    entry = _wait_for(key, generation, query)
                    if entry is not None:
                        return self._from_entry(request, entry)
        try:
            return self._render(request, query, key, generation, sequence)
        finally:
            if lock is not None:
                cache.delete(lock)

    def _render(self, request, query, key, generation, sequence):
        # What the page shows is collected while it renders (core/dependencies.py);
        # a template response is rendered before it comes back here.
        token = shown = None
        if generation is not None:
            token = dependencies.start(generation, sequence)
            shown = dependencies.current()
        try:
            response = self.get_response(request)
        finally:
            if token is not None:
                dependencies.stop(token)
        if request.method != "GET" or not page_requests.storable(response):
            return response
        rendered_at = time.time()
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        etag = f'"{digest}"'
        page_requests.public_headers(response, rendered_at, etag)
        patch_vary_headers(response, ("Cookie",))
        versions = shown and shown.storable_versions(shown.page_tags())
        if versions and page_requests.room_for(request, query):
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in _UNSTORED_HEADERS
            ]
            cache.set(
                key,
                (generation, response.content, headers, rendered_at, etag, versions),
                settings.PAGE_CACHE_SECONDS,
            )
            page_requests.TAGS_SEEN.put(key, tuple(versions))
            response["X-Cache"] = "MISS"
        return get_conditional_response(
            request, etag=etag, last_modified=int(rendered_at), response=response
        )

    def _from_entry(self, request, entry):
        _generation, content, headers, rendered_at, etag, _versions = entry
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        response["X-Cache"] = "HIT"
        return get_conditional_response(
            request, etag=etag, last_modified=int(rendered_at), response=response
        )
