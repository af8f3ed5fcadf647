"""Categories and articles: unique slugs, the publication rule, what visitors see."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from news import models as news_models
from news.models import Article, Category
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


# ---------------------------------------------------------------- Category


def test_category_slug_from_a_vietnamese_name():
    """A category's slug comes from its name, tone marks and dashes folded."""
    assert CategoryFactory(name="Tin tức – Sự kiện").slug == "tin-tuc-su-kien"
    assert CategoryFactory(name="Đảng – Đoàn thể").slug == "dang-doan-the"


def test_categories_whose_names_fold_alike_get_numbered_slugs():
    """Two names that slug alike get "x" and "x-2"."""
    first = CategoryFactory(name="Thi đua – Khen thưởng")
    second = CategoryFactory(name="Thi đua, khen thưởng")
    assert (first.slug, second.slug) == ("thi-dua-khen-thuong", "thi-dua-khen-thuong-2")


def test_category_name_and_slug_are_unique_in_the_database():
    """Two categories cannot share a name or a slug."""
    CategoryFactory(name="Thông báo", slug="thong-bao")
    with pytest.raises(IntegrityError), transaction.atomic():
        Category.objects.create(name="Thông báo", slug="thong-bao-khac")
    with pytest.raises(IntegrityError), transaction.atomic():
        Category.objects.create(name="Thông báo mới", slug="thong-bao")


# ---------------------------------------------------------------- Article slugs


def test_article_slug_from_a_vietnamese_title():
    """An article's slug comes from its title, đ as d."""
    article = ArticleFactory(title="Đảng uỷ  tổ chức Hội nghị tổng kết năm 2023")
    assert article.title == "Đảng uỷ tổ chức Hội nghị tổng kết năm 2023"
    assert article.slug == "dang-uy-to-chuc-hoi-nghi-tong-ket-nam-2023"
    assert article.title_folded == "dang uy to chuc hoi nghi tong ket nam 2023"
    assert ArticleFactory(title=article.title).slug == f"{article.slug}-2"


def test_duplicate_article_slug_is_refused():
    """The database refuses two articles with the same slug."""
    category = CategoryFactory()
    Article.objects.create(title="Tin một", slug="tin-tuc", category=category)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(title="Tin hai", slug="tin-tuc", category=category)


# ---------------------------------------------------------------- status and date


def test_status_choices():
    """An article is a draft, awaiting review, or published: nothing else."""
    assert [value for value, _ in Article.Status.choices] == [
        "draft",
        "review",
        "published",
    ]
    field = Article._meta.get_field("status")
    assert [value for value, _ in field.choices] == ["draft", "review", "published"]
    assert field.default == "draft"


def test_published_article_without_date_is_refused_by_the_database():
    """An update that publishes without a date breaks the database rule."""
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(
            status="published", published_at=None
        )


def test_bulk_created_published_article_without_date_is_refused():
    """bulk_create, which skips save(), cannot publish without a date either."""
    category = CategoryFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.bulk_create(
            [Article(title="Tin", slug="tin", category=category, status="published")]
        )


def test_unpublished_article_may_have_no_date():
    """Drafts and articles under review need no date."""
    assert ArticleFactory(status="draft").published_at is None
    assert ArticleFactory(status="review").published_at is None


def test_publishing_fills_in_the_date():
    """Saving a published article without a date stamps it with the current time."""
    before = timezone.now()
    article = ArticleFactory(status="published")
    after = timezone.now()
    article.refresh_from_db()
    assert article.published_at is not None
    assert before <= article.published_at <= after


def test_publishing_keeps_a_given_date():
    """A publication date set by the editor is kept."""
    when = datetime.datetime(2024, 2, 1, 9, 0, tzinfo=datetime.UTC)
    article = ArticleFactory(status="published", published_at=when)
    article.refresh_from_db()
    assert article.published_at == when


# ---------------------------------------------------------------- published()


@pytest.fixture
def articles():
    now = timezone.now()
    return {
        "published": ArticleFactory(status="published", published_at=now - HOUR),
        "scheduled": ArticleFactory(status="published", published_at=now + HOUR),
        "draft": ArticleFactory(status="draft", published_at=now - HOUR),
        "review": ArticleFactory(status="review", published_at=now - HOUR),
        "undated draft": ArticleFactory(status="draft"),
    }


def test_published_shows_only_what_visitors_may_see(articles):
    """published() has published articles whose time has come, and nothing else."""
    assert list(Article.objects.published()) == [articles["published"]]
    assert [name for name, a in articles.items() if a.is_public] == ["published"]


def test_scheduled_article_appears_when_its_time_comes(articles, monkeypatch):
    """A published article dated in the future shows once that time has passed."""
    scheduled = articles["scheduled"]
    assert scheduled not in Article.objects.published()

    later = scheduled.published_at + datetime.timedelta(minutes=1)
    monkeypatch.setattr(news_models.timezone, "now", lambda: later)
    assert set(Article.objects.published()) == {articles["published"], scheduled}
    assert scheduled.is_public


def test_published_is_chainable(articles):
    """published() is a QuerySet method: filters chain on either side of it."""
    category = articles["published"].category
    assert list(Article.objects.filter(category=category).published()) == [
        articles["published"]
    ]
    assert Article.objects.published().filter(featured=True).count() == 0
