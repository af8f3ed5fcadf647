"""Two editors on one object: a save based on an outdated version is refused with a
Vietnamese message and changes nothing; a meeting's photo and attendee rows write
only what their editor changed, and report a clash when both changed the same."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.admin_concurrency import VERSION_FIELD
from events.models import Attendee, Meeting, Photo
from news.models import Article
from tests.factories import (
    ArticleFactory,
    AttendeeFactory,
    MeetingFactory,
    PhotoFactory,
)
from tests.news.test_history import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_a(django_user_model):
    user = django_user_model.objects.create_superuser(
        "bientap_a", "a@example.com", "x", first_name="Nguyễn Văn", last_name="An"
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_b(django_user_model):
    user = django_user_model.objects.create_superuser(
        "bientap_b", "b@example.com", "x", first_name="Trần Thị", last_name="Bình"
    )
    client = Client()
    client.force_login(user)
    return client


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def row_data(form):
    """A row as a browser sends it: its fields and the values it was shown with."""
    data = form_data(form)
    for field in form:
        if not field.field.show_hidden_initial:
            continue
        value = field.value()
        if isinstance(value, list | tuple):
            data[field.html_initial_name] = [str(item) for item in value]
        elif isinstance(value, bool) or value is None:
            data[field.html_initial_name] = "" if value is None else str(value)
        else:
            data[field.html_initial_name] = str(value)
    return data


def opened(client, obj):
    """The change form of ``obj`` as ``client`` opened it: what saving it sends."""
    response = client.get(change_url(obj))
    assert response.status_code == 200
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(row_data(form))
    return data


def row_key(data, prefix, obj, field):
    """The POST key of ``field`` in the row of ``obj`` of the ``prefix`` inline."""
    for key, value in data.items():
        match = re.fullmatch(rf"{prefix}-(\d+)-id", key)
        if match and value == str(obj.pk):
            return f"{prefix}-{match.group(1)}-{field}"
    raise AssertionError(f"no row for {obj!r}")


def errors_of(response):
    return " ".join(
        str(error) for error in response.context["adminform"].form.non_field_errors()
    )


# ------------------------------------------------------------------ articles


def test_fresh_article_save_is_saved(editor_a):
    """A form opened on the current version saves as usual."""
    article = ArticleFactory()
    data = opened(editor_a, article)
    assert data[VERSION_FIELD]
    data["title"] = "Tiêu đề mới của biên tập viên A"
    response = editor_a.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề mới của biên tập viên A"


def test_stale_article_save_is_refused_and_changes_nothing(editor_a, editor_b):
    """B opened the article before A saved it: B's save is refused with a message
    naming A and the time, B's typed text stays in the form, A's title stays."""
    article = ArticleFactory(title="Tiêu đề ban đầu")
    seen_by_b = opened(editor_b, article)
    seen_by_a = opened(editor_a, article)
    seen_by_a["title"] = "Tiêu đề do A sửa"
    assert editor_a.post(change_url(article), seen_by_a).status_code == 302
    article.refresh_from_db()
    saved_by_a = article.updated_at

    seen_by_b["title"] = "Tiêu đề do B sửa"
    seen_by_b["summary"] = "Tóm tắt B gõ"
    response = editor_b.post(change_url(article), seen_by_b)

    assert response.status_code == 200
    message = errors_of(response)
    when = timezone.localtime(article.history.first().history_date)
    assert "Chưa lưu" in message
    assert "Nguyễn Văn An" in message
    assert when.strftime("%d/%m/%Y %H:%M") in message
    assert "Xem những gì đã thay đổi" in message
    html = response.content.decode()
    assert "Tiêu đề do B sửa" in html
    assert "Tóm tắt B gõ" in html
    article.refresh_from_db()
    assert article.title == "Tiêu đề do A sửa"
    assert article.updated_at == saved_by_a
    assert article.history.count() == 2  # created, A's save: nothing from B


def test_conflict_links_to_a_comparison_of_the_two_versions(editor_a, editor_b):
    """The message's link compares the version B opened with A's."""
    article = ArticleFactory()
    seen_by_b = opened(editor_b, article)
    seen_by_a = opened(editor_a, article)
    seen_by_a["title"] = "Tiêu đề do A sửa"
    editor_a.post(change_url(article), seen_by_a)
    response = editor_b.post(change_url(article), seen_by_b)

    first, latest = article.history.last(), article.history.first()
    compare = reverse("admin:news_article_history_compare", args=[article.pk])
    link = f"{compare}?a={first.history_id}&amp;b={latest.history_id}"
    assert f'<a href="{link}">' in errors_of(response)
    assert editor_b.get(compare, {"a": first.history_id, "b": latest.history_id})


def test_saving_again_after_reading_the_message_replaces_their_version(
    editor_a, editor_b
):
    """The form shown with the message is based on the latest version: saving it
    again is B's deliberate choice, and goes through."""
    article = ArticleFactory()
    seen_by_b = opened(editor_b, article)
    seen_by_a = opened(editor_a, article)
    seen_by_a["title"] = "Tiêu đề do A sửa"
    editor_a.post(change_url(article), seen_by_a)
    seen_by_b["title"] = "Tiêu đề do B sửa"
    refused = editor_b.post(change_url(article), seen_by_b)
    again = form_data(refused.context["adminform"].form)
    assert again[VERSION_FIELD] != seen_by_b[VERSION_FIELD]

    assert editor_b.post(change_url(article), again).status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề do B sửa"


def test_fields_left_alone_take_the_other_editors_values(editor_a, editor_b):
    """B changed only the summary: the form shown with the message has A's title,
    not the one B opened, so saving again keeps A's title and B's summary."""
    meeting = MeetingFactory()
    article = ArticleFactory(title="Tiêu đề ban đầu", featured=False)
    seen_by_b = opened(editor_b, article)
    seen_by_a = opened(editor_a, article)
    seen_by_a.update(
        {"title": "Tiêu đề do A sửa", "featured": "on", "meeting": str(meeting.pk)}
    )
    editor_a.post(change_url(article), seen_by_a)
    seen_by_b["summary"] = "Tóm tắt do B sửa"

    refused = editor_b.post(change_url(article), seen_by_b)
    again = form_data(refused.context["adminform"].form)
    assert again["title"] == "Tiêu đề do A sửa"
    assert again["featured"] == "on"
    assert again["meeting"] == str(meeting.pk)
    assert again["summary"] == "Tóm tắt do B sửa"

    assert editor_b.post(change_url(article), again).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.summary) == ("Tiêu đề do A sửa", "Tóm tắt do B sửa")
    assert article.featured and article.meeting == meeting


def test_a_garbled_version_is_refused(editor_a):
    """A version that is not a version is not the current one: refused."""
    article = ArticleFactory(title="Tiêu đề ban đầu")
    data = opened(editor_a, article)
    data.update({VERSION_FIELD: "hôm qua", "title": "Tiêu đề khác"})
    response = editor_a.post(change_url(article), data)
    assert response.status_code == 200
    assert "Chưa lưu" in errors_of(response)
    article.refresh_from_db()
    assert article.title == "Tiêu đề ban đầu"


def test_stale_workflow_button_is_refused(editor_a, editor_b):
    """ "Gửi duyệt" pressed on a form opened before A's save neither saves B's
    fields nor submits the article."""
    article = ArticleFactory(status=Article.Status.DRAFT)
    seen_by_b = opened(editor_b, article)
    seen_by_a = opened(editor_a, article)
    seen_by_a["summary"] = "Tóm tắt do A sửa"
    editor_a.post(change_url(article), seen_by_a)
    seen_by_b.update({"summary": "Tóm tắt do B sửa", "_whole_form": "1"})

    url = reverse("admin:news_article_workflow", args=[article.pk, "submit"])
    response = editor_b.post(url, seen_by_b)

    assert response.status_code == 200
    assert "Nguyễn Văn An" in errors_of(response)
    assert "Tóm tắt do B sửa" in response.content.decode()
    article.refresh_from_db()
    assert article.summary == "Tóm tắt do A sửa"
    assert article.status == Article.Status.DRAFT
    assert not article.events.exists()


def test_fresh_workflow_button_saves_and_submits(editor_a):
    """The same button on a current form saves the fields and takes the step."""
    article = ArticleFactory(status=Article.Status.DRAFT)
    data = opened(editor_a, article)
    data.update({"summary": "Tóm tắt mới", "_whole_form": "1"})
    url = reverse("admin:news_article_workflow", args=[article.pk, "submit"])
    assert editor_a.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.summary == "Tóm tắt mới"
    assert article.status == Article.Status.REVIEW


def test_a_stale_restore_is_refused(editor_a, editor_b):
    """A restore page opened before A's save does not replace A's save unseen."""
    article = ArticleFactory(title="Tiêu đề đầu tiên")
    first = article.history.first()
    url = reverse(
        "admin:news_article_simple_history", args=[article.pk, first.history_id]
    )
    shown = editor_b.get(url)
    seen_by_a = opened(editor_a, article)
    seen_by_a["title"] = "Tiêu đề do A sửa"
    editor_a.post(change_url(article), seen_by_a)

    response = editor_b.post(url, form_data(shown.context["adminform"].form))
    assert response.status_code == 200
    assert "Nguyễn Văn An" in errors_of(response)
    article.refresh_from_db()
    assert article.title == "Tiêu đề do A sửa"


def test_the_version_is_read_under_a_lock(editor_a):
    """The saved version is read with SELECT … FOR UPDATE in the save's
    transaction, where the database has it (PostgreSQL)."""
    article = ArticleFactory()
    data = opened(editor_a, article)
    with CaptureQueriesContext(connection) as queries:
        editor_a.post(change_url(article), data)
    locked = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    if connection.features.has_select_for_update:
        assert any('"news_article"' in sql for sql in locked)
    else:
        assert locked == []


# ------------------------------------------------------------ meetings, photos


def test_stale_photo_save_is_refused(editor_a, editor_b):
    """A photo's own form refuses a save based on an older caption."""
    photo = PhotoFactory(caption="Chú thích ban đầu")
    seen_by_b = opened(editor_b, photo)
    seen_by_a = opened(editor_a, photo)
    seen_by_a["caption"] = "Chú thích do A sửa"
    editor_a.post(change_url(photo), seen_by_a)
    seen_by_b["caption"] = "Chú thích do B sửa"
    response = editor_b.post(change_url(photo), seen_by_b)
    assert response.status_code == 200
    assert "Nguyễn Văn An" in errors_of(response)
    photo.refresh_from_db()
    assert photo.caption == "Chú thích do A sửa"


def test_stale_meeting_save_is_refused(editor_a, editor_b):
    """The meeting's own fields: the same refusal."""
    meeting = MeetingFactory(location="Hội trường A")
    seen_by_b = opened(editor_b, meeting)
    seen_by_a = opened(editor_a, meeting)
    seen_by_a["location"] = "Hội trường do A sửa"
    assert editor_a.post(change_url(meeting), seen_by_a).status_code == 302
    seen_by_b["location"] = "Hội trường do B sửa"
    response = editor_b.post(change_url(meeting), seen_by_b)
    assert response.status_code == 200
    assert "Nguyễn Văn An" in errors_of(response)
    meeting.refresh_from_db()
    assert meeting.location == "Hội trường do A sửa"


def reordered(data, photos):
    """``data`` with the photos numbered in the reverse order, as dragging does."""
    for number, photo in enumerate(reversed(photos), start=1):
        data[row_key(data, "photos", photo, "order")] = str(number)
    return data


def test_a_reorder_keeps_a_caption_saved_meanwhile(editor_a, editor_b):
    """A captions photo 1 while B, on a form opened before, reorders the photos:
    B's new order is saved and A's caption survives."""
    meeting = MeetingFactory()
    photos = [PhotoFactory(meeting=meeting, order=n) for n in (1, 2, 3)]
    seen_by_b = opened(editor_b, meeting)
    seen_by_a = opened(editor_a, meeting)
    seen_by_a[row_key(seen_by_a, "photos", photos[0], "caption")] = "Chú thích của A"
    assert editor_a.post(change_url(meeting), seen_by_a).status_code == 302

    response = editor_b.post(change_url(meeting), reordered(seen_by_b, photos))

    assert response.status_code == 302
    for photo in photos:
        photo.refresh_from_db()
    assert photos[0].caption == "Chú thích của A"
    assert [photo.order for photo in photos] == [3, 2, 1]


def test_a_reorder_keeps_a_caption_saved_in_the_photos_own_form(editor_a, editor_b):
    """The same when A captions the photo on its own form."""
    meeting = MeetingFactory()
    photos = [PhotoFactory(meeting=meeting, order=n) for n in (1, 2)]
    seen_by_b = opened(editor_b, meeting)
    seen_by_a = opened(editor_a, photos[1])
    seen_by_a["caption"] = "Chú thích của A"
    assert editor_a.post(change_url(photos[1]), seen_by_a).status_code == 302

    assert editor_b.post(change_url(meeting), reordered(seen_by_b, photos))
    photos[1].refresh_from_db()
    assert photos[1].caption == "Chú thích của A"
    assert photos[1].order == 1


def test_the_same_caption_changed_by_both_is_a_conflict(editor_a, editor_b):
    """A and B both change photo 1's caption: B's row is refused with a message
    naming A, nothing of B's form is saved, and B's caption stays in the form."""
    meeting = MeetingFactory()
    photos = [PhotoFactory(meeting=meeting, order=n) for n in (1, 2)]
    seen_by_b = opened(editor_b, meeting)
    seen_by_a = opened(editor_a, meeting)
    seen_by_a[row_key(seen_by_a, "photos", photos[0], "caption")] = "Chú thích của A"
    editor_a.post(change_url(meeting), seen_by_a)

    seen_by_b[row_key(seen_by_b, "photos", photos[0], "caption")] = "Chú thích của B"
    response = editor_b.post(change_url(meeting), reordered(seen_by_b, photos))

    assert response.status_code == 200
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Photo
    )
    row_errors = [str(form.non_field_errors()) for form in formset.forms]
    assert "Nguyễn Văn An" in row_errors[0] and "chú thích" in row_errors[0]
    assert row_errors[1] == ""
    assert "Chú thích của B" in response.content.decode()
    for photo in photos:
        photo.refresh_from_db()
    assert photos[0].caption == "Chú thích của A"
    assert [photo.order for photo in photos] == [1, 2]


def test_saving_again_after_a_row_conflict_writes_the_row(editor_a, editor_b):
    """After the message, saving the row again is B's choice: B's caption wins."""
    meeting = MeetingFactory()
    photo = PhotoFactory(meeting=meeting, order=1)
    seen_by_b = opened(editor_b, meeting)
    seen_by_a = opened(editor_a, meeting)
    seen_by_a[row_key(seen_by_a, "photos", photo, "caption")] = "Chú thích của A"
    editor_a.post(change_url(meeting), seen_by_a)
    seen_by_b[row_key(seen_by_b, "photos", photo, "caption")] = "Chú thích của B"
    refused = editor_b.post(change_url(meeting), seen_by_b)

    again = dict(seen_by_b)
    formset = next(
        inline.formset
        for inline in refused.context["inline_admin_formsets"]
        if inline.formset.model is Photo
    )
    again.update(row_data_sent(formset.forms[0]))
    assert editor_b.post(change_url(meeting), again).status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Chú thích của B"


def row_data_sent(form):
    """The hidden initial values a re-shown row carries."""
    return {
        key: form.data.getlist(key)
        for key in form.data
        if key.startswith(form.add_initial_prefix(""))
    }


def test_an_untouched_row_saves_nothing(editor_a, editor_b):
    """B saves the meeting without touching photo 2: photo 2 gets no new version,
    and the meeting keeps its version when only rows changed."""
    meeting = MeetingFactory()
    photos = [PhotoFactory(meeting=meeting, order=n) for n in (1, 2)]
    versions = photos[1].history.count()
    data = opened(editor_b, meeting)
    meeting.refresh_from_db()
    updated = meeting.updated_at
    data[row_key(data, "photos", photos[0], "credit")] = "Ảnh: Phòng Đào tạo"
    assert editor_b.post(change_url(meeting), data).status_code == 302
    assert photos[1].history.count() == versions
    meeting.refresh_from_db()
    assert meeting.updated_at == updated
    photos[0].refresh_from_db()
    assert photos[0].credit == "Ảnh: Phòng Đào tạo"


def test_attendee_rows_merge_the_same_way(editor_a, editor_b):
    """A changes an attendee's topic; B, on an older form, changes another
    attendee's role: both stay. B then changing A's topic is a conflict."""
    meeting = MeetingFactory()
    first = AttendeeFactory(meeting=meeting, order=1, topic="Báo cáo ban đầu")
    second = AttendeeFactory(meeting=meeting, order=2)
    seen_by_b = opened(editor_b, meeting)
    seen_by_a = opened(editor_a, meeting)
    seen_by_a[row_key(seen_by_a, "attendees", first, "topic")] = "Báo cáo của A"
    assert editor_a.post(change_url(meeting), seen_by_a).status_code == 302

    data = dict(seen_by_b)
    data[row_key(data, "attendees", second, "role")] = Attendee.Role.CHAIR
    assert editor_b.post(change_url(meeting), data).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.topic == "Báo cáo của A"
    assert second.role == Attendee.Role.CHAIR

    data = dict(seen_by_b)
    data[row_key(data, "attendees", first, "topic")] = "Báo cáo của B"
    response = editor_b.post(change_url(meeting), data)
    assert response.status_code == 200
    assert "Nguyễn Văn An" in response.content.decode()
    first.refresh_from_db()
    assert first.topic == "Báo cáo của A"


def test_a_form_without_shown_values_saves_as_before(editor_a):
    """A script that posts rows without the values they were shown with is
    compared with the database, as before."""
    meeting = MeetingFactory()
    photo = PhotoFactory(meeting=meeting, order=1, caption="Cũ")
    data = {
        key: value
        for key, value in opened(editor_a, meeting).items()
        if not key.startswith("initial-")
    }
    data[row_key(data, "photos", photo, "caption")] = "Mới"
    assert editor_a.post(change_url(meeting), data).status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Mới"
    assert Meeting.objects.get(pk=meeting.pk)


# ------------------------------------------------------------- the photo list


def photo_list(client, meeting):
    """The photo list of ``meeting`` as ``client`` opened it: what "Lưu" sends."""
    url = reverse("admin:events_photo_changelist") + f"?meeting__id__exact={meeting.pk}"
    response = client.get(url)
    formset = response.context["cl"].formset
    data = form_data(formset.management_form)
    for form in formset.forms:
        data.update(row_data(form))
    data["_save"] = "Lưu"
    return url, data


def photo_row(data, photo, field):
    return row_key(data, "form", photo, field)


def test_the_photo_list_keeps_a_caption_saved_meanwhile(editor_a, editor_b):
    """B reorders on the photo list opened before A captioned photo 1: B's order
    is saved, A's caption stays."""
    meeting = MeetingFactory()
    photos = [PhotoFactory(meeting=meeting, order=n) for n in (1, 2)]
    url, seen_by_b = photo_list(editor_b, meeting)
    seen_by_a = opened(editor_a, photos[0])
    seen_by_a["caption"] = "Chú thích của A"
    assert editor_a.post(change_url(photos[0]), seen_by_a).status_code == 302

    seen_by_b[photo_row(seen_by_b, photos[0], "order")] = "2"
    seen_by_b[photo_row(seen_by_b, photos[1], "order")] = "1"
    assert editor_b.post(url, seen_by_b).status_code == 302
    for photo in photos:
        photo.refresh_from_db()
    assert photos[0].caption == "Chú thích của A"
    assert [photo.order for photo in photos] == [2, 1]


def test_the_photo_list_reports_the_same_caption_changed_twice(editor_a, editor_b):
    """B changes the caption A changed since B opened the list: refused, in the
    row, naming A; nothing saved."""
    meeting = MeetingFactory()
    photo = PhotoFactory(meeting=meeting, order=1)
    url, seen_by_b = photo_list(editor_b, meeting)
    seen_by_a = opened(editor_a, photo)
    seen_by_a["caption"] = "Chú thích của A"
    editor_a.post(change_url(photo), seen_by_a)

    seen_by_b[photo_row(seen_by_b, photo, "caption")] = "Chú thích của B"
    response = editor_b.post(url, seen_by_b)
    assert response.status_code == 200
    assert "Nguyễn Văn An đã sửa chú thích" in response.content.decode()
    photo.refresh_from_db()
    assert photo.caption == "Chú thích của A"
