"""Staff see and edit a meeting's elected bodies: on the meeting, then each body's
members on the body's own page (the admin does not nest inlines)."""

import pytest

from events.models import ElectedBody, ElectedMember
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_the_meeting_page_lists_its_elected_bodies_with_a_link(staff_client):
    meeting = MeetingFactory()
    body = ElectedBody.objects.create(
        meeting=meeting, name="Ban Chấp hành", term="2024–2027"
    )
    html = staff_client.get(
        f"/admin/events/meeting/{meeting.pk}/change/"
    ).content.decode()
    assert "elected_bodies-TOTAL_FORMS" in html
    assert f"/admin/events/electedbody/{body.pk}/change/" in html


def test_a_bodys_page_edits_its_members_in_vietnamese(staff_client):
    body = ElectedBody.objects.create(meeting=MeetingFactory(), name="Ban Chấp hành")
    ElectedMember.objects.create(
        body=body, name="Nguyễn Thị Yên", role="Bí thư", order=1
    )
    response = staff_client.get(f"/admin/events/electedbody/{body.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "members-TOTAL_FORMS" in html
    assert "Chức vụ trong ban" in html
    assert "Nguyễn Thị Yên" in html


def test_elected_bodies_are_not_a_section_of_the_admin_index(staff_client):
    html = staff_client.get("/admin/").content.decode()
    assert "/admin/events/electedbody/" not in html
