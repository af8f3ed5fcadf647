"""The article sitemap at scale: pages by ranges of the primary key, a fixed number of
narrow queries per page and for the index, dates that are the articles' own, and
nothing a visitor may not see."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from news.models import Article
from pages import sitemaps
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PER_PAGE = 5


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    """Five addresses a page, so a few articles make several pages."""
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", PER_PAGE)


def publish(count, category=None, **fields):
    """``count`` published articles, one hour apart, the newest an hour ago."""
    category = category or CategoryFactory()
    now = timezone.now()
    return [
        ArticleFactory(
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(hours=count - index),
            **fields,
        )
        for index in range(count)
    ]


def parse(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def page_entries(client, page=None):
    """``{path: lastmod text}`` of one page of the article sitemap, in order."""
    suffix = "" if page is None else f"?p={page}"
    root = parse(client.get(f"/sitemap-articles.xml{suffix}"))
    assert root.tag == f"{NS}urlset"
    return {
        urlsplit(url.findtext(f"{NS}loc")).path: url.findtext(f"{NS}lastmod")
        for url in root.findall(f"{NS}url")
    }


def index_locations(client):
    root = parse(client.get("/sitemap.xml"))
    return [loc.text for loc in root.iter(f"{NS}loc")]


def article_pages(client):
    """The addresses of the article sitemap's pages the index lists."""
    return [
        urlsplit(loc).path + (f"?{urlsplit(loc).query}" if urlsplit(loc).query else "")
        for loc in index_locations(client)
        if "sitemap-articles.xml" in loc
    ]


def w3c(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds")


def test_pages_split_the_articles_by_key_in_order(client):
    """Twelve articles at five a page: three pages, the first holding the five
    oldest keys, the last the remaining two; together every article once."""
    articles = publish(12)

    assert article_pages(client) == [
        "/sitemap-articles.xml",
        "/sitemap-articles.xml?p=2",
        "/sitemap-articles.xml?p=3",
    ]
    pages = [list(page_entries(client, number)) for number in (1, 2, 3)]
    paths = [article.get_absolute_url() for article in articles]
    assert pages == [paths[:5], paths[5:10], paths[10:]]
    # Without ?p= is the first page.
    assert list(page_entries(client)) == paths[:5]


@pytest.mark.parametrize("page", ["4", "0", "-1", "abc", "1.5", "2%00", "9" * 30])
def test_a_page_beyond_the_end_or_not_a_page_number_is_404(client, page):
    publish(12)

    response = client.get(f"/sitemap-articles.xml?p={page}")

    assert response.status_code == 404


def test_with_no_article_the_first_page_is_empty_and_the_second_404(client):
    """An empty site still has a valid, empty first page, and no second."""
    assert page_entries(client) == {}
    assert article_pages(client) == ["/sitemap-articles.xml"]
    assert client.get("/sitemap-articles.xml?p=2").status_code == 404


def test_an_unknown_section_is_404(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_drafts_reviews_and_scheduled_articles_never_appear(client):
    """Only articles whose publication time has come are listed, on any page, and
    the index's date ignores the others, even the latest changed ones."""
    public = publish(6)
    now = timezone.now()
    hidden = [
        ArticleFactory(status=Article.Status.DRAFT),
        ArticleFactory(status=Article.Status.REVIEW),
        ArticleFactory(
            status=Article.Status.PUBLISHED,
            published_at=now + datetime.timedelta(days=2),
        ),
        # Unpublished again after it was public.
        ArticleFactory(status=Article.Status.DRAFT, published_at=now),
    ]
    publish(1)  # a key after the hidden ones

    listed = {}
    for page in article_pages(client):
        listed.update(page_entries(client, page.partition("p=")[2] or None))

    assert (
        set(listed) == {a.get_absolute_url() for a in Article.objects.published()}
        and len(listed) == 7
    )
    assert all(a.get_absolute_url() in listed for a in public)
    assert not any(a.get_absolute_url() in listed for a in hidden)
    index = parse(client.get("/sitemap.xml"))
    dates = {
        s.findtext(f"{NS}loc"): s.findtext(f"{NS}lastmod")
        for s in index.findall(f"{NS}sitemap")
    }
    newest = max(max(a.updated_at, a.published_at) for a in Article.objects.published())
    assert dates["http://testserver/sitemap-articles.xml"] == w3c(newest)


def test_lastmod_is_the_last_change_or_the_publication_if_later(client):
    """An article corrected after publication is dated by its correction; one
    saved before its scheduled time came is dated by its publication."""
    corrected, scheduled = publish(2)
    now = timezone.now()
    corrected_at = now - datetime.timedelta(minutes=10)
    Article.objects.filter(pk=corrected.pk).update(updated_at=corrected_at)
    saved_at = scheduled.published_at - datetime.timedelta(days=3)
    Article.objects.filter(pk=scheduled.pk).update(updated_at=saved_at)

    entries = page_entries(client)

    assert entries[corrected.get_absolute_url()] == w3c(corrected_at)
    assert entries[scheduled.get_absolute_url()] == w3c(scheduled.published_at)
    response = client.get("/sitemap-articles.xml")
    assert response["Last-Modified"]


def test_a_category_is_dated_by_its_newest_public_article(client):
    category = CategoryFactory()
    (article,) = publish(1, category=category)
    later = timezone.now() - datetime.timedelta(minutes=5)
    Article.objects.filter(pk=article.pk).update(updated_at=later)
    draft = ArticleFactory(category=category, status=Article.Status.DRAFT)
    Article.objects.filter(pk=draft.pk).update(
        updated_at=timezone.now() + datetime.timedelta(days=1)
    )

    root = parse(client.get("/sitemap-categories.xml"))
    dates = {
        urlsplit(url.findtext(f"{NS}loc")).path: url.findtext(f"{NS}lastmod")
        for url in root.findall(f"{NS}url")
    }

    assert dates[category.get_absolute_url()] == w3c(later)


@pytest.mark.parametrize("count", [3, 14])
def test_a_page_costs_two_queries_whatever_the_number_of_articles(
    client, django_assert_num_queries, count
):
    """The first and last keys, then the page's rows (slug, category slug, dates):
    two queries on any page, for 3 articles or 14."""
    publish(count)
    last_page = (count - 1) // PER_PAGE + 1

    for page in {1, last_page}:
        with django_assert_num_queries(2) as queries:
            response = client.get(f"/sitemap-articles.xml?p={page}")
        assert response.status_code == 200
    rows = queries.captured_queries[-1]["sql"].lower()
    assert "body" not in rows and "search" not in rows and "summary" not in rows
    assert "offset" not in rows


@pytest.mark.parametrize("count", [3, 14])
def test_the_index_costs_the_same_queries_whatever_the_number_of_articles(
    client, django_assert_num_queries, count
):
    """Nothing in the index runs per article page: 9 queries for 3 or 14
    articles (one or three pages), none of which reads the articles' texts."""
    publish(count)

    with django_assert_num_queries(9) as queries:
        response = client.get("/sitemap.xml")

    assert response.status_code == 200
    for query in queries.captured_queries:
        sql = query["sql"].lower()
        assert '"body"' not in sql and "offset" not in sql, sql
