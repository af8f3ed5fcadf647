"""A refusal is a Vietnamese page in the admin's frame that says what the user may
do and leads back, never a bare English "403 Forbidden"."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from news.roles import PHOTOGRAPHER, REPORTER
from ops.refusals import permission_denied
from tests.factories import ArticleFactory, role_user

pytestmark = pytest.mark.django_db

REFUSED = "Tài khoản của bạn không được làm việc này"


def test_a_reporter_refused_publishing_reads_what_they_may_do(client):
    """The reporter's click on an editor's step: 403, in the admin's frame, with
    their role's duties, the sections they can open and the way back to the form."""
    reporter = role_user(REPORTER, "phongvien")
    client.force_login(reporter)
    article = ArticleFactory(author=reporter, status="review")
    form = "http://testserver" + reverse("admin:news_article_change", args=[article.pk])

    response = client.post(
        reverse("admin:news_article_workflow", args=[article.pk, "publish"]),
        HTTP_REFERER=form,
    )

    assert response.status_code == 403
    page = response.content.decode()
    assert REFUSED in page
    assert "Chưa có gì bị thay đổi." in page
    assert "Phóng viên" in page and "viết bài, sửa bản nháp của mình" in page
    assert reverse("admin:news_article_changelist") in page
    assert f'href="{form}"' in page and "Quay lại" in page
    assert 'id="header"' in page  # the admin's frame, with its menu
    assert "Forbidden" not in page
    assert "no-cache" in response["Cache-Control"]


def test_a_photographer_opening_the_articles_is_shown_the_photos(client):
    """Articles are not the photographer's: the page offers the photos instead."""
    client.force_login(role_user(PHOTOGRAPHER, "nhiepanh"))

    response = client.get(reverse("admin:news_article_add"))

    assert response.status_code == 403
    page = response.content.decode()
    assert "Nhiếp ảnh" in page
    assert reverse("admin:events_photo_changelist") in page
    assert reverse("admin:news_article_changelist") not in page


def test_the_way_back_never_leaves_the_site(client):
    """A Referer from elsewhere is not followed: back goes to the admin's home."""
    reporter = role_user(REPORTER, "phongvien")
    client.force_login(reporter)
    article = ArticleFactory(author=reporter, status="review")

    response = client.post(
        reverse("admin:news_article_workflow", args=[article.pk, "publish"]),
        HTTP_REFERER="https://lua-dao.example/",
    )

    page = response.content.decode()
    assert "lua-dao.example" not in page
    assert f'href="{reverse("admin:index")}"' in page


def test_outside_the_admin_the_refusal_is_the_sites_page():
    """A refusal on a public address is the site's Vietnamese page, with home."""
    request = RequestFactory().get("/tin-tuc/")
    request.user = AnonymousUser()

    response = permission_denied(request)

    assert response.status_code == 403
    page = response.content.decode()
    assert "Không được phép" in page
    assert "Trang này không mở cho bạn." in page
    assert 'href="/"' in page
