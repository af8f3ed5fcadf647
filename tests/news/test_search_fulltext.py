"""On PostgreSQL, search runs on a full-text index (news/search.py): it must find
exactly what the word-start regex finds, which is how SQLite searches."""

import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from core.text import search_terms
from news import search
from news.models import Article
from pages.views import starts_a_word
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the full-text index exists on PostgreSQL only (CI runs the suite there "
        "too); SQLite searches with the regex itself",
    ),
]

TITLES = [
    "Hội nghị Ban Chấp hành Đảng uỷ",
    "Đảng ủy khối cơ quan",
    "Hệ chính quy năm học 2023-2024",
    "Tuyển sinh năm 2024/2025",
    "Khai giảng lớp K47-ĐHSP",
    "Nguyễn Hoàng Quỳnh phát biểu",
    "Quyết định số 10/QĐ-CĐNGT",
    "abc123 và 123abc",
    "Thi đua–khen thưởng; tổng kết.",
    "Hoinghi viết liền",
]
QUERIES = [
    "hoi nghi",
    "dang uy",
    "uy",
    "quy",
    "2024",
    "2023 2024",
    "k47",
    "dhsp",
    "nguyen quynh",
    "10 qd",
    "abc",
    "123",
    "khen thuong",
    "tong ket",
    "hoi",
    "nghi",
    "chinh quy nam",
    "xyz",
]


@pytest.fixture
def articles():
    now = timezone.now()
    for title in TITLES:
        ArticleFactory(title=title, status="published", published_at=now)
    ArticleFactory(title="Hội nghị chưa đăng", status="draft")


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_finds_what_the_regex_finds(articles, query):
    terms = search_terms(query)
    by_regex = Q()
    for term in terms:
        by_regex &= starts_a_word("search_text", term)
    expected = set(Article.objects.filter(by_regex).values_list("title", flat=True))
    found = set(
        search.matching(Article.objects.all(), terms).values_list("title", flat=True)
    )
    assert found == expected


def test_the_vector_follows_every_kind_of_write(articles):
    """Kept by a trigger: a save, an update() and a bulk insert all index."""
    article = Article.objects.get(title="Hoinghi viết liền")
    article.title = "Lễ tốt nghiệp khoá mới"
    article.save()
    Article.objects.filter(title__startswith="Khai giảng").update(
        search_text="le be giang"
    )
    Article.objects.bulk_create(
        [
            Article(
                title="Thêm hàng loạt",
                slug="them-hang-loat",
                category=article.category,
                search_text="hang loat",
            )
        ]
    )

    def titles(query):
        matches = search.matching(Article.objects.all(), search_terms(query))
        return set(matches.values_list("title", flat=True))

    assert titles("tot nghiep") == {"Lễ tốt nghiệp khoá mới"}
    assert titles("hoinghi") == set()
    assert titles("be giang") == {"Khai giảng lớp K47-ĐHSP"}
    assert titles("hang loat") == {"Thêm hàng loạt"}


def test_only_folded_words_reach_the_query():
    with pytest.raises(ValueError):
        search.prefix_query(["hoi & !nghi"])
    with pytest.raises(ValueError):
        search.prefix_query([])


def test_a_very_long_article_still_saves(articles):
    """PostgreSQL refuses a tsvector over 1 MB: the trigger indexes the first
    500,000 characters, so a huge pasted table cannot make a save fail."""
    words = " ".join(f"tu{number}" for number in range(200_000))
    updated = Article.objects.filter(title__startswith="Hoinghi").update(
        search_text=words
    )
    assert updated == 1
    assert search.matching(Article.objects.all(), ["tu10"]).exists()
