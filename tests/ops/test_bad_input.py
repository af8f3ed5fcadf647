"""Malformed addresses and parameters: a 404 or the nearest sensible page, never a 500.

The test client re-raises a view's exception, so a test here that would be a 500 in
production fails with the traceback.
"""

import datetime
from urllib.parse import quote

import pytest
from django.utils import timezone

from events.models import Meeting
from news.models import Article
from tests.factories import (
    ArticleFactory,
    AwardFactory,
    CategoryFactory,
    MeetingFactory,
    PersonFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

# 30 articles and 30 meetings: three pages of twelve.
ITEMS = 30
LAST_PAGE = 3


@pytest.fixture
def lists():
    """A category with three pages of articles, three pages of meetings, a person,
    a unit and a year of awards."""
    category = CategoryFactory(name="Tin tức – Sự kiện")
    now = timezone.now()
    for number in range(ITEMS):
        ArticleFactory(
            title=f"Hội nghị tổng kết số {number}",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(hours=number + 1),
        )
        MeetingFactory(
            starts_at=now - datetime.timedelta(days=number * 20),
            kind=Meeting.Kind.THEMATIC if number % 2 else Meeting.Kind.CEREMONY,
        )
    AwardFactory(year=2023)
    return category


def list_paths(category):
    return [
        "/tin-tuc/",
        category.get_absolute_url(),
        "/su-kien/",
        "/tim-kiem/?q=hoi+nghi",
    ]


def with_page(path, page):
    joiner = "&" if "?" in path else "?"
    return f"{path}{joiner}page={quote(page)}"


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("abc", 1),
        ("", 1),
        ("1.5", 1),
        ("%00", 1),
        ("1" * 5000, 1),
        ("9999", LAST_PAGE),
        ("-1", LAST_PAGE),
        ("0", LAST_PAGE),
        ("2", 2),
    ],
)
def test_a_bad_page_number_gives_the_nearest_page(client, lists, page, expected):
    """Not a number (or too long to be one): the first page; past the end, or
    before the start: the last."""
    for path in list_paths(lists):
        response = client.get(with_page(path, page))

        assert response.status_code == 200, path
        assert response.context["page_obj"].number == expected, path


def test_unknown_meeting_filters_are_ignored(client, lists):
    """An unknown kind and a year that is not a number list every meeting."""
    response = client.get("/su-kien/?loai=xyz&nam=abc")

    assert response.status_code == 200
    assert response.context["kind"] == ""
    assert response.context["year"] is None
    assert response.context["page_obj"].paginator.count == ITEMS


@pytest.mark.parametrize(
    "year", ["1800", "0", "-2023", "²", "٢٠٢٣x", "9" * 5000, "%00", "2023.0"]
)
def test_a_year_without_meetings_is_ignored(client, lists, year):
    """A year with no meetings, or something that only looks like a number, lists
    every meeting."""
    response = client.get(f"/su-kien/?nam={quote(year)}")

    assert response.status_code == 200
    assert response.context["year"] is None
    assert response.context["page_obj"].paginator.count == ITEMS


def test_a_known_kind_and_year_filter(client, lists):
    """A kind and a year that exist narrow the list."""
    this_year = timezone.localdate().year
    expected = Meeting.objects.filter(
        kind=Meeting.Kind.CEREMONY, starts_at__year=this_year
    ).count()

    response = client.get(f"/su-kien/?loai=ceremony&nam={this_year}")

    assert response.context["kind"] == "ceremony"
    assert response.context["year"] == this_year
    assert response.context["page_obj"].paginator.count == expected


@pytest.mark.parametrize(
    "path",
    [
        "/khen-thuong/1800/",
        "/khen-thuong/0/",
        "/khen-thuong/99999999999999999999999999/",
        "/khen-thuong/abc/",
        "/tin-tuc/khong-co-chuyen-muc/",
        "/tin-tuc/khong-co-chuyen-muc/khong-co-bai/",
        "/su-kien/khong-co-hoi-nghi/",
        "/nhan-su/khong-co-nguoi-nay/",
        "/don-vi/khong-co-don-vi-nay/",
        "/rss/khong-co-chuyen-muc/",
        "/atom/khong-co-chuyen-muc/",
        "/sitemap-khong-co.xml",
        "/sitemap-articles.xml?p=abc",
        "/sitemap-articles.xml?p=9999",
        "/nhan-su/nguy%E1%BB%85n/",
        "/su-kien/abc%00/",
        "/khong-co-trang-nay/",
    ],
)
def test_unknown_addresses_are_404(client, lists, path):
    """Unknown slugs, years without awards and malformed paths are not found."""
    assert client.get(path).status_code == 404


def test_an_article_under_another_category_redirects_to_its_address(client, lists):
    """An article's slug under the wrong category moves permanently to the right
    address, so old links keep working."""
    article = Article.objects.published().first()
    other = CategoryFactory(name="Thông báo")

    response = client.get(f"/tin-tuc/{other.slug}/{article.slug}/")

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_an_article_under_an_unknown_category_redirects_too(client, lists):
    """A category slug that does not exist at all still leads to the article."""
    article = Article.objects.published().first()

    response = client.get(f"/tin-tuc/khong-co/{article.slug}/")

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


QUERIES = {
    "empty": "",
    "spaces": "   \t  ",
    "500 characters": ("hội nghị " * 60)[:500],
    "5000 characters": "a" * 5000,
    "5000 words": "tổng kết " * 600,
    "sql": "' OR 1=1 --",
    "sql union": '" UNION SELECT password FROM auth_user; --',
    "percent and underscore": "%_%",
    "template": "{{ 7*7 }} {% debug %}",
    "script": "<script>alert(1)</script>",
    "nul byte": "hội\x00nghị",
    "emoji": "🎉 hội nghị 🇻🇳",
    "combining marks": "Ho\u0302\u0323i nghi\u0323",
    "only punctuation": "–—…“”!?",
    "right to left": "مؤتمر",
}


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
def test_search_answers_any_query_calmly(client, lists, query):
    """Search answers 200 to any query, however long or strange."""
    response = client.get("/tim-kiem/", {"q": query})

    assert response.status_code == 200
    assert "Traceback" not in response.content.decode()


def test_search_escapes_the_query_it_shows(client, lists):
    """A query with markup is shown as text, never run as a script."""
    response = client.get("/tim-kiem/", {"q": "<script>alert(1)</script>"})
    html = response.content.decode()

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_search_does_not_render_a_template_query(client, lists):
    """A query that looks like template code is shown as typed, not evaluated."""
    response = client.get("/tim-kiem/", {"q": "{{ 7*7 }}"})

    assert "{{ 7*7 }}" in response.content.decode()


def test_search_keeps_a_long_query_short(client, lists):
    """A 5000-character query is cut to 500 characters before anything is done
    with it."""
    response = client.get("/tim-kiem/", {"q": "a" * 5000})

    assert len(response.context["query"]) <= 500


def test_a_combining_mark_query_finds_the_precomposed_title(client, lists):
    """ "Hội nghị" typed with combining marks finds titles written precomposed."""
    response = client.get("/tim-kiem/", {"q": "Ho\u0302\u0323i nghi\u0323"})

    assert response.context["page_obj"].paginator.count == ITEMS


@pytest.mark.parametrize(
    "path", ["/su-kien/?nam=%00&loai=%00", "/tin-tuc/?page=%FF", "/?page=abc"]
)
def test_odd_bytes_in_parameters_are_harmless(client, lists, path):
    """NUL and bytes that are not UTF-8 in a parameter still give the page."""
    assert client.get(path).status_code == 200


def test_person_and_unit_pages_ignore_parameters(client, lists):
    """Pages without parameters ignore any that are given."""
    person, unit = PersonFactory(), UnitFactory()

    assert client.get(f"{person.get_absolute_url()}?page=abc").status_code == 200
    assert client.get(f"{unit.get_absolute_url()}?nam=%00").status_code == 200
