"""The production stack that the page benchmark (``make bench``) and the soak
(``make soak``) measure, and the data it serves.

The stack as ``make serve-prod`` runs it (gunicorn with gunicorn.conf.py, or granian
for comparison; WhiteNoise serving the collected static files; PostgreSQL and Redis
from the environment), started in the background on a free loopback port and
stopped with everything it started, on Ctrl-C and on errors too; worker memory read
from /proc. The load generator is in ``wrk``, the options and exit status in
``command``, the machine's description and the documents in ``documents``.

Django is never imported in the measuring process: migrations, data, the paths to
request and the queries each page makes are asked of ``manage.py`` and of
``python -m tests.bench.stack inspect`` (``inspect_pages``) and ``… admin``
(``inspect_admin``) in subprocesses with the stack's own environment, so the
benchmark can also run inside the test suite (the smoke test).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from tests import servers
from tests.bench import inspect_admin, inspect_pages
from tests.bench.command import SERVERS, BenchError

ROOT = servers.ROOT
BIN = servers.BIN


# ------------------------------------------------------------------ environment


def stack_env(
    database_url, redis_url, static_root, media_root, page_cache=True, workers=2
):
    """The environment of production on loopback over plain HTTP (as `make
    serve-prod` sets it), nothing inherited of the caller's Django settings."""
    return servers.production_env(
        database_url,
        static_root,
        media_root,
        workers=workers,
        NGT_PAGE_CACHE="1" if page_cache else "0",
        REDIS_URL=redis_url or None,
        PYTHONUNBUFFERED="1",
    )


def manage(env, *args, timeout=None, quiet=True):
    """Run ``manage.py`` with ``env``; its output is shown only when it fails.

    The developer tools (bench data, query plans) are installed for these commands
    only: the server itself runs with production's applications.
    """
    env = {**env, "DJANGO_DEVTOOLS": "1"}
    return servers.manage(env, *args, timeout=timeout, capture=quiet).stdout


def analyse(env):
    """Fresh planner statistics and visibility map (``bench_data.analyse``): after a
    migration that rewrote a table, plans are guesses until autovacuum comes."""
    manage(
        env,
        "shell",
        "-c",
        "from devtools.bench_data import analyse; analyse()",
    )


def ensure_database(database_url):
    """Create the PostgreSQL database of ``database_url`` if it does not exist."""
    parts = urllib.parse.urlsplit(database_url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg2
    from psycopg2 import sql

    name = parts.path.lstrip("/")
    try:
        connection = psycopg2.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=urllib.parse.unquote(parts.username or "postgres"),
            password=urllib.parse.unquote(parts.password or "") or None,
            dbname="postgres",
            connect_timeout=5,
        )
    except psycopg2.OperationalError as error:
        raise BenchError(f"PostgreSQL is not reachable: {error}") from error
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                print(f"creating the database {name}", flush=True)
                cursor.execute(
                    sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
                )
    finally:
        connection.close()


def inspect(env, subcommand="inspect", **options):
    """Run this module's ``inspect`` (or ``admin``) in a subprocess with ``env``; its
    JSON answer."""
    with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
        args = [
            sys.executable,
            "-m",
            "tests.bench.stack",
            subcommand,
            "--out",
            out.name,
        ]
        for name, value in options.items():
            if value is True:
                args.append(f"--{name.replace('_', '-')}")
            elif value not in (None, False):
                args += [f"--{name.replace('_', '-')}", str(value)]
        result = subprocess.run(
            args,
            cwd=ROOT,
            env={**env, "DJANGO_DEVTOOLS": "1"},
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BenchError(f"inspecting the pages failed:\n{result.stderr.strip()}")
        return json.load(out)


def ensure_data(env, articles, reset=False, meetings=None, photos=None, **inspecting):
    """At least ``articles`` articles (exactly that many with ``reset``), built with
    ``make_bench_data`` (or, without that command, the demo content); then what
    ``inspect(env, **inspecting)`` says of the pages."""
    wanted = {"min_articles": articles, "exact": reset}
    state = inspect(env, **wanted, **inspecting)
    if state["pages"] is not None:
        return state
    count = state["articles"]
    if not state["make_bench_data"]:
        if count == 0:
            print(
                "make_bench_data is not available: loading the demo content instead",
                flush=True,
            )
            manage(env, "load_demo", "-v", "0")
        else:
            print(
                f"make_bench_data is not available: measuring the {count} articles there",
                flush=True,
            )
        return inspect(env, **inspecting)
    # The database is the benchmark's own (BENCH_DATABASE_URL), whatever its name.
    args = ["make_bench_data", "--articles", str(articles), "--reset", "--any-database"]
    if meetings:
        args += ["--meetings", str(meetings)]
    if photos:
        args += ["--photos", str(photos)]
    print(f"building the bench data: manage.py {' '.join(args)}", flush=True)
    started = time.monotonic()
    manage(env, *args, quiet=False)
    print(f"built in {time.monotonic() - started:.0f} s", flush=True)
    return inspect(env, **inspecting)


# ------------------------------------------------------------------ processes


def _stat(pid):
    """(ppid, pgrp, start time) of a process from /proc, or None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # After the name: state, ppid, pgrp, session, …, starttime is the 20th.
    if fields[0] == "Z":
        return None
    return int(fields[1]), int(fields[2]), int(fields[19])


def _pids():
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def children(pid):
    return [child for child in _pids() if (_stat(child) or (None,))[0] == pid]


def rss_mb(pid):
    """Resident memory of a process in MB (VmRSS), or None if it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def alive(process_ids):
    """Those of ``process_ids`` — (pid, start time) pairs — still running."""
    return [
        (pid, start)
        for pid, start in process_ids
        if (stat := _stat(pid)) is not None and stat[2] == start
    ]


# ------------------------------------------------------------------ the stack


@dataclass
class Stack:
    """The production stack in the background: ``with Stack(env) as stack:``.

    gunicorn (gunicorn.conf.py, workers from WEB_CONCURRENCY) or granian (WSGI, the
    same number of workers) on a free loopback port, in a session of its own so
    that stopping it can reach every process it started (``servers.Server``).
    """

    env: dict
    server: str = "gunicorn"
    workers: int = 2
    log_path: Path = None
    extra_args: tuple = ()
    port: int = 0
    running: servers.Server = None
    seen: set = field(default_factory=set)
    peak_rss: dict = field(default_factory=dict)

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def process(self):
        return self.running.process if self.running else None

    def command(self):
        if self.server == "gunicorn":
            return [
                str(BIN / "gunicorn"),
                "-c",
                "gunicorn.conf.py",
                *self.extra_args,
            ]
        if self.server == "granian":
            granian = BIN / "granian"
            if not granian.exists():
                raise BenchError("granian is not installed: make bench SERVER=granian")
            return [
                str(granian),
                "--interface",
                "wsgi",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
                "--access-log",
                *self.extra_args,
                "ngt_portal.wsgi:application",
            ]
        raise BenchError(f"unknown server {self.server!r}: one of {', '.join(SERVERS)}")

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self, ready_timeout=60):
        self.port = self.port or servers.free_port()
        env = {
            **self.env,
            "PORT": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(self.workers),
        }
        self.running = servers.Server(
            self.command(),
            port=self.port,
            env=env,
            name=self.server,
            log_path=self.log_path,
            ready=self._ready,
        )
        self.running.start(ready_timeout)
        self.sample()

    def _ready(self):
        """Every worker up and the portal answering a page."""
        self._remember(self.process.pid)
        return len(self.worker_pids()) >= self.workers and servers.answers(
            self.base + "/robots.txt", timeout=5
        )

    def log_tail(self, lines=30):
        return self.running.log_tail(lines) if self.running else ""

    def _remember(self, pid):
        stat = _stat(pid)
        if stat is not None:
            self.seen.add((pid, stat[2]))

    def worker_pids(self):
        """The workers: the master's children (not multiprocessing's helpers)."""
        if self.process is None:
            return []
        return sorted(
            pid
            for pid in children(self.process.pid)
            if "resource_tracker" not in _cmdline(pid)
        )

    def worker_rss(self):
        """{pid: MB} of every worker now."""
        memory = {}
        for pid in self.worker_pids():
            value = rss_mb(pid)
            if value is not None:
                memory[pid] = value
        return memory

    def sample(self):
        """Note the workers alive now (a new pid is a restart) and their peak RSS."""
        for pid, value in self.worker_rss().items():
            self._remember(pid)
            self.peak_rss[pid] = max(value, self.peak_rss.get(pid, 0.0))

    @property
    def workers_seen(self):
        return len({pid for pid, _ in self.seen} - {self.process.pid})

    def stop(self, timeout=30):
        """Stop the server and anything left of its session; wait until all are gone."""
        if self.process is None:
            return
        for pid in children(self.process.pid):
            self._remember(pid)
        self.running.stop(timeout)
        try:
            servers.wait_until(lambda: not alive(self.seen), 10)
        except TimeoutError:
            left = alive(self.seen)
            raise BenchError(
                f"processes of {self.server} still running: {left}"
            ) from None


# ------------------------------------------------------------------ inspect


def main(argv=None):
    parser = argparse.ArgumentParser(description="helpers of the page benchmarks")
    commands = parser.add_subparsers(dest="command", required=True)
    inspect_parser = commands.add_parser(
        "inspect", help="paths, queries and HTML bytes of the benchmark's pages"
    )
    inspect_parser.add_argument("--out", required=True)
    inspect_parser.add_argument(
        "--min-articles", type=int, help="answer only the count when fewer"
    )
    inspect_parser.add_argument("--exact", action="store_true", help="not more either")
    inspect_parser.add_argument("--mix", action="store_true")
    inspect_parser.add_argument(
        "--storm", action="store_true", help="the publish storm's paths and articles"
    )
    inspect_parser.add_argument("--bound-file")
    admin_parser = commands.add_parser(
        "admin", help="admin pages to time, their queries, a superuser's session"
    )
    admin_parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    if args.command == "admin":
        inspect_admin.run(args)
    else:
        inspect_pages.run(args)


if __name__ == "__main__":
    main()
