"""Each public page makes a fixed number of SQL queries, whatever the amount of data.

Every page is fetched with a small data set (1 photo, 1 attendee, 1 award, 2 articles)
and a large one (40 photos, 30 attendees, 20 awards, 30 articles, people tagged in
photos, a person and a unit with many of everything). The count must be the same for
both, and equal to the page's budget below: a page whose count grows with the data
has an N+1 query, and a page that needs one more query than before should say why.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awards.models import Award
from events.models import Attendee, Meeting
from news.models import Article
from pages.views import LATEST_ARTICLES, LATEST_PHOTOS
from tests.factories import (
    ArticleFactory,
    AttendeeFactory,
    AwardFactory,
    CampaignFactory,
    CategoryFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
    PositionFactory,
    UnitFactory,
)
from tests.helpers import rows_for_module

pytestmark = pytest.mark.django_db

SIZES = {
    "small": {"photos": 1, "attendees": 1, "awards": 1, "articles": 2},
    "large": {"photos": 40, "attendees": 30, "awards": 20, "articles": 30},
}

# Queries per page, the same for both sizes. What they are, for the record:
# home: latest articles, their meetings' covers, categories, meetings, their
#   covers, awards.
# article list: count, page, covers, categories. category: the category first.
# article: the article, the cover for og:image, attendees, documents, photos,
#   awards, related articles and their covers.
# meeting list: years, count, page, covers. meeting: the meeting, its cover,
#   attendees, documents, elected bodies, photos, awards, articles (a meeting
#   with elected bodies adds one: their members with their people).
# honour roll: years, awards. person: the person, positions, attendances,
#   awards, articles, photos. unit: the unit, positions, children, meetings,
#   awards, articles.
# search: count, page, covers, meetings, people, units, library documents,
#   answered questions.
# Every page also reads the office's details for its footer (contact.Office), once
# when the cache is cold, as here; with a warm cache that query is not made.
BUDGETS = {
    "home": 7,
    "article list": 5,
    "category": 6,
    "article": 8,
    "meeting list": 5,
    "meeting": 8,
    "honour roll": 3,
    "person": 7,
    "unit": 7,
    "search": 9,
}


def build(photos, attendees, awards, articles):
    """A person and a unit at the centre of everything, ``photos`` photos of one
    meeting, ``attendees`` people at it, ``awards`` awards and ``articles`` published
    articles (each about a meeting of its own with a cover photo, the first about
    the big meeting). Returns the addresses of the pages to measure."""
    now = timezone.now()
    category = CategoryFactory(name="Tin tức – Sự kiện")
    CategoryFactory(name="Thông báo")
    unit = UnitFactory(
        name="Phòng Tổ chức – Hành chính",
        short_name="Phòng TCHC",
        parent=UnitFactory(name="Trường Cao đẳng Ngô Gia Tự Bắc Giang"),
    )
    person = PersonFactory(full_name="Nguyễn Hoàng Quỳnh", honorific="TS.")
    PositionFactory(person=person, unit=unit, title="Hiệu trưởng")
    PositionFactory(
        person=person,
        unit=unit,
        title="Phó Hiệu trưởng",
        start=datetime.date(2015, 1, 1),
        end=datetime.date(2019, 12, 31),
    )
    meeting = MeetingFactory(
        title="Hội nghị tổng kết công tác năm 2023",
        organizer=unit,
        location="Hội trường",
    )
    MeetingDocumentFactory(meeting=meeting, issuer=unit)

    people = [person]
    roles = list(Attendee.Role.values)
    for number in range(attendees):
        attendee = person if number == 0 else PersonFactory()
        if number:
            PositionFactory(person=attendee, unit=unit, title="Giảng viên")
            people.append(attendee)
        AttendeeFactory(
            meeting=meeting,
            person=attendee,
            role=roles[number % len(roles)],
            position_at_time="Bí thư Đảng uỷ, Hiệu trưởng Nhà trường",
            topic="Tham luận tại Hội nghị",
        )
    for number in range(photos):
        # A photo without a caption takes its alt text from the meeting's title.
        caption = "" if number % 5 == 4 else f"Ảnh số {number}"
        photo = PhotoFactory(meeting=meeting, is_cover=number == 0, caption=caption)
        photo.people.set({person, people[number % len(people)]})

    campaign = CampaignFactory(launched_by=unit)
    kinds = list(Award.Kind.values)
    for number in range(awards):
        recipient = (
            {"recipient_person": person, "recipient_unit": None}
            if number % 2 == 0
            else {"recipient_person": None, "recipient_unit": unit}
        )
        AwardFactory(
            kind=kinds[number % len(kinds)],
            year=2023 - number % 3,
            campaign=campaign,
            meeting=meeting,
            title="Đã có thành tích xuất sắc",
            **recipient,
        )

    article_meeting = meeting
    for number in range(articles):
        if number:
            article_meeting = MeetingFactory(
                title=f"Hội nghị chuyên đề số {number}",
                organizer=unit,
                kind=Meeting.Kind.THEMATIC,
                starts_at=now - datetime.timedelta(days=40 * number),
            )
            AttendeeFactory(meeting=article_meeting, person=person)
            cover = PhotoFactory(meeting=article_meeting, is_cover=True)
            cover.people.set([person])
        ArticleFactory(
            title=f"Hội nghị và hoạt động số {number}",
            category=category,
            meeting=article_meeting,
            byline_person=person,
            byline_unit=unit,
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(hours=number + 1),
            featured=number == 0,
        )
    first = Article.objects.get(meeting=meeting)
    return {
        "home": "/",
        "article list": "/tin-tuc/",
        "category": category.get_absolute_url(),
        "article": first.get_absolute_url(),
        "meeting list": "/su-kien/",
        "meeting": meeting.get_absolute_url(),
        "honour roll": "/khen-thuong/",
        "person": person.get_absolute_url(),
        "unit": unit.get_absolute_url(),
        "search": "/tim-kiem/?q=hoi+nghi",
    }


@pytest.fixture(scope="module", params=SIZES)
def pages(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The pages' addresses over one data set, built once per size for the module."""
    with rows_for_module(django_db_blocker, tmp_path_factory.mktemp("media")):
        yield build(**SIZES[request.param])


def count_queries(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries), [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("page", BUDGETS)
def test_the_page_keeps_to_its_query_budget(client, pages, page):
    """The page makes exactly its budget of queries, small data set or large."""
    count, sql = count_queries(client, pages[page])

    assert count == BUDGETS[page], "\n".join(sql)


def test_the_data_sets_have_the_sizes_they_claim(client, pages, request):
    """The pages measured do show the data: one of everything, or many."""
    size = request.node.callspec.params["pages"]
    expected = SIZES[size]

    meeting = client.get(pages["meeting"]).context
    # The page reads its photos when the template first asks (it calls them).
    assert len(meeting["photos"]()) == expected["photos"]
    assert len(meeting["attendees"]) == expected["attendees"]
    assert len(meeting["awards"]) == expected["awards"]
    articles = client.get(pages["article list"]).context["page_obj"]
    assert articles.paginator.count == expected["articles"]
    person = client.get(pages["person"]).context
    # A person's page shows their newest photos and articles, up to a limit.
    assert len(person["photos"]) == min(
        expected["photos"] + expected["articles"] - 1, LATEST_PHOTOS
    )
    assert len(person["articles"]) == min(expected["articles"], LATEST_ARTICLES)
    assert len(person["attendances"]) == expected["articles"]
