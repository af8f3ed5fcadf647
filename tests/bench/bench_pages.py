"""Requests per second and latency of the public pages on the production stack.

Not a test (pytest does not collect it; tests/devtools/test_bench_smoke.py runs it
small): ``make bench``, ``make bench-growth``, or::

    .venv/bin/python -m tests.bench.bench_pages --seconds 10 --connections 16

On the bench database (PostgreSQL ``ngt_bench`` and Redis db 2 by default; the data
is built with ``manage.py make_bench_data`` when it has fewer articles than asked),
it starts the production stack in the background on loopback — gunicorn with
gunicorn.conf.py and 2 workers, or granian with ``--server granian`` — once with the
page cache on and once with it off, and for each page (home, the article list's
page 500, the article with a 30-photo gallery, its meeting, the honour roll, a search
without tone marks) checks the ``X-Cache`` header to know what it measures, warms the
page up, then loads it with wrk. The bound is a static file of the article page's
size, served by the same stack (WhiteNoise). Queries and HTML bytes are counted in a
subprocess with Django's test client on the same database, page cache off.

Then, with the page cache on, the publish storm (``storm``: readers on the hot pages
while an editor publishes and corrects articles, against the same load without
it); with it off, the sitemap's sections and the admin pages signed in, one request
at a time (``timing``). ``--pages`` measures fewer pages, ``--no-storm``,
``--sitemap-requests 0`` and ``--admin-requests 0`` leave the rest out.

It prints the pages' table and one of every figure beside the issue's target, and
writes both, with the machine's description and the command, into
docs/benchmarks.md between ``<!-- bench:start -->`` and ``<!-- bench:end -->``
(``--growth`` writes its table between the ``bench-growth`` markers, without the
storm and the rest). It exits non-zero when a request failed.
"""

import datetime
import shlex
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests import servers
from tests.bench import command, documents, stack, storm, timing, wrk

DOCS = stack.ROOT / "docs" / "benchmarks.md"
BOUND_PATH = "/static/bench/bound.html"
CACHE_TRIES = 10

# The targets.
CACHED_SHARE = 70  # % of the bound, cached pages
CACHED_P99_MS = 15
UNCACHED_SHARE = 10  # % of the bound, uncached article page with 30 photos
UNCACHED_WARM_SHARE = 20  # the same with the meeting's fragments cached
SEARCH_P95_MS = 50
WORKER_MB = 150
STORM_SHARE = 80  # % of the no-publish throughput
STORM_P99_MS = 100
SITEMAP_P95_MS = 50  # each section
ADMIN_P95_MS = 150  # each changelist

LABELS = {
    "home": "home",
    "list": "article list, deep page",
    "article": "article, photo gallery",
    "meeting": "meeting",
    "honour_roll": "honour roll",
    "search": "search, no tone marks",
}


@dataclass
class Row:
    name: str
    path: str
    kind: str
    result: wrk.WrkResult
    queries: int = None
    bytes: int = None


def options(argv=None):
    parser = command.parser_for(
        "python -m tests.bench.bench_pages",
        __doc__.split("\n\n")[0],
        DOCS,
        seconds=10,
        connections=16,
    )
    parser.add_argument("--meetings", type=int, help="make_bench_data --meetings")
    parser.add_argument("--photos", type=int, help="make_bench_data --photos")
    parser.add_argument("--warmup", type=int, default=2, help="seconds per page")
    parser.add_argument(
        "--growth",
        help="article counts, e.g. 1000,10000,100000: the table at each, data rebuilt",
    )
    parser.add_argument(
        "--max-requests",
        type=int,
        help="gunicorn's --max-requests (default: gunicorn.conf.py's; 0: no restarts)",
    )
    parser.add_argument(
        "--pages",
        help=f"only these pages, e.g. home,article (of {','.join(LABELS)}; the "
        "article is always measured: the bound is its size)",
    )
    parser.add_argument(
        "--storm-seconds",
        type=int,
        help="seconds of the publish storm and of its baseline (default: --seconds)",
    )
    parser.add_argument(
        "--editor-interval",
        type=float,
        default=3.0,
        help="seconds between two changes of the storm's editor",
    )
    parser.add_argument("--no-storm", action="store_true", help="no publish storm")
    parser.add_argument(
        "--admin-requests",
        type=int,
        default=10,
        help="requests in a row per admin page (0: no admin pages)",
    )
    parser.add_argument(
        "--sitemap-requests",
        type=int,
        default=5,
        help="requests in a row per sitemap section (0: no sitemap)",
    )
    args = command.checked(parser, argv)
    if args.storm_seconds is None:
        args.storm_seconds = args.seconds
    if args.storm_seconds < 1 or args.editor_interval <= 0:
        parser.error("--storm-seconds must be at least 1, --editor-interval above 0")
    if args.pages:
        args.pages = {name.strip() for name in args.pages.split(",") if name.strip()}
        unknown = args.pages - set(LABELS)
        if unknown:
            parser.error(f"unknown pages: {', '.join(sorted(unknown))}")
        args.pages.add("article")
    if args.growth:
        try:
            args.growth = [int(n.replace("_", "")) for n in args.growth.split(",")]
        except ValueError:
            parser.error("--growth takes article counts separated by commas")
    args.command = shlex.join(
        [".venv/bin/python", "-m", "tests.bench.bench_pages", *(argv or sys.argv[1:])]
    )
    return args


# ------------------------------------------------------------------ measuring


def cache_state(url, tries):
    """The X-Cache header of ``url``: HIT as soon as one of ``tries`` answers says so
    (each worker of a per-process cache stores its own copy), else the last one's."""
    seen = ""
    for _ in range(tries):
        status, headers, _ = servers.fetch(url)
        if status != 200:
            raise command.BenchError(f"{url} answers {status}, not 200")
        seen = headers.get("X-Cache", "")
        if seen == "HIT":
            break
    return seen


def measure(server, path, args, expect):
    """Warm ``path`` up, prove what is measured, then load it. ``expect``: "cached",
    "uncached" or "static". Returns (kind measured, WrkResult)."""
    url = server.base + path
    if args.warmup:
        wrk.run_wrk(url, args.warmup, args.connections, args.threads)
    # With the page cache off two answers are enough to show none is stored.
    header = cache_state(url, CACHE_TRIES if expect == "cached" else 2)
    if expect == "static":
        kind = "static file"
    elif header == "HIT":
        if expect != "cached":
            raise command.BenchError(f"{path} came from the page cache, which is off")
        kind = "cached"
    else:
        kind = "uncached"
        if expect == "cached":
            print(
                f"  {path}: no X-Cache: HIT with the page cache on ({header or 'no header'}); measured uncached"
            )
    result = wrk.run_wrk(
        url, args.seconds, args.connections, args.threads, sample=server.sample
    )
    print(
        f"  {kind:11} {path[:60]:60} {result.rps:8.0f} req/s  p50 {result.p50_ms:6.1f}"
        f"  p99 {result.p99_ms:6.1f} ms  errors {result.error_count}",
        flush=True,
    )
    return kind, result


def run_table(args, env, facts, folder, label="", seen=None, extras=None):
    """Both stacks (page cache on, off) and the bound; the rows and memory. The
    processes each stack ran are added to ``seen``. ``extras``: {"cached" or
    "uncached": function(server)} called on that stack after its pages."""
    rows, memory = [], {}
    for expect, cache_on in (("cached", True), ("uncached", False)):
        run_env = {**env, "NGT_PAGE_CACHE": "1" if cache_on else "0"}
        log = Path(folder) / f"{args.server}-{expect}{label}.log"
        print(f"{args.server}, page cache {'on' if cache_on else 'off'}:", flush=True)
        extra = ()
        if args.max_requests is not None and args.server == "gunicorn":
            extra = ("--max-requests", str(args.max_requests))
        with stack.Stack(run_env, args.server, args.workers, log, extra) as server:
            if expect == "cached":
                kind, result = measure(server, BOUND_PATH, args, "static")
                rows.append(
                    Row("bound", BOUND_PATH, kind, result, 0, facts["article"]["bytes"])
                )
            for name, page in facts.items():
                kind, result = measure(server, page["path"], args, expect)
                rows.append(
                    Row(
                        name, page["path"], kind, result, page["queries"], page["bytes"]
                    )
                )
            if expect == "uncached" and "search" in facts:
                # The search target is a visitor's wait, not the queue of 16
                # connections on 2 workers: measured again with one connection.
                url = server.base + facts["search"]["path"]
                single = wrk.run_wrk(url, args.seconds, 1, 1, sample=server.sample)
                print(
                    f"  {'uncached':11} {facts['search']['path'][:60]:60} one connection:"
                    f" p50 {single.p50_ms:.1f} p95 {single.p95_ms:.1f} ms"
                    f"  errors {single.error_count}",
                    flush=True,
                )
                rows.append(
                    Row(
                        "search",
                        facts["search"]["path"],
                        "uncached, 1 connection",
                        single,
                        facts["search"]["queries"],
                        facts["search"]["bytes"],
                    )
                )
            if extras and expect in extras:
                extras[expect](server)
            server.sample()
            memory[expect] = {
                "after": sorted(server.worker_rss().values()),
                "peak": max(server.peak_rss.values(), default=0.0),
                "restarts": max(0, server.workers_seen - args.workers),
            }
        if seen is not None:
            seen |= server.seen
    return rows, memory


def bound_of(rows):
    return next(row.result.rps for row in rows if row.name == "bound")


# ------------------------------------------------------------------ reporting


HEADER = [
    "page",
    "URL",
    "kind",
    "req/s",
    "p50 ms",
    "p99 ms",
    "% of bound",
    "queries",
    "HTML bytes",
]
ALIGN = ["l", "l", "l", "r", "r", "r", "r", "r", "r"]


def table_rows(rows, code=True):
    bound = bound_of(rows)
    order = {name: n for n, name in enumerate(["bound", *LABELS])}
    cells = []
    for row in sorted(
        rows, key=lambda r: (order.get(r.name, 99), r.kind != "cached", r.kind)
    ):
        path = f"`{row.path}`" if code else row.path
        cells.append(
            [
                "bound" if row.name == "bound" else LABELS.get(row.name, row.name),
                path,
                row.kind,
                f"{row.result.rps:,.0f}",
                f"{row.result.p50_ms:.1f}",
                f"{row.result.p99_ms:.1f}",
                f"{100 * row.result.rps / bound:.0f} %" if bound else "–",
                "–" if row.name == "bound" else row.queries,
                f"{row.bytes:,}",
            ]
        )
    return cells


def find(rows, name, kind):
    return next((r for r in rows if r.name == name and r.kind == kind), None)


def verdicts(rows, memory, args, database):
    """The issue's targets, each met or not, as sentences."""
    bound = bound_of(rows)
    lines = []

    def judge(ok):
        return "met" if ok else "**not met**"

    cached = find(rows, "article", "cached")
    if cached:
        share = 100 * cached.result.rps / bound
        lines.append(
            f"Cached article page: {share:.0f} % of the bound (target ≥ {CACHED_SHARE} %): "
            f"{judge(share >= CACHED_SHARE)}; p99 {cached.result.p99_ms:.1f} ms at "
            f"{args.connections} connections (target < {CACHED_P99_MS} ms): "
            f"{judge(cached.result.p99_ms < CACHED_P99_MS)}."
        )
    else:
        lines.append("Cached article page: not measured (no X-Cache: HIT seen).")
    uncached = find(rows, "article", "uncached")
    if uncached:
        share = 100 * uncached.result.rps / bound
        lines.append(
            f"Uncached article page with its gallery: {share:.0f} % of the bound "
            f"(target ≥ {UNCACHED_SHARE} %): {judge(share >= UNCACHED_SHARE)}."
        )
    search = find(rows, "search", "uncached, 1 connection")
    queued = find(rows, "search", "uncached")
    if search and queued:
        where = f"{database}, {args.articles_measured:,} articles"
        lines.append(
            f"Search, uncached, one connection: p95 {search.result.p95_ms:.1f} ms on "
            f"{where} (target < {SEARCH_P95_MS} ms on PostgreSQL at 100,000 "
            f"articles): {judge(search.result.p95_ms < SEARCH_P95_MS)}; at "
            f"{args.connections} connections p95 {queued.result.p95_ms:.1f} ms, most "
            f"of it waiting for one of {args.workers} workers."
        )
    worst = max(
        [max(m["after"], default=0.0) for m in memory.values()]
        + [m["peak"] for m in memory.values()]
    )
    restarts = sum(m["restarts"] for m in memory.values())
    if args.server != "gunicorn":
        why = "a worker that stops is replaced"
    elif args.max_requests is None:
        why = "gunicorn.conf.py's max_requests"
    else:
        why = f"--max-requests {args.max_requests}"
    lines.append(
        f"Memory per worker: at most {worst:.0f} MB RSS during and after the runs "
        f"(target < {WORKER_MB} MB): {judge(worst < WORKER_MB)}. Workers restarted "
        f"{restarts} times during the runs ({why})."
    )
    return lines


def _share(row, bound):
    return 100 * row.result.rps / bound if bound else 0.0


def _is_changelist(path):
    return not any(part in path for part in ("/change/", "/add/", "/history/"))


def _timed(timing):
    if timing.failed:
        return f"answers {timing.failed} after {timing.times_ms[-1]:,.0f} ms"
    return f"p95 {timing.p95_ms:.1f} ms, median {timing.median_ms:.1f} ms"


TARGETS_HEADER = ["figure", "measured", "target", "verdict"]
TARGETS_ALIGN = ["l", "l", "l", "l"]


def targets_rows(rows, extra, args):
    """Every figure of the issue beside its target: [figure, measured, target,
    verdict] ("met", "not met", or "–" where there is no target to judge)."""
    bound = bound_of(rows)
    cells = []

    def judge(ok):
        return "met" if ok else "not met"

    cold = extra.get("cold")
    if cold:
        result, count = cold
        share = 100 * result.rps / bound if bound else 0.0
        again = ", some twice" if result.requests > count else ""
        cells.append(
            [
                "uncached gallery articles, fragments cold",
                f"{result.rps:,.0f} req/s = {share:.1f} % of the bound "
                f"({count} articles, each rendered once{again})",
                f"≥ {UNCACHED_SHARE} % of the bound",
                judge(share >= UNCACHED_SHARE),
            ]
        )
    uncached = find(rows, "article", "uncached")
    if uncached:
        share = _share(uncached, bound)
        cells.append(
            [
                "uncached article, 30-photo gallery (page cache off: every part "
                "rendered)",
                f"{uncached.result.rps:,.0f} req/s = {share:.1f} % of the bound",
                f"≥ {UNCACHED_SHARE} % of the bound",
                judge(share >= UNCACHED_SHARE),
            ]
        )
    warm = extra.get("warm")
    if warm:
        share = 100 * warm.rps / bound if bound else 0.0
        least = UNCACHED_WARM_SHARE
        cells.append(
            [
                "article page not stored, its meeting's fragments stored",
                f"{warm.rps:,.0f} req/s = {share:.1f} % of the bound, "
                f"p99 {warm.p99_ms:.1f} ms",
                f"≥ {UNCACHED_WARM_SHARE} % of the bound",
                judge(share >= least),
            ]
        )
    order = {name: n for n, name in enumerate(LABELS)}
    for row in sorted(
        (r for r in rows if r.kind == "cached"), key=lambda r: order.get(r.name, 99)
    ):
        share = _share(row, bound)
        cells.append(
            [
                f"cached {LABELS.get(row.name, row.name)}",
                f"{share:.1f} % of the bound, p99 {row.result.p99_ms:.1f} ms",
                f"≥ {CACHED_SHARE} %, p99 < {CACHED_P99_MS} ms at "
                f"{args.connections} connections",
                judge(share >= CACHED_SHARE and row.result.p99_ms < CACHED_P99_MS),
            ]
        )
    result = extra.get("storm")
    if result:
        base, hard = result.baseline, result.storm
        cells += [
            [
                "publish storm, throughput",
                f"{hard.rps:,.0f} req/s = {100 * result.ratio:.1f} % of "
                f"{base.rps:,.0f} without publishing",
                f"≥ {STORM_SHARE} % of the no-publish throughput",
                judge(100 * result.ratio >= STORM_SHARE),
            ],
            [
                "publish storm, p99",
                f"{hard.p99_ms:.1f} ms (without publishing {base.p99_ms:.1f} ms)",
                f"< {STORM_P99_MS} ms",
                judge(hard.p99_ms < STORM_P99_MS),
            ],
            [
                "publish storm, cold renders",
                f"{100 * (hard.cold_share or 0):.1f} % of answers (without publishing "
                f"{100 * (base.cold_share or 0):.1f} %); "
                f"{result.editor.get('changes', 0)} changes",
                "–",
                "–",
            ],
        ]
    sections = extra.get("sitemap")
    if sections:
        worst = max(sections, key=lambda t: (bool(t.failed), t.p95_ms))
        cells.append(
            [
                f"sitemap sections ({len(sections)}), slowest",
                f"{_timed(worst)} ({worst.path})",
                f"< {SITEMAP_P95_MS} ms each",
                judge(not worst.failed and worst.p95_ms < SITEMAP_P95_MS),
            ]
        )
    for page in extra.get("admin", []):
        measured = _timed(page)
        if page.queries is not None:
            measured += f", {page.queries} queries"
        if _is_changelist(page.path):
            target = f"< {ADMIN_P95_MS} ms"
            verdict = judge(not page.failed and page.p95_ms < ADMIN_P95_MS)
        else:
            target = "queries fixed by the test suite"
            verdict = "see tests" if not page.failed else "not met"
        label = (
            page.label if page.label.startswith("admin: ") else f"admin: {page.label}"
        )
        cells.append([label, measured, target, verdict])
    if not any("meeting form" in page.label for page in extra.get("admin", [])):
        cells.append(["admin: meeting form, queries", "not measured", "–", "see tests"])
    return cells


def errors_line(rows):
    failed = [r for r in rows if r.result.error_count]
    if not failed:
        total = sum(r.result.requests for r in rows)
        return f"Errors: none in {total:,} requests.", 0
    detail = "; ".join(
        f"{r.path} ({r.kind}): "
        + ", ".join(f"{k} {v}" for k, v in r.result.errors.items() if v)
        for r in failed
    )
    return f"Errors: {detail}.", sum(r.result.error_count for r in failed)


def machine_table(pairs):
    return documents.markdown_table(
        ["", ""], [[f"{a}", f"{b}"] for a, b in pairs], ["l", "l"]
    )


def server_block(
    args, rows, memory, pairs, articles, bench_urls, database, targets=None
):
    today = datetime.datetime.now(datetime.UTC).strftime("%d %B %Y, %H:%M UTC")
    errors, _ = errors_line(rows)
    data = (
        "`make_bench_data`"
        if bench_urls
        else "the content in the database (no `make_bench_data`)"
    )
    lines = [
        f"#### {args.server}",
        "",
        f"Measured {today} with {articles:,} articles, {args.published_measured:,} "
        f"of them published ({data}): "
        f"{args.seconds} s per page after {args.warmup} s of warm-up, "
        f"{args.connections} connections, {args.threads} wrk threads, "
        f"{args.workers} workers.",
        "",
        "```sh",
        args.command,
        "```",
        "",
        machine_table(pairs),
        "",
        documents.markdown_table(HEADER, table_rows(rows), ALIGN),
        "",
        errors,
        "",
        *[f"- {line}" for line in verdicts(rows, memory, args, database)],
    ]
    if targets:
        lines += [
            "",
            "Issue #17's targets (publish storm, sitemap and admin: see "
            "“Publish storm and the admin” below):",
            "",
            documents.markdown_table(TARGETS_HEADER, targets, TARGETS_ALIGN),
        ]
    return "\n".join(lines)


BENCH_INTRO = """\
### Requests per second (`make bench`)

Written by `tests/bench/bench_pages.py`; each server's table is replaced when the
benchmark runs again under it. *cached*: the answer carried `X-Cache: HIT` before the
page was measured (page cache on); *uncached*: the page was rendered for every request
(page cache off, `NGT_PAGE_CACHE=0`). The bound is a static file of the article
page's size served by the same stack (WhiteNoise). Queries are counted with the page
cache off; HTML bytes are uncompressed. wrk runs on the same machine and takes part
of its CPU."""


def write_bench(path, server, block):
    """Replace this server's part of the bench section, keep the other server's."""
    current = documents.section(path, "bench")
    parts = {}
    for name in command.SERVERS:
        start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
        if start in current and end in current:
            parts[name] = current.split(start, 1)[1].split(end, 1)[0].strip()
    parts[server] = block
    content = [BENCH_INTRO]
    for name in command.SERVERS:
        if name in parts:
            content += [
                "",
                f"<!-- bench:{name}:start -->",
                parts[name],
                f"<!-- bench:{name}:end -->",
            ]
    documents.replace_section(path, "bench", "\n".join(content), "# Benchmarks")


def growth_block(args, tables, pairs, database):
    header = ["page", "kind"] + [
        f"{n:,} articles: req/s · p50 · p95 · p99 ms" for n in args.growth
    ]
    align = ["l", "l"] + ["r"] * len(args.growth)
    keys = []
    for rows in tables.values():
        for row in rows:
            if (row.name, row.kind) not in keys:
                keys.append((row.name, row.kind))
    order = {name: n for n, name in enumerate(["bound", *LABELS])}
    keys.sort(key=lambda k: (order.get(k[0], 99), k[1] != "cached", k[1]))
    cells = []
    for name, kind in keys:
        line = ["bound" if name == "bound" else LABELS.get(name, name), kind]
        for count in args.growth:
            row = find(tables.get(count, []), name, kind)
            line.append(
                f"{row.result.rps:,.0f} · {row.result.p50_ms:.1f} · {row.result.p95_ms:.1f} · {row.result.p99_ms:.1f}"
                if row
                else "–"
            )
        cells.append(line)
    today = datetime.datetime.now(datetime.UTC).strftime("%d %B %Y, %H:%M UTC")
    return "\n".join(
        [
            "### Growth (`make bench-growth`)",
            "",
            f"The same pages at {', '.join(f'{n:,}' for n in args.growth)} "
            f"articles, the data rebuilt for each (`make_bench_data --reset`); "
            f"{args.server}, {database}. Measured {today}: {args.seconds} s per page, "
            f"{args.connections} connections. Detail and list pages should stay flat.",
            "",
            "```sh",
            args.command,
            "```",
            "",
            machine_table(pairs),
            "",
            documents.markdown_table(header, cells, align),
        ]
    )


# ------------------------------------------------------------------ main


def cold_articles(server, paths, args, folder):
    """Gallery articles each rendered once (page cache off, no warm-up): their
    photos' markup is new to the process, so any fragment cache is cold. (WrkResult,
    number of distinct articles)."""
    paths_file = Path(folder) / "cold-articles.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    result = wrk.run_wrk(
        server.base + paths[0],
        args.seconds,
        args.connections,
        args.threads,
        paths_file=paths_file,
        sample=server.sample,
    )
    again = " (some rendered twice)" if result.requests > len(paths) else ""
    print(
        f"  {'uncached':11} {len(paths)} gallery articles, fragments cold{again}:"
        f" {result.rps:8.0f} req/s  p50 {result.p50_ms:6.1f}  p99 {result.p99_ms:6.1f}"
        f" ms  errors {result.error_count}",
        flush=True,
    )
    return result, len(paths)


# Distinct query strings of the gallery article, each a page the cache has not
# stored: with the page cache on, every request renders the page around the
# meeting's stored fragments (the case of an article corrected, its meeting not).
FRAGMENT_WARM_VARIANTS = 20000


def fragments_warm(server, path, args, folder):
    """The gallery article rendered afresh on every request with its meeting's
    fragments stored: ``?page=<n>`` makes each request a page not stored (the
    article page ignores it; the cache keeps it as a parameter pages read)."""
    paths_file = Path(folder) / "fragments-warm.txt"
    separator = "&" if "?" in path else "?"
    paths_file.write_text(
        "".join(
            f"{path}{separator}page={n}\n" for n in range(1, FRAGMENT_WARM_VARIANTS)
        )
    )
    # The fragments stored once, before measuring.
    wrk.run_wrk(server.base + path, 1, 1, 1)
    result = wrk.run_wrk(
        server.base + path,
        args.seconds,
        args.connections,
        args.threads,
        paths_file=paths_file,
        sample=server.sample,
    )
    print(
        f"  {'page cold':11} {path[:40]:40} fragments warm:"
        f" {result.rps:8.0f} req/s  p50 {result.p50_ms:6.1f}  p99 {result.p99_ms:6.1f}"
        f" ms  errors {result.error_count}",
        flush=True,
    )
    return result


def hooks(args, env, facts, folder, extra):
    """What runs on each stack after its pages, its results put into ``extra``:
    the publish storm with the page cache on, the sitemap and the admin pages
    with it off."""

    def on_cached(server):
        article = facts["pages"].get("article")
        if article:
            extra["warm"] = fragments_warm(server, article["path"], args, folder)
        if not args.no_storm:
            extra["storm"] = storm.run_storm(server, env, facts["storm"], args, folder)

    def on_uncached(server):
        if facts.get("cold"):
            extra["cold"] = cold_articles(server, facts["cold"], args, folder)
        if args.sitemap_requests:
            extra["sitemap"] = timing.time_sitemap(server, args.sitemap_requests)
        if args.admin_requests:
            extra["admin"], extra["admin_source"] = timing.time_admin(
                server, env, args.admin_requests
            )

    return {"cached": on_cached, "uncached": on_uncached}


def run(args):
    """The whole benchmark; returns what it measured (the smoke test reads it)."""
    wrk.ensure_wrk()
    stack.ensure_database(args.database_url)
    database = documents.database_version(args.database_url)
    pairs = documents.machine(
        args.database_url, args.redis_url, args.server, args.workers
    )
    report = {"tables": {}, "memory": {}, "pids": set(), "errors": 0}
    with tempfile.TemporaryDirectory(prefix="ngt-bench-") as folder:
        folder = Path(folder)
        media = Path(tempfile.gettempdir()) / "ngt-bench-media"
        static = args.static_root or folder / "static"
        env = stack.stack_env(
            args.database_url, args.redis_url, static, media, workers=args.workers
        )
        if not (Path(static) / "staticfiles.json").exists():
            print("collectstatic", flush=True)
            stack.manage(env, "collectstatic", "--noinput", "-v", "0")
        stack.manage(env, "migrate", "--noinput", "-v", "0")
        stack.analyse(env)
        counts = args.growth or [args.articles]
        for count in counts:
            facts = stack.ensure_data(
                env,
                count,
                reset=bool(args.growth),
                meetings=args.meetings,
                photos=args.photos,
                bound_file=Path(static) / "bench" / "bound.html",
                storm=not args.growth,
            )
            if args.pages:
                facts["pages"] = {
                    name: page
                    for name, page in facts["pages"].items()
                    if name in args.pages
                }
            state = facts
            args.articles_measured = state["articles"]
            args.published_measured = state["published"]
            if "article" not in facts["pages"]:
                raise command.BenchError("no article page among the paths to measure")
            print(
                f"{state['articles']:,} articles ({state['published']:,} published); paths from "
                f"{'bench_urls()' if facts['bench_urls'] else 'the content found'}",
                flush=True,
            )
            extra = {}
            extras = {} if args.growth else hooks(args, env, facts, folder, extra)
            rows, memory = run_table(
                args, env, facts["pages"], folder, f"-{count}", report["pids"], extras
            )
            report["tables"][count] = rows
            report["memory"][count] = memory
            report["extra"] = extra
            for row in rows:
                report["errors"] += row.result.error_count
            if extra.get("storm"):
                report["errors"] += extra["storm"].baseline.error_count
                report["errors"] += extra["storm"].storm.error_count
            if extra.get("cold"):
                report["errors"] += extra["cold"][0].error_count
            for timed in extra.get("sitemap", []) + extra.get("admin", []):
                report["errors"] += bool(timed.failed)
            print()
            print(documents.text_table(HEADER, table_rows(rows, code=False), ALIGN))
            print(errors_line(rows)[0])
            for line in verdicts(rows, memory, args, database):
                print("- " + line.replace("**", ""))
            print()
            if not args.growth:
                report["targets"] = targets_rows(rows, extra, args)
                print(
                    f"Issue #17's targets ({state['articles']:,} articles, {database}):"
                )
                print(
                    documents.text_table(
                        TARGETS_HEADER, report["targets"], TARGETS_ALIGN
                    )
                )
                print()
            if not args.growth and not args.no_docs:
                block = server_block(
                    args,
                    rows,
                    memory,
                    pairs,
                    state["articles"],
                    facts["bench_urls"],
                    database,
                    report.get("targets"),
                )
                write_bench(args.docs, args.server, block)
                print(f"written to {args.docs}")
        if args.growth and not args.no_docs:
            block = growth_block(args, report["tables"], pairs, database)
            documents.replace_section(args.docs, "bench-growth", block, "# Benchmarks")
            print(documents.section(args.docs, "bench-growth").split("\n\n")[-1])
            print(f"written to {args.docs}")
    return report


def main(argv=None):
    return command.run_command(
        "bench",
        options(argv),
        run,
        lambda report: (
            [f"{report['errors']} requests failed"] if report["errors"] else []
        ),
    )


if __name__ == "__main__":
    sys.exit(main())
