"""The admin pages an editor waits for at 100,000 articles: their addresses, and a
small timer.

Not a test (pytest does not collect it). Another benchmark imports ``ADMIN_PAGES``
(each ``(label, url_builder)``; ``url_builder()`` gives the page's path, with a
search where the page has one, once Django is set up on the bench database) and
``superuser_client()``, a logged-in test client whose account exists only inside
a transaction that is rolled back. Run alone, it times each page over several
requests with Django's test client, in-process, and prints a table::

    .venv/bin/python -m tests.bench.admin_pages --runs 7

(``--database-url`` defaults to the bench database; nothing is written to it.)
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from contextlib import contextmanager
from urllib.parse import urlencode

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/ngt_bench"
# Typed without tone marks, as staff type them; common words in the bench data.
SEARCH = "hoi nghi"
PHOTO_SEARCH = "quang canh"


def _changelist(model, **query):
    from django.urls import reverse

    url = reverse(f"admin:{model}_changelist")
    return f"{url}?{urlencode(query)}" if query else url


def meeting_with_most_photos():
    """The meeting with the most photos (30 in the bench data)."""
    from django.db.models import Count

    from events.models import Photo

    row = (
        Photo.objects.order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .order_by("-n", "meeting")
        .first()
    )
    return row["meeting"] if row else None


def _meeting_form():
    from django.urls import reverse

    return reverse("admin:events_meeting_change", args=[meeting_with_most_photos()])


ADMIN_PAGES = [
    ("admin: articles, search", lambda: _changelist("news_article", q=SEARCH)),
    ("admin: articles", lambda: _changelist("news_article")),
    ("admin: meetings, search", lambda: _changelist("events_meeting", q=SEARCH)),
    ("admin: photos", lambda: _changelist("events_photo")),
    ("admin: photos, search", lambda: _changelist("events_photo", q=PHOTO_SEARCH)),
    ("admin: meeting form, most photos", _meeting_form),
]


@contextmanager
def superuser_client():
    """A test client logged in as a superuser made for it; the account and its
    session are rolled back when the block ends."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client

    with transaction.atomic():
        user = get_user_model().objects.create_superuser(
            f"bench-{uuid.uuid4().hex[:12]}", "bench@example.invalid", None
        )
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        try:
            yield client
        finally:
            transaction.set_rollback(True)


def get(client, path):
    """The response, or the database's error (a statement past the admin's time
    limit) as ``(None, error)``; the transaction goes on either way."""
    from django.db import DatabaseError, transaction

    try:
        with transaction.atomic():
            return client.get(path), None
    except DatabaseError as error:
        return None, error


def measure(client, path, runs):
    """(median ms, best ms, queries, bytes, status) of ``runs`` requests after one
    to warm up; the status is the error's name when the page failed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response, error = get(client, path)
    times = []
    for _run in range(runs if error is None else 0):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response, error = get(client, path)
            times.append((time.perf_counter() - start) * 1000)
        if error is not None:
            break
    if error is not None:
        return (float("nan"), float("nan"), 0, 0, type(error).__name__)
    # The savepoint around each request is the benchmark's, not the page's.
    sql = [q["sql"] for q in queries.captured_queries]
    return (
        statistics.median(times),
        min(times),
        sum(1 for q in sql if "SAVEPOINT" not in q),
        len(response.content),
        response.status_code,
    )


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.admin_pages", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ngt_portal.settings")
    import django

    django.setup()
    from django.conf import settings

    from news.models import Article

    settings.PAGE_CACHE_ENABLED = False
    print(f"{Article.objects.count()} articles, {args.runs} runs per page")
    print("| page | median ms | best ms | queries | KB | status |")
    print("|---|---:|---:|---:|---:|---:|")
    failed = False
    with superuser_client() as client:
        for label, url_builder in ADMIN_PAGES:
            path = url_builder()
            median, best, queries, size, status = measure(client, path, args.runs)
            failed |= status != 200
            print(
                f"| {label} | {median:.0f} | {best:.0f} | {queries} "
                f"| {size / 1024:.0f} | {status} |"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
