"""Staff see a meeting's elected bodies on the meeting's admin page, with their
members, and change a body's name, term and order there."""

import pytest
from django.forms import inlineformset_factory

from events.admin import ElectedBodyFormSet
from events.models import ElectedBody, ElectedMember, Meeting
from tests.factories import MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db

FormSet = inlineformset_factory(
    Meeting, ElectedBody, formset=ElectedBodyFormSet, fields=["name", "term", "order"]
)


def elected(meeting):
    body = ElectedBody.objects.create(
        meeting=meeting, name="Ban Chấp hành Công đoàn", term="2023–2028"
    )
    ElectedMember.objects.create(
        body=body, name="Lương Thị Hường", role="Phó Chủ tịch", order=2
    )
    ElectedMember.objects.create(
        body=body,
        person=PersonFactory(full_name="Lương Thị Hương", honorific="ThS."),
        role="Chủ tịch",
        order=1,
    )
    return body


def test_the_meeting_page_shows_its_bodies_and_their_members(staff_client):
    meeting = MeetingFactory()
    elected(meeting)
    response = staff_client.get(f"/admin/events/meeting/{meeting.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "elected_bodies-TOTAL_FORMS" in html
    assert "Ban Chấp hành Công đoàn" in html
    assert "ThS. Lương Thị Hương (Chủ tịch); Lương Thị Hường (Phó Chủ tịch)" in html
    assert "Thành viên" in html


def test_a_form_without_the_bodies_rows_changes_none_of_them():
    meeting = MeetingFactory()
    body = elected(meeting)
    formset = FormSet({"other-field": "x"}, instance=meeting)
    assert formset.is_valid()
    formset.save()
    body.refresh_from_db()
    assert body.name == "Ban Chấp hành Công đoàn"


def test_a_form_with_the_rows_changes_a_body():
    meeting = MeetingFactory()
    body = elected(meeting)
    prefix = FormSet.get_default_prefix()
    data = {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-0-id": str(body.pk),
        f"{prefix}-0-meeting": str(meeting.pk),
        f"{prefix}-0-name": "Ban Chấp hành Công đoàn Trường",
        f"{prefix}-0-term": "2023–2028",
        f"{prefix}-0-order": "1",
    }
    formset = FormSet(data, instance=meeting)
    assert formset.is_valid(), formset.errors
    formset.save()
    body.refresh_from_db()
    assert body.name == "Ban Chấp hành Công đoàn Trường"
    assert Meeting.objects.get().elected_bodies.count() == 1
