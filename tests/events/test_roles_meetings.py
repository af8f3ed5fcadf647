"""Meetings and photos by role: a reporter records meetings and changes only the
ones they created, with their rows and photos; a photographer deletes only the
photos they uploaded; an editor does everything.

Every check is an HTTP request against the admin, crafted POSTs included, and every
refusal is the Vietnamese page in the admin's frame.
"""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from events.admin import MeetingAdmin, PhotoAdmin
from events.models import Attendee, Meeting, MeetingDocument, Photo
from news.roles import EDITOR, PHOTOGRAPHER, REPORTER, ROLE_DUTIES
from tests.events.test_admin import change_url, inline_management, meeting_form
from tests.events.test_uploads import jpeg_bytes, page_url, upload, upload_url
from tests.factories import (
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
    role_user,
)

pytestmark = pytest.mark.django_db


def someone_else(role=REPORTER):
    return role_user(role, "nguoikhac")


def assert_refused_in_vietnamese(response, duty):
    """403, the admin's refusal page in Vietnamese, the role's duties, a way back."""
    assert response.status_code == 403
    html = response.content.decode()
    assert "Tài khoản của bạn không được làm việc này" in html
    assert "Chưa có gì bị thay đổi." in html
    assert str(duty) in html
    assert "Quay lại" in html
    assert f'href="{reverse("admin:index")}"' in html
    assert "Forbidden" not in html


def photo_delete_url(photo):
    return reverse("admin:events_photo_delete", args=[photo.pk])


# ---------------------------------------------------------------- reporter


def test_reporter_records_a_meeting_that_is_theirs(client, reporter):
    """A reporter opens the add form and saves a meeting; it is recorded as
    theirs."""
    assert client.get(reverse("admin:events_meeting_add")).status_code == 200
    response = client.post(reverse("admin:events_meeting_add"), meeting_form())
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.created_by == reporter


def test_reporter_adds_rows_with_a_new_meeting(client, reporter):
    """The add form takes the meeting's attendees and documents in one save."""
    person = PersonFactory(full_name="Nguyễn Thị Hương")
    data = meeting_form()
    data.update(inline_management("attendees", 1, 0))
    data.update(
        {
            "attendees-0-person": str(person.pk),
            "attendees-0-role": Attendee.Role.CHAIR,
            "attendees-0-order": "1",
        }
    )
    data.update(inline_management("documents", 1, 0))
    data.update(
        {"documents-0-kind": MeetingDocument.Kind.PLAN, "documents-0-number": "10/KH"}
    )
    response = client.post(reverse("admin:events_meeting_add"), data)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert [a.person for a in meeting.attendees.all()] == [person]
    assert [d.number for d in meeting.documents.all()] == ["10/KH"]


def test_reporter_changes_their_own_meeting_with_its_rows(client, reporter):
    """In their own meeting's form a reporter renames it and adds an attendee, a
    document and a photo."""
    meeting = MeetingFactory(created_by=reporter, title="Tên cũ")
    person = PersonFactory()
    response = client.get(change_url(meeting))
    assert response.status_code == 200
    assert response.context["has_change_permission"]
    assert response.context["may_upload_photos"]
    data = meeting_form(meeting, title="Tên mới")
    data.update(inline_management("attendees", 1, 0))
    data.update(
        {
            "attendees-0-person": str(person.pk),
            "attendees-0-role": Attendee.Role.SPEAKER,
            "attendees-0-order": "1",
        }
    )
    data.update(inline_management("documents", 1, 0))
    data.update(
        {
            "documents-0-kind": MeetingDocument.Kind.DECISION,
            "documents-0-number": "5/QĐ",
        }
    )
    data.update(inline_management("photos", 1, 0))
    data.update(
        {
            "photos-0-image": upload("a.jpg", jpeg_bytes((64, 48))),
            "photos-0-caption": "Quang cảnh",
            "photos-0-order": "1",
        }
    )
    response = client.post(change_url(meeting), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Tên mới"
    assert meeting.attendees.count() == 1
    assert meeting.documents.count() == 1
    assert [p.caption for p in meeting.photos.all()] == ["Quang cảnh"]


def test_reporter_deletes_a_photo_row_of_their_own_meeting(client, reporter):
    """The photo rows of their own meeting can be deleted from its form."""
    meeting = MeetingFactory(created_by=reporter)
    photo = PhotoFactory(meeting=meeting)
    data = meeting_form(meeting)
    data["photos-0-DELETE"] = "on"
    assert client.post(change_url(meeting), data).status_code == 302
    assert not Photo.objects.filter(pk=photo.pk).exists()


def test_reporter_sees_another_meeting_read_only(client, reporter):
    """Another's meeting opens read-only, rows included, with no upload link."""
    meeting = MeetingFactory(created_by=someone_else())
    PhotoFactory(meeting=meeting)
    response = client.get(change_url(meeting))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert not response.context["may_upload_photos"]
    assert page_url(meeting) not in response.content.decode()


@pytest.mark.parametrize("owner", ["other", "nobody"])
def test_reporter_cannot_change_another_meeting(client, reporter, owner):
    """A POST to another's meeting, or to one nobody recorded, is refused in
    Vietnamese and changes nothing: neither the title nor its rows."""
    creator = someone_else() if owner == "other" else None
    meeting = MeetingFactory(created_by=creator, title="Tên cũ")
    data = meeting_form(meeting, title="Sửa trộm")
    data.update(inline_management("documents", 1, 0))
    data.update({"documents-0-kind": "plan", "documents-0-number": "1/KH"})
    response = client.post(change_url(meeting), data)
    assert_refused_in_vietnamese(response, ROLE_DUTIES[REPORTER])
    meeting.refresh_from_db()
    assert meeting.title == "Tên cũ"
    assert not meeting.documents.exists()


def test_reporter_cannot_delete_meetings(client, reporter):
    """Deleting a meeting, even their own, is the editors' work: refused."""
    for meeting in [MeetingFactory(created_by=reporter), MeetingFactory()]:
        url = reverse("admin:events_meeting_delete", args=[meeting.pk])
        response = client.post(url, {"post": "yes"})
        assert_refused_in_vietnamese(response, ROLE_DUTIES[REPORTER])
        assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_reporter_uploads_to_their_own_meeting(client, reporter):
    """The upload page opens for their own meeting, sends them on to its caption
    grid, and a photo is added and recorded as theirs."""
    meeting = MeetingFactory(created_by=reporter)
    page = client.get(page_url(meeting))
    assert page.status_code == 200
    assert page.context["captions_url"] == reverse(
        "admin:events_meeting_captions", args=[meeting.pk]
    )
    response = client.post(
        upload_url(meeting), {"image": upload("a.jpg", jpeg_bytes((64, 48)))}
    )
    assert response.status_code == 201
    assert meeting.photos.get().uploaded_by == reporter


def test_reporter_cannot_upload_to_another_meeting(client, reporter):
    """Another's meeting: the page and the endpoint refuse; nothing is added."""
    meeting = MeetingFactory(created_by=someone_else())
    assert_refused_in_vietnamese(client.get(page_url(meeting)), ROLE_DUTIES[REPORTER])
    response = client.post(
        upload_url(meeting), {"image": upload("a.jpg", jpeg_bytes((64, 48)))}
    )
    assert response.status_code == 403
    assert not meeting.photos.exists()


def test_reporter_cannot_touch_another_meetings_photos(client, reporter):
    """Another meeting's photo: no caption change, no delete; their own meeting's
    photo: both, but not moved into another meeting."""
    other = PhotoFactory(meeting=MeetingFactory(created_by=someone_else()))
    url = reverse("admin:events_photo_change", args=[other.pk])
    response = client.post(url, {"meeting": other.meeting.pk, "caption": "Sửa"})
    assert_refused_in_vietnamese(response, ROLE_DUTIES[REPORTER])
    assert client.post(photo_delete_url(other), {"post": "yes"}).status_code == 403
    other.refresh_from_db()
    assert other.caption != "Sửa"

    own = PhotoFactory(meeting=MeetingFactory(created_by=reporter))
    form = client.get(reverse("admin:events_photo_change", args=[own.pk]))
    assert "meeting" not in form.context["adminform"].form.fields
    assert client.post(photo_delete_url(own), {"post": "yes"}).status_code == 302
    assert not Photo.objects.filter(pk=own.pk).exists()


def test_reporter_still_sees_every_meeting(client, reporter):
    """The meeting list shows everyone's meetings, to pick one for an article."""
    mine = MeetingFactory(created_by=reporter)
    theirs = MeetingFactory(created_by=someone_else())
    listed = client.get(reverse("admin:events_meeting_changelist")).context["cl"]
    assert set(listed.result_list) == {mine, theirs}


# ---------------------------------------------------------------- photographer


def test_photographer_deletes_their_own_photo(client, photographer):
    """A photo they uploaded is deleted, from its own page."""
    photo = PhotoFactory(uploaded_by=photographer)
    assert client.get(photo_delete_url(photo)).status_code == 200
    assert client.post(photo_delete_url(photo), {"post": "yes"}).status_code == 302
    assert not Photo.objects.filter(pk=photo.pk).exists()


def test_photographer_cannot_delete_anothers_photo(client, photographer):
    """Another's photo, or one nobody is recorded as uploading: refused in
    Vietnamese, and it stays."""
    for photo in [PhotoFactory(uploaded_by=someone_else(PHOTOGRAPHER)), PhotoFactory()]:
        response = client.post(photo_delete_url(photo), {"post": "yes"})
        assert_refused_in_vietnamese(response, ROLE_DUTIES[PHOTOGRAPHER])
        assert Photo.objects.filter(pk=photo.pk).exists()


def test_photographer_bulk_delete_spares_anothers_photo(client, photographer):
    """The list's delete action with another's photo among the chosen is refused
    and deletes nothing."""
    own = PhotoFactory(uploaded_by=photographer)
    other = PhotoFactory(uploaded_by=someone_else(PHOTOGRAPHER))
    response = client.post(
        reverse("admin:events_photo_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [own.pk, other.pk],
            "post": "yes",
        },
    )
    assert_refused_in_vietnamese(response, ROLE_DUTIES[PHOTOGRAPHER])
    assert Photo.objects.filter(pk__in=[own.pk, other.pk]).count() == 2


def test_photographer_still_cannot_change_a_meeting(client, photographer):
    """Uploading to any meeting does not make its form theirs."""
    meeting = MeetingFactory(created_by=photographer, title="Tên cũ")
    response = client.post(change_url(meeting), meeting_form(meeting, title="Mới"))
    assert_refused_in_vietnamese(response, ROLE_DUTIES[PHOTOGRAPHER])
    meeting.refresh_from_db()
    assert meeting.title == "Tên cũ"


# ---------------------------------------------------------------- editor


def test_editor_changes_and_deletes_anyones_meeting_and_photo(client, editor):
    """An editor changes another's meeting, uploads to it and deletes anyone's
    photo and the meeting itself."""
    meeting = MeetingFactory(created_by=someone_else())
    photo = PhotoFactory(meeting=meeting, uploaded_by=someone_else(PHOTOGRAPHER))
    response = client.post(change_url(meeting), meeting_form(meeting, title="Mới"))
    assert response.status_code == 302
    response = client.post(
        upload_url(meeting), {"image": upload("a.jpg", jpeg_bytes((64, 48)))}
    )
    assert response.status_code == 201
    assert client.post(photo_delete_url(photo), {"post": "yes"}).status_code == 302
    delete = reverse("admin:events_meeting_delete", args=[meeting.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Meeting.objects.exists()


# ---------------------------------------------------------------- per object


@pytest.mark.parametrize(
    "role, own, others",
    [
        (REPORTER, (True, True), (False, False)),
        (PHOTOGRAPHER, (True, True), (True, False)),
        (EDITOR, (True, True), (True, True)),
    ],
)
def test_photo_admin_answers_per_photo(role, own, others):
    """PhotoAdmin's change and delete permissions, asked about one photo, say what
    the role may do with it: what another page (the caption grid) relies on."""
    from django.contrib import admin

    user = role_user(role, "nguoidung")
    meeting = MeetingFactory(created_by=user)
    mine = PhotoFactory(meeting=meeting, uploaded_by=user)
    theirs = PhotoFactory(uploaded_by=someone_else(PHOTOGRAPHER))
    request = RequestFactory().get("/")
    request.user = user
    photo_admin = PhotoAdmin(Photo, admin.site)
    for photo, expected in [(mine, own), (theirs, others)]:
        answers = (
            photo_admin.has_change_permission(request, photo),
            photo_admin.has_delete_permission(request, photo),
        )
        assert answers == expected, (role, photo)
    meeting_admin = MeetingAdmin(Meeting, admin.site)
    assert meeting_admin.has_change_permission(request, meeting) == (
        role != PHOTOGRAPHER
    )
    assert meeting_admin.has_change_permission(request, theirs.meeting) == (
        role == EDITOR
    )
