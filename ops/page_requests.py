"""What a request asks of the page cache (ops/page_cache.py), and what is stored.

Whether a request is a visitor's (no session the portal made, no messages it
signed: a made-up cookie is taken off the request), whether its path is one the
cache serves, the query parameters kept (those pages read; the others are dropped
before any view sees them), the key of its page, whether one more query string of
a path may be stored this minute, whether a response may be stored and the
headers a stored page carries; and the check that a stored page still shows what
it showed, its tags at the versions it was stored with (core/dependencies.py).
docs/decisions/0008, 0012 and 0013 say why.
"""

import collections
import hashlib
import threading
from urllib.parse import unquote_plus

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import QueryDict
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from core import dependencies
from ops.sessions import made_here

# Counts a path's query strings stored in the current minute.
VARIANTS_KEY = "page-cache:variants:{}"
# Never looked up in the page cache: the load balancer's probes must see the process
# and its database and cache as they are now.
UNCACHED_PATHS = ("/healthz", "/readyz")
# django.contrib.messages' cookie, and the salt its signature is made with.
MESSAGES_COOKIE = "messages"
MESSAGES_SALT = "django.contrib.messages"


# ------------------------------------------------------------------ sessions


def _signed_messages(value):
    try:
        signing.get_cookie_signer(salt=MESSAGES_SALT).unsign(value)
    except signing.BadSignature:
        return False
    return True


def has_session(request):
    """Whether the request carries a session the portal made, or messages it
    signed. A cookie that is neither (made up, or a session from before signed
    keys) is taken off the request: nothing below sees it, the page is the
    visitors' one."""
    cookies = request.COOKIES
    session_key = cookies.get(settings.SESSION_COOKIE_NAME)
    messages = cookies.get(MESSAGES_COOKIE)
    if (session_key and made_here(session_key)) or (
        messages and _signed_messages(messages)
    ):
        return True
    cookies.pop(settings.SESSION_COOKIE_NAME, None)
    cookies.pop(MESSAGES_COOKIE, None)
    return False


# ------------------------------------------------------------------ middleware


def is_public_path(path):
    return not path.startswith(
        (
            *settings.NGT_EDITOR_PATHS,
            settings.STATIC_URL,
            settings.MEDIA_URL,
            *UNCACHED_PATHS,
        )
    )


def keep_read_parameters(request):
    """Drop from the request the query parameters no page reads; the query left,
    or None for more parameters than Django accepts.

    A link shared on Facebook or Zalo carries a click id per click (fbclid, zarsrc,
    utm_*), a script anything it likes: none of it changes the page, so it must
    neither make a new stored page nor reach the view (which could echo it into a
    page stored for others).
    """
    query = request.META.get("QUERY_STRING", "")
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if limit is not None and query.count("&") >= limit:
        return None  # left as sent, for Django to refuse (400)
    read = settings.PAGE_CACHE_QUERY_PARAMETERS
    kept = [
        part
        for part in query.split("&")
        if part and unquote_plus(part.split("=", 1)[0]) in read
    ]
    if len(kept) != len([part for part in query.split("&") if part]):
        request.META["QUERY_STRING"] = "&".join(kept)
        request.GET = QueryDict(request.META["QUERY_STRING"], encoding=request.encoding)
    # One key whatever the order: ?q=x&page=2 is ?page=2&q=x.
    return "&".join(sorted(kept, key=lambda part: part.split("=", 1)[0]))


def page_key(request, query):
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:{digest}"


def room_for(request, query):
    """Whether one more query string of this path may be stored this minute: a path
    without one always may; past ``PAGE_CACHE_VARIANTS`` pages are rendered and not
    stored, so a flood of ``?q=`` or ``?page=`` fills nothing."""
    if not query:
        return True
    path = hashlib.sha256(
        f"{request.get_host()}{request.path}".encode("utf-8", "surrogateescape")
    ).hexdigest()
    counter = VARIANTS_KEY.format(path)
    cache.add(counter, 0, settings.PAGE_CACHE_SECONDS)
    try:
        stored = cache.incr(counter)
    except ValueError:  # expired between the two calls
        return False
    return stored is not None and stored <= settings.PAGE_CACHE_VARIANTS


def storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def public_headers(response, rendered_at, etag):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(rendered_at)
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    if settings.PAGE_CACHE_SHARED_SECONDS:
        patch_cache_control(response, s_maxage=settings.PAGE_CACHE_SHARED_SECONDS)


class _Seen:
    """The tags of the pages this process has seen stored, the most recent
    ``size``: read with the page next time, in the same round trip. A guess only:
    a page whose tags changed costs one more round trip, never a wrong answer."""

    def __init__(self, size):
        self.size = size
        self.tags = collections.OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, default=()):
        return self.tags.get(key, default)

    def put(self, key, tags):
        with self.lock:
            self.tags[key] = tags
            self.tags.move_to_end(key)
            while len(self.tags) > self.size:
                self.tags.popitem(last=False)


TAGS_SEEN = _Seen(10_000)


def shows_current_versions(entry, known=None):
    """Whether what a stored page shows has not changed since it was rendered: its
    tags are at the versions it was stored with. Those in ``known`` (``any``, read
    with the page) are not asked again; the others in one round trip."""
    if len(entry) != 6:
        return False  # stored by an older release
    versions = entry[5]
    known = {tag: known[tag] for tag in versions if tag in (known or {})}
    if any(known[tag] != versions[tag] for tag in known):
        return False
    others = [tag for tag in versions if tag not in known]
    return not others or dependencies.read_versions(others) == {
        tag: versions[tag] for tag in others
    }
