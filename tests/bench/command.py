"""The command line of ``make bench`` and ``make soak`` (``bench_pages``, ``soak``):
the options they share, and how a run ends: everything it started is stopped, on
Ctrl-C, SIGTERM and errors too, and the exit status says what happened.
"""

import argparse
import os
import signal
import sys
from pathlib import Path

from tests.servers import ProcessError

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/ngt_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/2"
SERVERS = ("gunicorn", "granian")


class BenchError(Exception):
    """A benchmark cannot run or its result is not to be trusted; says why."""


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
    except (BenchError, ProcessError) as error:
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
