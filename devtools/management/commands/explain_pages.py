"""``manage.py explain_pages``: the query plan of every query the public pages run.

Each page is requested with Django's test client (the page cache off), the SQL it
runs is captured, and each SELECT is explained: on PostgreSQL with
``EXPLAIN (ANALYZE, BUFFERS)``, on SQLite with ``EXPLAIN QUERY PLAN`` (timed by
running the query once). A sequential scan of a table holding more than
``--min-rows`` rows (10,000) is flagged: on a large table it means a missing index.
``--strict`` makes that an error, for CI. docs/query-plans.md has the findings.
"""

import re
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from awards.models import Award
from devtools.bench_data import bench_urls, non_negative_int
from events.models import Meeting
from pages.sitemaps import SITEMAPS
from people.models import Person, Unit

SEQ_SCAN_PG = re.compile(r"(?:Parallel )?Seq Scan on (\w+)")
SCAN_NODE_PG = re.compile(
    r"((?:Parallel )?(?:Seq|Index|Index Only|Bitmap Heap|Bitmap Index) Scan.*?)  \("
)
# "SCAN t" reads the whole table; "SCAN t USING INDEX i" walks an index instead.
SCAN_SQLITE = re.compile(r"^SCAN (\w+)(?! USING)(?:\s|$)")
ALIAS = re.compile(r'"(\w+)" (\w+)')
LIMIT = re.compile(r"\bLIMIT \d+(?: OFFSET \d+)?\s*$")


def pages():
    """[(name, path)]: every kind of public page, with the content loaded now."""
    from news.models import Article, Category

    found = [
        ("home", reverse("home")),
        ("article list", reverse("news:article_list")),
        ("article list, page 500", f"{reverse('news:article_list')}?page=500"),
    ]
    category = (
        Category.objects.annotate(n=Count("articles")).order_by("-n", "pk").first()
    )
    if category is not None:
        found += [
            ("category list", reverse("news:category", args=[category.slug])),
            (
                "category list, page 100",
                f"{reverse('news:category', args=[category.slug])}?page=100",
            ),
        ]
    urls = bench_urls()
    if "article" not in urls:
        article = Article.objects.published().select_related("category").first()
        if article is not None:
            urls["article"] = article.get_absolute_url()
    if "article" in urls:
        found.append(("article", urls["article"]))
    found.append(("meeting list", reverse("events:meeting_list")))
    meeting = Meeting.objects.order_by("starts_at", "pk").first()
    if meeting is not None:
        query = f"loai={meeting.kind}&nam={timezone.localtime(meeting.starts_at).year}"
        found.append(
            ("meeting list, kind and year", f"{reverse('events:meeting_list')}?{query}")
        )
        found.append(
            ("meeting", urls.get("meeting") or meeting.get_absolute_url()),
        )
    found.append(("honour roll", reverse("awards:honour_roll")))
    year = Award.objects.order_by("-year").values_list("year", flat=True).first()
    if year is not None:
        found.append(
            ("honour roll, one year", reverse("awards:honour_roll_year", args=[year]))
        )
    person = (
        Person.objects.annotate(n=Count("attendances")).order_by("-n", "pk").first()
    )
    if person is not None:
        found.append(("person", person.get_absolute_url()))
    unit = (
        Unit.objects.annotate(
            n=Count("articles", filter=Q(articles__status=Article.Status.PUBLISHED))
        )
        .order_by("-n", "pk")
        .first()
    )
    if unit is not None:
        found.append(("unit", unit.get_absolute_url()))
    found += [
        ("search, many matches", urls["search"]),
        ("search, few matches", f"{reverse('search')}?q=dang+uy+bac+giang+khen"),
        ("RSS", reverse("feed")),
        ("Atom", reverse("atom_feed")),
    ]
    if category is not None:
        found.append(("category RSS", reverse("category_feed", args=[category.slug])))
    found.append(("sitemap index", reverse("sitemap")))
    for section in SITEMAPS:
        path = reverse("sitemap_section", kwargs={"section": section})
        found.append((f"sitemap {section}", path))
    return found


class Command(BaseCommand):
    help = (
        "Chạy từng trang công khai, ghi lại các câu truy vấn và in kế hoạch thực "
        "thi (EXPLAIN) của từng câu; đánh dấu việc quét tuần tự một bảng lớn."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--verbose", action="store_true", help="In đầy đủ câu SQL và kế hoạch."
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Báo lỗi (mã thoát khác 0) khi có quét tuần tự một bảng lớn.",
        )
        parser.add_argument(
            "--min-rows",
            type=non_negative_int,
            default=10_000,
            help="Bảng có hơn chừng này dòng là bảng lớn (10000).",
        )

    def handle(self, *args, **options):
        self.verbose = options["verbose"]
        self.min_rows = options["min_rows"]
        self.row_counts = {}
        vendor = connection.vendor
        if vendor not in {"postgresql", "sqlite"}:
            raise CommandError(f"Chưa hỗ trợ cơ sở dữ liệu {vendor}.")
        self.stdout.write(
            "Kế hoạch thực thi: "
            + (
                "EXPLAIN (ANALYZE, BUFFERS) trên PostgreSQL."
                if vendor == "postgresql"
                else "EXPLAIN QUERY PLAN trên SQLite (thời gian đo bằng một lần "
                "chạy; số liệu đầy đủ chỉ có trên PostgreSQL)."
            )
        )
        client = Client(raise_request_exception=True)
        flagged = []
        with override_settings(
            PAGE_CACHE_ENABLED=False,
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
            SECURE_SSL_REDIRECT=False,
        ):
            for name, path in pages():
                flagged += self.explain_page(client, name, path)
        if flagged:
            self.stdout.write(
                self.style.WARNING(f"{len(flagged)} lần quét tuần tự bảng lớn:")
            )
            for line in flagged:
                self.stdout.write(f"  {line}")
            if options["strict"]:
                raise CommandError("Có trang quét tuần tự một bảng lớn.")
        else:
            self.stdout.write(
                self.style.SUCCESS("Không trang nào quét tuần tự bảng lớn.")
            )

    def explain_page(self, client, name, path):
        with CaptureQueriesContext(connection) as captured:
            started = time.monotonic()
            response = client.get(path)
            seconds = time.monotonic() - started
        queries = [
            q["sql"]
            for q in captured.captured_queries
            if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
        ]
        self.stdout.write(
            f"\n== {name}: {path} → {response.status_code}, {len(queries)} truy vấn, "
            f"{seconds * 1000:.0f} ms"
        )
        flagged = []
        for number, sql in enumerate(queries, start=1):
            if connection.vendor == "postgresql":
                top, ms, plan, scans = self.explain_postgresql(sql)
            else:
                top, ms, plan, scans = self.explain_sqlite(sql)
            big = [t for t in scans if self.rows(t) > self.min_rows]
            mark = f"  QUÉT TUẦN TỰ {', '.join(big)}" if big else ""
            self.stdout.write(f"  [{number}] {ms:.2f} ms {top}{mark}")
            flagged += [f"{name} [{number}]: {table}" for table in big]
            if self.verbose or big:
                self.stdout.write(f"      {sql}")
            if self.verbose:
                for line in plan:
                    self.stdout.write(f"      {line}")
        return flagged

    def explain_postgresql(self, sql):
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = [row[0] for row in cursor.fetchall()]
        # The top node and the scans under it: "Limit › Index Scan using … on …".
        nodes = [plan[0].split("  (", 1)[0].strip()]
        for line in plan[1:]:
            match = SCAN_NODE_PG.search(line)
            if match and match.group(1) not in nodes:
                nodes.append(match.group(1))
        top = " › ".join(nodes)
        ms = next(
            (
                float(line.split(":")[1].split()[0])
                for line in plan
                if line.startswith("Execution Time:")
            ),
            0.0,
        )
        scans = sorted(
            {m.group(1) for line in plan for m in SEQ_SCAN_PG.finditer(line)}
        )
        return top, ms, plan, scans

    def explain_sqlite(self, sql):
        aliases = {alias: table for table, alias in ALIAS.findall(sql)}
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = [row[-1] for row in cursor.fetchall()]
            started = time.monotonic()
            cursor.execute(sql)
            cursor.fetchall()
            ms = (time.monotonic() - started) * 1000
        scans = set()
        # A rowid table is its primary-key index: "SCAN t" for ORDER BY id … LIMIT,
        # without a sort, walks it in order and stops, as PostgreSQL's primary-key
        # Index Scan does.
        walks_in_order = LIMIT.search(sql) and not any("TEMP B-TREE" in p for p in plan)
        for line in plan:
            match = SCAN_SQLITE.match(line)
            if match and not walks_in_order:
                scans.add(aliases.get(match.group(1), match.group(1)))
        return " › ".join(plan) or "?", ms, plan, sorted(scans)

    def rows(self, table):
        """Rows in ``table`` (counted once); 0 for a name that is not a table."""
        if table not in self.row_counts:
            if table not in connection.introspection.table_names():
                self.row_counts[table] = 0
            else:
                with connection.cursor() as cursor:
                    quoted = connection.ops.quote_name(table)
                    cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608
                    self.row_counts[table] = cursor.fetchone()[0]
        return self.row_counts[table]
