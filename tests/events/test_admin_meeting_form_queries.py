"""The meeting's change form costs the same few queries whatever it holds: its
photos' tags, its attendees' people and its documents' issuers are each read once
for the whole form, not once per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    AttendeeFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

# Session, user, the meeting, its attendees, photos, the photos' tags, documents,
# elected bodies, the office (footer), and one query per picker field that shows
# chosen rows: organiser, attendees' people, documents' issuers, photos' tags.
FORM_QUERIES = 13


def meeting_with(photos, attendees=3):
    meeting = MeetingFactory(organizer=UnitFactory())
    people = [PersonFactory() for _ in range(attendees)]
    for index in range(photos):
        photo = PhotoFactory(meeting=meeting, order=index + 1)
        photo.people.set(people[: 1 + index % 3])
    for index, person in enumerate(people):
        AttendeeFactory(meeting=meeting, person=person, order=index + 1)
    MeetingDocumentFactory(meeting=meeting, issuer=UnitFactory())
    return meeting


def form_queries(client, meeting):
    url = reverse("admin:events_meeting_change", args=[meeting.pk])
    client.get(url)  # the session's first use
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize(("photos", "attendees"), [(5, 3), (30, 3), (30, 12)])
def test_the_form_costs_the_same_queries_whatever_it_holds(
    staff_client, photos, attendees
):
    count, _html = form_queries(staff_client, meeting_with(photos, attendees))
    assert count == FORM_QUERIES
    assert count <= 15


def test_the_shared_pickers_still_show_each_rows_choice(staff_client):
    """Each photo's picker shows its own people as chosen, no one else's."""
    meeting = MeetingFactory()
    first, second = (
        PersonFactory(full_name="Ngô Thị Yến"),
        PersonFactory(full_name="Trần Văn Bình"),
    )
    PhotoFactory(meeting=meeting, order=1).people.set([first])
    PhotoFactory(meeting=meeting, order=2).people.set([first, second])
    AttendeeFactory(meeting=meeting, person=second, order=1)

    _count, html = form_queries(staff_client, meeting)

    def chosen(name):
        start = html.index(f'name="{name}"')
        select = html[start : html.index("</select>", start)]
        return [
            label
            for label in (first.full_name, second.full_name)
            if label in select and "selected" in select
        ]

    assert chosen("photos-0-people") == ["Ngô Thị Yến"]
    assert chosen("photos-1-people") == ["Ngô Thị Yến", "Trần Văn Bình"]
    assert chosen("attendees-0-person") == ["Trần Văn Bình"]
