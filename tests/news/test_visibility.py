"""Drafts, articles under review and scheduled articles appear nowhere a visitor looks.

Each hidden article below is made as tempting as possible to leak: featured, in the
same category, meeting, byline person and unit as a published one, and (for drafts
and articles under review) with a publication date already past. A published article
beside it shows that every place looked at does list articles.
"""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from news.models import Article
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    MeetingFactory,
    PersonFactory,
    UnitFactory,
)
from tests.helpers import text

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HIDDEN_WORD = "quyetdinhmat"
VISIBLE_WORD = "thongbaomo"


class Scene:
    """A category, a person, a unit and a meeting with articles about them."""

    def __init__(self):
        now = timezone.now()
        self.category = CategoryFactory(name="Tin tức – Sự kiện")
        self.person = PersonFactory(full_name="Thạch Thị Hồng Mơ")
        self.unit = UnitFactory(name="Phòng Tổ chức – Hành chính")
        self.meeting = MeetingFactory(title="Hội nghị tổng kết công tác năm 2023")
        self.about = {
            "category": self.category,
            "byline_person": self.person,
            "byline_unit": self.unit,
            "meeting": self.meeting,
        }
        self.visible = ArticleFactory(
            title=f"Nhà trường công bố kế hoạch {VISIBLE_WORD}",
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(days=2),
            **self.about,
        )
        # Another published article of the category, to open for its related list.
        self.neighbour = ArticleFactory(
            title="Một bài khác cùng chuyên mục",
            category=self.category,
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(days=3),
        )

    def hide(self, state):
        """An article in ``state`` ("draft", "review", "scheduled"), about the same
        things as the visible one and newer than it."""
        if state == "scheduled":
            status, hours = Article.Status.PUBLISHED, 24
        else:
            status, hours = state, -1
        return ArticleFactory(
            title=f"Kết luận kiểm tra nội bộ {HIDDEN_WORD}",
            status=status,
            published_at=timezone.now() + datetime.timedelta(hours=hours),
            featured=True,
            **self.about,
        )


# Where a visitor (or a crawler) finds articles: the address of each place.
PLACES = {
    "home": lambda scene, word: "/",
    "all articles": lambda scene, word: "/tin-tuc/",
    "category": lambda scene, word: scene.category.get_absolute_url(),
    "rss": lambda scene, word: "/rss/",
    "rss of the category": lambda scene, word: f"/rss/{scene.category.slug}/",
    "atom": lambda scene, word: "/atom/",
    "atom of the category": lambda scene, word: f"/atom/{scene.category.slug}/",
    "sitemap": lambda scene, word: "/sitemap.xml",
    "search": lambda scene, word: f"/tim-kiem/?q={word}",
    "related articles": lambda scene, word: scene.neighbour.get_absolute_url(),
    "byline person's page": lambda scene, word: scene.person.get_absolute_url(),
    "byline unit's page": lambda scene, word: scene.unit.get_absolute_url(),
    "meeting's page": lambda scene, word: scene.meeting.get_absolute_url(),
}


def fetch(client, path):
    """The page at ``path``; for the sitemap index, the index and every section."""
    response = client.get(path)
    assert response.status_code == 200, path
    if path != "/sitemap.xml":
        return [response]
    sections = ET.fromstring(response.content).iter(f"{SITEMAP}loc")
    return [response, *(fetch(client, urlsplit(loc.text).path)[0] for loc in sections)]


def shows(responses, article):
    """Whether any of ``responses`` names ``article`` or links to it."""
    url = article.get_absolute_url()
    return any(
        url in response.content.decode() or article.title in text(response)
        for response in responses
    )


@pytest.fixture
def scene():
    return Scene()


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_a_hidden_article_appears_nowhere(client, scene, state, place):
    """A draft, an article under review or a scheduled one is in no list, feed,
    sitemap, search result, related list, person, unit or meeting page."""
    hidden = scene.hide(state)

    responses = fetch(client, PLACES[place](scene, HIDDEN_WORD))

    assert not shows(responses, hidden)


@pytest.mark.parametrize("place", PLACES)
def test_a_published_article_appears_everywhere(client, scene, place):
    """A published article whose time has come is in every place the hidden ones
    are kept out of."""
    responses = fetch(client, PLACES[place](scene, VISIBLE_WORD))

    assert shows(responses, scene.visible)


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_a_hidden_article_is_not_found_at_its_address(client, scene, state):
    """A hidden article's own URL is 404, and so is its URL under another category:
    no redirect tells a visitor that it exists."""
    hidden = scene.hide(state)
    other = CategoryFactory(name="Thông báo")

    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(f"/tin-tuc/{other.slug}/{hidden.slug}/").status_code == 404


def test_a_published_article_opens_at_its_address(client, scene):
    """A published article's URL answers 200."""
    assert client.get(scene.visible.get_absolute_url()).status_code == 200


def test_a_scheduled_article_appears_once_its_time_has_come(client, scene):
    """Publication is checked when the page is asked for: the same row, its time
    moved into the past, is listed."""
    hidden = scene.hide("scheduled")
    assert client.get(hidden.get_absolute_url()).status_code == 404

    Article.objects.filter(pk=hidden.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert client.get(hidden.get_absolute_url()).status_code == 200
    assert shows([client.get("/tin-tuc/")], hidden)


def test_a_draft_does_not_date_its_category_in_the_sitemap(client, scene):
    """A category's ``lastmod`` is its newest published article's, not the day an
    editor last saved a draft in it."""
    last_week = timezone.now() - datetime.timedelta(days=7)
    # Published before they were last changed: dated by that change.
    Article.objects.filter(category=scene.category).update(
        published_at=last_week - datetime.timedelta(days=1), updated_at=last_week
    )
    scene.hide("draft")

    root = ET.fromstring(client.get("/sitemap-categories.xml").content)

    lastmod = root.findtext(f"{SITEMAP}url/{SITEMAP}lastmod")
    assert datetime.datetime.fromisoformat(lastmod) == last_week.replace(microsecond=0)
