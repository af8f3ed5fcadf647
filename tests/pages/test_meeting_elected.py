"""A meeting's page shows the bodies its congress elected, in a fixed number of
queries however many members they have."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import ElectedBody, ElectedMember
from tests.factories import MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db


def elect(meeting, members, name="Ban Chấp hành Đoàn Trường khóa XV"):
    body = ElectedBody.objects.create(meeting=meeting, name=name, term="2024–2027")
    for number in range(members):
        person = PersonFactory(full_name=f"Nguyễn Văn Số {number}") if number else None
        ElectedMember.objects.create(
            body=body,
            person=person,
            name="" if person else "Nguyễn Thị Yên",
            position="Giảng viên Khoa Khoa học Xã hội",
            role="Bí thư" if number == 0 else "",
            order=number + 1,
        )
    return body


def test_the_page_shows_each_body_with_its_term_members_and_offices(client):
    meeting = MeetingFactory()
    elect(meeting, 2)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Ban Chấp hành Đoàn Trường khóa XV, nhiệm kỳ 2024–2027" in html
    assert 'Nguyễn Thị Yên <strong class="elected-role">(Bí thư)</strong>' in html
    person = ElectedMember.objects.get(order=2).person
    assert f'href="{person.get_absolute_url()}"' in html


def test_a_meeting_without_elected_bodies_shows_no_heading(client):
    meeting = MeetingFactory()
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "elected-members" not in html


def count(client, meeting):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(meeting.get_absolute_url()).status_code == 200
    return len(queries)


def test_the_members_do_not_add_queries(client):
    """Members and their people are read in one query more than none."""
    small, large, empty = MeetingFactory(), MeetingFactory(), MeetingFactory()
    elect(small, 2)
    for number in range(3):
        elect(large, 12, name=f"Ban số {number}")
    count(client, empty)  # warm what the first page of a run reads once
    assert count(client, small) == count(client, large) == count(client, empty) + 1
