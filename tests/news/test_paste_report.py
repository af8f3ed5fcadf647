"""Images the editor cannot keep are not lost in silence: the body is saved
without them and the admin says how many there were."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from news.models import Article
from tests.factories import ArticleFactory
from tests.news.test_admin import article_form

pytestmark = pytest.mark.django_db

WORD_BODY = (
    '<h2 style="text-align:center">Hội nghị viên chức</h2>'
    '<p>Đoạn đầu.<img src="file:///C:/x.png" alt="Toàn cảnh"></p>'
    '<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="Ảnh dán">Đoạn hai.</p>'
    '<p><img src="/media/editor/hoi-nghi.jpg" alt="Ảnh đã tải lên"></p>'
    '<table border="1"><tr><td style="border:1px solid #000">Ô</td></tr></table>'
)
WARNING = (
    "2 ảnh trong nội dung không lưu được (ảnh dán từ Word hoặc từ máy, hoặc có địa "
    "chỉ ngoài kho tệp của trang) — hãy tải lên bằng nút Ảnh."
)


def post(client, url, data, capture):
    with capture(execute=True):
        return client.post(url, data)


def test_saving_a_body_with_pasted_images_warns_with_their_count(
    staff_client, django_capture_on_commit_callbacks
):
    """A file:/// and a data: image → a warning that names 2; the body keeps its
    text, its uploaded image, its centred heading and its bordered table."""
    response = post(
        staff_client,
        reverse("admin:news_article_add"),
        article_form(body=WORD_BODY),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    warnings = [
        m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"
    ]
    assert [str(m) for m in warnings] == [WARNING]
    body = Article.objects.get().body
    assert "file:" not in body and "data:" not in body
    assert body.count("<img") == 1
    assert '<img src="/media/editor/hoi-nghi.jpg" alt="Ảnh đã tải lên">' in body
    assert '<h2 class="align-center">Hội nghị viên chức</h2>' in body
    assert "Đoạn đầu." in body and "Đoạn hai." in body
    assert '<table border="1"><tbody><tr><td class="border-on">Ô</td>' in body


def test_one_image_is_named_in_the_singular_form(
    staff_client, django_capture_on_commit_callbacks
):
    """One blob: image on a change → the warning names 1."""
    article = ArticleFactory()
    response = post(
        staff_client,
        reverse("admin:news_article_change", args=[article.pk]),
        article_form(
            title=article.title,
            slug=article.slug,
            body='<p>x<img src="blob:http://localhost/ab12"></p>',
        ),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(t.startswith("1 ảnh trong nội dung không lưu được") for t in texts)
    article.refresh_from_db()
    assert article.body == "<p>x</p>"


def test_a_body_without_such_images_gets_no_warning(
    staff_client, django_capture_on_commit_callbacks
):
    """Only the usual success message when nothing was dropped."""
    response = post(
        staff_client,
        reverse("admin:news_article_add"),
        article_form(body='<p><img src="/media/editor/a.jpg" alt="a"></p>'),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    levels = [m.level_tag for m in get_messages(response.wsgi_request)]
    assert "warning" not in levels


def test_a_refused_form_does_not_warn(staff_client, django_capture_on_commit_callbacks):
    """A form with errors saves nothing and claims nothing about images."""
    ArticleFactory(slug="hoi-nghi")
    response = post(
        staff_client,
        reverse("admin:news_article_add"),
        article_form(slug="hoi-nghi", body=WORD_BODY),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200
    assert Article.objects.count() == 1
    assert not [
        m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"
    ]
