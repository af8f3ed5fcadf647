"""People in the admin: duplicates shown on the form, and merged without loss."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from people.merge import merge_people
from people.models import Person, Position
from tests.factories import (
    ArticleFactory,
    AttendeeFactory,
    AwardFactory,
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
    PositionFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_yens():
    """The college's articles name one vice-rector "Ngô Thị Yến" and "Nguyễn Thị Yến"."""
    ngo = PersonFactory(full_name="Ngô Thị Yến")
    nguyen = PersonFactory(full_name="Nguyễn Thị Yến", honorific="ThS.")
    return ngo, nguyen


def linked(person):
    """Everything pointing at a person, as comparable tuples."""
    return {
        "attendances": sorted(a.pk for a in person.attendances.all()),
        "photos": sorted(p.pk for p in person.photos.all()),
        "awards": sorted(a.pk for a in person.awards.all()),
        "articles": sorted(a.pk for a in person.articles.all()),
        "positions": sorted((p.title, p.unit_id) for p in person.positions.all()),
    }


def test_person_form_lists_possible_duplicates(staff_client, two_yens):
    """The change form of one Yến names the other, with a link to merge them."""
    ngo, nguyen = two_yens
    PersonFactory(full_name="Trần Văn Bình")
    response = staff_client.get(reverse("admin:people_person_change", args=[ngo.pk]))
    text = response.content.decode()
    assert "Nguyễn Thị Yến" in text
    assert "Trần Văn Bình" not in text
    assert f"?id__in={ngo.pk},{nguyen.pk}" in text


def test_merge_moves_every_link_and_loses_nothing(two_yens):
    """Attendances, photo tags, awards, bylines and positions all move to the kept
    record; the duplicate is gone."""
    ngo, nguyen = two_yens
    board = UnitFactory(name="Ban Giám hiệu")
    meeting_a, meeting_b = MeetingFactory(), MeetingFactory()
    AttendeeFactory(meeting=meeting_a, person=ngo)
    AttendeeFactory(meeting=meeting_b, person=nguyen)
    both = PhotoFactory(meeting=meeting_a)
    both.people.add(ngo, nguyen)
    PhotoFactory(meeting=meeting_b).people.add(nguyen)
    AwardFactory(recipient_person=nguyen)
    ArticleFactory(byline_person=nguyen)
    PositionFactory(person=ngo, title="Phó Hiệu trưởng", unit=board)
    PositionFactory(person=nguyen, title="Phó Hiệu trưởng", unit=board)
    PositionFactory(person=nguyen, title="Phó Bí thư Đảng ủy", unit=None)
    before_ngo, before_nguyen = linked(ngo), linked(nguyen)

    moved = merge_people(ngo, [ngo, nguyen])

    assert not Person.objects.filter(pk=nguyen.pk).exists()
    after = linked(ngo)
    assert after["attendances"] == sorted(
        before_ngo["attendances"] + before_nguyen["attendances"]
    )
    assert after["photos"] == sorted(
        set(before_ngo["photos"] + before_nguyen["photos"])
    )
    assert after["awards"] == before_nguyen["awards"]
    assert after["articles"] == before_nguyen["articles"]
    # The repeated position is kept once; the other moves.
    assert after["positions"] == sorted(
        [("Phó Hiệu trưởng", board.pk), ("Phó Bí thư Đảng ủy", None)]
    )
    assert Position.objects.count() == 2
    ngo.refresh_from_db()
    assert (
        ngo.honorific == "ThS."
    )  # filled from the duplicate, as the kept one had none
    assert sum(moved.values()) >= 5


def test_merge_action_asks_which_to_keep_then_merges(staff_client, two_yens):
    """The action shows a confirmation page; confirming keeps the chosen record."""
    ngo, nguyen = two_yens
    AttendeeFactory(person=ngo)
    url = reverse("admin:people_person_changelist")
    selection = {"action": "merge_selected", ACTION_CHECKBOX_NAME: [ngo.pk, nguyen.pk]}
    response = staff_client.post(url, selection)
    assert response.status_code == 200
    assert "Gộp hồ sơ trùng" in response.content.decode()
    assert Person.objects.count() == 2

    response = staff_client.post(
        url, {**selection, "confirm": "yes", "keep": nguyen.pk}
    )
    assert response.status_code == 302
    assert list(Person.objects.all()) == [nguyen]
    assert nguyen.attendances.count() == 1


def test_merge_action_needs_two_people(staff_client, two_yens):
    """Selecting one person merges nothing and says why."""
    ngo, _nguyen = two_yens
    url = reverse("admin:people_person_changelist")
    response = staff_client.post(
        url, {"action": "merge_selected", ACTION_CHECKBOX_NAME: [ngo.pk]}, follow=True
    )
    assert "Hãy chọn ít nhất hai hồ sơ để gộp." in response.content.decode()
    assert Person.objects.count() == 2


def test_merge_needs_delete_permission(client, django_user_model, two_yens):
    """A staff member who may change but not delete people cannot merge them."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("bientap", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_person", "view_person"])
    )
    client.force_login(user)
    ngo, nguyen = two_yens
    url = reverse("admin:people_person_changelist")
    response = client.post(
        url,
        {
            "action": "merge_selected",
            ACTION_CHECKBOX_NAME: [ngo.pk, nguyen.pk],
            "confirm": "yes",
            "keep": ngo.pk,
        },
    )
    assert response.status_code == 403
    assert Person.objects.count() == 2


def test_person_search_ignores_tone_marks(staff_client, two_yens):
    """ "nguyen thi yen" finds Nguyễn Thị Yến and not Ngô Thị Yến."""
    _ngo, nguyen = two_yens
    url = reverse("admin:people_person_changelist")
    response = staff_client.get(url, {"q": "nguyen thi yen"})
    assert list(response.context["cl"].result_list) == [nguyen]
    response = staff_client.get(url, {"q": "YẾN"})
    assert len(response.context["cl"].result_list) == 2


def test_unit_slug_made_from_vietnamese_name(staff_client):
    """A unit added with an empty slug gets đ→d in its slug."""
    response = staff_client.post(
        reverse("admin:people_unit_add"),
        {
            "name": "Đoàn Thanh niên",
            "short_name": "",
            "kind": "youth_union",
            "slug": "",
            "order": "100",
            "positions-TOTAL_FORMS": "0",
            "positions-INITIAL_FORMS": "0",
            "positions-MIN_NUM_FORMS": "0",
            "positions-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    from people.models import Unit

    assert Unit.objects.get().slug == "doan-thanh-nien"
