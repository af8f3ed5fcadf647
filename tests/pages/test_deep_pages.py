"""Deep list pages: numbered pages up to a bound, "Older"/"Newer" cursors past it.

The bound and the page size are made small (2 pages of 3) so that a few rows make a
deep list. Several items share a date, and the bound falls inside such a tie: the
id breaks it, and a reader walking older and back newer sees every item once.
"""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import pagination
from core.pagination import Keyset
from documents.models import Document
from events.models import Meeting
from news.models import Article
from tests.documents.helpers import make_document
from tests.factories import ArticleFactory, CategoryFactory, MeetingFactory
from tests.helpers import text

pytestmark = pytest.mark.django_db

PER_PAGE = 3
BOUND = 2
NEXT = re.compile(r'class="page-next" href="([^"]*)"')
PREV = re.compile(r'class="page-prev" href="([^"]*)"')


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(pagination, "PER_PAGE", PER_PAGE)
    monkeypatch.setattr(pagination, "PAGE_BOUND", BOUND)


def publish(count, category=None, start=None):
    """``count`` published articles, four to a publication time (ties), newest
    first in the list order; returns their titles in that order."""
    start = start or timezone.now() - datetime.timedelta(days=1)
    category = category or CategoryFactory()
    for number in range(count):
        ArticleFactory(
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=start - datetime.timedelta(hours=number // 4),
        )
    return titles(Article.objects.published().filter(category=category))


def titles(queryset):
    return [item.title for item in queryset.order_by("-published_at", "-pk")]


def link(pattern, response):
    found = pattern.search(response.content.decode())
    return unescape(found[1]) if found else None


def shown(response):
    return [str(item) for item in response.context["page_obj"]]


def walk_older(client, path):
    """Every page from ``path`` following "Next"/"Older" to the end: the items in
    order and the addresses visited."""
    items, visited = [], []
    url, base = path, path.split("?")[0]
    while url is not None:
        response = client.get(url)
        assert response.status_code == 200
        visited.append(url)
        assert len(visited) < 20, "the pages do not come to an end"
        items += shown(response)
        following = link(NEXT, response)
        url = None if following is None else base + following
    return items, visited


# ---------------------------------------------------------------- the maths


def test_numbered_pages_stop_at_the_bound_and_the_last_steps_older(client):
    publish(14)
    first = client.get("/tin-tuc/")
    page = first.context["page_obj"]
    assert page.number == 1 and page.paginator.num_pages == BOUND
    assert list(page.window) == [1, 2]
    assert "?page=3" not in first.content.decode()
    assert link(NEXT, first) == "?page=2"
    assert link(PREV, first) is None

    last = client.get("/tin-tuc/?page=2")
    assert last.context["page_obj"].number == BOUND
    assert link(PREV, last) == "?page=1"
    assert re.fullmatch(r"\?sau=\d+_\d+", link(NEXT, last))


def test_a_reader_walking_older_sees_every_item_once_across_the_bound(client):
    """14 items, ties of four: the sixth and seventh share a date, and the bound
    (page 2 of 3) falls between them."""
    expected = publish(14)
    items, visited = walk_older(client, "/tin-tuc/")
    assert items == expected
    assert visited[:2] == ["/tin-tuc/", "/tin-tuc/?page=2"]
    assert all("?sau=" in url for url in visited[2:])
    assert len(visited) == 5  # 3, 3, then 3, 3, 2 by cursor


def test_walking_newer_from_the_deepest_page_comes_back_to_the_first(client):
    expected = publish(14)
    _, visited = walk_older(client, "/tin-tuc/")
    response = client.get(visited[-1])
    seen = shown(response)
    for _ in range(20):
        newer = link(PREV, response)
        assert newer is not None and "truoc=" in newer
        response = client.get("/tin-tuc/" + newer)
        if response.status_code == 302:
            break
        seen = shown(response) + seen
    else:
        pytest.fail("walking newer never reached the first page")
    # Newer than the last cursor page there is less than a page: the first page.
    assert response["Location"] == "/tin-tuc/"
    assert seen == expected[-len(seen) :]
    assert len(set(seen)) == len(seen)


def test_a_list_that_ends_at_the_bound_has_no_cursor(client):
    publish(BOUND * PER_PAGE)
    last = client.get("/tin-tuc/?page=2")
    assert link(NEXT, last) is None
    assert "Cũ hơn" not in text(last)


def test_one_item_past_the_bound_is_one_cursor_page(client):
    expected = publish(BOUND * PER_PAGE + 1)
    last = client.get("/tin-tuc/?page=2")
    deep = client.get("/tin-tuc/" + link(NEXT, last))
    assert shown(deep) == expected[-1:]
    assert link(NEXT, deep) is None


def test_an_empty_list_has_one_page_and_no_links(client):
    CategoryFactory(slug="trong")
    response = client.get("/tin-tuc/trong/")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.num_pages == 1
    assert "pagination" not in response.content.decode()


@pytest.mark.parametrize(
    ("value", "nullable", "is_date"),
    [
        (datetime.datetime(2024, 5, 1, 8, 0, 0, 123456, tzinfo=datetime.UTC), 0, 0),
        (datetime.datetime(1965, 12, 31, 23, 59, 59, 1, tzinfo=datetime.UTC), 0, 0),
        (datetime.date(2024, 1, 17), 1, 1),
        (datetime.date(987, 6, 5), 1, 1),
        (None, 1, 1),
    ],
)
def test_a_cursor_reads_back_as_the_item_it_was_made_from(value, nullable, is_date):
    model, key = (Document, "issued_on") if is_date else (Article, "published_at")
    keyset = Keyset(model, key, nullable=bool(nullable))
    item = model(pk=98765, **{key: value})
    cursor = keyset.cursor(item)
    assert re.fullmatch(r"(-?\d+|n)_98765", cursor)
    assert keyset.parse(cursor) == (value, 98765)


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "abc",
        "1714550400123456",
        "1714550400123456_",
        "_12",
        "1714550400123456_12_3",
        "1714550400123456_-12",
        "n_12",  # an article always has its date
        "1.5_12",
        "171455040012345678_12",  # more digits than any date
        "-99999999999999999_12",
        "1714550400123456_99999999999999999999",
        "1714550400123456_9223372036854775808",
        "١٧١٤٥٥٠٤٠٠_12",  # digits of another script
        "1714550400123456_12\n",
    ],
)
def test_what_is_not_a_cursor_is_refused(cursor):
    assert Keyset(Article, "published_at", nullable=False).parse(cursor) is None


def test_a_document_cursor_refuses_an_impossible_date():
    keyset = Keyset(Document, "issued_on")
    assert keyset.parse("20240231_5") is None
    assert keyset.parse("20240229_5") == (datetime.date(2024, 2, 29), 5)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("query", "number"),
    [("page=abc", 1), ("page=0", 2), ("page=3", 2), ("page=999999", 2), ("page=", 1)],
)
def test_a_page_number_out_of_reach_lands_on_a_numbered_page(client, query, number):
    """Not a number: the first page; past the bound or the end: the last numbered
    page (Django's ``get_page``: 0 and negatives count as past the end)."""
    publish(14)
    response = client.get(f"/tin-tuc/?{query}")
    assert response.status_code == 200
    assert response.context["page_obj"].number == number


@pytest.mark.parametrize(
    "query",
    [
        "sau=abc",
        "truoc=abc",
        "sau=",
        "sau=1_99999999999999999999",
        "sau=" + "9" * 5000,
        "truoc=n_3",
        "sau=%00",
        "page=2&sau=xyz",
    ],
)
def test_a_malformed_cursor_moves_to_the_first_page(client, query):
    publish(14)
    response = client.get(f"/tin-tuc/?{query}")
    assert response.status_code == 302
    assert response["Location"] == "/tin-tuc/"


cursor_like = st.from_regex(r"(-?[0-9]{1,18}|n|[0-9]{8})_[0-9]{1,20}", fullmatch=True)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    path=st.sampled_from(["/tin-tuc/", "/su-kien/", "/van-ban/"]),
    name=st.sampled_from(["sau", "truoc"]),
    value=st.one_of(cursor_like, st.text(max_size=40)),
)
def test_any_cursor_gives_a_page_or_the_first_page(small_list, path, name, value):
    response = Client().get(path, {name: value})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == path


@pytest.fixture
def small_list():
    publish(8)
    for number in range(8):
        MeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=number))
        make_document(
            number=f"{number}/TB",
            issued_on=None if number > 5 else datetime.date(2024, 1, 1 + number),
        )


def test_a_moved_page_keeps_the_lists_filters(client):
    response = client.get("/su-kien/?loai=annual_review&truoc=bad&nam=2024")
    assert response.status_code == 302
    assert response["Location"] == "/su-kien/?loai=annual_review&nam=2024"


def test_a_cursor_past_the_end_shows_the_oldest_items(client):
    expected = publish(14)
    response = client.get("/tin-tuc/?sau=-86400000000_1")  # 31/12/1969
    assert response.status_code == 200
    assert shown(response) == expected[-PER_PAGE:]
    assert link(NEXT, response) is None
    assert "truoc=" in link(PREV, response)


def test_a_cursor_on_an_empty_list_moves_to_its_first_page(client):
    CategoryFactory(slug="trong")
    for query in ("sau=1714550400123456_3", "truoc=1714550400123456_3"):
        response = client.get(f"/tin-tuc/trong/?{query}")
        assert response.status_code == 302
        assert response["Location"] == "/tin-tuc/trong/"


def test_a_cursor_newer_than_everything_gives_the_first_items(client):
    expected = publish(14)
    future = int((timezone.now() + datetime.timedelta(days=365)).timestamp() * 1e6)
    response = client.get(f"/tin-tuc/?sau={future}_1")
    assert shown(response) == expected[:PER_PAGE]
    # Newer than its first item there is nothing: the first page.
    newer = client.get("/tin-tuc/" + link(PREV, response))
    assert newer.status_code == 302 and newer["Location"] == "/tin-tuc/"


def test_a_cursor_of_an_item_since_unpublished_still_finds_its_place(client):
    expected = publish(14)
    last = client.get("/tin-tuc/?page=2")
    older = link(NEXT, last)
    Article.objects.filter(title=expected[5]).update(status=Article.Status.DRAFT)
    deep = client.get("/tin-tuc/" + older)
    assert shown(deep) == expected[6:9]


# ---------------------------------------------------------------- robots, labels


def test_cursor_pages_ask_robots_to_follow_but_not_index(client):
    publish(14)
    numbered = client.get("/tin-tuc/?page=2")
    assert not numbered.has_header("X-Robots-Tag")
    deep = client.get("/tin-tuc/" + link(NEXT, numbered))
    assert deep["X-Robots-Tag"] == "noindex, follow"
    html = deep.content.decode()
    assert 'rel="next"' in html and 'rel="prev"' in html
    # Its canonical address is the list's, with no page number.
    assert 'rel="canonical" href="http://testserver/tin-tuc/"' in html


def test_the_links_read_in_vietnamese(client):
    publish(14)
    numbered = text(client.get("/tin-tuc/?page=2"))
    assert "Trước trang" in numbered and "Cũ hơn" in numbered
    assert "Sau trang" not in numbered
    first = text(client.get("/tin-tuc/"))
    assert "Sau trang" in first and "Cũ hơn" not in first
    _, visited = walk_older(client, "/tin-tuc/")
    deep = client.get(visited[3])
    words = text(deep)
    assert "Mới hơn" in words and "Cũ hơn" in words and "Trang 1" in words
    assert link(PREV, deep).startswith("?truoc=")
    assert '<a href="?">' in deep.content.decode()


# ---------------------------------------------------------------- every list


def test_a_category_goes_deep_over_its_own_articles_only(client):
    category = CategoryFactory(slug="thong-bao")
    publish(5)  # another category's, same dates
    expected = publish(10, category=category)
    items, visited = walk_older(client, "/tin-tuc/thong-bao/")
    assert items == expected
    assert "?sau=" in visited[-1]


def test_the_meeting_list_goes_deep_and_keeps_its_filter(client):
    start = timezone.now() - datetime.timedelta(days=3)
    for number in range(11):
        MeetingFactory(
            kind=Meeting.Kind.ANNUAL_REVIEW,
            starts_at=start - datetime.timedelta(days=number // 3),
        )
    MeetingFactory(kind=Meeting.Kind.CEREMONY, starts_at=start)
    expected = [
        meeting.title
        for meeting in Meeting.objects.filter(kind="annual_review").order_by(
            "-starts_at", "-pk"
        )
    ]
    items, visited = walk_older(client, "/su-kien/?loai=annual_review")
    assert items == expected
    assert "loai=annual_review" in visited[-1] and "sau=" in visited[-1]
    deep = client.get(visited[-1])
    # The count the list shows is every meeting's, on a cursor page too.
    assert deep.context["page_obj"].paginator.count == 11
    assert "11 sự kiện" in text(deep)


def test_the_document_library_goes_deep_with_undated_documents_last(client):
    for number in range(9):
        make_document(
            number=f"{number + 1}/KH-CĐNGT",
            issued_on=datetime.date(2024, 1, 17) - datetime.timedelta(days=number // 3),
        )
    for number in range(4):
        make_document(number=f"{number + 20}/TB-CĐNGT", issued_on=None)
    expected = [
        str(document)
        for document in Document.objects.filter(is_public=True).order_by(
            *Keyset(Document, "issued_on").newest_first()
        )
    ]
    assert expected[-1].endswith("20/TB-CĐNGT")
    items, visited = walk_older(client, "/van-ban/")
    assert items == expected
    assert any("sau=n_" in url for url in visited)
    # And back, newer, from an undated document's cursor.
    response = client.get(visited[-1])
    seen = shown(response)
    for _ in range(20):
        newer = client.get("/van-ban/" + link(PREV, response))
        if newer.status_code != 200:
            break
        response = newer
        seen = shown(response) + seen
    assert seen == expected[-len(seen) :]


# ---------------------------------------------------------------- queries


def test_a_cursor_page_makes_no_more_queries_than_the_first(client, warm_office):
    publish(14)
    _, visited = walk_older(client, "/tin-tuc/")
    counts = []
    for url in ("/tin-tuc/", visited[3]):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    # The cursor page does not count: one query fewer.
    assert counts[1] == counts[0] - 1


def test_a_meeting_cursor_page_makes_as_many_queries_as_the_first(client, warm_office):
    """The meeting list shows its count: a cursor page counts too, and no more."""
    start = timezone.now() - datetime.timedelta(days=3)
    for number in range(10):
        MeetingFactory(starts_at=start - datetime.timedelta(days=number))
    _, visited = walk_older(client, "/su-kien/")
    assert "sau=" in visited[-1]
    counts = []
    for url in ("/su-kien/", visited[-1]):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
