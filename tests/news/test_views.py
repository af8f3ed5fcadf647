"""The news pages with the demo content: lists and the article, as a visitor reads them."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from core.text import slugify_vi
from demo import content as demo
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory
from tests.helpers import FACULTY, add_honours, json_ld, links, templates, text

pytestmark = pytest.mark.django_db

ANNUAL_ARTICLE = "/tin-tuc/tin-tuc-su-kien/" + demo.ARTICLES[0]["slug"] + "/"
THEMATIC_ARTICLE = "/tin-tuc/hoat-dong-dang-doan-the/" + demo.ARTICLES[1]["slug"] + "/"


@pytest.fixture(scope="module")
def annual(demo_content, django_db_blocker):
    """The annual-review article's page, fetched once for the module."""
    with django_db_blocker.unblock():
        return Client().get(ANNUAL_ARTICLE)


def test_the_article_list_shows_every_published_article(client, demo_content):
    """/tin-tuc/ lists both demo articles, newest first, with their dates."""
    response = client.get("/tin-tuc/")
    page = text(response)

    assert response.status_code == 200
    assert "news/article_list.html" in templates(response)
    first, second = demo.ARTICLES[0]["title"], demo.ARTICLES[1]["title"]
    assert first in page and second in page
    assert page.index(first) < page.index(second)
    assert "01/02/2024" in page and "28/09/2023" in page


def test_the_article_list_links_to_every_category(client, demo_content):
    """The list offers each category by name, as a link to its page."""
    response = client.get("/tin-tuc/")

    for category in demo.CATEGORIES:
        assert category["name"] in text(response)
        assert f"/tin-tuc/{slugify_vi(category['name'])}/" in links(response)


def test_a_category_lists_only_its_articles(client, demo_content):
    """A category's page names the category and lists only its articles."""
    response = client.get("/tin-tuc/hoat-dong-dang-doan-the/")
    page = text(response)

    assert response.status_code == 200
    assert "news/article_list.html" in templates(response)
    assert "Hoạt động Đảng – Đoàn thể" in page
    assert demo.ARTICLES[1]["title"] in page
    assert demo.ARTICLES[0]["title"] not in page


def test_an_empty_category_says_so(client, demo_content):
    """A category without articles answers 200 and lists nothing."""
    response = client.get("/tin-tuc/thong-bao/")

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 0


def test_the_article_page_uses_its_template(annual):
    """The article answers 200 with the article template and the gallery."""
    assert annual.status_code == 200
    assert "pages/article_detail.html" in templates(annual)
    assert "events/includes/gallery.html" in templates(annual)


def test_the_article_shows_title_summary_and_date(annual):
    """Title, summary and the publication date written d/m/Y."""
    page = text(annual)

    assert demo.ARTICLES[0]["title"] in page
    assert demo.ARTICLES[0]["summary"] in page
    assert "01/02/2024" in page


def test_the_article_shows_every_caption(annual):
    """Each photo of the meeting is shown with its caption."""
    page = text(annual)

    for photo in demo.MEETINGS[0]["photos"]:
        assert photo["caption"] in page


def test_every_caption_is_under_its_own_photo(annual):
    """Each photo is a figure with its caption, in the editor's order."""
    html = annual.content.decode()
    gallery = html[html.index("<figure") :]
    positions = [gallery.index(p["caption"]) for p in demo.MEETINGS[0]["photos"]]

    assert positions == sorted(positions)
    assert gallery.count("<figcaption") == len(positions)


def test_the_article_shows_the_meeting_facts(annual):
    """Time of the meeting, the plan it was held under, its organiser."""
    page = text(annual)

    assert "14h00 ngày 31/01/2024" in page
    assert "10/KH-CĐNGT" in page
    assert "17/01/2024" in page
    assert demo.SCHOOL in page


def test_the_article_shows_attendees_with_their_positions(annual):
    """Every attendee is named with the position the article gave them."""
    page = text(annual)

    assert "TS. Nguyễn Hoàng Quỳnh" in page
    assert "Bí thư Đảng uỷ, Hiệu trưởng Nhà trường" in page
    for attendee in demo.MEETINGS[0]["attendees"]:
        assert attendee["person"] in page
        assert attendee["position_at_time"] in page


def test_the_article_shows_the_speeches_topics(annual):
    """The report and the speeches are shown with their topics."""
    page = text(annual)

    for attendee in demo.MEETINGS[0]["attendees"]:
        assert attendee["topic"] in page


def test_the_article_shows_the_awards_presented(client, demo_content):
    """The collectives and people honoured at the meeting are named."""
    add_honours()
    page = text(client.get(ANNUAL_ARTICLE))

    assert "Bằng khen" in page
    assert "Tập thể lao động xuất sắc" in page
    for name in [demo.TCHC, demo.YOUTH, FACULTY, demo.HUONG, demo.THU, demo.MO]:
        assert name in page


def test_the_byline_names_and_links_the_author_and_unit(annual):
    """ "Thạch Thị Hồng Mơ – Phòng TCHC", linking to her page and the office's."""
    page = text(annual)
    hrefs = links(annual)

    assert "Thạch Thị Hồng Mơ – Phòng TCHC" in page
    assert "/nhan-su/thach-thi-hong-mo/" in hrefs
    assert "/don-vi/phong-to-chuc-hanh-chinh/" in hrefs


def test_the_attendees_link_to_their_pages(annual):
    """Attendees with a record link to their person pages."""
    hrefs = links(annual)

    assert "/nhan-su/nguyen-hoang-quynh/" in hrefs
    assert "/nhan-su/ngo-thi-yen/" in hrefs


def test_the_article_links_to_its_meeting(annual):
    """The meeting's title links to the meeting's own page."""
    assert f"/su-kien/{demo.ANNUAL_REVIEW}/" in links(annual)


def test_the_article_offers_share_links(annual):
    """Facebook and Zalo share links carry the article's absolute address."""
    html = annual.content.decode()

    assert "facebook.com/sharer" in html
    assert "zalo.me" in html
    assert "http%3A%2F%2Ftestserver%2Ftin-tuc%2Ftin-tuc-su-kien%2F" in html


def test_the_article_has_a_canonical_and_sharing_metadata(annual):
    """The canonical address, an og:image of the cover photo for sharing, and a
    schema.org NewsArticle naming its author."""
    html = annual.content.decode()
    (data,) = json_ld(annual)

    assert re.search(
        rf'<link rel="canonical" href="http://testserver{ANNUAL_ARTICLE}"', html
    )
    assert re.search(r'<meta property="og:image" content="http://testserver/', html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == demo.ARTICLES[0]["title"]
    assert data["author"][0]["name"] == demo.MO


def test_a_thematic_article_shows_the_date_without_a_time(client, demo_content):
    """The thematic session's time is not known: its date alone, never "00h00"."""
    response = client.get(THEMATIC_ARTICLE)
    page = text(response)

    assert response.status_code == 200
    assert "27/09/2023" in page
    assert "00h00" not in page
    assert "02-KH/CB" in page
    assert "Đồng chí Nguyễn Thị Hương – Phó Bí thư Chi bộ Tổ chức – Hành chính" in page


def test_related_articles_are_of_the_same_category(client, demo_content):
    """Related articles are published ones of the same category, the page's own
    article excepted."""
    article = Article.objects.get(slug=demo.ARTICLES[0]["slug"])
    now = timezone.now()
    same = ArticleFactory(
        title="Một bài khác của Tin tức – Sự kiện",
        category=article.category,
        status=Article.Status.PUBLISHED,
        published_at=now - datetime.timedelta(days=1),
    )
    other = ArticleFactory(
        title="Một bài của chuyên mục khác",
        category=CategoryFactory(name="Thông báo"),
        status=Article.Status.PUBLISHED,
        published_at=now - datetime.timedelta(days=1),
    )

    response = client.get(ANNUAL_ARTICLE)

    assert [a.pk for a in response.context["related"]] == [same.pk]
    assert same.title in text(response)
    assert other.title not in text(response)


def test_the_second_page_of_a_list(client, demo_content):
    """Past twelve articles the list has a second page, with the older ones."""
    category = CategoryFactory(name="Đào tạo")
    now = timezone.now()
    for number in range(14):
        ArticleFactory(
            title=f"Tin đào tạo số {number:02d}",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(hours=number + 1),
        )

    first = text(client.get("/tin-tuc/dao-tao/"))
    second = text(client.get("/tin-tuc/dao-tao/?page=2"))

    assert "Tin đào tạo số 00" in first and "Tin đào tạo số 11" in first
    assert "Tin đào tạo số 12" not in first
    assert "Tin đào tạo số 12" in second and "Tin đào tạo số 13" in second
    assert "Tin đào tạo số 00" not in second
