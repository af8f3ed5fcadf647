"""A change saved while Redis does not answer is on the next page visitors get
(docs/decisions/0012).

For real: a private Redis server (the machine's redis-server, on a free port) that
the test freezes with SIGSTOP around the save, so it holds every stored page and
the old generation when it resumes; gunicorn with 2 workers serving visitors; and
the editor in a process of its own (``manage.py shell``), which saves and owes the
bump it could not make. Each scenario counts the pages that still show the old
title after Redis resumes: none may.
"""

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests import servers
from tests.reliability.test_cache_outage import REDIS_SERVER, redis_server

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(
        REDIS_SERVER is None, reason="redis-server is not installed on this machine"
    ),
]

# How long Redis is frozen around the save, and the requests counted afterwards
# over how many seconds (the issue measured 100 over a minute; the suite, less).
OUTAGE_SECONDS = 1.0
AFTER_REQUESTS = int(os.environ.get("NGT_STALE_REQUESTS") or 40)
AFTER_SECONDS = float(os.environ.get("NGT_STALE_SECONDS") or 4)

# The editor: one command a line on stdin, one answer a line on stdout after "> "
# (its log lines go there too).
EDITOR = r"""
import json, sys, time
from django.core.cache import cache
from django.utils import timezone
from ops import page_cache
from tests.factories import ArticleFactory
from news.models import Article

print("> ready", flush=True)
for line in sys.stdin:
    command, _, argument = line.strip().partition(" ")
    if command == "create":
        article = ArticleFactory(
            title=argument, status="published", published_at=timezone.now()
        )
        print(">", json.dumps([article.pk, article.get_absolute_url()]), flush=True)
    elif command == "touch":
        # Any cache call: with Redis frozen, this process starts backing off.
        cache.get("page-cache:touch")
        print("> touched", flush=True)
    elif command == "save":
        pk, title = argument.split(" ", 1)
        article = Article.objects.get(pk=pk)
        article.title = title
        article.save()
        print(">", json.dumps({"owing": page_cache._debt.owing()}), flush=True)
"""


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("never-stale")
    redis_port = servers.free_port()
    env = servers.production_env(
        f"sqlite:///{tmp_path / 'db.sqlite3'}",
        servers.collected_static(),
        tmp_path / "media",
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        GUNICORN_LOG_LEVEL="warning",
    )
    servers.manage(env, "migrate", "--noinput", "-v", "0")
    redis = redis_server(redis_port, tmp_path / "redis.log")
    web = servers.gunicorn(
        env, "--access-logfile", "/dev/null", log_path=tmp_path / "gunicorn.log"
    )
    with redis, web:
        yield env, redis, web


class Editor:
    """``manage.py shell`` running EDITOR: a process of its own, as an admin
    worker or an import command is."""

    def __init__(self, env):
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", EDITOR],
            cwd=servers.ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.answer(60) == "ready"

    def _read(self):
        for line in self.process.stdout:
            if line.startswith("> "):
                self.lines.put(line[2:].strip())

    def answer(self, timeout=20):
        return self.lines.get(timeout=timeout)

    def ask(self, line, timeout=20):
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.answer(timeout)

    def leave(self, timeout=None):
        """Close its input; the time it took to exit (paying what it owes)."""
        started = time.monotonic()
        self.process.stdin.close()
        self.process.wait(timeout)
        return time.monotonic() - started


@contextlib.contextmanager
def frozen(redis):
    """Redis stopped in its tracks (SIGSTOP): connections hang, data stays."""
    os.kill(redis.process.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(redis.process.pid, signal.SIGCONT)


def get(web, url):
    status, headers, body = servers.fetch(web.base + url, timeout=10)
    assert status == 200, (url, status)
    return headers.get("X-Cache"), body.decode()


def warm(web, url):
    """Until the page comes from Redis a few times in a row (both workers)."""
    hits = 0
    deadline = time.monotonic() + 20
    while hits < 4:
        assert time.monotonic() < deadline, "the page never came from the cache"
        hits = hits + 1 if get(web, url)[0] == "HIT" else 0


def visit_while_frozen(web, url):
    """Visitors during the outage, enough at once that each worker takes some
    (a worker waits out the cache's timeout on each)."""
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda _: get(web, url), range(6)))
    assert all(cache is None for cache, _ in answers), "nothing is cached while down"


def count_stale(web, url, old, requests=AFTER_REQUESTS, seconds=AFTER_SECONDS):
    """Requests spread over ``seconds``, the first at once: how many were old."""
    answers = []
    for number in range(requests):
        answers.append(get(web, url))
        time.sleep(seconds / requests)
        del number
    return sum(old in body for _, body in answers), answers


def new_article(editor, title):
    pk, url = json.loads(editor.ask(f"create {title}"))
    return pk, url


def report(name, **figures):
    print(f"\n{name}:", json.dumps(figures))


def test_saved_while_redis_is_frozen_with_visitors_meanwhile(stack):
    """The issue's experiment: the save during a one-second outage while visitors
    come, then requests for the next seconds. Every worker saw Redis fail and moves
    the generation on before using it again; the editor pays its bump too."""
    env, redis, web = stack
    editor = Editor(env)
    pk, url = new_article(editor, "Tiêu đề cũ một")
    warm(web, url)
    with frozen(redis):
        started = time.monotonic()
        assert json.loads(editor.ask(f"save {pk} Tiêu đề mới một")) == {"owing": True}
        visit_while_frozen(web, url)
        time.sleep(max(0, OUTAGE_SECONDS - (time.monotonic() - started)))
    stale, answers = count_stale(web, url, "Tiêu đề cũ một")
    exit_seconds = editor.leave(30)
    report(
        "saved during a Redis outage, visitors meanwhile",
        requests=len(answers),
        stale=stale,
        hits=sum(cache == "HIT" for cache, _ in answers),
        editor_exit_seconds=round(exit_seconds, 2),
    )
    assert stale == 0
    assert all("Tiêu đề mới một" in body for _, body in answers)
    assert any(cache == "HIT" for cache, _ in answers), "the cache is used again"


def test_saved_while_redis_is_frozen_and_the_editor_killed(stack):
    """The process that saved never pays (killed outright while Redis is down):
    the workers, which saw Redis fail, still serve the new title at once."""
    env, redis, web = stack
    editor = Editor(env)
    pk, url = new_article(editor, "Tiêu đề cũ hai")
    warm(web, url)
    with frozen(redis):
        assert json.loads(editor.ask(f"save {pk} Tiêu đề mới hai")) == {"owing": True}
        editor.process.kill()
        editor.process.wait()
        visit_while_frozen(web, url)
    stale, answers = count_stale(web, url, "Tiêu đề cũ hai")
    report(
        "saving process killed during the outage", requests=len(answers), stale=stale
    )
    assert stale == 0


def test_saved_while_redis_is_frozen_and_nobody_visits(stack):
    """The workers noticed nothing: the editor's bump, retried every quarter of a
    second and before it exits, lands as Redis resumes; from then on, and so for a
    request made once the editor has gone, the new title."""
    env, redis, web = stack
    editor = Editor(env)
    pk, url = new_article(editor, "Tiêu đề cũ ba")
    warm(web, url)
    with frozen(redis):
        assert json.loads(editor.ask(f"save {pk} Tiêu đề mới ba")) == {"owing": True}
        time.sleep(OUTAGE_SECONDS)
    exit_seconds = editor.leave(30)
    stale, answers = count_stale(web, url, "Tiêu đề cũ ba")
    report(
        "saved during the outage, no visitor meanwhile",
        editor_exit_seconds=round(exit_seconds, 2),
        requests=len(answers),
        stale=stale,
    )
    assert exit_seconds < 5
    assert stale == 0


def test_saved_while_the_editor_backs_off_after_redis_returned(stack):
    """Redis is back but the editor's process is still in its 5 s back-off: the
    bump is tried anyway and lands with the save, nothing is owed, and the workers
    (which noticed nothing) serve the new title on the next request."""
    env, redis, web = stack
    editor = Editor(env)
    pk, url = new_article(editor, "Tiêu đề cũ bốn")
    warm(web, url)
    with frozen(redis):
        assert editor.ask("touch") == "touched"
    assert json.loads(editor.ask(f"save {pk} Tiêu đề mới bốn")) == {"owing": False}
    stale, answers = count_stale(web, url, "Tiêu đề cũ bốn")
    editor.leave(30)
    report("saved while backing off", requests=len(answers), stale=stale)
    assert stale == 0
