"""``manage.py time_sitemaps``: how long the sitemap index, every page of every sitemap
section and the feeds take to render, uncached, through the whole request path."""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from devtools.bench_data import non_negative_int
from news.models import Category


def addresses():
    """(name, path): the index, each page it lists, then the feeds."""
    client = Client(HTTP_HOST="localhost")
    index = reverse("sitemap")
    found = [("index", index)]
    response = client.get(index)
    text = response.content.decode()
    for part in text.split("<loc>")[1:]:
        location = part.split("</loc>", 1)[0].replace("&amp;", "&")
        path = location.split("://", 1)[-1]
        path = path[path.index("/") :]
        found.append((path.removeprefix("/"), path))
    found += [("RSS", reverse("feed")), ("Atom", reverse("atom_feed"))]
    category = Category.objects.order_by("order", "pk").first()
    if category is not None:
        found.append(
            ("RSS of a category", reverse("category_feed", args=[category.slug]))
        )
    return found


class Command(BaseCommand):
    help = (
        "Đo thời gian tạo sơ đồ trang (sitemap), từng trang của từng mục, và các "
        "nguồn tin RSS/Atom, không qua bộ nhớ đệm trang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repeat",
            type=non_negative_int,
            default=7,
            help="Số lần đo mỗi địa chỉ (7); lấy trung vị.",
        )

    def handle(self, *args, **options):
        repeat = max(options["repeat"], 1)
        with override_settings(PAGE_CACHE_ENABLED=False, DEBUG=True):
            client = Client(HTTP_HOST="localhost")
            rows = []
            for name, path in addresses():
                client.get(path)  # warm: code paths, connection
                times = []
                for _ in range(repeat):
                    reset_queries()
                    started = time.perf_counter()
                    response = client.get(path)
                    times.append((time.perf_counter() - started) * 1000)
                queries = len(connection.queries)
                rows.append(
                    (name, response.status_code, len(response.content), queries, times)
                )
        self.stdout.write(
            f"{'địa chỉ':<40} {'mã':>4} {'byte':>9} {'truy vấn':>8} "
            f"{'trung vị ms':>11} {'lớn nhất ms':>11}"
        )
        for name, status, size, queries, times in rows:
            self.stdout.write(
                f"{name:<40} {status:>4} {size:>9} {queries:>8} "
                f"{statistics.median(times):>11.1f} {max(times):>11.1f}"
            )
