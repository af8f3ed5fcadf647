"""Pages that draw on every app: home, search, robots.txt and the 404 page."""

import pytest

from awards.models import Award
from demo import content as demo
from events.models import Meeting
from news.models import Article
from tests.helpers import links, templates, text

pytestmark = pytest.mark.django_db

ANNUAL_ARTICLE = f"/tin-tuc/tin-tuc-su-kien/{demo.ARTICLES[0]['slug']}/"


def test_the_home_page(client, demo_content):
    """The home page answers with its template and features the annual review."""
    response = client.get("/")

    assert response.status_code == 200
    assert "pages/home.html" in templates(response)
    assert response.context["featured"].slug == demo.ARTICLES[0]["slug"]
    assert demo.ARTICLES[0]["title"] in text(response)
    assert ANNUAL_ARTICLE in links(response)


def test_the_home_page_shows_the_latest_by_category(client, demo_content):
    """Articles other than the featured one appear under their category, which
    links to its list."""
    response = client.get("/")
    page = text(response)

    assert demo.ARTICLES[1]["title"] in page
    assert "Hoạt động Đảng – Đoàn thể" in page
    assert "/tin-tuc/hoat-dong-dang-doan-the/" in links(response)


def test_the_home_page_shows_recent_meetings_and_honours(client, demo_content):
    """Recent meetings with their dates and the latest honours, each block linking
    to its full list."""
    response = client.get("/")
    page = text(response)
    hrefs = links(response)

    assert demo.MEETINGS[0]["title"] in page
    assert "14h00 ngày 31/01/2024" in page
    assert "27/09/2023" in page
    assert "Bằng khen" in page
    assert demo.TCHC in page
    for path in ["/tin-tuc/", "/su-kien/", "/khen-thuong/"]:
        assert path in hrefs


def test_the_home_page_without_content(client, demo_content):
    """An empty site's home page still answers."""
    for model in [Article, Award, Meeting]:
        model.objects.all().delete()

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["featured"] is None


def test_the_home_page_lists_awards_newest_first(client, demo_content):
    """The honours block takes the latest awards."""
    response = client.get("/")

    assert list(response.context["awards"]) == list(Award.objects.all()[:8])


def test_the_search_page(client, demo_content):
    """Search answers with its template; the annual review is found without tone
    marks."""
    response = client.get("/tim-kiem/", {"q": "hoi nghi tong ket"})

    assert response.status_code == 200
    assert "pages/search.html" in templates(response)
    assert demo.MEETINGS[0]["title"] in text(response)


def test_the_search_page_without_a_query(client, demo_content):
    """With no query the page offers the search form and no results."""
    response = client.get("/tim-kiem/")

    assert response.status_code == 200
    assert "pages/search.html" in templates(response)
    assert "page_obj" not in response.context


def test_robots_txt(client):
    """robots.txt is plain text, allows crawling and names the sitemap's absolute
    address; it does not reveal the admin's path."""
    response = client.get("/robots.txt")
    body = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "User-agent: *" in body.splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in body.splitlines()
    assert "Disallow: /\n" not in body
    assert "admin" not in body


def test_robots_txt_answers_get_and_head_only(client):
    """robots.txt is read (GET, or HEAD by a crawler checking it), not posted to."""
    assert client.head("/robots.txt").status_code == 200
    assert client.post("/robots.txt").status_code == 405


def test_the_404_page(client, demo_content):
    """An unknown address gets the site's Vietnamese 404 page, with a way on."""
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    assert "404.html" in templates(response)
    assert "/tim-kiem/" in response.content.decode()
    assert "/" in links(response)


def test_the_404_page_of_an_unpublished_article(client, demo_content):
    """A missing article gets the same 404 page."""
    response = client.get("/tin-tuc/tin-tuc-su-kien/khong-co-bai-nay/")

    assert response.status_code == 404
    assert "404.html" in templates(response)
