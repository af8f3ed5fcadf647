"""Health endpoints for the load balancer and the process supervisor.

``/healthz`` says the process is alive and answering: it touches neither the
database nor the cache, so a database outage does not get every app server taken
out and restarted (which would not bring the database back).

``/readyz`` says whether this server can serve pages now: a row read from the
articles table and a write and read on the cache. 503 with a small JSON body naming
the failed check otherwise, so the load balancer stops sending visitors here until
it recovers. Both are quick: the database gives up connecting after a few seconds
(``connect_timeout``), the read after a second (a table locked by a migration or a
restore: a ``SELECT 1`` would still answer while no page can), and Redis after half
a second (settings).
"""

import logging
import uuid

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from news.models import Article

logger = logging.getLogger(__name__)

READY_KEY_SECONDS = 10
# The longest the database check may run or wait for a lock, in milliseconds: less
# than a load balancer's usual probe timeout (2 to 5 s).
READY_DATABASE_MILLISECONDS = 1000


def check_database():
    """A row of the table every public page reads, within a second."""
    connection = connections[DEFAULT_DB_ALIAS]
    with transaction.atomic(using=DEFAULT_DB_ALIAS):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # For this transaction only: the connection's own limits return after.
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true), "
                    "set_config('lock_timeout', %s, true)",
                    [str(READY_DATABASE_MILLISECONDS)] * 2,
                )
        Article._base_manager.using(DEFAULT_DB_ALIAS).exists()


def check_cache():
    """A value written to the cache reads back the same."""
    available = getattr(cache, "available", None)
    if available is not None and not available():
        raise ConnectionError("the cache server does not answer")
    key = f"readyz:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    cache.set(key, value, READY_KEY_SECONDS)
    try:
        if cache.get(key) != value:
            raise ConnectionError("a value written to the cache did not read back")
    finally:
        cache.delete(key)


CHECKS = {"database": check_database, "cache": check_cache}


@never_cache
@require_safe
def healthz(request):
    """200 "ok" while the process answers."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def readyz(request):
    """200 when the database and the cache both answer, 503 naming what failed."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:
            logger.warning("Readiness check %s failed: %r", name, error)
            results[name] = f"error: {type(error).__name__}"
        else:
            results[name] = "ok"
    ready = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": results},
        status=200 if ready else 503,
    )
