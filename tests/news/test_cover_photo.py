"""An article's cover is a photo of the library: chosen in the article's form, shown
by its page (og:image) and its cards instead of the meeting's cover."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.templatetags.photos import photo_url
from news.models import Article
from tests.factories import ArticleFactory, MeetingFactory, PhotoFactory
from tests.news.test_admin import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting_cover():
    return PhotoFactory(
        meeting=MeetingFactory(title="Hội nghị tổng kết"),
        caption="Ảnh bìa của hội nghị",
        is_cover=True,
    )


@pytest.fixture
def chosen():
    return PhotoFactory(caption="Quang cảnh hội trường")


def published(**fields):
    return ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=timezone.now(), **fields
    )


def test_the_form_offers_the_library_not_an_upload(staff_client, chosen):
    """The cover fieldset shows the chosen photo and "Chọn từ thư viện"; the old
    upload field is gone."""
    article = ArticleFactory(cover_photo=chosen)
    response = staff_client.get(reverse("admin:news_article_change", args=[article.pk]))
    page = response.content.decode()
    assert "Chọn từ thư viện" in page
    assert reverse("admin:events_photo_library") + "?chon=bia" in page
    assert f'name="cover_photo" value="{chosen.pk}"' in page
    assert photo_url(chosen, 320) in page
    assert 'name="cover"' not in page
    assert "photo_chooser.js" in page


def test_setting_the_cover_through_the_form(staff_client, chosen):
    article = ArticleFactory()
    response = staff_client.post(
        reverse("admin:news_article_change", args=[article.pk]),
        article_form(title=article.title, cover_photo=chosen.pk),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.cover_photo == chosen


def test_removing_the_cover(staff_client, chosen):
    article = ArticleFactory(cover_photo=chosen)
    staff_client.post(
        reverse("admin:news_article_change", args=[article.pk]),
        article_form(title=article.title, cover_photo=""),
    )
    article.refresh_from_db()
    assert article.cover_photo is None


@pytest.mark.parametrize("value", ["abc", "999999", "imageless"])
def test_a_cover_that_is_not_a_library_photo_is_refused(staff_client, value):
    """A made-up id, letters, or a caption without its image: a Vietnamese error,
    nothing saved."""
    if value == "imageless":
        value = PhotoFactory(image="").pk
    article = ArticleFactory(title="Trước khi sửa")
    response = staff_client.post(
        reverse("admin:news_article_change", args=[article.pk]),
        article_form(title="Sau khi sửa", cover_photo=value),
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    article.refresh_from_db()
    assert (article.title, article.cover_photo) == ("Trước khi sửa", None)


def test_the_article_page_shares_the_chosen_cover(client, meeting_cover, chosen):
    """og:image is the chosen photo, not the meeting's cover."""
    article = published(meeting=meeting_cover.meeting, cover_photo=chosen)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'content="http://testserver{photo_url(chosen, 1600)}"' in page
    assert photo_url(meeting_cover, 1600) not in page.split("</head>")[0]
    assert 'content="Quang cảnh hội trường"' in page


def test_without_a_chosen_cover_the_meetings_is_shared(client, meeting_cover):
    article = published(meeting=meeting_cover.meeting)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'content="http://testserver{photo_url(meeting_cover, 1600)}"' in page


def test_a_cover_without_a_meeting_is_still_shared(client, chosen):
    article = published(cover_photo=chosen)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'content="http://testserver{photo_url(chosen, 1600)}"' in page


def test_cards_show_the_chosen_cover(client, meeting_cover, chosen):
    """The list's card and the home page's featured card show the chosen photo."""
    published(meeting=meeting_cover.meeting, cover_photo=chosen, featured=True)
    cards = client.get(reverse("news:article_list")).content.decode()
    home = client.get(reverse("home")).content.decode()
    # The home page's list of recent meetings still shows the meeting's cover.
    featured = home.split('class="featured"', 1)[1].split("</section>", 1)[0]
    for page in (cards, featured):
        assert 'alt="Quang cảnh hội trường"' in page
        assert 'alt="Ảnh bìa của hội nghị"' not in page


@pytest.mark.usefixtures("warm_office")
def test_cards_cost_the_same_queries_with_chosen_covers(client):
    """2 articles or 12, each with a chosen cover of another meeting: the list
    and the home page make the same number of queries."""
    counts = {}
    for total in (2, 12):
        while Article.objects.count() < total:
            published(
                meeting=MeetingFactory(),
                cover_photo=PhotoFactory(meeting=MeetingFactory()),
            )
        for url in (reverse("news:article_list"), reverse("home")):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.setdefault(url, []).append(len(queries))
    assert all(first == second for first, second in counts.values()), counts
