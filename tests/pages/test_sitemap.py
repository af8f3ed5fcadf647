"""sitemap.xml: an index of sections listing every public page, with ``lastmod``."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from awards.models import Award
from events.models import Meeting
from news.models import Article, Category
from people.models import Person, Unit

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SECTIONS = [
    "pages",
    "articles",
    "categories",
    "meetings",
    "honours",
    "people",
    "units",
    "schedule",
    "intro",
    "contact",
    "documents",
]


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def section_urls(client):
    """The ``<loc>`` of every section the index lists."""
    index = parse(client.get("/sitemap.xml"))
    assert index.tag == f"{NS}sitemapindex"
    return [loc.text for loc in index.iter(f"{NS}loc")]


def entries(client, section):
    """``{path: <url> element}`` of one section sitemap."""
    root = parse(client.get(f"/sitemap-{section}.xml"))
    assert root.tag == f"{NS}urlset"
    found = {}
    for url in root.findall(f"{NS}url"):
        loc = url.findtext(f"{NS}loc")
        assert loc.startswith("http://testserver/"), loc
        found[urlsplit(loc).path] = url
    return found


def test_the_index_lists_every_section(client, demo_content):
    """/sitemap.xml is an index whose entries are the section sitemaps, absolute."""
    urls = section_urls(client)

    assert sorted(urls) == sorted(
        f"http://testserver/sitemap-{section}.xml" for section in SECTIONS
    )


def test_every_section_parses(client, demo_content):
    """Each section listed by the index is a valid urlset with absolute addresses."""
    for url in section_urls(client):
        root = parse(client.get(urlsplit(url).path))
        locs = [loc.text for loc in root.iter(f"{NS}loc")]
        assert locs, url
        assert all(loc.startswith("http://testserver/") for loc in locs)


def test_every_address_in_the_sitemap_opens(client, demo_content):
    """Every ``<loc>`` of every section, fetched, is a page that answers 200."""
    paths = []
    for url in section_urls(client):
        root = parse(client.get(urlsplit(url).path))
        paths += [urlsplit(loc.text).path for loc in root.iter(f"{NS}loc")]

    assert len(paths) == len(set(paths))
    for path in paths:
        assert client.get(path).status_code == 200, path


def test_the_sections_hold_every_public_page(client, demo_content):
    """Articles, categories, meetings, honour-roll years, people and units are all
    listed, and so are the home page and the main lists."""
    assert set(entries(client, "pages")) == {
        "/",
        "/tin-tuc/",
        "/su-kien/",
        "/khen-thuong/",
    }
    assert set(entries(client, "articles")) == {
        a.get_absolute_url() for a in Article.objects.published()
    }
    assert set(entries(client, "categories")) == {
        c.get_absolute_url() for c in Category.objects.all()
    }
    assert set(entries(client, "meetings")) == {
        m.get_absolute_url() for m in Meeting.objects.all()
    }
    assert set(entries(client, "honours")) == {
        f"/khen-thuong/{year}/" for year in Award.objects.values_list("year", flat=True)
    }
    assert set(entries(client, "people")) == {
        p.get_absolute_url() for p in Person.objects.all()
    }
    assert set(entries(client, "units")) == {
        u.get_absolute_url() for u in Unit.objects.all()
    }


def test_articles_have_lastmod(client, demo_content):
    """Every article's entry says when it last changed, as a W3C date."""
    articles = entries(client, "articles")

    assert len(articles) == 2
    for url in articles.values():
        lastmod = url.findtext(f"{NS}lastmod")
        assert lastmod
        assert lastmod[:4].isdigit() and lastmod[4] == "-"


def test_meetings_have_lastmod(client, demo_content):
    """Meetings' entries say when they last changed."""
    assert all(
        url.findtext(f"{NS}lastmod") for url in entries(client, "meetings").values()
    )


def test_the_index_dates_each_section_by_its_newest_public_row(
    client, demo_content, django_assert_max_num_queries
):
    """The index's ``lastmod`` per section is the newest public change, found with
    one aggregate query per section (not by reading every article)."""
    from datetime import datetime, timedelta

    from django.utils import timezone

    from tests.factories import ArticleFactory

    newest = Article.objects.published().latest("updated_at").updated_at
    draft = ArticleFactory(status="draft")
    Article.objects.filter(pk=draft.pk).update(
        updated_at=timezone.now() + timedelta(days=1)
    )
    # At most one per section, and two more.
    with django_assert_max_num_queries(len(SECTIONS) + 2):
        index = parse(client.get("/sitemap.xml"))
    dates = {
        element.findtext(f"{NS}loc").rsplit("/", 1)[1]: element.findtext(f"{NS}lastmod")
        for element in index.findall(f"{NS}sitemap")
    }

    def same_second(text, when):
        return abs(datetime.fromisoformat(text) - when) < timedelta(seconds=1)

    assert same_second(dates["sitemap-articles.xml"], newest)
    meeting_newest = Meeting.objects.latest("updated_at").updated_at
    assert same_second(dates["sitemap-meetings.xml"], meeting_newest)
