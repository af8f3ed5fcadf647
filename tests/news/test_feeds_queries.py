"""The feeds read only what an item shows: a fixed number of narrow queries, whatever
the number of articles and covers."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from events.models import Photo
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, MeetingFactory
from tests.photo_samples import jpeg, scene

pytestmark = pytest.mark.django_db


def meeting_with_cover(number):
    meeting = MeetingFactory()
    photo = Photo(meeting=meeting, is_cover=True)
    photo.image.save(f"IMG_{number}.jpg", ContentFile(jpeg(scene(number))))
    return meeting, photo


def publish(count, hours_ago=1, **fields):
    now = timezone.now()
    return [
        ArticleFactory(
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(hours=hours_ago + index),
            **fields,
        )
        for index in range(count)
    ]


def enclosures(response):
    assert response.status_code == 200
    return {
        item.findtext("title"): item.find("enclosure")
        for item in ET.fromstring(response.content).iter("item")
    }


@pytest.mark.parametrize("feed", ["/rss/", "/atom/"])
def test_three_queries_for_two_items_or_twenty(client, django_assert_num_queries, feed):
    """Articles, their meetings, the meetings' covers: three queries for a feed of
    two items and for a full one of twenty."""
    meeting, _photo = meeting_with_cover(1)
    publish(1, meeting=meeting)
    publish(1, hours_ago=5)
    with django_assert_num_queries(3):
        client.get(feed)

    others = [meeting_with_cover(number)[0] for number in (2, 3)]
    for index in range(20):
        publish(1, hours_ago=index / 10, meeting=others[index % 2])
    with django_assert_num_queries(3):
        response = client.get(feed)
    assert response.status_code == 200


def test_the_queries_read_no_body_search_text_or_meeting_text(
    client, django_assert_num_queries
):
    """The articles' bodies and search columns, the meetings' titles and summaries
    and the photos' captions are not read: the feed shows none of them."""
    meeting, _photo = meeting_with_cover(1)
    publish(2, meeting=meeting, category=CategoryFactory(name="Thông báo"))

    with django_assert_num_queries(3) as queries:
        client.get("/rss/")

    articles, meetings, photos = (q["sql"] for q in queries.captured_queries)
    for column in ('"body"', '"search_text"', '"search_vector"', '"title_folded"'):
        assert column not in articles, column
    assert '"news_category"."name"' in articles
    assert '"summary"' not in meetings and '"title"' not in meetings
    assert '"caption"' not in photos and '"search_text"' not in photos


def test_a_chosen_cover_is_the_enclosure_without_another_query(
    client, django_assert_num_queries
):
    """An article whose cover was chosen from the library has that photo as its
    enclosure, read with the article, not its meeting's cover."""
    meeting, meeting_cover = meeting_with_cover(1)
    _other, chosen = meeting_with_cover(2)
    (article,) = publish(1, meeting=meeting, cover_photo=chosen)

    with django_assert_num_queries(3):
        response = client.get("/rss/")

    enclosure = enclosures(response)[article.title]
    stem = chosen.image.name.rsplit(".", 1)[0]
    assert f"/media/{stem}/640.jpg" in enclosure.get("url")
    assert meeting_cover.image.name.rsplit(".", 1)[0] not in enclosure.get("url")
    assert int(enclosure.get("length")) > 0
