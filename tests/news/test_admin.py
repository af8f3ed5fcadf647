"""Articles in the admin: publishing, preview, search, and what the body keeps."""

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    MeetingFactory,
    PhotoFactory,
)

pytestmark = pytest.mark.django_db


def article_form(**overrides):
    data = {
        "title": "Hội nghị tổng kết công tác năm 2023",
        "slug": "",
        "category": CategoryFactory(name="Tin tức – Sự kiện").pk,
        "summary": "Tóm tắt.",
        "body": "<p>Nội dung.</p>",
        "meeting": "",
        "byline_person": "",
        "byline_unit": "",
        "byline_text": "",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
    }
    data.update(overrides)
    return data


def test_published_without_date_gets_now(staff_client):
    """Publishing with no date fills in the moment of saving, and the author."""
    before = timezone.now()
    response = staff_client.post(
        reverse("admin:news_article_add"), article_form(status="published")
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.published_at is not None
    assert before <= article.published_at <= timezone.now()
    assert article.author.username == "quantri"
    assert article.slug == "hoi-nghi-tong-ket-cong-tac-nam-2023"
    assert list(Article.objects.published()) == [article]


def test_published_date_typed_the_vietnamese_way(staff_client):
    """31/01/2024 16:00 is accepted as the publication time."""
    response = staff_client.post(
        reverse("admin:news_article_add"),
        article_form(
            status="published", published_at_0="01/02/2024", published_at_1="16:00"
        ),
    )
    assert response.status_code == 302
    published = timezone.localtime(Article.objects.get().published_at)
    assert (published.day, published.month, published.year, published.hour) == (
        1,
        2,
        2024,
        16,
    )


def test_duplicate_slug_is_refused(staff_client):
    """A slug already taken gets a form error, not a database error."""
    ArticleFactory(slug="hoi-nghi")
    response = staff_client.post(
        reverse("admin:news_article_add"), article_form(slug="hoi-nghi")
    )
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert Article.objects.count() == 1


def test_body_is_cleaned_when_saved(staff_client):
    """Scripts, event handlers and javascript: links never reach the database."""
    body = (
        '<p onclick="alert(1)">Chào <script>alert(2)</script>'
        '<a href="javascript:alert(3)">x</a> <a href="https://example.org">y</a></p>'
        '<iframe src="https://evil.example"></iframe><style>p{}</style>'
    )
    response = staff_client.post(
        reverse("admin:news_article_add"), article_form(body=body)
    )
    assert response.status_code == 302
    stored = Article.objects.get().body
    for bad in ["script", "onclick", "javascript:", "iframe", "style", "alert(2)"]:
        assert bad not in stored
    assert 'rel="noopener noreferrer"' in stored
    assert "Chào" in stored


def test_preview_shows_a_draft_to_staff_only(staff_client, client):
    """Staff see a draft with its banner and gallery; visitors are sent to log in."""
    meeting = MeetingFactory()
    PhotoFactory(meeting=meeting, caption="Đồng chí Nguyễn Thị Hương chủ trì")
    article = ArticleFactory(meeting=meeting, status="draft")
    url = reverse("news_article_preview", args=[article.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Bản nháp — chưa xuất bản" in text
    assert article.title in text
    assert "<figcaption>Đồng chí Nguyễn Thị Hương chủ trì</figcaption>" in text
    change = staff_client.get(reverse("admin:news_article_change", args=[article.pk]))
    assert url in change.content.decode()

    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_preview_of_missing_article_is_404(staff_client):
    """A preview of an article that does not exist is a 404."""
    response = staff_client.get(reverse("news_article_preview", args=[999999]))
    assert response.status_code == 404


def test_filters_by_status_category_and_month(staff_client):
    """The list filters by status, category and month of publication."""
    news = CategoryFactory(name="Tin tức")
    notices = CategoryFactory(name="Thông báo")
    january = ArticleFactory(
        category=news,
        status="published",
        published_at=timezone.make_aware(timezone.datetime(2024, 1, 31, 16)),
    )
    ArticleFactory(category=notices, status="draft")
    url = reverse("admin:news_article_changelist")
    by_month = staff_client.get(url, {"thang": "2024-01"}).context["cl"].result_list
    assert list(by_month) == [january]
    by_category = staff_client.get(url, {"category__id__exact": news.pk})
    assert list(by_category.context["cl"].result_list) == [january]
    by_status = staff_client.get(url, {"status__exact": "published"})
    assert list(by_status.context["cl"].result_list) == [january]
    assert staff_client.get(url, {"thang": "2024-13"}).status_code == 200
    assert staff_client.get(url, {"thang": "abc"}).status_code == 200


def test_search_ignores_tone_marks(staff_client):
    """ "tong ket" finds "Tổng kết" titles."""
    wanted = ArticleFactory(title="Tổng kết năm học")
    ArticleFactory(title="Lễ khai giảng")
    response = staff_client.get(
        reverse("admin:news_article_changelist"), {"q": "tong ket"}
    )
    assert list(response.context["cl"].result_list) == [wanted]
