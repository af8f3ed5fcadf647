"""An admin save of a meeting with its inlines, or of an article, is all or nothing.

A failure in the middle (simulated here with a signal that raises) leaves no new or
changed row in any table and no file that no row points to; the editor gets the form
back with what they typed and a Vietnamese message, not a 500.
"""

import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, transaction
from django.db.models.signals import post_save, pre_save
from django.urls import reverse
from PIL import Image

from events.models import Attendee, Meeting, MeetingDocument, Photo
from news.models import Article
from tests.events.test_admin import change_url, meeting_form
from tests.factories import (
    ArticleFactory,
    AttendeeFactory,
    CategoryFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
)

pytestmark = pytest.mark.django_db

NOT_SAVED = "Chưa lưu được"
NEW_TITLE = "Hội nghị tổng kết công tác năm 2024 (sửa)"


def jpeg(name, size=(1200, 900), colour="navy"):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def media_files(settings):
    root = settings.MEDIA_ROOT
    if not root.exists():
        return set()
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def snapshot():
    """Every row of the portal's tables (and their versions), as values."""
    labels = {"people", "events", "news", "awards"}
    return {
        model._meta.label: sorted(
            model._default_manager.order_by("pk").values(), key=repr
        )
        for model in apps.get_models()
        if model._meta.app_label in labels
    }


def files_rows_point_to():
    names = set()
    for photo in Photo.objects.all():
        names.update(photo.file_names())
    for document in MeetingDocument.objects.exclude(file=""):
        names.add(document.file.name)
    for article in Article.objects.exclude(cover=""):
        names.add(article.cover.name)
    return names


@pytest.fixture
def meeting():
    """A meeting with an attendee, a document and a photo already saved."""
    meeting = MeetingFactory(title="Hội nghị tổng kết công tác năm 2023")
    AttendeeFactory(meeting=meeting, order=1, topic="Báo cáo tổng kết")
    MeetingDocumentFactory(meeting=meeting, number="10/KH-CĐNGT")
    PhotoFactory(meeting=meeting, order=1, is_cover=True)
    return meeting


def full_form(meeting):
    """The change form with a new title, a changed attendee, two new attendees, a
    new document with its file and two new photos."""
    people = [PersonFactory(), PersonFactory()]
    data = meeting_form(meeting, title=NEW_TITLE)
    data["attendees-0-topic"] = "Tham luận mới"
    data["attendees-TOTAL_FORMS"] = "3"
    for i, person in enumerate(people, start=1):
        data.update(
            {
                f"attendees-{i}-meeting": str(meeting.pk),
                f"attendees-{i}-person": str(person.pk),
                f"attendees-{i}-role": Attendee.Role.SPEAKER,
                f"attendees-{i}-topic": f"Tham luận {i}",
            }
        )
    document = MeetingDocument.objects.get(meeting=meeting)
    data.update(
        {
            "documents-TOTAL_FORMS": "2",
            "documents-INITIAL_FORMS": "1",
            "documents-0-id": str(document.pk),
            "documents-0-meeting": str(meeting.pk),
            "documents-0-kind": document.kind,
            "documents-0-number": document.number,
            "documents-0-date": "17/01/2024",
            "documents-0-title": "",
            "documents-0-issuer": "",
            "documents-1-meeting": str(meeting.pk),
            "documents-1-kind": MeetingDocument.Kind.DECISION,
            "documents-1-number": "25/QĐ-CĐNGT",
            "documents-1-date": "25/01/2024",
            "documents-1-title": "Quyết định khen thưởng",
            "documents-1-issuer": "",
            "documents-1-file": SimpleUploadedFile(
                "quyet-dinh.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"
            ),
        }
    )
    data["photos-TOTAL_FORMS"] = "3"
    for i, colour in [(1, "red"), (2, "green")]:
        data.update(
            {
                f"photos-{i}-meeting": str(meeting.pk),
                f"photos-{i}-image": jpeg(f"anh-{i}.jpg", colour=colour),
                f"photos-{i}-caption": f"Ảnh mới {i}",
            }
        )
    return data


def fail_on(signal, model, nth, exception=DatabaseError):
    """Connect a receiver that raises on the ``nth`` save of a new ``model`` row."""
    seen = []

    def receiver(sender, instance, **kwargs):
        if signal is pre_save and instance.pk is not None:
            return
        if signal is post_save and not kwargs.get("created"):
            return
        seen.append(instance)
        if len(seen) == nth:
            raise exception("simulated failure in the middle of the save")

    signal.connect(receiver, sender=model, weak=False)
    return receiver


@pytest.fixture
def disconnect():
    connected = []
    yield connected.append
    for signal, receiver, model in connected:
        signal.disconnect(receiver, sender=model)


def test_the_full_form_saves_when_nothing_fails(staff_client, meeting, settings):
    """The form used below is valid: without a failure everything is saved."""
    response = staff_client.post(change_url(meeting), full_form(meeting))
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert meeting.title == NEW_TITLE
    assert meeting.attendees.count() == 3
    assert meeting.documents.count() == 2
    assert meeting.photos.count() == 3
    assert media_files(settings) == files_rows_point_to()


@pytest.mark.parametrize(
    ("signal", "model", "nth"),
    [
        (pre_save, Photo, 2),  # the second new photo, after the first is on disk
        (post_save, Photo, 2),
        (post_save, Attendee, 2),  # rows only: attendees are saved before any file
        (post_save, MeetingDocument, 1),
    ],
    ids=["second-photo-pre", "second-photo-post", "second-attendee", "document"],
)
def test_a_failed_meeting_save_leaves_nothing(
    staff_client, meeting, settings, disconnect, signal, model, nth
):
    """A database error half way through: no row added or changed in any table, no
    file left that no row points to, the form back with the typed text."""
    data = full_form(meeting)
    before_rows = snapshot()
    before_files = media_files(settings)
    assert before_files and before_files == files_rows_point_to()
    disconnect((signal, fail_on(signal, model, nth), model))

    response = staff_client.post(change_url(meeting), data)

    assert response.status_code == 200
    text = response.content.decode()
    assert NOT_SAVED in text
    assert "Chưa có gì thay đổi, hãy thử lưu lại." in text
    assert "chọn lại các tệp" in text
    form = response.context["adminform"].form
    assert form.data["title"] == NEW_TITLE
    assert NEW_TITLE in text
    assert "Tham luận mới" in text
    assert snapshot() == before_rows
    assert media_files(settings) == before_files


def test_any_error_still_removes_the_files(staff_client, meeting, settings, disconnect):
    """An error that is not the database's is a 500 as before, but its files go."""
    data = full_form(meeting)
    before_rows = snapshot()
    before_files = media_files(settings)
    disconnect((post_save, fail_on(post_save, Photo, 2, RuntimeError), Photo))

    with pytest.raises(RuntimeError):
        staff_client.post(change_url(meeting), data)

    assert snapshot() == before_rows
    assert media_files(settings) == before_files


def test_a_new_meeting_that_fails_is_not_half_added(staff_client, settings, disconnect):
    """The add form: no meeting, no attendee, no photo file after a failure."""
    data = meeting_form(title="Lễ kỷ niệm 20/11")
    data.update(
        {
            "photos-TOTAL_FORMS": "2",
            "photos-0-image": jpeg("a.jpg"),
            "photos-0-caption": "Ảnh 1",
            "photos-1-image": jpeg("b.jpg", colour="red"),
            "photos-1-caption": "Ảnh 2",
        }
    )
    disconnect((pre_save, fail_on(pre_save, Photo, 2), Photo))

    response = staff_client.post(reverse("admin:events_meeting_add"), data)

    assert response.status_code == 200
    assert NOT_SAVED in response.content.decode()
    assert not Meeting.objects.exists()
    assert not Photo.objects.exists()
    assert media_files(settings) == set()


def article_data(article, **overrides):
    data = {
        "title": article.title,
        "slug": article.slug,
        "category": article.category_id,
        "summary": article.summary,
        "body": article.body,
        "meeting": "",
        "byline_person": "",
        "byline_unit": "",
        "byline_text": "",
        "status": article.status,
        "published_at_0": "",
        "published_at_1": "",
    }
    data.update(overrides)
    return data


def test_a_failed_article_save_keeps_the_text_and_changes_nothing(
    staff_client, settings, disconnect
):
    """The article's new cover is written, then the save fails: the article is as
    it was, the cover file is gone, and the form shows the typed title and body."""
    article = ArticleFactory(category=CategoryFactory())
    before_rows = snapshot()
    disconnect((post_save, fail_on_any_save(Article), Article))
    body = "<p>Đoạn văn vừa gõ, chưa lưu.</p>"

    response = staff_client.post(
        reverse("admin:news_article_change", args=[article.pk]),
        article_data(
            article, title="Tiêu đề mới", body=body, cover=jpeg("bia.jpg", (800, 600))
        ),
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert NOT_SAVED in text
    assert response.context["adminform"].form.data["title"] == "Tiêu đề mới"
    assert "Đoạn văn vừa gõ, chưa lưu." in text
    assert snapshot() == before_rows
    assert media_files(settings) == set()


def test_a_failed_article_add_adds_nothing(staff_client, settings, disconnect):
    category = CategoryFactory()
    disconnect((post_save, fail_on_any_save(Article), Article))

    response = staff_client.post(
        reverse("admin:news_article_add"),
        article_data(
            Article(category=category, status="draft"),
            title="Bài mới",
            body="<p>Nội dung mới</p>",
            cover=jpeg("bia.jpg", (800, 600)),
        ),
    )

    assert response.status_code == 200
    assert NOT_SAVED in response.content.decode()
    assert not Article.objects.exists()
    assert media_files(settings) == set()


def fail_on_any_save(model):
    def receiver(sender, instance, **kwargs):
        raise DatabaseError("simulated failure")

    post_save.connect(receiver, sender=model, weak=False)
    return receiver


def test_when_the_database_is_gone_a_vietnamese_page_answers(
    staff_client, meeting, settings, monkeypatch
):
    """If even showing the form again fails, the editor gets a Vietnamese page
    saying nothing was saved, not a 500."""
    from django.contrib.admin.options import ModelAdmin

    def broken(*args, **kwargs):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(ModelAdmin, "changeform_view", broken)
    response = staff_client.post(change_url(meeting), meeting_form(meeting))
    assert response.status_code == 503
    text = response.content.decode()
    assert NOT_SAVED in text
    assert "Chưa có gì thay đổi" in text


@pytest.mark.django_db(transaction=True)
def test_a_hook_failing_after_the_commit_deletes_nothing(staff_client, settings):
    """The save is committed, then an on-commit hook fails: the rows are saved, so
    their files stay, and the editor is not told that nothing was saved."""
    meeting = MeetingFactory()
    data = meeting_form(meeting)
    data.update(
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-meeting": str(meeting.pk),
            "photos-0-image": jpeg("a.jpg"),
            "photos-0-caption": "Ảnh đã lưu",
        }
    )

    def hook_fails(sender, instance, created, **kwargs):
        if created:
            transaction.on_commit(hook_raises)

    def hook_raises():
        raise DatabaseError("the hook failed after the commit")

    post_save.connect(hook_fails, sender=Photo, weak=False)
    try:
        with pytest.raises(DatabaseError):
            staff_client.post(change_url(meeting), data)
    finally:
        post_save.disconnect(hook_fails, sender=Photo)

    photo = Photo.objects.get(meeting=meeting)
    assert photo.caption == "Ảnh đã lưu"
    assert media_files(settings) == files_rows_point_to() != set()
