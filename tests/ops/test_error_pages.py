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


def test_an_error_page_that_fails_itself_falls_back_to_plain_vietnamese(rf):
    """A broken error template (say, a static file missing from the manifest) must
    not turn a 500 into the server's bare error: a short Vietnamese page stands in."""
    from unittest import mock

    from ops import errors

    with mock.patch.object(
        errors.loader, "get_template", side_effect=ValueError("manifest")
    ):
        response = errors.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.content.decode()
