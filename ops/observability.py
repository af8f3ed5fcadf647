"""Request ids and structured logs.

Every request carries an id: the one the front server sent in ``X-Request-ID`` when
it is a sane token, otherwise a new one. It is on ``request.request_id``, on the
response's ``X-Request-ID`` header, on every log record emitted while the request is
handled, and on the error pages ("Mã lỗi"), so a visitor's report, the front server's
access log and the portal's own log lines can be matched.

Logs go to stdout, one JSON object per line (``JsonFormatter``), which a log
collector reads without parsing rules; ``DJANGO_LOG_FORMAT=text`` gives plain lines
for local development (settings.LOGGING).
"""

import contextvars
import json
import logging
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

REQUEST_ID_HEADER = "X-Request-ID"
# What an incoming id may look like; anything else is replaced, never logged as is.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    method: str
    path: str


# Per request, also correct under threads and async code (a context variable).
_current = contextvars.ContextVar("ngt_request_context", default=None)


def current_request_id():
    """The id of the request being handled, or None outside a request."""
    context = _current.get()
    return context.request_id if context else None


def request_id_from(value):
    """``value`` when it is a sane id, otherwise a new one (uuid4, 32 hex digits)."""
    if value and SANE_REQUEST_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE: gives the request its id before anything can log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.META.get("HTTP_X_REQUEST_ID", ""))
        request.request_id = request_id
        token = _current.set(RequestContext(request_id, request.method, request.path))
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestContextFilter(logging.Filter):
    """Adds ``request_id``, ``method`` and ``path`` to every record (``-`` outside a
    request), so formatters can always use them."""

    def filter(self, record):
        # Django logs a response's status (django.request) after the middleware has
        # returned, with the request on the record: read the fields from it then.
        context = _current.get() or getattr(record, "request", None)
        for field in ("request_id", "method", "path"):
            if not hasattr(record, field):
                setattr(record, field, getattr(context, field, None) or "-")
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, method,
    path, status where known, and the exception's traceback for errors."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None)
            or current_request_id()
            or "-",
        }
        for field in ("method", "path"):
            value = getattr(record, field, "-")
            if value and value != "-":
                entry[field] = value
        # django.request and django.server give the response's status.
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            if not record.exc_text:
                record.exc_text = self.formatException(record.exc_info)
            entry["exception"] = record.exc_text
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
