"""The roles: groups made by a migration, and what each may do in the admin.

Every check is an HTTP request against the admin, crafted POSTs included: the
server refuses, not just the buttons.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from news.models import Article
from news.roles import EDITOR, PHOTOGRAPHER, REPORTER, ROLES, sync_roles
from tests.factories import (
    ArticleFactory,
    AwardFactory,
    CategoryFactory,
    PersonFactory,
    role_user,
)

pytestmark = pytest.mark.django_db


def codenames(group):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def article_form(category, **overrides):
    data = {
        "title": "Hội nghị viên chức năm 2024",
        "slug": "",
        "category": category.pk,
        "summary": "Tóm tắt.",
        "body": "<p>Nội dung.</p>",
        "meeting": "",
        "byline_person": "",
        "byline_unit": "",
        "byline_text": "",
        "status": "draft",
    }
    data.update(overrides)
    return data


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


# ---------------------------------------------------------------- the groups


def test_migrate_makes_the_groups_with_exactly_their_permissions():
    """After migrate each role's group holds exactly the permissions listed."""
    for name in [REPORTER, EDITOR, PHOTOGRAPHER]:
        assert codenames(Group.objects.get(name=name)) == set(ROLES[name])
    assert "news.publish_article" in ROLES[EDITOR]
    assert "news.publish_article" not in ROLES[REPORTER]
    assert {p.split(".")[0] for p in ROLES[PHOTOGRAPHER]} == {"events", "people"}


def test_syncing_again_sets_the_permissions_back():
    """A permission added by hand is taken away by the next sync; nothing doubles."""
    reporters = Group.objects.get(name=REPORTER)
    reporters.permissions.add(
        *Group.objects.get(name=EDITOR).permissions.filter(codename="publish_article")
    )
    sync_roles()
    sync_roles()
    assert codenames(Group.objects.get(name=REPORTER)) == set(ROLES[REPORTER])
    assert Group.objects.filter(name=REPORTER).count() == 1


# ---------------------------------------------------------------- reporter


def test_reporter_writes_a_draft_of_their_own(client, reporter):
    """A reporter adds an article: it is a draft, and theirs."""
    category = CategoryFactory()
    response = client.post(reverse("admin:news_article_add"), article_form(category))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.author == reporter
    assert article.status == Article.Status.DRAFT


def test_reporter_is_offered_draft_and_review_only(client, reporter):
    """The status field offers a reporter draft and review; the publication date
    and "featured" are not fields they can fill."""
    response = client.get(reverse("admin:news_article_add"))
    form = response.context["adminform"].form
    assert [value for value, _label in form.fields["status"].choices] == [
        "draft",
        "review",
    ]
    assert "published_at" not in form.fields
    assert "featured" not in form.fields


@pytest.mark.parametrize(
    "tampering",
    [
        {"status": "published"},
        {"status": "anything"},
        {"published_at_0": "01/02/2024", "published_at_1": "16:00"},
        {"featured": "on"},
    ],
    ids=["publish", "unknown-status", "date", "featured"],
)
def test_reporter_crafted_post_is_refused_and_changes_nothing(
    client, reporter, tampering
):
    """A POST that publishes, dates or features is 403, on a new article and on
    their own draft, and the database is as before."""
    category = CategoryFactory()
    response = client.post(
        reverse("admin:news_article_add"), article_form(category, **tampering)
    )
    assert response.status_code == 403
    assert not Article.objects.exists()

    draft = ArticleFactory(author=reporter, category=category, title="Bản cũ")
    response = client.post(
        change_url(draft), article_form(category, title="Bản mới", **tampering)
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert (draft.title, draft.status, draft.published_at, draft.featured) == (
        "Bản cũ",
        "draft",
        None,
        False,
    )


def test_reporter_sees_only_their_own_articles(client, reporter):
    """The list has their articles only; another's is 403 to open, change or
    delete."""
    own = ArticleFactory(author=reporter)
    other = ArticleFactory(author=role_user(REPORTER, "phongvien2"))
    listed = client.get(reverse("admin:news_article_changelist")).context["cl"]
    assert list(listed.result_list) == [own]

    assert client.get(change_url(other)).status_code == 403
    response = client.post(
        change_url(other), article_form(other.category, title="Sửa trộm")
    )
    assert response.status_code == 403
    delete = reverse("admin:news_article_delete", args=[other.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    other.refresh_from_db()
    assert other.title != "Sửa trộm"


def test_reporter_cannot_edit_once_submitted(client, reporter):
    """An article in review or published is read-only to its reporter."""
    for status in ["review", "published"]:
        article = ArticleFactory(author=reporter, status=status)
        response = client.get(change_url(article))
        assert response.status_code == 200
        assert not response.context["has_change_permission"]
        response = client.post(
            change_url(article), article_form(article.category, status="draft")
        )
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.status == status


@pytest.mark.parametrize(
    "name, make",
    [
        ("news_category", CategoryFactory),
        ("people_person", PersonFactory),
        ("awards_award", AwardFactory),
    ],
)
def test_reporter_cannot_change_what_editors_manage(client, reporter, name, make):
    """Categories, people and awards: no change form POST, no add. (Meetings:
    tests/events/test_roles_meetings.py.)"""
    obj = make()
    url = reverse(f"admin:{name}_change", args=[obj.pk])
    assert client.post(url, {}).status_code == 403
    assert client.get(reverse(f"admin:{name}_add")).status_code == 403


def test_reporter_may_look_up_people_for_the_byline(client, reporter):
    """The byline autocomplete answers a reporter."""
    PersonFactory(full_name="Thạch Thị Hồng Mơ")
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "news",
            "model_name": "article",
            "field_name": "byline_person",
            "term": "Hồng",
        },
    )
    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["Thạch Thị Hồng Mơ"]


# ---------------------------------------------------------------- editor


def test_editor_sees_and_edits_everyones_articles(client, editor):
    """An editor lists every article and changes any, publication included."""
    article = ArticleFactory(author=role_user(REPORTER, "phongvien"))
    listed = client.get(reverse("admin:news_article_changelist")).context["cl"]
    assert list(listed.result_list) == [article]
    response = client.post(
        change_url(article),
        article_form(
            article.category,
            status="published",
            featured="on",
            published_at_0="01/02/2024",
            published_at_1="16:00",
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_public
    assert article.featured


@pytest.mark.parametrize(
    "name",
    ["news_category", "people_person", "events_meeting", "awards_award"],
)
def test_editor_manages_categories_people_meetings_and_awards(client, editor, name):
    """The editor opens the add form of each thing they manage."""
    assert client.get(reverse(f"admin:{name}_add")).status_code == 200
