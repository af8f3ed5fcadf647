"""The page a visitor gets when the portal fails: 503 when the database is out of
reach, 500 for anything else.

Django calls ``handler500`` from inside the ``except`` block that caught the
exception, wherever it was raised (a view, a template, a middleware such as sessions
or authentication), so ``sys.exc_info()`` says what went wrong. A database that is
stopped, restarting, unreachable or refusing connections is an outage the visitor
can do nothing about but wait: "temporarily unavailable" with ``Retry-After``, which
load balancers and crawlers understand, rather than "server error". Django logs the
exception (logger ``django.request``, level ERROR) with the request id either way.

A query PostgreSQL ends because it ran or waited for a lock too long (the limits of
ops/db_limits.py: QueryCanceled, LockNotAvailable) is an OperationalError too, so a
locked table gets the 503 page within seconds instead of a request that hangs. The
admin's page scripts that read ``{"error": …}`` (core/responses.py) get that shape,
with the page's words.

Both pages are rendered with no request and no context processor, so they need
neither the database nor the session (see templates/500.html).
"""

import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from core.responses import JSON_ENDPOINTS, json_error, view_name

# Seconds a visitor, crawler or load balancer is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30

# The database cannot be reached or used right now: connection refused or lost,
# server shutting down or starting, too many connections, a timeout (connecting,
# a statement, a lock wait).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable(exception):
    """Whether ``exception``, or one it was raised from, is a database outage."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, DATABASE_UNAVAILABLE):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


# When even the page's template fails (a static file missing from the manifest …).
FALLBACK_503 = (
    '<!doctype html><html lang="vi"><meta charset="utf-8">'
    "<title>Trang web tạm thời gián đoạn</title>"
    "<h1>Trang web tạm thời gián đoạn</h1><p>Xin vui lòng thử lại sau một phút.</p>"
)
FALLBACK_500 = (
    '<!doctype html><html lang="vi"><meta charset="utf-8">'
    "<title>Lỗi máy chủ</title>"
    "<h1>Lỗi máy chủ</h1><p>Đã có lỗi xảy ra. Xin vui lòng thử lại sau.</p>"
)


def _render(template_name, request, status, fallback):
    request_id = getattr(request, "request_id", "")
    try:
        template = loader.get_template(template_name)
        content = template.render({"request_id": request_id})
    except Exception:  # noqa: BLE001 - an error page must never fail in turn
        content = fallback
    response = HttpResponse(content, status=status)
    # An error is never stored: not by the page cache, a CDN or the browser.
    add_never_cache_headers(response)
    return response


def _answers_json(request):
    """Whether the address is one whose page script reads a JSON error."""
    try:
        return view_name(request) in JSON_ENDPOINTS
    except Exception:  # noqa: BLE001 - as in _render: a page, then
        return False


def _unavailable(request):
    if _answers_json(request):
        response = json_error(
            _(
                "The site cannot reach its data for a moment, usually during "
                "maintenance. Nothing has been lost. Please try again in a minute."
            ),
            503,
        )
        add_never_cache_headers(response)
    else:
        response = _render("503.html", request, 503, FALLBACK_503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request, template_name="500.html"):
    """``handler500``: the 503 page for a database outage, the 500 page otherwise."""
    if database_unavailable(sys.exc_info()[1]):
        return _unavailable(request)
    return _render(template_name, request, 500, FALLBACK_500)
