"""Meetings, their documents, attendees and photos: database rules and defaults."""

import datetime
import zoneinfo

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from events.models import Attendee, Meeting, MeetingDocument, Photo
from tests.factories import (
    AttendeeFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


# ---------------------------------------------------------------- Meeting


def test_meeting_slug_from_a_vietnamese_title():
    """A meeting's slug comes from its title, tone marks and đ folded."""
    meeting = MeetingFactory(title="Hội nghị tổng kết  công tác năm 2023 của Đảng uỷ")
    assert meeting.title == "Hội nghị tổng kết công tác năm 2023 của Đảng uỷ"
    assert meeting.slug == "hoi-nghi-tong-ket-cong-tac-nam-2023-cua-dang-uy"
    assert meeting.title_folded == "hoi nghi tong ket cong tac nam 2023 cua dang uy"


def test_meetings_with_the_same_title_get_numbered_slugs():
    """Two meetings with the same title get "x" and "x-2"."""
    first = MeetingFactory(title="Lễ khai giảng")
    second = MeetingFactory(title="Lễ khai giảng")
    assert (first.slug, second.slug) == ("le-khai-giang", "le-khai-giang-2")


def test_meeting_slug_is_unique_in_the_database():
    """Two meetings cannot share a slug, whatever bypasses save()."""
    meeting = MeetingFactory(title="Lễ khai giảng")
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.bulk_create(
            [
                Meeting(
                    title="Lễ khai giảng",
                    slug=meeting.slug,
                    starts_at=meeting.starts_at,
                )
            ]
        )


def test_meeting_local_start():
    """A meeting's start reads back in Hanoi time."""
    meeting = MeetingFactory(
        starts_at=datetime.datetime(2024, 1, 31, 14, 0, tzinfo=HANOI)
    )
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.local_start.replace(tzinfo=None) == datetime.datetime(
        2024, 1, 31, 14, 0
    )


# ---------------------------------------------------------------- MeetingDocument


def test_document_number_is_unique_per_meeting():
    """A meeting cannot list the same document number twice."""
    meeting = MeetingFactory()
    MeetingDocument.objects.create(meeting=meeting, number="10/KH-CĐNGT")
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingDocument.objects.create(meeting=meeting, number="10/KH-CĐNGT")


def test_same_document_number_in_two_meetings():
    """Two meetings may be held under the same document."""
    MeetingDocumentFactory(number="10/KH-CĐNGT")
    MeetingDocumentFactory(number="10/KH-CĐNGT")
    assert MeetingDocument.objects.filter(number="10/KH-CĐNGT").count() == 2


# ---------------------------------------------------------------- Attendee


def test_two_attendees_cannot_share_an_order_in_one_meeting():
    """The database refuses two attendees with the same order in one meeting."""
    meeting = MeetingFactory()
    Attendee.objects.create(meeting=meeting, name="Nguyễn Văn An", order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendee.objects.create(meeting=meeting, name="Trần Thị Bình", order=1)


def test_same_order_in_two_meetings():
    """Each meeting numbers its attendees from 1."""
    Attendee.objects.create(meeting=MeetingFactory(), name="Nguyễn Văn An", order=1)
    Attendee.objects.create(meeting=MeetingFactory(), name="Nguyễn Văn An", order=1)
    assert Attendee.objects.filter(order=1).count() == 2


def test_attendee_needs_a_person_or_a_name():
    """An attendee with neither a person nor a name is refused by the database."""
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendee.objects.create(meeting=meeting, order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendee.objects.bulk_create([Attendee(meeting=meeting, name="", order=2)])
    attendee = Attendee.objects.create(meeting=meeting, name="Khách mời", order=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendee.objects.filter(pk=attendee.pk).update(name="")


def test_attendee_with_only_a_name_or_only_a_person():
    """A name alone or a person alone is enough."""
    meeting = MeetingFactory()
    guest = Attendee.objects.create(meeting=meeting, name="Đại biểu Sở GD&ĐT")
    member = Attendee.objects.create(
        meeting=meeting, person=PersonFactory(full_name="Lê Văn Hùng")
    )
    assert guest.display_name == "Đại biểu Sở GD&ĐT"
    assert member.display_name == "Lê Văn Hùng"


def test_attendee_order_is_assigned():
    """Attendees left without an order are numbered 1, 2, 3 in each meeting."""
    meeting = MeetingFactory()
    attendees = [AttendeeFactory(meeting=meeting) for _ in range(3)]
    assert [a.order for a in attendees] == [1, 2, 3]
    assert AttendeeFactory(meeting=meeting, order=10).order == 10
    assert AttendeeFactory(meeting=meeting).order == 11
    assert AttendeeFactory().order == 1


@pytest.fixture
def vice_rector():
    person = PersonFactory(full_name="Ngô Thị Yến")
    PositionFactory(
        person=person,
        title="Phó Hiệu trưởng",
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2024, 1, 30),
    )
    PositionFactory(
        person=person, title="Phó Bí thư Đảng uỷ", start=datetime.date(2024, 1, 31)
    )
    return person


def test_position_at_time_is_prefilled_from_the_meeting_date(vice_rector):
    """An attendee's position is the one held on the meeting's day."""
    before = MeetingFactory(starts_at=datetime.datetime(2023, 6, 1, 8, 0, tzinfo=HANOI))
    after = MeetingFactory(starts_at=datetime.datetime(2024, 3, 1, 8, 0, tzinfo=HANOI))
    assert AttendeeFactory(meeting=before, person=vice_rector).position_at_time == (
        "Phó Hiệu trưởng"
    )
    assert AttendeeFactory(meeting=after, person=vice_rector).position_at_time == (
        "Phó Bí thư Đảng uỷ"
    )


def test_position_at_time_uses_the_local_date(vice_rector):
    """A meeting at 00h30 on 31/01 Hanoi time (30/01 in UTC) takes the positions of
    31/01."""
    meeting = MeetingFactory(
        starts_at=datetime.datetime(2024, 1, 31, 0, 30, tzinfo=HANOI)
    )
    attendee = AttendeeFactory(meeting=meeting, person=vice_rector)
    attendee.refresh_from_db()
    assert attendee.position_at_time == "Phó Bí thư Đảng uỷ"


def test_position_at_time_given_is_kept(vice_rector):
    """A position typed from the article is not overwritten."""
    attendee = AttendeeFactory(
        person=vice_rector, position_at_time="Phó Bí thư Đảng ủy, Phó Hiệu trưởng"
    )
    attendee.refresh_from_db()
    assert attendee.position_at_time == "Phó Bí thư Đảng ủy, Phó Hiệu trưởng"


# ---------------------------------------------------------------- Photo


def test_one_cover_photo_per_meeting():
    """The database refuses a second cover photo in one meeting."""
    meeting = MeetingFactory()
    Photo.objects.create(meeting=meeting, caption="Toàn cảnh", is_cover=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Photo.objects.create(meeting=meeting, caption="Đại biểu", is_cover=True)
    other = Photo.objects.create(meeting=meeting, caption="Đại biểu")
    with pytest.raises(IntegrityError), transaction.atomic():
        Photo.objects.filter(pk=other.pk).update(is_cover=True)


def test_cover_photos_in_two_meetings():
    """Each meeting may have its own cover, and any number of other photos."""
    for meeting in (MeetingFactory(), MeetingFactory()):
        Photo.objects.create(meeting=meeting, is_cover=True)
        Photo.objects.create(meeting=meeting)
        Photo.objects.create(meeting=meeting)
    assert Photo.objects.filter(is_cover=True).count() == 2
    assert Photo.objects.count() == 6


def test_photo_without_an_image_is_allowed():
    """A caption imported before its photo is saved without an image."""
    meeting = MeetingFactory()
    photo = Photo.objects.create(
        meeting=meeting, caption="TS. Nguyễn Hoàng Quỳnh phát biểu"
    )
    photo.full_clean()
    photo.refresh_from_db()
    assert not photo.image
    assert photo.width is None
    assert photo.order == 1
    assert meeting.cover is None


def test_meeting_cover_prefers_the_chosen_photo_with_an_image():
    """The cover is the photo marked as cover, else the first with an image."""
    meeting = MeetingFactory()
    Photo.objects.create(meeting=meeting, caption="Chưa có ảnh")
    first = PhotoFactory(meeting=meeting)
    assert meeting.cover == first
    chosen = PhotoFactory(meeting=meeting, is_cover=True)
    assert meeting.cover == chosen
    assert (first.width, first.height) == (64, 48)


def test_photo_order_is_assigned():
    """Photos left without an order are numbered 1, 2, 3 in each meeting."""
    meeting = MeetingFactory()
    assert [Photo.objects.create(meeting=meeting).order for _ in range(3)] == [1, 2, 3]


def test_alt_text_is_the_caption():
    """A photo's alt text is its caption."""
    photo = PhotoFactory(caption="Đồng chí Ngô Thị Yến trao giấy khen")
    assert photo.alt_text == "Đồng chí Ngô Thị Yến trao giấy khen"


def test_alt_text_without_caption_names_the_meeting():
    """A photo without caption is described by its meeting's title, never empty."""
    meeting = MeetingFactory(title="Hội nghị tổng kết công tác năm 2023")
    photo = PhotoFactory(meeting=meeting, caption="")
    with translation.override("en"):
        assert photo.alt_text == "Photo of: Hội nghị tổng kết công tác năm 2023"
    with translation.override("vi"):
        alt = photo.alt_text
    assert "Hội nghị tổng kết công tác năm 2023" in alt
    assert not alt.startswith("Photo"), "visitors read Vietnamese"


def test_alt_text_of_a_blank_caption_names_the_meeting():
    """A caption of white space only (as an import may leave) is no alt text: the
    meeting's title is used."""
    meeting = MeetingFactory(title="Lễ khai giảng năm học 2023–2024")
    photo = Photo.objects.create(meeting=meeting, caption="  \n ")
    assert "Lễ khai giảng năm học 2023–2024" in photo.alt_text
