# ruff: noqa: F811 -- the tests take the imported ``commit`` fixture by name
"""The page cache forgets only the pages a change shows on (core/dependencies.py).

Every "a change shows on the next request" case of test_page_cache.py still holds;
here: what an article or a meeting page shows changes it, what it does not show
leaves it stored, the stored parts of a page (fragments) follow their meeting, a
render that may have read the database before a change is not stored, and a page
that goes cold is rendered once while the others wait for it.
"""

import threading
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse

from core import dependencies
from news.models import ArticleEvent
from ops import page_cache, page_requests
from tests.factories import (
    ArticleFactory,
    AttendeeFactory,
    AwardFactory,
    CategoryFactory,
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
    UserFactory,
)

# test_page_cache.py's fixtures: ``commit`` used by name, ``page_cache_on`` (the
# page cache on, emptied around each test) by itself.
from tests.ops.test_page_cache import (  # noqa: F401
    commit,
    commit_setup,
    get,
    page_cache_on,
    published,
    warm,
)

pytestmark = pytest.mark.django_db


def templates_used(response):
    return {template.name for template in response.templates}


def article_with_meeting(**kwargs):
    meeting = MeetingFactory(title="Hội nghị tổng kết năm học")
    photo = PhotoFactory(meeting=meeting, caption="Toàn cảnh hội trường")
    attendee = AttendeeFactory(meeting=meeting)
    article = published(meeting=meeting, **kwargs)
    commit_setup()
    return article, meeting, photo, attendee


# ------------------------------------------------------------------ what stays


def test_an_article_elsewhere_changed_leaves_the_article_page_stored(client, commit):
    """On a results day: a correction or a new article in another category leaves
    this article's page stored; the home page and the lists show it at once."""
    article = published(title="Lễ tốt nghiệp khoá 2024")
    other = published(title="Thông báo tuyển sinh có lỗi chính tả")
    commit_setup()
    warm(client, article.get_absolute_url())
    warm(client, reverse("home"))

    def correct():
        other.title = "Thông báo tuyển sinh năm 2025"
        other.save()

    commit(correct)
    commit(lambda: published(title="Kết quả thi đua học kỳ I", category=other.category))
    kept = get(client, article.get_absolute_url())
    assert kept["X-Cache"] == "HIT"
    assert "Lễ tốt nghiệp khoá 2024" in kept.content.decode()
    home = get(client, reverse("home"))
    assert home["X-Cache"] == "MISS"
    assert "Kết quả thi đua học kỳ I" in home.content.decode()
    assert (
        "Thông báo tuyển sinh năm 2025"
        in get(client, other.get_absolute_url()).content.decode()
    )


def test_a_staff_only_row_leaves_every_page_stored(client, commit):
    article = published(title="Hội thảo khoa học cấp trường")
    commit_setup()
    url = article.get_absolute_url()
    warm(client, url)
    warm(client, reverse("home"))
    editor = UserFactory()
    commit(
        lambda: ArticleEvent.objects.create(
            article=article, user=editor, action=ArticleEvent.Action.SUBMITTED
        )
    )
    assert get(client, url)["X-Cache"] == "HIT"
    assert get(client, reverse("home"))["X-Cache"] == "HIT"


def test_a_meeting_elsewhere_changed_leaves_the_article_page_stored(client, commit):
    article, meeting, photo, attendee = article_with_meeting()
    url = article.get_absolute_url()
    warm(client, url)
    commit(
        lambda: PhotoFactory(meeting=MeetingFactory(), caption="Ảnh của hội nghị khác")
    )
    assert get(client, url)["X-Cache"] == "HIT"


# ------------------------------------------------------------------ what shows


def test_a_new_article_in_the_category_shows_among_the_related(client, commit):
    category = CategoryFactory(name="Tin đào tạo")
    article = published(category=category, title="Khai giảng lớp bồi dưỡng")
    commit_setup()
    url = article.get_absolute_url()
    warm(client, url)
    commit(lambda: published(category=category, title="Bế giảng lớp bồi dưỡng"))
    page = get(client, url)
    assert page["X-Cache"] == "MISS"
    assert "Bế giảng lớp bồi dưỡng" in page.content.decode()


def test_a_related_article_renamed_shows_on_the_article_page(client, commit):
    category = CategoryFactory()
    related = published(category=category, title="Giao lưu văn nghệ chào mừng")
    article = published(category=category)
    commit_setup()
    url = article.get_absolute_url()
    assert "Giao lưu văn nghệ chào mừng" in warm(client, url)

    def rename():
        related.title = "Giao lưu văn nghệ mừng Đảng mừng Xuân"
        related.save()

    commit(rename)
    assert "Giao lưu văn nghệ mừng Đảng mừng Xuân" in get(client, url).content.decode()


def test_the_article_moved_to_another_meeting_leaves_the_old_meetings_page(
    client, commit
):
    article, meeting, photo, attendee = article_with_meeting(title="Bài về hội nghị")
    url = meeting.get_absolute_url()
    assert "Bài về hội nghị" in warm(client, url)
    elsewhere = MeetingFactory()
    commit_setup()

    def move():
        article.meeting = elsewhere
        article.save()

    commit(move)
    page = get(client, url)
    assert page["X-Cache"] == "MISS"
    assert "Bài về hội nghị" not in page.content.decode()


@pytest.mark.parametrize("kind", ["caption", "attendee", "person", "award", "tag"])
def test_what_the_meeting_shows_changed_shows_on_its_article_page(client, commit, kind):
    article, meeting, photo, attendee = article_with_meeting()
    url = article.get_absolute_url()
    warm(client, url)
    expected = {
        "caption": "Đồng chí Bí thư phát biểu",
        "attendee": "Phó Trưởng khoa Ngữ văn",
        "person": "Hoàng Văn Đức",
        "award": "Lê Thị Khen",
        "tag": "Hoàng Văn Đức",
    }[kind]

    def change():
        if kind == "caption":
            photo.caption = expected
            photo.save()
        elif kind == "attendee":
            attendee.position_at_time = expected
            attendee.save()
        elif kind == "person":
            attendee.person.full_name = expected
            attendee.person.save()
        elif kind == "award":
            AwardFactory(
                meeting=meeting, recipient_person=PersonFactory(full_name=expected)
            )
        else:
            attendee.person.full_name = expected
            attendee.person.save()
            photo.people.add(attendee.person)

    commit(change)
    page = get(client, url)
    assert page["X-Cache"] == "MISS"
    assert expected in page.content.decode()


# ------------------------------------------------------------------ fragments


def test_the_gallery_is_reused_when_only_the_article_changed(client, commit):
    article, meeting, photo, attendee = article_with_meeting(title="Tiêu đề cũ")
    url = article.get_absolute_url()
    first = get(client, url)
    assert "events/includes/gallery.html" in templates_used(first)

    def retitle():
        article.title = "Tiêu đề mới"
        article.save()

    commit(retitle)
    page = get(client, url)
    assert page["X-Cache"] == "MISS"
    body = page.content.decode()
    assert "Tiêu đề mới" in body
    assert "Toàn cảnh hội trường" in body, "the stored gallery is in the page"
    assert "events/includes/gallery.html" not in templates_used(page)


def test_the_gallery_is_rendered_again_when_its_meeting_changed(client, commit):
    article, meeting, photo, attendee = article_with_meeting()
    url = article.get_absolute_url()
    get(client, url)

    def recaption():
        photo.caption = "Các đại biểu biểu quyết"
        photo.save()

    commit(recaption)
    page = get(client, url)
    assert "events/includes/gallery.html" in templates_used(page)
    assert "Các đại biểu biểu quyết" in page.content.decode()
    assert "Toàn cảnh hội trường" not in page.content.decode()


def test_staff_pages_never_use_stored_fragments(client, commit, staff_client):
    article, meeting, photo, attendee = article_with_meeting()
    url = article.get_absolute_url()
    get(client, url)
    response = staff_client.get(url)
    assert response.status_code == 200
    assert "events/includes/gallery.html" in templates_used(response)


def test_a_stored_article_page_is_served_in_one_round_trip(client):
    """Its tags are read with it: this process has seen them when it stored it."""
    article = published(title="Một lượt hỏi bộ nhớ đệm")
    commit_setup()
    url = article.get_absolute_url()
    warm(client, url)
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many:
        assert get(client, url)["X-Cache"] == "HIT"
    assert get_many.call_count == 1
    page_requests.TAGS_SEEN.tags.clear()
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many:
        assert get(client, url)["X-Cache"] == "HIT"
    assert get_many.call_count == 2, "tags not seen here: asked after the page"


# ------------------------------------------------------------------ races


def test_a_render_that_began_before_a_change_is_not_stored():
    """The change's tag was moved on after the request read the sequence: what the
    render read may be older than the change."""
    dependencies.start_sequence()
    before = cache.get(dependencies.SEQUENCE_KEY)
    shown = dependencies.Dependencies(generation=1, sequence=before)
    assert shown.storable_versions(["article:1"]) == {"article:1": before}
    assert dependencies.stamp({"article:1"})
    later = dependencies.Dependencies(generation=1, sequence=before)
    assert later.storable_versions(["article:1"]) is None
    now = dependencies.Dependencies(1, cache.get(dependencies.SEQUENCE_KEY))
    assert now.storable_versions(["article:1"]) is not None


def test_a_tag_started_by_a_render_gives_way_to_a_change():
    dependencies.start_sequence()
    sequence = cache.get(dependencies.SEQUENCE_KEY)
    shown = dependencies.Dependencies(generation=1, sequence=sequence)
    assert dependencies.stamp({"meeting:7"})
    assert shown.storable_versions(["meeting:7"]) is None


def test_tags_the_cache_does_not_take_are_owed_as_the_generation(client, commit):
    article = published(title="Bài chưa sửa")
    commit_setup()
    url = article.get_absolute_url()
    warm(client, url)

    def retitle():
        article.title = "Bài đã sửa"
        article.save()

    with (
        mock.patch.object(dependencies, "stamp", return_value=False),
        mock.patch.object(page_cache._debt, "owe", wraps=page_cache._debt.owe) as owe,
    ):
        commit(retitle)
    owe.assert_called_once()
    page = get(client, url)
    assert "Bài đã sửa" in page.content.decode()
    assert page_cache._debt.settle()
    assert "Bài đã sửa" in get(client, url).content.decode()


def test_the_article_page_names_every_card_it_shows():
    meeting = MeetingFactory()
    cover = PhotoFactory(meeting=None)
    related = ArticleFactory(meeting=meeting, cover_photo=cover)
    article = ArticleFactory(category=related.category)
    tags = set(dependencies_of(article, [related]))
    assert {
        f"article:{article.pk}",
        f"category:{article.category_id}",
        f"article:{related.pk}",
        f"meeting:{meeting.pk}",
        f"photo:{cover.pk}",
        "people",
        "awards",
    } <= tags


def dependencies_of(article, related):
    from pages import cache_tags

    return cache_tags.article_page(article, related)


# ------------------------------------------------------------------ the herd


def test_a_request_waits_for_the_one_rendering_the_page(client, settings):
    """While one request renders a cold page, another asking for it waits for the
    stored page instead of rendering it too."""
    article = published(title="Trang đang được dựng")
    commit_setup()
    url = article.get_absolute_url()
    warm(client, url)
    entry_key = next(k for k in cache._cache if "page:" in k)  # the one page stored
    stored = cache.get(entry_key.split(":", 2)[2])
    assert stored is not None
    page_key = entry_key.split(":", 2)[2]
    lock = page_key.replace("page:", "page-rendering:", 1)
    cache.delete(page_key)
    assert cache.add(lock, 1, 10), "another request is rendering"

    def finish_rendering():
        time.sleep(0.2)
        cache.set(page_key, stored, 60)
        cache.delete(lock)

    renderer = threading.Thread(target=finish_rendering)
    renderer.start()
    with mock.patch.object(
        page_cache.PageCacheMiddleware,
        "_render",
        side_effect=AssertionError("rendered while another request was"),
    ):
        waited = get(client, url)
    renderer.join()
    assert waited["X-Cache"] == "HIT"
    assert "Trang đang được dựng" in waited.content.decode()


def test_a_waiting_request_renders_itself_when_the_other_takes_too_long(
    client, settings
):
    settings.PAGE_CACHE_HERD_WAIT = 0.1
    article = published(title="Trang dựng quá lâu")
    commit_setup()
    url = article.get_absolute_url()
    get(client, url)
    page_key = next(k for k in cache._cache if "page:" in k).split(":", 2)[2]
    cache.delete(page_key)
    lock = page_key.replace("page:", "page-rendering:", 1)
    assert cache.add(lock, 1, 10)
    started = time.monotonic()
    page = get(client, url)
    assert time.monotonic() - started >= 0.1
    assert "Trang dựng quá lâu" in page.content.decode()
