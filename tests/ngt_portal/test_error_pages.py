"""Error pages speak Vietnamese, and the 500 page needs no database."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error


def test_server_error_page_renders_without_the_database():
    """With every database query refused (no django_db mark), the 500 page renders."""
    request = RequestFactory().get("/tin-tuc/")
    response = server_error(request)
    text = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="vi"' in text
    assert "Lỗi máy chủ" in text or "sự cố" in text


@pytest.mark.django_db
def test_not_found_page_is_vietnamese(client):
    """An unknown address answers 404 with the site's Vietnamese page."""
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
