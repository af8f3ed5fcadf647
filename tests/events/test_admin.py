"""Editing a meeting in the admin: attendees, documents and photos as inlines."""

import datetime

import pytest
from django.urls import reverse

from events.models import Attendee, Meeting, Photo
from tests.factories import (
    AttendeeFactory,
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


def inline_management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def meeting_form(meeting=None, **overrides):
    """POST data of the meeting change form, with the meeting's current rows."""
    data = {
        "title": meeting.title if meeting else "Hội nghị tổng kết công tác năm 2023",
        "slug": meeting.slug if meeting else "",
        "kind": meeting.kind if meeting else Meeting.Kind.ANNUAL_REVIEW,
        "starts_at_0": "31/01/2024",
        "starts_at_1": "14:00",
        "time_known": "on",
        "location": "Hội trường",
        "organizer": "",
        "summary": "",
    }
    attendees = list(meeting.attendees.all()) if meeting else []
    data.update(inline_management("attendees", len(attendees), len(attendees)))
    for i, row in enumerate(attendees):
        data.update(
            {
                f"attendees-{i}-id": str(row.pk),
                f"attendees-{i}-meeting": str(meeting.pk),
                f"attendees-{i}-order": str(row.order),
                f"attendees-{i}-person": str(row.person_id or ""),
                f"attendees-{i}-name": row.name,
                f"attendees-{i}-position_at_time": row.position_at_time,
                f"attendees-{i}-role": row.role,
                f"attendees-{i}-topic": row.topic,
            }
        )
    data.update(inline_management("documents", 0, 0))
    photos = list(meeting.photos.all()) if meeting else []
    data.update(inline_management("photos", len(photos), len(photos)))
    for i, photo in enumerate(photos):
        data.update(
            {
                f"photos-{i}-id": str(photo.pk),
                f"photos-{i}-meeting": str(meeting.pk),
                f"photos-{i}-caption": photo.caption,
                f"photos-{i}-order": str(photo.order),
                f"photos-{i}-credit": photo.credit,
            }
        )
        if photo.is_cover:
            data[f"photos-{i}-is_cover"] = "on"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def change_url(meeting):
    return reverse("admin:events_meeting_change", args=[meeting.pk])


def test_add_meeting_with_vietnamese_date(staff_client):
    """The admin takes 31/01/2024 14:00 and stores it in Asia/Ho_Chi_Minh."""
    response = staff_client.post(reverse("admin:events_meeting_add"), meeting_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get()
    assert meeting.slug == "hoi-nghi-tong-ket-cong-tac-nam-2023"
    local = meeting.local_start
    assert (local.year, local.month, local.day, local.hour) == (2024, 1, 31, 14)


def test_impossible_date_is_refused(staff_client):
    """31/02/2024 gets a Vietnamese error and nothing is saved."""
    data = meeting_form(starts_at_0="31/02/2024")
    response = staff_client.post(reverse("admin:events_meeting_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "starts_at" in errors
    assert "hợp lệ" in str(errors["starts_at"])
    assert not Meeting.objects.exists()


def test_duplicate_slug_typed_by_hand_is_refused(staff_client):
    """A slug already used gets an error instead of a database failure."""
    MeetingFactory(slug="hoi-nghi")
    data = meeting_form(slug="hoi-nghi")
    response = staff_client.post(reverse("admin:events_meeting_add"), data)
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert Meeting.objects.count() == 1


def test_attendee_needs_person_or_name(staff_client):
    """A row with neither a person nor a name is refused with a message; nothing saved."""
    meeting = MeetingFactory()
    data = meeting_form(meeting)
    data.update(inline_management("attendees", 1, 0))
    data.update(
        {"attendees-0-role": Attendee.Role.GUEST, "attendees-0-topic": "Phát biểu"}
    )
    response = staff_client.post(change_url(meeting), data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert not formset.is_valid()
    assert "Chọn một người hoặc nhập tên" in str(formset.errors)
    assert not Attendee.objects.exists()


def test_attendees_can_swap_order(staff_client):
    """Swapping two attendees' order numbers saves, though order is unique."""
    meeting = MeetingFactory()
    first = AttendeeFactory(meeting=meeting)
    second = AttendeeFactory(meeting=meeting)
    assert (first.order, second.order) == (1, 2)
    data = meeting_form(meeting, **{"attendees-0-order": "2", "attendees-1-order": "1"})
    response = staff_client.post(change_url(meeting), data)
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.order, second.order) == (2, 1)
    assert [a.pk for a in meeting.attendees.all()] == [second.pk, first.pk]


def test_duplicate_attendee_order_is_refused(staff_client):
    """Two rows with one order number get a message, and nothing changes."""
    meeting = MeetingFactory()
    first = AttendeeFactory(meeting=meeting)
    AttendeeFactory(meeting=meeting)
    data = meeting_form(meeting, **{"attendees-0-order": "2"})
    response = staff_client.post(change_url(meeting), data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert "thứ tự" in " ".join(formset.non_form_errors()).lower()
    first.refresh_from_db()
    assert first.order == 1


def test_a_person_is_an_attendee_once(staff_client):
    """The same person chosen in a second row: refused with their name, and the
    meeting keeps its one row for them."""
    meeting = MeetingFactory()
    person = PersonFactory(full_name="Ngô Thị Yến")
    AttendeeFactory(meeting=meeting, person=person)
    data = meeting_form(meeting)
    data.update(inline_management("attendees", 2, 1))
    data.update(
        {
            "attendees-1-person": str(person.pk),
            "attendees-1-role": Attendee.Role.SPEAKER,
            "attendees-1-order": "",
        }
    )

    response = staff_client.post(change_url(meeting), data)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.non_form_errors() == [
        "Ngô Thị Yến có tên hai lần trong danh sách người dự."
    ]
    assert meeting.attendees.filter(person=person).count() == 1


def test_the_database_refuses_a_person_twice_at_one_meeting():
    """The rule holds below the admin too (a script, the importer)."""
    from django.db import IntegrityError, transaction

    first = AttendeeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendee.objects.create(
            meeting=first.meeting, person=first.person, order=99, role="speaker"
        )


def test_new_attendee_gets_next_order_and_position(staff_client):
    """A row left without order and position gets the next number and the person's
    position on the meeting's date."""
    meeting = MeetingFactory()
    AttendeeFactory(meeting=meeting)
    position = PositionFactory(title="Phó Hiệu trưởng", start=datetime.date(2020, 1, 1))
    data = meeting_form(meeting)
    data.update(inline_management("attendees", 2, 1))
    data.update(
        {
            "attendees-1-person": str(position.person_id),
            "attendees-1-role": Attendee.Role.REPORTER,
            "attendees-1-order": "",
            "attendees-1-position_at_time": "",
        }
    )
    response = staff_client.post(change_url(meeting), data)
    assert response.status_code == 302
    added = meeting.attendees.get(person=position.person)
    assert added.order == 2
    assert added.position_at_time == "Phó Hiệu trưởng"


def test_position_endpoint_prefills_attendee(staff_client):
    """The admin answers a person's position on a date typed the Vietnamese way."""
    position = PositionFactory(
        title="Trưởng phòng",
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
    )
    url = reverse("admin:people_person_position", args=[position.person_id])
    assert staff_client.get(url, {"ngay": "31/05/2023"}).json() == {
        "position": "Trưởng phòng"
    }
    assert staff_client.get(url, {"ngay": "31/01/2024"}).json() == {"position": ""}
    assert staff_client.get(url, {"ngay": "31/02/2024"}).status_code == 200


def test_position_endpoint_needs_staff(client):
    """Visitors are sent to the login page, not given data."""
    person = PersonFactory()
    url = reverse("admin:people_person_position", args=[person.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_cover_can_move_to_another_photo(staff_client):
    """Moving the cover mark from one photo to another saves in one go."""
    meeting = MeetingFactory()
    first = PhotoFactory(meeting=meeting, is_cover=True)
    second = PhotoFactory(meeting=meeting)
    data = meeting_form(meeting)
    del data["photos-0-is_cover"]
    data["photos-1-is_cover"] = "on"
    response = staff_client.post(change_url(meeting), data)
    assert response.status_code == 302
    assert list(Photo.objects.filter(is_cover=True)) == [second]
    first.refresh_from_db()
    assert not first.is_cover


def test_two_covers_are_refused(staff_client):
    """Ticking two cover photos gets a message and changes nothing."""
    meeting = MeetingFactory()
    PhotoFactory(meeting=meeting, is_cover=True)
    PhotoFactory(meeting=meeting)
    data = meeting_form(meeting)
    data["photos-1-is_cover"] = "on"
    response = staff_client.post(change_url(meeting), data)
    assert response.status_code == 200
    assert Photo.objects.filter(is_cover=True).count() == 1


def test_photo_that_is_not_an_image_is_refused(staff_client):
    """A text file named .jpg is refused by content, with a message; nothing saved."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting = MeetingFactory()
    fake = SimpleUploadedFile("anh.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    response = staff_client.post(
        reverse("admin:events_photo_add"),
        {"meeting": meeting.pk, "image": fake, "caption": "Ảnh", "order": "1"},
    )
    assert response.status_code == 200
    assert "image" in response.context["adminform"].form.errors
    assert not Photo.objects.exists()


def test_search_ignores_tone_marks(staff_client):
    """Searching "hoi nghi tong ket" or an attendee's unaccented name finds the meeting."""
    meeting = MeetingFactory(title="Hội nghị tổng kết công tác năm 2023")
    AttendeeFactory(
        meeting=meeting, person=PersonFactory(full_name="Nguyễn Hoàng Quỳnh")
    )
    MeetingFactory(title="Lễ khai giảng")
    url = reverse("admin:events_meeting_changelist")
    for query in ["hoi nghi tong ket", "HỘI NGHỊ", "nguyen hoang quynh"]:
        response = staff_client.get(url, {"q": query})
        assert list(response.context["cl"].result_list) == [meeting], query
