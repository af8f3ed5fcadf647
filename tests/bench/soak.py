"""Mixed traffic against the production stack for a while: no error, no leak.

Not a test (tests/devtools/test_bench_smoke.py runs it for a few seconds):
``make soak`` (5 minutes at 32 connections), ``make soak SOAK_SECONDS=60``, or::

    .venv/bin/python -m tests.bench.soak --seconds 300 --connections 32

On the bench database (as ``make bench``: PostgreSQL ``ngt_bench``, Redis db 2, the
data built when missing), it starts the production stack with the page cache as in
production, and wrk walks a list of paths — home, article lists and categories,
articles old and new, meetings, the honour roll, searches without tone marks, RSS
and Atom feeds — at every connection. The workers' memory is read after a warm-up
and at the end; gunicorn runs without its periodic worker restarts
(``--max-requests 0``), so a leak shows instead of being reset.

It prints the requests, the errors by kind, latency percentiles and each worker's
RSS at the start and end, writes a summary into docs/reliability.md between
``<!-- soak:start -->`` and ``<!-- soak:end -->``, and exits non-zero when a request
failed, a worker was restarted, or a worker's memory grew by 10 % or more.
"""

import datetime
import shlex
import sys
import tempfile
from pathlib import Path

from tests.bench import command, documents, stack, wrk

DOCS = stack.ROOT / "docs" / "reliability.md"
HEADING = "# Reliability"
GROWTH_LIMIT = 10  # %


def options(argv=None):
    parser = command.parser_for(
        "python -m tests.bench.soak",
        __doc__.split("\n\n")[0],
        DOCS,
        seconds=300,
        connections=32,
    )
    parser.add_argument(
        "--warmup",
        type=int,
        help="seconds before memory is first read (default: "
        "a tenth of --seconds, 2 to 30)",
    )
    parser.add_argument(
        "--page-cache", choices=("on", "off"), default="on", help="NGT_PAGE_CACHE"
    )
    args = command.checked(parser, argv)
    if args.warmup is None:
        args.warmup = min(30, max(2, args.seconds // 10))
    args.command = shlex.join(
        [".venv/bin/python", "-m", "tests.bench.soak", *(argv or sys.argv[1:])]
    )
    return args


def growth(start, end):
    """Per worker: (pid, MB at start, MB at end, growth %), for workers alive at both."""
    rows = []
    for pid in sorted(start):
        if pid in end:
            rows.append(
                (pid, start[pid], end[pid], 100 * (end[pid] - start[pid]) / start[pid])
            )
    return rows


def run(args):
    """The soak; returns what it measured (the smoke test reads it)."""
    wrk.ensure_wrk()
    stack.ensure_database(args.database_url)
    pairs = documents.machine(
        args.database_url, args.redis_url, args.server, args.workers
    )
    with tempfile.TemporaryDirectory(prefix="ngt-soak-") as folder:
        folder = Path(folder)
        static = args.static_root or folder / "static"
        media = Path(tempfile.gettempdir()) / "ngt-bench-media"
        env = stack.stack_env(
            args.database_url,
            args.redis_url,
            static,
            media,
            page_cache=args.page_cache == "on",
            workers=args.workers,
        )
        if not (Path(static) / "staticfiles.json").exists():
            print("collectstatic", flush=True)
            stack.manage(env, "collectstatic", "--noinput", "-v", "0")
        stack.manage(env, "migrate", "--noinput", "-v", "0")
        stack.analyse(env)
        facts = state = stack.ensure_data(env, args.articles, mix=True)
        paths_file = folder / "paths.txt"
        paths_file.write_text("\n".join(facts["mix"]) + "\n")
        print(
            f"{state['articles']:,} articles; {len(facts['mix'])} paths; "
            f"{args.server}, {args.workers} workers, page cache {args.page_cache}",
            flush=True,
        )
        extra = ("--max-requests", "0") if args.server == "gunicorn" else ()
        log = folder / f"{args.server}.log"
        with stack.Stack(env, args.server, args.workers, log, extra) as server:
            print(f"warm-up {args.warmup} s", flush=True)
            wrk.run_wrk(
                server.base, args.warmup, args.connections, args.threads, paths_file
            )
            server.sample()
            start_pids = set(server.worker_pids())
            start = server.worker_rss()
            print(
                f"soak {args.seconds} s at {args.connections} connections", flush=True
            )
            result = wrk.run_wrk(
                server.base,
                args.seconds,
                args.connections,
                args.threads,
                paths_file,
                sample=server.sample,
            )
            server.sample()
            end = server.worker_rss()
            restarts = max(0, server.workers_seen - args.workers) + len(
                start_pids - set(end)
            )
        seen = server.seen
        log_tail = server.log_tail(40) if result.error_count or restarts else ""
    report = {
        "result": result,
        "start": start,
        "end": end,
        "growth": growth(start, end),
        "restarts": restarts,
        "pids": seen,
        "paths": len(facts["mix"]),
        "articles": state["articles"],
    }
    text = summary(args, report)
    print()
    print(text)
    if log_tail:
        print(f"\nend of the {args.server} log:\n{log_tail}")
    if not args.no_docs:
        block = "\n".join(
            [
                text,
                "",
                documents.markdown_table(
                    ["", ""], [[a, b] for a, b in pairs], ["l", "l"]
                ),
            ]
        )
        documents.replace_section(args.docs, "soak", block, HEADING)
        print(f"\nwritten to {args.docs}")
    return report


def failures(report):
    reasons = []
    result = report["result"]
    if result.error_count:
        reasons.append(f"{result.error_count} requests failed")
    if report["restarts"]:
        reasons.append(f"workers restarted {report['restarts']} times")
    worst = max((g for *_, g in report["growth"]), default=0.0)
    if worst >= GROWTH_LIMIT:
        reasons.append(f"a worker's memory grew by {worst:.1f} %")
    if not report["growth"]:
        reasons.append("no worker lived through the whole soak")
    return reasons


def summary(args, report):
    result = report["result"]
    today = datetime.datetime.now(datetime.UTC).strftime("%d %B %Y, %H:%M UTC")
    errors = ", ".join(f"{kind} {count}" for kind, count in result.errors.items())
    memory = documents.markdown_table(
        ["worker", "RSS at start", "RSS at end", "growth"],
        [
            [f"{n}", f"{a:.1f} MB", f"{b:.1f} MB", f"{g:+.1f} %"]
            for n, (_, a, b, g) in enumerate(report["growth"], 1)
        ],
        ["l", "r", "r", "r"],
    )
    reasons = failures(report)
    verdict = (
        "**Passed**: no error, no worker restarted, memory growth under "
        f"{GROWTH_LIMIT} %."
        if not reasons
        else "**Failed**: " + "; ".join(reasons) + "."
    )
    return "\n".join(
        [
            "## Soak (`make soak`)",
            "",
            f"Measured {today}: {args.seconds} s of mixed traffic at "
            f"{args.connections} connections over {report['paths']} paths (home, "
            f"article lists and categories, articles, meetings, the honour roll, "
            f"searches, RSS and Atom feeds), after a {args.warmup} s warm-up; "
            f"{args.server} with {args.workers} workers and no periodic restart, page "
            f"cache {args.page_cache}, {report['articles']:,} articles.",
            "",
            "```sh",
            args.command,
            "```",
            "",
            f"Requests: {result.requests:,} ({result.rps:,.0f} per second). "
            f"Errors by kind: {errors}.",
            "",
            f"Latency: p50 {result.p50_ms:.1f} ms, p90 {result.p90_ms:.1f} ms, "
            f"p99 {result.p99_ms:.1f} ms, max {result.max_ms:.1f} ms.",
            "",
            memory,
            "",
            verdict,
        ]
    )


def main(argv=None):
    return command.run_command("soak", options(argv), run, failures)


if __name__ == "__main__":
    sys.exit(main())
