"""How long the database may keep a request or a command waiting (PostgreSQL).

A query that runs on, or waits for a lock (a migration, a restore, ``LOCK TABLE``),
would hold a gunicorn worker until gunicorn kills it at ``GUNICORN_TIMEOUT``: the
visitor gets no answer at all, and with every worker stuck so does ``/healthz``.
PostgreSQL ends such a query itself at ``statement_timeout`` / ``lock_timeout``;
the error is an OperationalError, which ops/errors.py turns into the 503 page.

Every connection starts with the visitors' limits (settings, ``DATABASE_TIMEOUTS``,
passed as startup options, so a visitor's page costs no extra query). Two kinds of
work need longer ones, and get them here with ``set_config`` on the session:

- a request under the admin's address: for its length, then ``RESET`` back;
- a connection opened outside any request: a management command (migrate,
  import_articles, backup, restore, the shell), which no visitor waits for.

A web process opens its connections inside requests (Django connects lazily), so it
never gets the commands' limits. The statements go through the driver's own cursor:
they are plumbing, not the page's queries, and query counts leave them out.
"""

import logging
import threading

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import connections
from django.db.backends.signals import connection_created

logger = logging.getLogger(__name__)

# What the current thread is serving: "admin" or "request"; None between requests.
_serving = threading.local()


def request_kind(path):
    """ "admin" for an address under the admin, "request" for any other."""
    return "admin" if path.startswith("/" + settings.ADMIN_URL) else "request"


def _postgresql(connection):
    return connection.vendor == "postgresql"


def apply_limits(connection, kind):
    """Give the open ``connection`` the limits of ``kind`` (settings) for the session."""
    limits = settings.DATABASE_TIMEOUTS[kind]
    with connection.connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(["set_config(%s, %s, false)"] * len(limits)),
            [str(part) for item in limits.items() for part in item],
        )


def reset_limits(connection):
    """Back to the limits the connection started with (its startup options)."""
    names = settings.DATABASE_TIMEOUTS["request"]
    with connection.connection.cursor() as cursor:
        cursor.execute("; ".join(f"RESET {name}" for name in names))


def _open_postgresql_connections():
    return [
        connection
        for connection in connections.all(initialized_only=True)
        if _postgresql(connection) and connection.connection is not None
    ]


def connection_opened(sender, connection, **kwargs):
    """A new connection: the admin's limits inside an admin request, the commands'
    outside any request, the visitors' (already there) otherwise."""
    if not _postgresql(connection):
        return
    kind = getattr(_serving, "kind", None) or "command"
    if kind != "request":
        apply_limits(connection, kind)


def request_began(sender, environ=None, scope=None, **kwargs):
    """An admin request raises the limits of a connection kept from before; one
    opened later gets them in ``connection_opened``."""
    path = (environ or {}).get("PATH_INFO") or (scope or {}).get("path", "")
    _serving.kind = request_kind(path)
    if _serving.kind != "admin":
        return
    for connection in _open_postgresql_connections():
        try:
            apply_limits(connection, "admin")
        except connection.Database.Error as error:
            # Outside the middleware, so no error page could be shown: the
            # request's own first query meets the same failure and gets one.
            logger.warning("The admin's database limits were not set: %r", error)


def request_ended(sender, **kwargs):
    """After an admin request, a kept connection goes back to the visitors' limits."""
    kind = getattr(_serving, "kind", None)
    _serving.kind = None
    if kind != "admin":
        return
    for connection in _open_postgresql_connections():
        try:
            reset_limits(connection)
        except connection.Database.Error as error:
            # Not to serve a visitor with the admin's limits: marked as past its
            # age, it is closed before the next request.
            logger.warning("The database limits were not reset: %r", error)
            connection.close_at = 0


def connect_signals():
    connection_created.connect(connection_opened, dispatch_uid="ops.db_limits")
    request_started.connect(request_began, dispatch_uid="ops.db_limits")
    request_finished.connect(request_ended, dispatch_uid="ops.db_limits")
