"""Versions (django-simple-history): every save keeps one with its author; an editor
lists them, compares two and restores one, even when a row it refers to is gone; a
reporter sees only their own articles' versions and restores only their drafts."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Meeting
from news.models import Article, Category
from news.roles import REPORTER
from tests.events.test_admin import meeting_form
from tests.factories import (
    ArticleFactory,
    AttendeeFactory,
    CategoryFactory,
    MeetingFactory,
    PhotoFactory,
    role_user,
)

pytestmark = pytest.mark.django_db


def form_data(form, **overrides):
    """What a browser sends back for ``form`` as it was shown, with ``overrides``."""
    data = {}
    for field in form:
        widget = field.field.widget
        widget = getattr(widget, "widget", widget)  # related-field wrappers
        value = field.value()
        if isinstance(widget, forms.ClearableFileInput):
            continue
        if isinstance(widget, forms.MultiWidget):
            if isinstance(value, list):
                parts = value
            else:
                if value is not None and timezone.is_aware(value):
                    value = timezone.localtime(value)
                parts = widget.decompress(value)
            for i, part in enumerate(parts):
                data[f"{field.html_name}_{i}"] = "" if part is None else str(part)
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(v) for v in value]
        else:
            data[field.html_name] = "" if value is None else str(value)
    data.update(overrides)
    return data


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def history_url(article):
    return reverse("admin:news_article_history", args=[article.pk])


def version_url(article, version):
    return reverse(
        "admin:news_article_simple_history", args=[article.pk, version.history_id]
    )


def compare_url(article, a, b):
    url = reverse("admin:news_article_history_compare", args=[article.pk])
    return f"{url}?a={a.history_id}&b={b.history_id}"


def save_through_admin(client, article, **changes):
    shown = client.get(change_url(article))
    assert shown.status_code == 200
    data = form_data(shown.context["adminform"].form, **changes)
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    return response


def restore(client, article, version, **changes):
    shown = client.get(version_url(article, version))
    assert shown.status_code == 200
    data = form_data(shown.context["adminform"].form, **changes)
    return client.post(version_url(article, version), data)


def messages_of(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


# ---------------------------------------------------------------- recording


def test_admin_saves_keep_versions_with_their_user(client, editor):
    article = ArticleFactory(title="Tiêu đề ban đầu")
    save_through_admin(client, article, title="Tiêu đề lần một")
    save_through_admin(client, article, title="Tiêu đề lần hai")

    versions = list(article.history.order_by("history_id"))
    assert len(versions) >= 3
    assert [v.title for v in versions[-2:]] == ["Tiêu đề lần một", "Tiêu đề lần hai"]
    assert all(v.history_user == editor for v in versions[-2:])

    page = client.get(history_url(article))
    assert page.status_code == 200
    assert "Tiêu đề lần một" in page.content.decode()


def test_meeting_attendees_and_photo_captions_keep_versions(client, editor):
    meeting = MeetingFactory()
    attendee = AttendeeFactory(meeting=meeting, topic="Báo cáo tổng kết")
    photo = PhotoFactory(meeting=meeting, caption="Chú thích cũ")
    data = meeting_form(
        meeting,
        location="Hội trường B",
        **{
            "attendees-0-topic": "Phương hướng năm mới",
            "photos-0-caption": "Chú thích mới",
        },
    )
    response = client.post(
        reverse("admin:events_meeting_change", args=[meeting.pk]), data
    )
    assert response.status_code == 302

    assert meeting.history.latest().location == "Hội trường B"
    assert meeting.history.latest().history_user == editor
    topics = [v.topic for v in attendee.history.order_by("history_id")]
    assert topics[-2:] == ["Báo cáo tổng kết", "Phương hướng năm mới"]
    captions = [v.caption for v in photo.history.order_by("history_id")]
    assert captions[-2:] == ["Chú thích cũ", "Chú thích mới"]
    assert photo.history.latest().history_user == editor

    page = client.get(reverse("admin:events_meeting_history", args=[meeting.pk]))
    assert page.status_code == 200


# ---------------------------------------------------------------- compare


def test_compare_shows_old_and_new_title(client, editor):
    article = ArticleFactory(title="Hội nghị viên chức năm 2023")
    save_through_admin(client, article, title="Hội nghị viên chức năm 2024")
    old, new = article.history.order_by("history_id")[:2]

    history = client.get(history_url(article)).content.decode()
    assert reverse("admin:news_article_history_compare", args=[article.pk]) in history

    response = client.get(compare_url(article, new, old))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hội nghị viên chức năm 2023" in page
    assert "Hội nghị viên chức năm 2024" in page
    assert [c["field"] for c in response.context["changes"]].count("Tiêu đề") == 1


def test_compare_of_unknown_versions_is_404(client, editor):
    article = ArticleFactory()
    url = reverse("admin:news_article_history_compare", args=[article.pk])
    assert client.get(url).status_code == 404
    assert client.get(f"{url}?a=x&b=999999").status_code == 404


# ---------------------------------------------------------------- restore


def test_restoring_an_old_version_brings_back_the_title(client, editor):
    article = ArticleFactory(title="Tiêu đề đúng")
    save_through_admin(client, article, title="Tiêu đề sai")
    first = article.history.earliest()
    assert (
        'value="Khôi phục"' in client.get(version_url(article, first)).content.decode()
    )

    response = restore(client, article, first)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề đúng"
    assert article.history.latest().history_user == editor


def test_restoring_a_version_whose_category_was_deleted(client, editor):
    kept = CategoryFactory(name="Tin tức – Sự kiện")
    gone = CategoryFactory(name="Chuyên mục sẽ xoá")
    article = ArticleFactory(title="Tiêu đề cũ", category=gone)
    save_through_admin(client, article, title="Tiêu đề mới", category=str(kept.pk))
    gone.delete()
    old = article.history.earliest()
    assert old.category_id is not None
    assert not Category.objects.filter(pk=old.category_id).exists()

    # The history list, the version and the comparison all still open.
    assert client.get(history_url(article)).status_code == 200
    shown = client.get(version_url(article, old))
    assert shown.status_code == 200
    with translation.override("vi"):
        category = str(Article._meta.get_field("category").verbose_name)
    assert category in messages_of(shown)
    compared = client.get(compare_url(article, old, article.history.latest()))
    assert compared.status_code == 200

    response = restore(client, article, old)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề cũ"
    assert article.category == kept
    assert category in messages_of(response)


def test_restoring_a_version_whose_meeting_was_deleted(client, editor):
    meeting = MeetingFactory()
    article = ArticleFactory(title="Tiêu đề cũ", meeting=meeting)
    save_through_admin(client, article, title="Tiêu đề mới")
    old = article.history.earliest()
    Meeting.objects.filter(pk=meeting.pk).delete()

    post = client.post(version_url(article, old), {})  # an empty form is refused
    assert post.status_code == 200
    response = restore(client, article, old)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề cũ"
    assert article.meeting is None
    with translation.override("vi"):
        field = str(Article._meta.get_field("meeting").verbose_name)
    assert field in messages_of(response)


# ---------------------------------------------------------------- who may


def test_reporter_sees_only_own_history_and_cannot_restore_published(client):
    reporter = role_user(REPORTER, "phongvien")
    other = role_user(REPORTER, "phongvien2")
    theirs = ArticleFactory(author=other)
    own = ArticleFactory(author=reporter, title="Bài của tôi")
    own.title = "Bài của tôi, đã sửa"
    own.save()
    client.force_login(reporter)

    assert client.get(history_url(own)).status_code == 200
    version = theirs.history.earliest()
    assert client.get(history_url(theirs)).status_code in (403, 404)
    assert client.get(version_url(theirs, version)).status_code in (403, 404)
    assert client.get(compare_url(theirs, version, version)).status_code in (403, 404)
    assert client.post(version_url(theirs, version), {}).status_code in (403, 404)

    # Published: the reporter may look, not restore.
    Article.objects.filter(pk=own.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now()
    )
    old = own.history.earliest()
    shown = client.get(version_url(own, old))
    assert shown.status_code == 200
    assert 'value="Khôi phục"' not in shown.content.decode()
    data = form_data(shown.context["adminform"].form, status="draft")
    assert client.post(version_url(own, old), data).status_code == 403
    own.refresh_from_db()
    assert own.title == "Bài của tôi, đã sửa"
    assert own.status == Article.Status.PUBLISHED


def test_reporter_restores_own_draft_but_not_into_publication(client):
    reporter = role_user(REPORTER, "phongvien")
    article = ArticleFactory(author=reporter, title="Bản đầu")
    article.title = "Bản sau"
    article.save()
    client.force_login(reporter)
    old = article.history.earliest()

    tampered = restore(client, article, old, status="published")
    assert tampered.status_code == 403
    response = restore(client, article, old)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bản đầu"
    assert article.status == Article.Status.DRAFT


def test_visitor_is_sent_to_login(client):
    article = ArticleFactory()
    version = article.history.earliest()
    for url in (
        history_url(article),
        version_url(article, version),
        compare_url(article, version, version),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize(
    ("factory", "field", "model_name", "search"),
    [
        (PhotoFactory, "caption", "photo", ""),
        (AttendeeFactory, "topic", "attendee", "chu"),
    ],
    ids=["photo-caption", "attendee-topic"],
)
def test_a_row_of_a_meeting_can_be_restored(
    client, editor, factory, field, model_name, search
):
    """A photo's earlier caption, or an attendee's earlier topic, is restored from
    that row's own history, which its admin lists."""
    row = factory(**{field: "Nội dung đúng"})
    setattr(row, field, "Nội dung sai")
    row.save()
    first = row.history.earliest()
    url = reverse(
        f"admin:events_{model_name}_simple_history", args=[row.pk, first.history_id]
    )
    shown = client.get(url)
    assert shown.status_code == 200
    response = client.post(url, form_data(shown.context["adminform"].form))
    assert response.status_code == 302
    row.refresh_from_db()
    assert getattr(row, field) == "Nội dung đúng"
    history = client.get(reverse(f"admin:events_{model_name}_history", args=[row.pk]))
    assert history.status_code == 200
    listing = client.get(
        reverse(f"admin:events_{model_name}_changelist"), {"q": search}
    )
    assert listing.status_code == 200
