"""A version's changes read in Vietnamese words and Hanoi time, never as stored."""

import datetime

import pytest
from django.urls import reverse

from news.models import Article
from tests.factories import HANOI, ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_status_and_a_time_read_as_the_desk_says_them(staff_client):
    """ "Bản nháp → Đã xuất bản", "— → 04/12/2026 03:17" and "Không → Có", not
    "draft → published", "None → 2026-12-03 20:17:54+00:00" or "False → True"."""
    article = ArticleFactory(title="Lễ trao bằng", status="draft")
    article.status = Article.Status.PUBLISHED
    article.published_at = datetime.datetime(2026, 12, 4, 3, 17, 54, 915780, HANOI)
    article.featured = True
    article.save()

    page = staff_client.get(
        reverse("admin:news_article_history", args=[article.pk])
    ).content.decode()

    assert "Bản nháp &rarr; Đã xuất bản" in page or "Bản nháp → Đã xuất bản" in page
    assert "— &rarr; 04/12/2026 03:17" in page or "— → 04/12/2026 03:17" in page
    assert "Không &rarr; Có" in page or "Không → Có" in page
    for stored in ["draft", "+00:00", "None", "False", "True", "2026-12-03"]:
        assert stored not in page.split('id="change-history"')[1].split("</table>")[0]


def test_the_comparison_reads_the_same(staff_client):
    """Comparing two versions side by side uses the same words."""
    article = ArticleFactory(title="Hội nghị", status="draft")
    article.status = Article.Status.REVIEW
    article.save()
    old, new = article.history.order_by("history_date", "history_id")[:2]
    url = reverse("admin:news_article_history_compare", args=[article.pk])

    page = staff_client.get(
        url, {"a": old.history_id, "b": new.history_id}
    ).content.decode()

    assert "Bản nháp" in page and "Chờ duyệt" in page
    assert ">draft<" not in page and ">review<" not in page
