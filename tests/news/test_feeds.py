"""RSS and Atom feeds of published articles, overall and per category."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def categories():
    """Two categories with published articles: three in the first, two in the other."""
    news = CategoryFactory(name="Tin tức – Sự kiện")
    notices = CategoryFactory(name="Thông báo")
    author = PersonFactory(full_name="Thạch Thị Hồng Mơ")
    unit = UnitFactory(name="Phòng Tổ chức – Hành chính", short_name="Phòng TCHC")
    now = timezone.now()
    for day, category in enumerate([news, news, news, notices, notices], start=1):
        ArticleFactory(
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(days=day),
            byline_person=author,
            byline_unit=unit,
        )
    return news, notices


def parse(response):
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_rss_is_a_valid_channel_of_items(client, categories):
    """The RSS feed parses; its channel has a title and a link, every item a title,
    an absolute link, a publication date and a guid."""
    response = client.get("/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse(response).find("channel")

    assert channel.findtext("title")
    assert channel.findtext("link").startswith("http://testserver/tin-tuc/")
    items = channel.findall("item")
    assert len(items) == 5
    for item in items:
        assert item.findtext("title").startswith("Bài viết thử nghiệm")
        assert item.findtext("link").startswith("http://testserver/tin-tuc/")
        assert item.findtext("pubDate")
        assert item.findtext("guid")


def test_rss_items_are_newest_first_with_their_dates(client, categories):
    """Items come newest first, each dated by its publication time."""
    items = parse(client.get("/rss/")).find("channel").findall("item")
    expected = Article.objects.published().order_by("-published_at")

    assert [item.findtext("title") for item in items] == [a.title for a in expected]
    for item, article in zip(items, expected, strict=True):
        pub_date = parsedate_to_datetime(item.findtext("pubDate"))
        assert pub_date == article.published_at.replace(microsecond=0)


def test_rss_item_names_the_author(client, categories):
    """An item's author is the article's byline."""
    response = client.get("/rss/")

    assert "Thạch Thị Hồng Mơ – Phòng TCHC" in response.content.decode()


def test_atom_has_an_entry_per_article(client, categories):
    """The Atom feed parses and has one entry with title, link and dates per
    published article."""
    response = client.get("/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse(response)

    assert feed.findtext(f"{ATOM}title")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    for entry in entries:
        assert entry.findtext(f"{ATOM}title")
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith("http://testserver/tin-tuc/")
        assert entry.findtext(f"{ATOM}published")
        assert entry.findtext(f"{ATOM}updated")
        assert entry.findtext(f"{ATOM}id")


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_a_category_feed_has_only_that_category(client, categories, feed):
    """/rss/<category>/ and /atom/<category>/ list that category's articles only."""
    news, notices = categories
    root = parse(client.get(f"/{feed}/{notices.slug}/"))

    if feed == "rss":
        links = [item.findtext("link") for item in root.iter("item")]
    else:
        links = [e.find(f"{ATOM}link").get("href") for e in root.iter(f"{ATOM}entry")]
    assert len(links) == 2
    assert all(
        link.startswith(f"http://testserver/tin-tuc/{notices.slug}/") for link in links
    )


def test_a_category_feed_links_to_its_category(client, categories):
    """The channel of a category feed links to the category's page."""
    _news, notices = categories
    channel = parse(client.get(f"/rss/{notices.slug}/")).find("channel")

    assert channel.findtext("link") == f"http://testserver/tin-tuc/{notices.slug}/"


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_an_unknown_category_feed_is_404(client, categories, feed):
    """A feed of a category that does not exist is not found."""
    assert client.get(f"/{feed}/khong-co-chuyen-muc-nay/").status_code == 404


def test_an_empty_feed_is_still_valid(client):
    """With nothing published, the feed parses and has no items."""
    channel = parse(client.get("/rss/")).find("channel")

    assert channel.findall("item") == []


def test_the_feed_keeps_to_its_size(client):
    """The feed lists the latest twenty articles, not the whole archive."""
    now = timezone.now()
    ArticleFactory.create_batch(
        25,
        category=CategoryFactory(),
        status=Article.Status.PUBLISHED,
        published_at=now - datetime.timedelta(hours=1),
    )

    assert len(parse(client.get("/rss/")).find("channel").findall("item")) == 20


def test_items_carry_their_cover_as_an_enclosure(client, django_assert_num_queries):
    """An article's cover (its meeting's cover photo here) is an RSS enclosure and
    an Atom enclosure link: absolute, a JPEG rendition, with its size in bytes. An
    article without a picture has none. The feed's queries do not grow with items."""
    from django.core.files.base import ContentFile

    from events.models import Photo
    from tests.factories import MeetingFactory
    from tests.photo_samples import jpeg, scene

    meeting = MeetingFactory()
    photo = Photo(meeting=meeting, is_cover=True)
    photo.image.save("IMG_1.jpg", ContentFile(jpeg(scene(1))))
    now = timezone.now()
    with_cover = ArticleFactory(
        meeting=meeting,
        status=Article.Status.PUBLISHED,
        published_at=now - datetime.timedelta(hours=1),
    )
    without = ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=now - datetime.timedelta(hours=2),
    )
    # Articles, their meetings, the meetings' cover photos.
    with django_assert_num_queries(3):
        response = client.get("/rss/")
    items = {i.findtext("title"): i for i in parse(response).iter("item")}
    enclosure = items[with_cover.title].find("enclosure")
    assert enclosure.get("type") == "image/jpeg"
    assert enclosure.get("url").startswith("http://testserver/media/photos/")
    assert enclosure.get("url").endswith("/640.jpg")
    path = enclosure.get("url").removeprefix("http://testserver/media/")
    assert int(enclosure.get("length")) == photo.image.storage.size(path) > 0
    assert items[without.title].find("enclosure") is None

    atom = ET.fromstring(client.get("/atom/").content)
    links = [
        link.get("href")
        for entry in atom.iter(f"{ATOM}entry")
        for link in entry.iter(f"{ATOM}link")
        if link.get("rel") == "enclosure"
    ]
    assert links == [enclosure.get("url")]
