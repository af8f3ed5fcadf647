"""``make drill``: five outages under load against the production stack, one table.

gunicorn (2 workers, the production settings) runs on a private PostgreSQL server
and a private Redis (never the shared ones), with the demo content. One scenario
after another:

1. the database stopped for 5 s under load (as ``make fault-db``);
2. ``LOCK TABLE news_article IN ACCESS EXCLUSIVE MODE`` held 10 s from another
   connection under load. ``DJANGO_DB_STATEMENT_TIMEOUT`` and
   ``DJANGO_DB_LOCK_TIMEOUT`` (seconds), when set, are passed to the site;
3. Redis frozen (SIGSTOP) for about 2 s around an article's title change saved
   through the ORM, then 20 s of load on that article and the home page: a "stale"
   answer still shows the old title after the save committed;
4. the media folder on a 3 MB tmpfs, filled by a staff member's photo uploads
   (the admin's one-photo JSON endpoint); then the disk grown, and orphan files
   counted (files no row names, as the media sweep lists them);
5. a gunicorn worker SIGKILLed in the middle of uploads, 5 times; then the media
   sweep run with no age limit, and the files rows name checked on disk.

It prints one table (requests, 2xx, 503, other 5xx, stale answers, orphan files,
seconds to recover) and the details under it, and exits 1 if a scenario shows a
5xx other than 503, a stale answer, orphan files left or a row naming a missing
file. A scenario that cannot run here says why. Needs root (the PostgreSQL cluster,
the tmpfs); about three minutes. Not part of the suite.
"""

import contextlib
import html
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests import servers
from tests.reliability.drill_uploads import KILLS, disk_full, worker_killed
from tests.reliability.load import Load, get
from tests.reliability.test_cache_outage import REDIS_SERVER, redis_server
from tests.reliability.test_database_outage import (
    Cluster,
    _demo_paths,
    _requests,
    _run,
    _server_version,
    _session_cookie,
)

DATABASE = "ngt_drill"
PASSED_THROUGH = ("DJANGO_DB_STATEMENT_TIMEOUT", "DJANGO_DB_LOCK_TIMEOUT")
OUTAGE_SECONDS = 5
LOCK_SECONDS = 10
FREEZE_SECONDS = 2
STALE_WATCH_SECONDS = 20

# Run in the site (manage.py shell): a superuser signed in, and a meeting for each
# upload scenario; what the drill needs of them, as JSON.
SETUP = """
import json
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from tests.factories import MeetingFactory
user = get_user_model().objects.create_superuser("dien-tap", "dt@example.com", None)
client = Client()
client.force_login(user)
out = {"cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"}
for key in ("full", "kill"):
    meeting = MeetingFactory(title=f"Diễn tập tải ảnh ({key})")
    out[key] = {
        "id": meeting.pk,
        "page": reverse("admin:events_meeting_upload_photos", args=[meeting.pk]),
        "upload": reverse("admin:events_meeting_upload_photo", args=[meeting.pk]),
    }
print("DRILL-SETUP", json.dumps(out))
"""

# The title change of scenario 3: says the old title, waits for a line, saves.
SAVE_TITLE = """
import sys
from news.models import Article
article = Article.objects.get(slug=SLUG)
print("DRILL", article.title, flush=True)
sys.stdin.readline()
article.title = NEW_TITLE
article.save()
print("DRILL saved", flush=True)
"""


@dataclass
class Row:
    """One scenario's line of the table, and what is said under it."""

    name: str
    requests: int = 0
    ok: int = 0
    unavailable: int = 0
    other_5xx: int = 0
    stale: int | None = None
    orphans: int | None = None
    recover: float | str | None = None
    missing_rows: int = 0
    notes: list = field(default_factory=list)
    # Why it did not run: the machine cannot (skipped), or it broke (error).
    skipped: str = ""
    error: str = ""

    def count(self, statuses, failures=0):
        self.requests = sum(statuses.values()) + failures
        self.ok = sum(n for s, n in statuses.items() if 200 <= s < 300)
        self.unavailable = statuses.get(503, 0)
        self.other_5xx = sum(n for s, n in statuses.items() if s >= 500 and s != 503)
        shown = ", ".join(f"{s} × {n}" for s, n in sorted(statuses.items()))
        self.notes.append(f"answers: {shown or 'none'}; no answer: {failures}")

    @property
    def failed(self):
        return bool(
            self.error
            or self.other_5xx
            or self.stale
            or self.orphans
            or self.missing_rows
        )


@dataclass
class Stack:
    cluster: Cluster
    redis: servers.Server
    web: servers.Server
    env: dict
    tmp: Path
    paths: list
    staff: dict

    @property
    def session_cookie(self):
        """A visitor with a session the portal signed: never served from storage."""
        return _session_cookie(self.env["DJANGO_SECRET_KEY"])


def recovery(answers, since, kinds=("search", "session")):
    """Seconds from ``since`` until every answer is 200 and an uncached request
    started after it has been answered 200; None if that never came."""
    after = [a for a in answers if a.started >= since]
    first = min(
        (a.ended for a in after if a.kind in kinds and a.status == 200), default=None
    )
    if first is None:
        return None
    last_bad = max((a.ended for a in after if a.status != 200), default=since)
    return round(max(first, last_bad) - since, 2)


def counted(row, load, start, end):
    """``row`` given the counts of the load's answers in [start, end); those answers."""
    answers = load.between(start, end)
    failures = len(load.failures)
    row.count(Counter(a.status for a in answers), failures)
    return answers


# ------------------------------------------------------------------ 1 and 2


def database_stopped(stack, row):
    port = stack.web.port
    with Load(port, _requests(stack.paths, stack.session_cookie)) as load:
        start = time.monotonic()
        load.hold(start, 1.5)
        stack.cluster.stop()
        load.hold(time.monotonic(), OUTAGE_SECONDS)
        back = time.monotonic()
        stack.cluster.start()
        load.run_until(lambda: recovery(load.snapshot(), back) is not None, 20)
        load.hold(back, 3)
    answers = counted(row, load, start, time.monotonic())
    row.recover = recovery(answers, back)
    row.notes.append("seconds to recover: from the start command")


LOCK_SCRIPT = f"""
BEGIN;
LOCK TABLE news_article IN ACCESS EXCLUSIVE MODE;
\\! echo locked
SELECT pg_sleep({LOCK_SECONDS});
COMMIT;
"""


def table_locked(stack, row):
    port = stack.web.port
    with Load(port, _requests(stack.paths, stack.session_cookie)) as load:
        start = time.monotonic()
        load.hold(start, 1.5)
        locker = subprocess.Popen(
            ["psql", "-h", "127.0.0.1", "-p", str(stack.cluster.port), "-U",
             "postgres", "-d", DATABASE, "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        locker.stdin.write(LOCK_SCRIPT)
        locker.stdin.close()
        said = ""
        for said in locker.stdout:
            if said.strip() == "locked":
                break
        locked = time.monotonic()
        if locker.wait(timeout=LOCK_SECONDS + 30) != 0 or said.strip() != "locked":
            raise RuntimeError(f"the lock was not taken: {said.strip()!r}")
        released = time.monotonic()
        load.run_until(lambda: recovery(load.snapshot(), released) is not None, 20)
        load.hold(released, 3)
    answers = counted(row, load, start, time.monotonic())
    row.recover = recovery(answers, released)
    during = [a for a in answers if locked <= a.started < released]
    uncached = [a for a in during if a.kind in ("search", "session")]
    longest = max((a.ended - a.started for a in uncached), default=0)
    waited = [a for a in during if a.ended - a.started > 1]
    timeouts = {k: os.environ[k] for k in PASSED_THROUGH if os.environ.get(k)}
    row.notes.append(
        f"under the lock: {len(uncached)} searches and staff pages, "
        f"{Counter(a.status for a in uncached)}, the longest took {longest:.1f} s; "
        f"{len(waited)} of {len(during)} answers (cached pages too: both workers "
        f"wait) took over 1 s; "
        f"timeouts passed: {timeouts or 'none set'}"
    )
    row.notes.append("seconds to recover: from the lock's release")


# ------------------------------------------------------------------ 3


def said(process):
    """The next line ``process`` prints for the drill ("DRILL …"), past its logs."""
    for line in process.stdout:
        if line.startswith("DRILL "):
            return line[len("DRILL ") :].strip()
    return ""


def redis_frozen(stack, row):
    port = stack.web.port
    article = next(p for p in stack.paths if p.count("/") == 4)
    slug = article.strip("/").split("/")[-1]
    token = uuid.uuid4().hex[:10]
    for path in (article, "/"):
        for _ in range(3):
            get(port, path)
    errors = (stack.tmp / "save-title.log").open("w")
    saver = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c",
         SAVE_TITLE.replace("SLUG", repr(slug)).replace(
             "NEW_TITLE", f"article.title + ' (sửa {token})'")],
        cwd=servers.ROOT, env=stack.env, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=errors, text=True,
    )  # fmt: skip
    errors.close()
    old_title = said(saver)
    watched = {article}
    if html.escape(old_title) in get(port, "/").body:
        watched.add("/")

    def requests(number):
        while True:
            yield "page", article, {}
            yield "page", "/", {}

    redis_pid = stack.redis.process.pid
    with Load(port, requests, threads=4) as load:
        start = time.monotonic()
        load.hold(start, 1)
        os.kill(redis_pid, signal.SIGSTOP)
        frozen = time.monotonic()
        try:
            load.hold(frozen, 0.5)
            saver.stdin.write("\n")
            saver.stdin.flush()
            saved_line = said(saver)
            saved = time.monotonic()
            load.hold(frozen, FREEZE_SECONDS)
        finally:
            os.kill(redis_pid, signal.SIGCONT)
        thawed = time.monotonic()
        load.hold(saved, STALE_WATCH_SECONDS)
    saver.wait(timeout=30)
    end = time.monotonic()
    answers = counted(row, load, start, end)
    if saved_line != "saved":
        tail = (stack.tmp / "save-title.log").read_text()[-300:]
        raise RuntimeError(f"the title was not saved: {saved_line!r} {tail}")
    after = [a for a in answers if a.started >= saved and a.path in watched]
    stale = [a for a in after if a.status == 200 and token not in a.body]
    fresh = [a for a in after if a.status == 200 and token in a.body]
    row.stale = len(stale)
    if stale and max(a.started for a in stale) > end - 1:
        row.recover = f"> {STALE_WATCH_SECONDS}"
    elif stale:
        row.recover = round(max(a.ended for a in stale) - saved, 2)
    elif fresh:
        row.recover = round(min(a.ended for a in fresh) - saved, 2)
    row.notes.append(
        f"watched {sorted(watched)}: {len(after)} answers after the commit, "
        f"{len(stale)} with the old title ({Counter(a.cache for a in stale)}); "
        f"Redis frozen {thawed - frozen:.1f} s, the save took {saved - frozen - 0.5:.1f} s"
    )
    row.notes.append("seconds to recover: from the commit to the last stale answer")


# ------------------------------------------------------------------ the run


def why_not():
    """Why the drill cannot run on this machine, or ''."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root: a private PostgreSQL cluster (pg_createcluster), a tmpfs"
    missing = [t for t in ("pg_createcluster", "pg_ctlcluster", "pg_dropcluster",
                           "psql") if not shutil.which(t)]  # fmt: skip
    if missing or not _server_version():
        return f"PostgreSQL's server is not installed ({', '.join(missing)})"
    if REDIS_SERVER is None:
        return "redis-server is not installed"
    return ""


@contextlib.contextmanager
def stack():
    tmp = Path(tempfile.mkdtemp(prefix="ngt-drill-"))
    cluster = Cluster(_server_version(), f"ngtdrill{os.getpid()}", servers.free_port())
    _run("pg_createcluster", "--start-conf", "manual", "--port", str(cluster.port),
         "--encoding", "UTF8", "--locale", "C.UTF-8", cluster.version, cluster.name,
         "--", "--auth=trust")  # fmt: skip
    try:
        cluster.start()
        _run("psql", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres",
             "-qc", f"CREATE DATABASE {DATABASE}")  # fmt: skip
        redis_port = servers.free_port()
        passed = {k: os.environ[k] for k in PASSED_THROUGH if os.environ.get(k)}
        env = servers.production_env(
            cluster.url(DATABASE), servers.collected_static(), tmp / "media",
            NGT_PAGE_CACHE="1", REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
            GUNICORN_LOG_LEVEL="warning", **passed,
        )  # fmt: skip
        servers.manage(env, "migrate", "--noinput", "-v", "0")
        servers.manage(env, "load_demo", "-v", "0")
        # The site's JSON log lines share the output: the answer is marked.
        lines = servers.manage(env, "shell", "-c", SETUP).stdout.splitlines()
        staff = json.loads(
            next(line for line in lines if line.startswith("DRILL-SETUP "))[12:]
        )
        redis = redis_server(redis_port, tmp / "redis.log")
        web = servers.gunicorn(
            env, "--max-requests", "0", "--access-logfile", "/dev/null",
            log_path=tmp / "gunicorn.log",
        )  # fmt: skip
        with redis, web:
            paths = _demo_paths(web.port)
            for path in paths:
                for _ in range(3):
                    get(web.port, path)
            yield Stack(cluster, redis, web, env, tmp, paths, staff)
    finally:
        subprocess.run(["pg_dropcluster", "--stop", cluster.version, cluster.name],
                       capture_output=True, timeout=120)  # fmt: skip
        shutil.rmtree(tmp, ignore_errors=True)


SCENARIOS = [
    (database_stopped, f"database stopped {OUTAGE_SECONDS} s"),
    (table_locked, f"news_article locked {LOCK_SECONDS} s"),
    (redis_frozen, f"Redis frozen {FREEZE_SECONDS} s around a save"),
    (disk_full, "media disk full (3 MB tmpfs)"),
    (worker_killed, f"worker SIGKILLed mid-upload × {KILLS}"),
]
COLUMNS = ["scenario", "requests", "200", "503", "other 5xx", "stale",
           "orphan files after", "s to recover"]  # fmt: skip


def _cell(value):
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return f"{value:,}" if isinstance(value, int) else f"{value:.2f}"


def table(rows):
    lines = ["| " + " | ".join(COLUMNS) + " |",
             "|---" + "|---:" * (len(COLUMNS) - 1) + "|"]  # fmt: skip
    for number, row in enumerate(rows, 1):
        name = f"{number}. {row.name}"
        if row.skipped or row.error:
            why = f"not run: {row.skipped}" if row.skipped else f"broke: {row.error}"
            lines.append(f"| {name} | {why} |" + " |" * 6)
            continue
        cells = [row.requests, row.ok, row.unavailable, row.other_5xx, row.stale,
                 row.orphans, row.recover]  # fmt: skip
        lines.append(f"| {name} | " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def main():
    reason = why_not()
    if reason:
        print(f"The drill cannot run here: {reason}.")
        return 2
    began = time.monotonic()
    rows = []
    with stack() as running:
        for scenario, name in SCENARIOS:
            row = Row(name)
            try:
                scenario(running, row)
            except Exception as error:  # noqa: BLE001 - reported in the table
                row.error = f"{error!r}"[:300]
            rows.append(row)
    print(f"\n{table(rows)}\n")
    for number, row in enumerate(rows, 1):
        for note in row.notes:
            print(f"{number}. {note}")
    print(
        f"\n2xx counted as 200 (an upload answers 201). Whole drill: "
        f"{time.monotonic() - began:.0f} s on {os.cpu_count()} cores."
    )
    failed = [row.name for row in rows if row.failed]
    if failed:
        print("Failed: " + "; ".join(failed))
        return 1
    print("Passed: no 5xx but 503, no stale answer, no orphan file, no missing file.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
