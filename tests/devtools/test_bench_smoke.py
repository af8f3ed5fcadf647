"""`make bench` and `make soak`, run small so they cannot rot: a few articles in a
SQLite file, each worker's local-memory cache, a second per page, two connections;
a second of publish storm and one request per sitemap section and admin page.

The figures mean nothing here; what is checked is that every row of the table is
measured, the bound is there, no request fails, the documents get their section and
nothing else, and every process the stack started is gone afterwards.
"""

import re
import shutil
import sqlite3

import pytest

from devtools.management.commands import bench_editor
from tests import servers
from tests.bench import bench_pages, command, documents, soak, stack, timing, wrk

pytestmark = pytest.mark.bench

ARTICLES = 12
PAGES = ["home", "list", "article", "meeting", "honour_roll", "search"]


@pytest.fixture(scope="module")
def bench_folder(tmp_path_factory):
    if not shutil.which("wrk"):
        try:
            wrk.ensure_wrk()
        except command.BenchError as error:
            pytest.skip(f"wrk, the load generator, cannot be installed: {error}")
    folder = tmp_path_factory.mktemp("bench")
    # A copy of the suite's collected static files, which takes a fraction of the
    # time collecting does; a copy, because the bench adds its bound file to it.
    shutil.copytree(servers.collected_static(), folder / "static")
    return folder


def common(folder):
    return [
        "--database-url",
        f"sqlite:///{folder / 'bench.sqlite3'}",
        "--redis-url",
        "",
        "--articles",
        str(ARTICLES),
        "--static-root",
        str(folder / "static"),
        "--connections",
        "2",
        "--threads",
        "1",
    ]


@pytest.mark.server
def test_bench_measures_every_page_cached_and_uncached_and_the_bound(bench_folder):
    docs = bench_folder / "benchmarks.md"
    docs.write_text("# Benchmarks\n\nWritten by hand.\n")
    args = bench_pages.options(
        [
            *common(bench_folder),
            "--meetings",
            "3",
            "--seconds",
            "1",
            "--warmup",
            "0",
            "--editor-interval",
            "0.2",
            "--admin-requests",
            "1",
            "--sitemap-requests",
            "1",
            "--docs",
            str(docs),
        ]
    )
    report = bench_pages.run(args)

    rows = report["tables"][ARTICLES]
    measured = {(row.name, row.kind) for row in rows}
    expected = {(page, kind) for page in PAGES for kind in ("cached", "uncached")}
    single = ("search", "uncached, 1 connection")
    assert measured == expected | {("bound", "static file"), single}
    for row in rows:
        assert row.result.requests > 0, row
        assert row.result.rps > 0 and row.result.p50_ms > 0, row
        assert row.result.p99_ms >= row.result.p50_ms, row
        assert row.bytes > 1000, row
        assert row.name == "bound" or row.queries > 0, row
    bound = next(row for row in rows if row.name == "bound")
    article = next(row for row in rows if row.name == "article")
    # The bound is a static file of exactly the article page's size.
    assert bound.result.bytes / bound.result.requests > article.bytes
    assert report["errors"] == 0

    # Every process of both stacks (a master and two workers each) is gone.
    assert len(report["pids"]) >= 6
    assert stack.alive(report["pids"]) == []

    text = docs.read_text()
    assert text.startswith("# Benchmarks\n\nWritten by hand.\n")
    inside = documents.section(docs, "bench")
    assert "| bound | `/static/bench/bound.html` | static file |" in inside
    kinds = re.findall(r"^\| [^|]+ \| `/[^`]*` \| ([^|]+) \|", inside, re.M)
    assert sorted(kinds) == sorted(
        ["static file", "uncached, 1 connection"] + ["cached", "uncached"] * 6
    )
    assert "Errors: none in" in inside
    assert "<!-- bench:gunicorn:start -->" in inside
    assert "| publish storm, throughput |" in inside

    # The storm: both runs counted by their X-Cache header, the editor changed
    # content while the load ran, and left nothing behind.
    extra = report["extra"]
    result = extra["storm"]
    for run in (result.baseline, result.storm):
        assert run.requests > 0 and run.error_count == 0
        assert sum(run.cache.values()) == run.requests
        assert 0 <= run.cold_share <= 1
    assert result.baseline.cache["hit"] > 0
    assert len(result.paths) >= 2 and result.paths[0] == "/"
    editor = result.editor
    assert editor["changes"] >= 2 and editor["publish"] >= 1
    assert editor["cleaned"]["deleted"] == editor["publish"]
    with sqlite3.connect(bench_folder / "bench.sqlite3") as database:
        left = database.execute(
            "SELECT count(*) FROM news_article WHERE slug LIKE ? OR title LIKE ?",
            [bench_editor.PREFIX + "%", "%" + bench_editor.MARK],
        ).fetchone()[0]
    assert left == 0

    # Every sitemap section answered; every admin page signed in, with its queries.
    assert len(extra["sitemap"]) >= 3
    assert all(len(t.times_ms) == 1 and t.bytes > 100 for t in extra["sitemap"])
    admin = extra["admin"]
    assert admin and all(len(t.times_ms) == 1 and t.queries > 0 for t in admin)
    if extra["admin_source"] == "default":
        assert [t.label.split(",")[0] for t in admin] == [
            "article changelist",
            "meeting changelist",
            "photo changelist",
            "meeting form",
        ]

    # One table of the targets: every figure beside its target.
    # Other gallery articles, each new to the uncached stack: fragments cold.
    cold, count = extra["cold"]
    assert count >= 1 and cold.requests > 0 and cold.error_count == 0
    # The gallery article rendered afresh around its meeting's stored fragments.
    assert extra["warm"].requests > 0 and extra["warm"].error_count == 0

    figures = [row[0] for row in report["targets"]]
    for figure in (
        "uncached gallery articles, fragments cold",
        "uncached article, 30-photo gallery (page cache off: every part rendered)",
        "article page not stored, its meeting's fragments stored",
        "cached article, photo gallery",
        "cached home",
        "publish storm, throughput",
        "publish storm, p99",
        "publish storm, cold renders",
    ):
        assert figure in figures
    assert any(figure.startswith("sitemap sections") for figure in figures)
    assert sum(figure.startswith("admin: ") for figure in figures) == len(admin)
    verdicts = {row[3] for row in report["targets"]}
    assert verdicts <= {"met", "not met", "–", "see tests"}


def test_bench_measures_only_the_pages_asked_and_always_the_article():
    args = bench_pages.options(["--pages", "home", "--storm-seconds", "2"])
    assert args.pages == {"home", "article"}
    assert (args.storm_seconds, args.seconds) == (2, 10)
    with pytest.raises(SystemExit):
        bench_pages.options(["--pages", "nowhere"])


@pytest.mark.server
def test_soak_runs_mixed_traffic_without_errors(bench_folder):
    docs = bench_folder / "reliability.md"
    args = soak.options(
        [*common(bench_folder), "--seconds", "3", "--warmup", "1", "--docs", str(docs)]
    )
    report = soak.run(args)

    result = report["result"]
    assert result.requests > 0
    assert result.errors == dict.fromkeys(result.errors, 0)
    assert report["restarts"] == 0
    assert len(report["growth"]) == 2
    assert all(start > 0 and end > 0 for _, start, end, _ in report["growth"])
    assert report["paths"] > 20
    assert stack.alive(report["pids"]) == []
    assert len(report["pids"]) >= 3

    text = docs.read_text()
    assert text.startswith("# Reliability\n")
    assert "## Soak (`make soak`)" in documents.section(docs, "soak")


def test_a_section_replaces_only_what_is_between_its_markers(tmp_path):
    docs = tmp_path / "notes.md"
    docs.write_text(
        "# Notes\n\nBefore.\n<!-- x:start -->\nold\n<!-- x:end -->\nAfter.\n"
    )
    documents.replace_section(docs, "x", "new", "# Notes")
    assert docs.read_text() == (
        "# Notes\n\nBefore.\n<!-- x:start -->\nnew\n<!-- x:end -->\nAfter.\n"
    )
    documents.replace_section(docs, "y", "added", "# Notes")
    assert docs.read_text().endswith(
        "After.\n\n<!-- y:start -->\nadded\n<!-- y:end -->\n"
    )
    missing = tmp_path / "new.md"
    documents.replace_section(missing, "z", "first", "# New")
    assert missing.read_text() == "# New\n\n<!-- z:start -->\nfirst\n<!-- z:end -->\n"


def test_wrk_summary_line_is_read_with_every_error_kind():
    output = (
        "Running 1s test\nNGT-WRK requests=120 duration_us=1000000 bytes=5000 "
        "connect=0 read=1 write=0 status=3 timeout=2 p50_us=1500 p90_us=2500 "
        "p95_us=3000 p99_us=9000 max_us=12000 mean_us=1700.5\n"
    )
    result = wrk.parse_wrk(output)
    assert result.rps == 120
    assert result.errors == {
        "connect": 0,
        "read": 1,
        "write": 0,
        "status": 3,
        "timeout": 2,
    }
    assert result.error_count == 6
    assert (result.p50_ms, result.p99_ms, result.max_ms) == (1.5, 9.0, 12.0)
    assert result.cache is None and result.cold_share is None
    with pytest.raises(command.BenchError):
        wrk.parse_wrk("wrk: connection refused\n")


def test_the_storm_script_counts_answers_by_their_cache_header():
    output = (
        "NGT-WRK requests=200 duration_us=2000000 bytes=5000 connect=0 read=0 "
        "write=0 status=0 timeout=0 p50_us=1500 p90_us=2500 p95_us=3000 "
        "p99_us=9000 max_us=12000 mean_us=1700.5\nNGT-CACHE hit=150 miss=40 none=10\n"
    )
    result = wrk.parse_wrk(output)
    assert result.cache == {"hit": 150, "miss": 40, "none": 10}
    assert result.cold_share == 0.25


def test_a_long_sitemap_section_is_sampled_at_its_first_middle_and_last_pages():
    paths = ["/sitemap-pages.xml"] + [
        f"/sitemap-articles.xml?p={n}" for n in range(1, 21)
    ]
    assert timing.sampled(paths) == [
        "/sitemap-pages.xml",
        "/sitemap-articles.xml?p=1",
        "/sitemap-articles.xml?p=11",
        "/sitemap-articles.xml?p=20",
    ]
    timed = timing.Timing("x", "/x", [5.0, 1.0, 3.0, 2.0, 4.0])
    assert (timed.median_ms, timed.p95_ms) == (3.0, 5.0)
