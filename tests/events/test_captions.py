"""Captions name people; the admin tags the people a caption names."""

import pytest
from django.urls import reverse

from events.captions import names_in, people_named_in
from events.models import Photo
from tests.factories import MeetingFactory, PersonFactory, PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("caption", "names"),
    [
        (
            "Đồng chí Ngô Thị Yến – Phó Hiệu trưởng Nhà trường Báo cáo tổng kết năm 2023",
            ["Ngô Thị Yến"],
        ),
        ("Đồng chí Nguyễn Hoàng Quỳnh  – Bí thư Đảng ủy", ["Nguyễn Hoàng Quỳnh"]),
        ("Đồng chí Nguyễn Hoàng Quỳnh- Bí thư Đảng ủy", ["Nguyễn Hoàng Quỳnh"]),
        ("Đồng chí Nguyễn Thị Hương -Phó Bí thư Chi bộ", ["Nguyễn Thị Hương"]),
        ("Các đảng viên đang tích cực thảo luận trong buổi sinh hoạt", []),
        (
            "TS. Nguyễn Hoàng Quỳnh trao Bằng khen cho đồng chí Nguyễn Thị Thu, Phó Bí thư",
            ["Nguyễn Hoàng Quỳnh", "Nguyễn Thị Thu"],
        ),
        ("Đồng chí Thạch Thị Hồng Mơ phát biểu", ["Thạch Thị Hồng Mơ"]),
        ("", []),
    ],
)
def test_names_in_captions(caption, names):
    """The ways captions name people, dashes with or without spaces, are read."""
    assert names_in(caption) == names


def test_people_matched_whatever_the_tone_marks():
    """ "Nguyễn Thị Hương" finds the record typed "Nguyễn Thị Hương" with other marks,
    and a name running into the position still finds its person."""
    huong = PersonFactory(full_name="Nguyễn Thị Hương")
    quynh = PersonFactory(full_name="Nguyễn Hoàng Quỳnh")
    assert people_named_in("Đồng chí NGUYỄN THỊ HƯƠNG – Trưởng phòng") == [huong]
    assert people_named_in("Đồng chí Nguyen Thi Huong Trưởng phòng TCHC") == [huong]
    assert people_named_in(
        "Đồng chí Nguyễn Hoàng Quỳnh trao thưởng cho đồng chí Nguyễn Thị Hương"
    ) == [quynh, huong]


def test_ambiguous_names_are_not_guessed():
    """Two people with one name: the caption tags neither."""
    PersonFactory(full_name="Nguyễn Thị Thu")
    PersonFactory(full_name="Nguyễn Thị Thu")
    assert people_named_in("Đồng chí Nguyễn Thị Thu tham luận") == []


def photo_form(photo, **overrides):
    data = {
        "meeting": photo.meeting_id,
        "caption": photo.caption,
        "order": photo.order,
        "focal_point": photo.focal_point,
        "credit": "",
        "taken_at_0": "",
        "taken_at_1": "",
    }
    data.update(overrides)
    return data


def test_new_caption_tags_the_people_it_names(staff_client):
    """Writing a caption that names a person tags them when no one is tagged."""
    huong = PersonFactory(full_name="Nguyễn Thị Hương")
    photo = PhotoFactory(meeting=MeetingFactory(), caption="")
    caption = "Đồng chí Nguyễn Thị Hương – Trưởng phòng công bố các quyết định"
    url = reverse("admin:events_photo_change", args=[photo.pk])
    response = staff_client.post(url, photo_form(photo, caption=caption))
    assert response.status_code == 302
    assert list(Photo.objects.get(pk=photo.pk).people.all()) == [huong]


def test_chosen_tags_are_not_replaced(staff_client):
    """Tags an editor chose stay as chosen."""
    PersonFactory(full_name="Nguyễn Thị Hương")
    other = PersonFactory(full_name="Trần Thị Phương Lan")
    photo = PhotoFactory(caption="")
    url = reverse("admin:events_photo_change", args=[photo.pk])
    caption = "Đồng chí Nguyễn Thị Hương phát biểu"
    response = staff_client.post(
        url, photo_form(photo, caption=caption, people=[other.pk])
    )
    assert response.status_code == 302
    assert list(Photo.objects.get(pk=photo.pk).people.all()) == [other]
