"""What the page benchmark (``make bench``) and the soak (``make soak``) share.

The production stack as ``make serve-prod`` runs it (gunicorn with gunicorn.conf.py,
or granian for comparison; WhiteNoise serving the collected static files; PostgreSQL
and Redis from the environment), started in the background on a free loopback port
and stopped with everything it started, on Ctrl-C and on errors too; worker memory
read from /proc; and wrk, the load generator, run with the Lua scripts beside this
file, which report latency percentiles and every error.

Django is never imported in the measuring process: migrations, data, the paths to
request and the queries each page makes are asked of ``manage.py`` and of
``python -m tests.bench.stack inspect`` in subprocesses with the stack's own
environment, so the benchmark can also run inside the test suite (the smoke test).
"""

import argparse
import contextlib
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
REPORT_LUA = HERE / "report.lua"
MIXED_LUA = HERE / "mixed.lua"

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/ngt_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/2"
SERVERS = ("gunicorn", "granian")

# The pages of the benchmark, in table order, and what a path list's names must
# contain to be recognised as each (the names of devtools.bench_data.bench_urls()).
PAGES = (
    ("home", ("home",)),
    ("list", ("list", "page")),
    ("article", ("article", "gallery")),
    ("meeting", ("meeting",)),
    ("honour_roll", ("honour", "honor", "award")),
    ("search", ("search",)),
)
SEARCH_WITHOUT_TONES = "hoi nghi tong ket"
LIST_PAGE = 500


class BenchError(Exception):
    """A benchmark cannot run or its result is not to be trusted; says why."""


# ------------------------------------------------------------------ signals


def parser_for(prog, description, docs, seconds, connections):
    """The options ``bench_pages`` and ``soak`` share: where the stack's database and
    cache are, how much data, how many workers and connections, where the figures
    go. Each adds its own, then calls ``checked``."""

    env = os.environ.get
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument(
        "--database-url", default=env("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument(
        "--redis-url",
        default=env("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
        help="empty: each worker's local memory",
    )
    parser.add_argument(
        "--articles", type=int, default=int(env("BENCH_ARTICLES", "100000"))
    )
    parser.add_argument("--seconds", type=int, default=seconds)
    parser.add_argument("--connections", type=int, default=connections)
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--server", choices=SERVERS, default="gunicorn")
    parser.add_argument("--static-root", type=Path, help="collected static files")
    parser.add_argument("--docs", type=Path, default=docs, help="where to write")
    parser.add_argument("--no-docs", action="store_true", help="print only")
    return parser


def checked(parser, argv=None):
    """Parsed options, the shared ones checked."""
    args = parser.parse_args(argv)
    if args.seconds < 1 or args.connections < 1 or args.workers < 1:
        parser.error("--seconds, --connections and --workers must be at least 1")
    return args


def run_command(name, args, run, failures):
    """Run a benchmark command: stop everything it started on errors and signals;
    exit 2 when it could not run, 130 when interrupted, 1 when ``failures(report)``
    names any, else 0."""
    stop_on_signals()
    try:
        report = run(args)
    except BenchError as error:
        print(f"{name}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{name}: interrupted; everything it started is stopped", file=sys.stderr)
        return 130
    reasons = failures(report)
    if reasons:
        print(f"{name}: " + "; ".join(reasons), file=sys.stderr)
        return 1
    return 0


def stop_on_signals():
    """SIGTERM and SIGHUP end a run as Ctrl-C does: the stack is stopped on the way
    out (``Stack.__exit__``), not left running."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt(signal.Signals(signum).name)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, interrupt)


# ------------------------------------------------------------------ wrk


def ensure_wrk():
    """The path of wrk, installed from Debian's packages when missing (as root)."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise BenchError(
            "wrk is not installed and cannot be installed here (needs root and "
            "apt-get): apt-get install wrk"
        )
    print("wrk is missing: installing it (apt-get install wrk)", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "wrk"],
    ):
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise BenchError(f"{' '.join(command)} failed: {result.stderr.strip()}")
    found = shutil.which("wrk")
    if not found:
        raise BenchError("apt-get installed wrk, but it is not on PATH")
    return found


def wrk_version():
    result = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    first = (result.stdout or result.stderr).splitlines()[0]
    return first.split(" Copyright")[0].strip()


@dataclass
class WrkResult:
    requests: int
    seconds: float
    bytes: int
    errors: dict
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def error_count(self):
        return sum(self.errors.values())


_WRK_LINE = re.compile(r"^NGT-WRK (.*)$", re.MULTILINE)


def parse_wrk(output):
    """The summary line report.lua prints, as a WrkResult."""
    match = _WRK_LINE.search(output)
    if not match:
        raise BenchError(f"wrk printed no summary line:\n{output.strip()}")
    values = dict(item.split("=", 1) for item in match.group(1).split())
    number = {key: float(value) for key, value in values.items()}
    return WrkResult(
        requests=int(number["requests"]),
        seconds=number["duration_us"] / 1e6,
        bytes=int(number["bytes"]),
        errors={
            kind: int(number[kind])
            for kind in ("connect", "read", "write", "status", "timeout")
        },
        p50_ms=number["p50_us"] / 1000,
        p90_ms=number["p90_us"] / 1000,
        p95_ms=number["p95_us"] / 1000,
        p99_ms=number["p99_us"] / 1000,
        max_ms=number["max_us"] / 1000,
        mean_ms=number["mean_us"] / 1000,
    )


def run_wrk(
    url,
    seconds,
    connections,
    threads=2,
    paths_file=None,
    timeout=10,
    sample=None,
):
    """Load ``url`` for ``seconds`` (whole seconds: wrk's unit); with ``paths_file``,
    each connection walks the paths in that file instead (mixed.lua). ``sample`` is
    called about twice a second while wrk runs (worker memory, restarts)."""
    seconds = max(1, round(seconds))
    threads = max(1, min(threads, connections))
    script = MIXED_LUA if paths_file else REPORT_LUA
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={timeout}s",
        "-s",
        str(script),
        url,
    ]
    if paths_file:
        command += ["--", str(paths_file)]
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + seconds + timeout + 30
            while process.poll() is None:
                if time.monotonic() > deadline:
                    raise BenchError(f"wrk did not finish: {' '.join(command)}")
                if sample:
                    sample()
                time.sleep(0.5)
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        out.seek(0)
        output = out.read()
    if process.returncode != 0:
        raise BenchError(f"wrk failed ({process.returncode}):\n{output.strip()}")
    return parse_wrk(output)


# ------------------------------------------------------------------ processes


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


# ------------------------------------------------------------------ environment


def stack_env(
    database_url, redis_url, static_root, media_root, page_cache=True, workers=2
):
    """The environment of production on loopback over plain HTTP (as `make
    serve-prod` sets it), nothing inherited of the caller's Django settings."""
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            (
                "DJANGO_",
                "DATABASE_URL",
                "REDIS_URL",
                "PORT",
                "WEB_",
                "NGT_",
                "GUNICORN_",
            )
        )
    }
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "ngt_portal.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_MEDIA_ROOT": str(media_root),
        "DATABASE_URL": database_url,
        "NGT_PAGE_CACHE": "1" if page_cache else "0",
        "WEB_CONCURRENCY": str(workers),
        "PYTHONUNBUFFERED": "1",
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def manage(env, *args, timeout=None, quiet=True):
    """Run ``manage.py`` with ``env``; its output is shown only when it fails.

    The developer tools (bench data, query plans) are installed for these commands
    only: the server itself runs with production's applications.
    """
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**env, "DJANGO_DEVTOOLS": "1"},
        capture_output=quiet,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout or "").strip() if quiet else ""
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{detail}")
    return result.stdout


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


def inspect(env, **options):
    """Run this module's ``inspect`` in a subprocess with ``env``; its JSON answer."""
    with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
        args = [sys.executable, "-m", "tests.bench.stack", "inspect", "--out", out.name]
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


# ------------------------------------------------------------------ the stack


def fetch(url, timeout=10):
    """Status, headers and body of a GET, without following redirects or raising."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@dataclass
class Stack:
    """The production stack in the background: ``with Stack(env) as stack:``.

    gunicorn (gunicorn.conf.py, workers from WEB_CONCURRENCY) or granian (WSGI, the
    same number of workers) on a free loopback port, in a session of its own so
    that stopping it can reach every process it started.
    """

    env: dict
    server: str = "gunicorn"
    workers: int = 2
    log_path: Path = None
    extra_args: tuple = ()
    port: int = 0
    process: subprocess.Popen = None
    seen: set = field(default_factory=set)
    peak_rss: dict = field(default_factory=dict)

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

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
        self.port = self.port or free_port()
        env = {**self.env, "PORT": f"127.0.0.1:{self.port}"}
        env["WEB_CONCURRENCY"] = str(self.workers)
        log = open(self.log_path or os.devnull, "w")  # noqa: SIM115 (closed below)
        try:
            self.process = subprocess.Popen(
                self.command(),
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            log.close()
        self._remember(self.process.pid)
        try:
            self._wait_ready(ready_timeout)
        except BaseException:
            self.stop()
            raise

    def _log_tail(self, lines=30):
        if not self.log_path:
            return ""
        try:
            return "\n".join(Path(self.log_path).read_text().splitlines()[-lines:])
        except OSError:
            return ""

    def _wait_ready(self, timeout):
        """Until every worker is up and the portal answers a page."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise BenchError(f"{self.server} stopped at start:\n{self._log_tail()}")
            if len(self.worker_pids()) >= self.workers:
                try:
                    status, _, _ = fetch(self.base + "/robots.txt", timeout=5)
                    if status == 200:
                        break
                except OSError:
                    pass
            if time.monotonic() > deadline:
                raise BenchError(
                    f"{self.server} did not answer within {timeout} s:\n{self._log_tail()}"
                )
            time.sleep(0.2)
        self.sample()

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
        group = self.process.pid
        try:
            for pid in children(group):
                self._remember(pid)
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.process.wait(timeout)
        finally:
            # Workers whose master died, or a server that ignored SIGTERM.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGKILL)
            self.process.wait()
            deadline = time.monotonic() + 10
            while alive(self.seen) and time.monotonic() < deadline:
                time.sleep(0.1)
        left = alive(self.seen)
        if left:
            raise BenchError(f"processes of {self.server} still running: {left}")


# ------------------------------------------------------------------ the machine


def _read(path):
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _version(command):
    """The first line a ``--version`` prints."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except OSError:
        return "not installed"
    lines = (result.stdout or result.stderr).strip().splitlines()
    return lines[0] if lines else "?"


def machine(database_url, redis_url, server, workers):
    """What the figures were measured on, as (label, value) pairs."""
    cpu = re.search(r"^model name\s*:\s*(.+)$", _read("/proc/cpuinfo"), re.MULTILINE)
    memory = re.search(r"^MemTotal:\s*(\d+) kB", _read("/proc/meminfo"), re.MULTILINE)
    release = re.search(r'^PRETTY_NAME="?([^"\n]+)', _read("/etc/os-release"), re.M)
    load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
    rows = [
        ("CPU", cpu.group(1).strip() if cpu else platform.processor() or "?"),
        ("cores", str(os.cpu_count())),
        ("memory", f"{int(memory.group(1)) / 1024 / 1024:.1f} GiB" if memory else "?"),
        (
            "OS",
            f"{release.group(1) if release else platform.system()}, Linux {platform.release()}",
        ),
        ("load average at start (1/5/15 min)", load),
        ("Python", platform.python_version()),
        ("database", _database_version(database_url)),
        ("cache", _redis_version(redis_url)),
    ]
    rows.append(("server", _version([str(BIN / server), "--version"])))
    rows += [("workers", str(workers)), ("load generator", wrk_version())]
    return rows


def _database_version(url):
    parts = urllib.parse.urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    import psycopg2

    try:
        connection = psycopg2.connect(url, connect_timeout=5)
    except psycopg2.OperationalError:
        return "PostgreSQL (version unknown)"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    finally:
        connection.close()


def _redis_version(url):
    if not url:
        return "local memory (per process)"
    try:
        import redis

        info = redis.Redis.from_url(url, socket_timeout=5).info("server")
        return f"Redis {info['redis_version']}"
    except Exception:  # noqa: BLE001 (a description only)
        return "Redis (version unknown)"


# ------------------------------------------------------------------ documents


def replace_section(path, name, content, heading):
    """Put ``content`` between ``<!-- name:start -->`` and ``<!-- name:end -->`` in
    ``path``; the markers are added at the end when absent (the file is created with
    ``heading`` when missing). Nothing else of the file changes."""
    path = Path(path)
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = path.read_text() if path.exists() else f"{heading}\n"
    block = f"{start}\n{content.strip()}\n{end}"
    if start in text and end in text and text.index(start) < text.index(end):
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text)


def section(path, name):
    """What is between a section's markers now, or ''."""
    text = _read(path)
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    if start in text and end in text:
        return text.split(start, 1)[1].split(end, 1)[0].strip()
    return ""


def markdown_table(header, rows, align):
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|",
    ]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def text_table(header, rows, align):
    """The same table in columns, for the terminal."""
    cells = [list(header)] + [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for number, row in enumerate(cells):
        lines.append(
            "  ".join(
                cell.rjust(width) if a == "r" else cell.ljust(width)
                for cell, width, a in zip(row, widths, align, strict=True)
            ).rstrip()
        )
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


# ------------------------------------------------------------------ inspect


def _canonical(urls):
    """bench_urls()'s names mapped onto PAGES' names, others kept as they are."""
    named, rest = {}, dict(urls)
    for page, words in PAGES:
        for name in list(rest):
            if any(word in name.lower() for word in words):
                named[page] = rest.pop(name)
                break
    return {**named, **rest}


def _discover():
    """The benchmark's paths found in whatever content is there (the demo's)."""
    from django.db.models import Count

    from core.pagination import PER_PAGE
    from news.models import Article

    articles = Article.objects.published().select_related("category", "meeting")
    pages = max(1, -(-articles.count() // PER_PAGE))
    gallery = (
        articles.filter(meeting__isnull=False)
        .annotate(photo_count=Count("meeting__photos"))
        .order_by("-photo_count", "-published_at")
        .first()
    ) or articles.order_by("-published_at").first()
    if gallery is None:
        raise SystemExit("no published article: the benchmark needs content")
    urls = {
        "home": "/",
        "list": f"/tin-tuc/?page={min(LIST_PAGE, pages)}",
        "article": gallery.get_absolute_url(),
    }
    if gallery.meeting is not None:
        urls["meeting"] = gallery.meeting.get_absolute_url()
    urls["honour_roll"] = "/khen-thuong/"
    urls["search"] = "/tim-kiem/?" + urllib.parse.urlencode({"q": SEARCH_WITHOUT_TONES})
    return urls


def _paths():
    """bench_urls() when devtools.bench_data offers it, else _discover()."""
    try:
        from devtools.bench_data import bench_urls
    except ImportError:
        return _discover(), False
    return _canonical(bench_urls()), True


def _mix(urls):
    """Paths of mixed traffic for the soak: pages of every kind, feeds, searches."""
    from core.pagination import PER_PAGE
    from events.models import Meeting
    from news.models import Article, Category

    articles = Article.objects.published().select_related("category")
    pages = max(1, -(-articles.count() // PER_PAGE))
    paths = ["/", "/tin-tuc/", "/su-kien/", "/khen-thuong/", "/rss/", "/atom/"]
    paths += [
        f"/tin-tuc/?page={n}"
        for n in sorted({2, 3, 10, 50, pages // 2, pages})
        if 1 < n <= pages
    ]
    for category in Category.objects.all()[:6]:
        paths += [category.get_absolute_url(), f"/rss/{category.slug}/"]
    newest = list(articles.order_by("-published_at")[:10])
    step = max(1, articles.count() // 10)
    spread = list(articles.order_by("pk")[::step][:10])
    paths += [article.get_absolute_url() for article in newest + spread]
    paths += [m.get_absolute_url() for m in Meeting.objects.order_by("-starts_at")[:6]]
    for query in (
        "hoi nghi",
        "dang uy",
        "tong ket nam",
        "khen thuong",
        "thi dua",
        "doan thanh nien",
    ):
        paths.append("/tim-kiem/?" + urllib.parse.urlencode({"q": query}))
    paths += list(urls.values())
    return list(dict.fromkeys(paths))


def _inspect(args):
    """Answer ``inspect`` (see ``inspect()``), as JSON in ``--out``."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import get_commands
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from news.models import Article

    # Queries of a rendered page: never answered from the page cache.
    settings.PAGE_CACHE_ENABLED = False
    answer = {
        "articles": Article.objects.count(),
        "published": Article.objects.published().count(),
        "make_bench_data": "make_bench_data" in get_commands(),
    }
    count = answer["articles"]
    if args.min_articles is not None and (
        count < args.min_articles or (args.exact and count != args.min_articles)
    ):
        # Too few (or, rebuilding, not exactly that many): the data comes first.
        Path(args.out).write_text(json.dumps({**answer, "pages": None}))
        return
    urls, from_bench_data = _paths()
    answer["bench_urls"] = from_bench_data
    client = Client(HTTP_HOST="127.0.0.1")
    pages = {}
    for name, path in urls.items():
        client.get(path)  # the first request of a process does one-off work
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answers {response.status_code}, not 200")
        pages[name] = {
            "path": path,
            "queries": len(queries),
            "bytes": len(response.content),
        }
        if name == "article" and args.bound_file:
            # The bound: a static file of exactly the article page's size.
            bound = Path(args.bound_file)
            bound.parent.mkdir(parents=True, exist_ok=True)
            bound.write_bytes(response.content)
    answer["pages"] = pages
    if args.mix:
        answer["mix"] = _mix(urls)
        for path in answer["mix"]:
            status = client.get(path).status_code
            if status != 200:
                raise SystemExit(f"{path} answers {status}, not 200")
    Path(args.out).write_text(json.dumps(answer))


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
    inspect_parser.add_argument("--bound-file")
    args = parser.parse_args(argv)
    _inspect(args)


if __name__ == "__main__":
    main()
