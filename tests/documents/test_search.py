"""The site's search finds library documents too, by number and by words, with a
fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from news.models import Article
from tests.documents.helpers import make_document
from tests.factories import ArticleFactory, MeetingFactory
from tests.helpers import links, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents():
    return {
        "plan": make_document(),
        "hidden": make_document(number="11/KH-CĐNGT", is_public=False),
        "other": make_document(number="25/QĐ-CĐNGT", title="Khen thưởng năm học"),
    }


@pytest.mark.parametrize("q", ["10/KH-CĐNGT", "kh-cdngt", "hoi nghi tong ket"])
def test_search_finds_a_document(client, documents, q):
    response = client.get("/tim-kiem/", {"q": q})
    assert documents["plan"] in response.context["documents"]
    assert documents["hidden"] not in response.context["documents"]
    assert documents["plan"].get_absolute_url() in links(response)
    assert "Văn bản" in text(response)


def test_search_without_documents_has_no_section(client, documents):
    response = client.get("/tim-kiem/", {"q": "khong co gi"})
    assert response.context["documents"] == []
    assert "Không tìm thấy" in text(response)


@pytest.mark.parametrize("count", [1, 25])
def test_the_search_page_costs_eight_queries(client, django_assert_num_queries, count):
    """Count, page, covers, meetings, people, units, documents, answered questions:
    whatever is found (the footer's office details already cached)."""
    from contact.models import Office

    Office.current()
    ArticleFactory(
        title="Hội nghị tổng kết năm 2023",
        meeting=MeetingFactory(title="Hội nghị tổng kết"),
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    for number in range(count):
        make_document(number=f"{number}/KH-CĐNGT", title="Hội nghị tổng kết")
    with django_assert_num_queries(8):
        assert client.get("/tim-kiem/", {"q": "hoi nghi"}).status_code == 200
