"""``manage.py time_sitemaps`` times the index, each page it lists and the feeds."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from news.models import Article
from pages import sitemaps
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_command_times_every_sitemap_page_and_the_feeds(monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    for hours in range(1, 6):
        ArticleFactory(
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - datetime.timedelta(hours=hours),
        )
    out = StringIO()

    call_command("time_sitemaps", repeat=1, stdout=out)

    lines = out.getvalue().splitlines()
    names = [line.split()[0] for line in lines[1:]]
    assert names[0] == "index"
    assert [n for n in names if n.startswith("sitemap-articles")] == [
        "sitemap-articles.xml",
        "sitemap-articles.xml?p=2",
        "sitemap-articles.xml?p=3",
    ]
    assert {"RSS", "Atom"} <= set(names)
    # Every address answered 200.
    assert all(" 200 " in line for line in lines[1:])
