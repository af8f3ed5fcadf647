"""The Django side of ``python -m tests.bench.stack admin``: the admin pages the
benchmark times, a session of a superuser to request them with, and the queries
each page makes, found in a process that has the stack's environment.

The pages are ``ADMIN_PAGES`` of ``tests/bench/admin_pages.py`` when that module is
there — (label, URL) pairs; the list, or a URL, may also be a function returning it,
and a URL without a leading ``/`` is taken under the admin's prefix — else
``default_pages()``. The superuser ``BENCH_USER`` is created in the benchmark's
database when missing; its session is an ordinary one of the session store that
ends within the hour (the expired ones are deleted by the next run).
"""

import json
from pathlib import Path

BENCH_USER = "bench-admin"
SEARCH = "hoi nghi"
SESSION_SECONDS = 3600


def default_pages():
    """The four pages of issue #17: two changelists with a search, the photo
    library, and the form of the meeting with the most photos."""
    from django.db.models import Count
    from django.urls import reverse

    from events.models import Meeting

    query = "?q=" + SEARCH.replace(" ", "+")
    pages = [
        (
            "article changelist, search",
            reverse("admin:news_article_changelist") + query,
        ),
        (
            "meeting changelist, search",
            reverse("admin:events_meeting_changelist") + query,
        ),
        ("photo changelist", reverse("admin:events_photo_changelist")),
    ]
    meeting = (
        Meeting.objects.annotate(photo_count=Count("photos"))
        .order_by("-photo_count", "pk")
        .values_list("pk", "photo_count")
        .first()
    )
    if meeting is not None:
        pk, photos = meeting
        pages.append(
            (
                f"meeting form, {photos} photos",
                reverse("admin:events_meeting_change", args=[pk]),
            )
        )
    return pages


def admin_pages():
    """(label, path) pairs: admin_pages.ADMIN_PAGES if the module exists, else
    default_pages(). Also says where they came from."""
    from django.conf import settings

    try:
        from tests.bench import admin_pages as module
    except ImportError:
        return default_pages(), "default"
    pages = getattr(module, "ADMIN_PAGES", None)
    if pages is None:
        return default_pages(), "default"
    if callable(pages):
        pages = pages()
    found = []
    for label, url in pages:
        if callable(url):
            url = url()
        url = str(url)
        if not url.startswith("/"):
            url = "/" + settings.ADMIN_URL + url
        found.append((str(label), url))
    return found, "tests/bench/admin_pages.py"


def bench_superuser():
    from django.contrib.auth import get_user_model

    User = get_user_model()
    user = User.objects.filter(username=BENCH_USER).first()
    if user is None:
        # No password: the benchmark signs in by making a session.
        user = User.objects.create_superuser(BENCH_USER, "bench-admin@example.invalid")
    return user


def run(args):
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    user = bench_superuser()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    pages, source = admin_pages()
    answer = {"source": source, "pages": []}
    for label, path in pages:
        client.get(path)  # the first request of a process does one-off work
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        # A page that fails is timed all the same: the table says how it answers.
        answer["pages"].append(
            {
                "label": label,
                "path": path,
                "status": response.status_code,
                "queries": len(queries),
                "bytes": len(response.content),
            }
        )
    # A session of its own for the timing, which ends within the hour whatever
    # happens to the benchmark; the test client's ends now.
    timing = Client(HTTP_HOST="127.0.0.1")
    timing.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = timing.session
    session.set_expiry(SESSION_SECONDS)
    session.save()
    answer["cookie"] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    Session.objects.filter(session_key=cookie).delete()
    Session.objects.filter(expire_date__lt=timezone.now()).delete()
    Path(args.out).write_text(json.dumps(answer))
