"""Who else has an article's or a meeting's change form open: a notice naming
them and since when, kept up by a heartbeat, forgotten when they leave or go
quiet, and never an error when the cache is down."""

import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from core import admin_presence
from news.roles import REPORTER
from tests.factories import ArticleFactory, MeetingFactory, role_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_a(django_user_model):
    return django_user_model.objects.create_superuser(
        "bientap_a", "a@example.com", "x", first_name="Nguyễn Văn", last_name="An"
    )


@pytest.fixture
def editor_b(django_user_model):
    return django_user_model.objects.create_superuser(
        "bientap_b", "b@example.com", "x", first_name="Trần", last_name="Bình"
    )


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def presence_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_presence", args=[obj.pk])


def test_the_second_editor_sees_who_has_the_article_open(editor_a, editor_b):
    """A opens the article; B's form then names A and the time A opened it; A's
    own form names nobody."""
    article = ArticleFactory()
    client_a, client_b = signed_in(editor_a), signed_in(editor_b)
    page_a = client_a.get(change_url(article)).content.decode()
    assert 'id="ngt-presence"' in page_a
    assert "đang được" not in page_a

    page_b = client_b.get(change_url(article)).content.decode()
    assert "Bài viết này đang được Nguyễn Văn An sửa (từ " in page_b
    assert "Trần Bình" not in page_b.split('id="ngt-presence"')[1][:400]


def test_the_heartbeat_answers_with_the_others(editor_a, editor_b):
    """The heartbeat keeps B listed and answers A with B's notice."""
    meeting = MeetingFactory()
    client_a, client_b = signed_in(editor_a), signed_in(editor_b)
    assert client_b.post(presence_url(meeting)).json() == {"notices": []}

    answer = client_a.post(presence_url(meeting))
    assert answer.status_code == 200
    [notice] = answer.json()["notices"]
    assert notice.startswith("Sự kiện này đang được Trần Bình sửa (từ ")


def test_leaving_and_going_quiet_drop_an_editor(editor_a, editor_b, monkeypatch):
    """ "leaving" removes B at once; an editor not heard from for over a minute
    is no longer listed."""
    article = ArticleFactory()
    client_a, client_b = signed_in(editor_a), signed_in(editor_b)
    client_b.post(presence_url(article))
    client_b.post(presence_url(article), {"leaving": "1"})
    assert client_a.post(presence_url(article)).json() == {"notices": []}

    client_b.post(presence_url(article))
    later = time.time() + admin_presence.GONE_AFTER + 1
    monkeypatch.setattr(admin_presence.time, "time", lambda: later)
    assert client_a.post(presence_url(article)).json() == {"notices": []}


def test_the_heartbeat_is_refused_without_the_right_to_edit(editor_a):
    """A reporter asking about someone else's article, a GET, an unknown object:
    each refused in Vietnamese JSON, and nothing noted."""
    article = ArticleFactory(author=editor_a)
    reporter = signed_in(role_user(REPORTER, "phongvien"))
    refused = reporter.post(presence_url(article))
    assert refused.status_code == 403
    assert refused.json() == {"error": "Bạn không có quyền sửa mục này."}
    assert cache.get(admin_presence.cache_key(article)) is None

    client_a = signed_in(editor_a)
    assert client_a.get(presence_url(article)).status_code == 405
    missing = client_a.post(
        reverse("admin:news_article_presence", args=[article.pk + 1000])
    )
    assert missing.status_code == 404
    assert missing.json() == {"error": "Mục này không còn nữa."}


def test_the_heartbeat_needs_the_csrf_token(editor_a):
    """A heartbeat without the form's CSRF token is refused."""
    article = ArticleFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_a)
    assert client.post(presence_url(article)).status_code == 403


def test_a_broken_cache_lists_nobody_and_breaks_nothing(editor_a, monkeypatch):
    """With the cache failing, the form opens and the heartbeat answers."""

    class BrokenCache:
        def get(self, *args, **kwargs):
            raise ConnectionError("cache down")

        set = get

    monkeypatch.setattr(admin_presence, "cache", BrokenCache())
    article = ArticleFactory()
    client = signed_in(editor_a)
    assert client.get(change_url(article)).status_code == 200
    assert client.post(presence_url(article)).json() == {"notices": []}
