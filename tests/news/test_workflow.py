"""draft → review → published and back, by the change form's buttons and the list's
actions; who did what is recorded; a draft is previewed at its public address."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article, ArticleEvent
from news.roles import EDITOR, PHOTOGRAPHER, REPORTER
from tests.factories import HANOI, ArticleFactory, CategoryFactory, role_user

pytestmark = pytest.mark.django_db

# Far enough ahead that no test run reaches it by itself.
SCHEDULED_AT = datetime.datetime(2031, 1, 15, 8, 0, tzinfo=HANOI)
BANNER = "Bản nháp — chưa xuất bản"


def step_url(article, step):
    return reverse("admin:news_article_workflow", args=[article.pk, step])


def actions_of(article):
    return [(e.action, e.user.username) for e in article.events.order_by("pk")]


# ---------------------------------------------------------------- buttons


def test_reporter_submits_their_draft(client, reporter):
    """ "Gửi duyệt" moves the reporter's draft to review and records it."""
    article = ArticleFactory(author=reporter)
    change = client.get(reverse("admin:news_article_change", args=[article.pk]))
    assert step_url(article, "submit") in change.content.decode()
    assert step_url(article, "publish") not in change.content.decode()

    response = client.post(step_url(article, "submit"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert actions_of(article) == [("submitted", "phongvien")]


def test_editor_form_offers_the_editors_buttons(client, editor):
    """An article in review shows the editor "publish now", "schedule" with its
    date field, and "unpublish"."""
    article = ArticleFactory(status="review")
    page = client.get(reverse("admin:news_article_change", args=[article.pk]))
    html = page.content.decode()
    for step in ["publish", "schedule", "unpublish"]:
        assert step_url(article, step) in html
    assert step_url(article, "submit") not in html
    assert 'name="schedule_at"' in html


@pytest.mark.parametrize("step", ["publish", "schedule", "unpublish"])
def test_reporter_cannot_publish_schedule_or_unpublish(client, reporter, step):
    """The editor's buttons are 403 for a reporter, on their own article, and
    nothing changes."""
    article = ArticleFactory(author=reporter, status="review")
    response = client.post(step_url(article, step), {"schedule_at": "2031-01-15T08:00"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("review", None)
    assert not article.events.exists()


def test_reporter_cannot_submit_anothers_draft(client, reporter):
    """Another reporter's draft cannot be submitted."""
    article = ArticleFactory(author=role_user(REPORTER, "phongvien2"))
    assert client.post(step_url(article, "submit")).status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_editor_publishes_now(client, editor):
    """ "Xuất bản ngay" makes the article public at once."""
    article = ArticleFactory(status="review")
    before = timezone.now()
    assert client.post(step_url(article, "publish")).status_code == 302
    article.refresh_from_db()
    assert article.is_public
    assert before <= article.published_at <= timezone.now()
    assert actions_of(article) == [("published", "bientap")]
    assert client.get(article.get_absolute_url()).context["is_preview"] is False


def test_a_schedule_in_the_past_publishes_now(client, editor):
    """A scheduled date already past means "now"."""
    article = ArticleFactory(status="review")
    client.post(step_url(article, "schedule"), {"schedule_at": "2020-05-01T08:00"})
    article.refresh_from_db()
    assert article.is_public
    assert article.published_at > timezone.now() - datetime.timedelta(minutes=1)
    assert actions_of(article) == [("published", "bientap")]


def test_a_schedule_without_a_date_changes_nothing(client, editor):
    """Scheduling with no date is refused with a message, not an error."""
    article = ArticleFactory(status="review")
    response = client.post(step_url(article, "schedule"), {"schedule_at": ""})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_a_scheduled_article_appears_at_its_time(client, editor):
    """Scheduled for a fixed future time, the article is in no list, feed, sitemap
    or search until then, and in all of them from then on."""
    category = CategoryFactory(name="Tin tức – Sự kiện")
    article = ArticleFactory(title="Lễ khai giảng lichhengio", category=category)
    response = client.post(
        step_url(article, "schedule"), {"schedule_at": "2031-01-15T08:00"}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("published", SCHEDULED_AT)
    assert actions_of(article) == [("scheduled", "bientap")]
    client.logout()

    places = [
        article.get_absolute_url(),
        "/tin-tuc/",
        category.get_absolute_url(),
        "/rss/",
        "/atom/",
        "/sitemap-articles.xml",
        "/tim-kiem/?q=lichhengio",
    ]

    def seen(path):
        response = client.get(path)
        return response.status_code == 200 and article.get_absolute_url() in (
            response.content.decode()
        )

    assert client.get(article.get_absolute_url()).status_code == 404
    assert not any(seen(path) for path in places[1:])

    later = SCHEDULED_AT + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert [path for path in places[1:] if not seen(path)] == []


def test_editor_unpublishes(client, editor):
    """ "Gỡ xuống" takes a published article back to draft, off the site."""
    article = ArticleFactory(status="published", published_at=timezone.now())
    assert client.post(step_url(article, "unpublish")).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    assert actions_of(article) == [("unpublished", "bientap")]
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_the_form_shows_who_did_what(client, editor):
    """The article's change form lists its events with the user."""
    article = ArticleFactory(author=role_user(REPORTER, "phongvien"))
    client.post(step_url(article, "publish"))
    page = client.get(reverse("admin:news_article_change", args=[article.pk]))
    history = page.context["adminform"].form.instance.events.get()
    assert history.user.username == "bientap"
    assert "bientap" in page.content.decode()


def test_a_status_changed_in_the_form_is_recorded(client, reporter):
    """Choosing "review" in the form and saving is recorded like the button."""
    article = ArticleFactory(author=reporter)
    data = {
        "title": article.title,
        "slug": article.slug,
        "category": article.category.pk,
        "summary": "",
        "body": "",
        "status": "review",
    }
    response = client.post(
        reverse("admin:news_article_change", args=[article.pk]), data
    )
    assert response.status_code == 302
    assert actions_of(article) == [("submitted", "phongvien")]


# ---------------------------------------------------------------- list actions


def test_editor_publishes_and_unpublishes_from_the_list(client, editor):
    """The list's actions publish and unpublish the selected articles."""
    first, second = ArticleFactory(status="review"), ArticleFactory()
    url = reverse("admin:news_article_changelist")
    selected = [first.pk, second.pk]
    client.post(url, {"action": "publish_selected", "_selected_action": selected})
    assert Article.objects.published().count() == 2
    client.post(url, {"action": "unpublish_selected", "_selected_action": selected})
    assert not Article.objects.published().exists()
    assert ArticleEvent.objects.filter(user=editor).count() == 4


def test_reporter_list_offers_submit_only(client, reporter):
    """A reporter's list offers "submit" and not "publish"; a crafted publish
    action changes nothing."""
    article = ArticleFactory(author=reporter)
    url = reverse("admin:news_article_changelist")
    choices = client.get(url).context["action_form"].fields["action"].choices
    names = [name for name, _label in choices]
    assert "submit_selected" in names
    assert "publish_selected" not in names
    client.post(url, {"action": "publish_selected", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    client.post(url, {"action": "submit_selected", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


# ---------------------------------------------------------------- preview


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_author_and_editor_preview_at_the_public_address(client, state):
    """The author and an editor see an article not yet public at its address, with
    the banner, never cached; visitors, other reporters and photographers get
    404."""
    author = role_user(REPORTER, "phongvien")
    if state == "scheduled":
        article = ArticleFactory(
            author=author, status="published", published_at=SCHEDULED_AT
        )
    else:
        article = ArticleFactory(author=author, status=state)
    url = article.get_absolute_url()

    assert client.get(url).status_code == 404
    for user in [author, role_user(EDITOR, "bientap")]:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["is_preview"] is True
        assert BANNER in response.content.decode()
        assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}
    for user in [role_user(REPORTER, "phongvien2"), role_user(PHOTOGRAPHER, "anh")]:
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_a_published_article_has_no_banner(client, editor):
    """Staff reading a public article see it as visitors do."""
    article = ArticleFactory(status="published", published_at=timezone.now())
    response = client.get(article.get_absolute_url())
    assert BANNER not in response.content.decode()
    assert "no-store" not in response.get("Cache-Control", "")


def test_admin_preview_follows_the_same_rule(client):
    """The admin's preview opens for the author, is 403 for another reporter."""
    article = ArticleFactory(author=role_user(REPORTER, "phongvien"))
    url = reverse("news_article_preview", args=[article.pk])
    client.force_login(article.author)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    client.force_login(role_user(REPORTER, "phongvien2"))
    assert client.get(url).status_code == 403
