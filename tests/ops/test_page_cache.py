"""The page cache is never wrong: a change shows on the next request, staff never get
or leave stored pages, a scheduled article appears on time, browsers revalidate."""

import datetime
import re
import uuid
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.urls import reverse
from django.utils import timezone

from events.models import Attendee
from ops import page_cache
from ops.sessions import made_here
from tests.events.test_admin import meeting_form
from tests.factories import (
    ArticleFactory,
    AttendeeFactory,
    AwardFactory,
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    # A bump an earlier test left owed (on purpose) is paid to the local cache.
    assert page_cache._debt.settle()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Commit a change, as the admin's transaction would.

    The test's own transaction never commits, so the setup's pending on-commit
    callbacks would linger (and a change would be bumped "once per transaction"
    together with them): they run first, as if the setup had been committed.
    """

    def run(change):
        commit_setup()
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


def commit_setup():
    pending = list(connection.run_on_commit)
    connection.run_on_commit.clear()
    for _savepoints, callback, _robust in pending:
        callback()


def published(**kwargs):
    return ArticleFactory(status="published", published_at=timezone.now(), **kwargs)


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 304), (url, response.status_code)
    return response


def warm(client, url):
    """Two visits: the second must come from the cache."""
    assert get(client, url)["X-Cache"] == "MISS"
    second = get(client, url)
    assert second["X-Cache"] == "HIT"
    return second.content.decode()


# ------------------------------------------------------------------ basics


def test_an_anonymous_visit_is_stored_and_served_unchanged(client):
    article = published(title="Lễ khai giảng năm học mới")
    first = get(client, article.get_absolute_url())
    second = get(client, article.get_absolute_url())
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert second.content == first.content
    assert "Lễ khai giảng năm học mới" in second.content.decode()
    for header in ("Content-Type", "Content-Security-Policy", "ETag", "Last-Modified"):
        assert second[header] == first[header], header
    assert second["Cache-Control"] == first["Cache-Control"]
    assert int(second["Content-Length"]) == len(second.content)


def test_a_hit_needs_no_database(client, django_assert_num_queries):
    url = published().get_absolute_url()
    warm(client, url)
    with django_assert_num_queries(0):
        assert get(client, url)["X-Cache"] == "HIT"


def test_query_strings_pages_read_are_different_pages(client):
    for n in range(3):
        published(title=f"Bài số {n}")
    url = reverse("news:article_list")
    warm(client, url)
    assert get(client, url + "?page=2")["X-Cache"] == "MISS"
    assert get(client, url + "?page=2")["X-Cache"] == "HIT"


def test_errors_and_non_get_requests_are_not_stored(client):
    missing = reverse("news:article_list") + "khong-co/khong-co/"
    for _ in range(2):
        response = client.get(missing)
        assert response.status_code == 404
        assert not response.has_header("X-Cache") or response["X-Cache"] == "MISS"
    assert client.post(reverse("home")).status_code == 405
    assert get(client, reverse("home"))["X-Cache"] == "MISS"


def test_the_admin_is_never_cached(client, staff_client):
    staff_client.get(reverse("admin:index"))
    client.cookies.clear()
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert not response.has_header("X-Cache")


# ------------------------------------------------------------------ staff


def test_staff_are_never_served_stored_pages(client, staff_client):
    url = published().get_absolute_url()
    anonymous = client.__class__()
    warm(anonymous, url)
    response = staff_client.get(url)
    assert response.status_code == 200
    assert not response.has_header("X-Cache")
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_staff_never_fill_the_cache_for_others(client, staff_client):
    draft = ArticleFactory(status="draft", title="Bản nháp chưa công bố")
    preview = staff_client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "Bản nháp chưa công bố" in preview.content.decode()
    home = staff_client.get(reverse("home"))
    assert not home.has_header("X-Cache")

    anonymous = client.__class__()
    assert anonymous.get(draft.get_absolute_url()).status_code == 404
    first = anonymous.get(reverse("home"))
    assert first["X-Cache"] == "MISS"
    assert "Bản nháp chưa công bố" not in first.content.decode()


def test_a_made_up_session_cookie_is_served_from_the_cache(
    client, django_assert_num_queries
):
    """Any script can send a ``sessionid``: only a key the portal signed is a
    session, and telling them apart costs no query."""
    url = published().get_absolute_url()
    warm(client, url)
    for fake in ("het-han-hoac-gia", "a" * 32, "b" * 24 + "0123456789abcdef"):
        client.cookies["sessionid"] = fake
        with django_assert_num_queries(0):
            assert get(client, url)["X-Cache"] == "HIT", fake
    client.cookies.clear()
    client.cookies["messages"] = "gia:mao"
    assert get(client, url)["X-Cache"] == "HIT"


def test_a_made_up_session_cookie_reaches_no_view(client):
    """A miss with a made-up cookie is rendered as the visitors' page and stored,
    not a page that sets a cookie to delete it."""
    url = published().get_absolute_url()
    client.cookies["sessionid"] = "a" * 32
    response = get(client, url)
    assert response["X-Cache"] == "MISS"
    assert not response.cookies


def test_a_real_session_is_never_served_a_stored_page(client, staff_client):
    """The logged-in session's key is one the portal signed (the session engine),
    so the page cache knows it without the database."""
    url = published().get_absolute_url()
    anonymous = client.__class__()
    warm(anonymous, url)
    session_key = staff_client.cookies["sessionid"].value
    assert made_here(session_key)
    for _ in range(2):
        response = staff_client.get(url)
        assert response.status_code == 200
        assert not response.has_header("X-Cache")


def test_a_flash_message_makes_the_page_private(client):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage

    url = published().get_absolute_url()
    warm(client, url)
    storage = CookieStorage(mock.Mock(COOKIES={}))
    client.cookies["messages"] = storage._encode([Message(constants.INFO, "Đã gửi")])
    response = client.get(url)
    assert response.status_code == 200
    assert not response.has_header("X-Cache")


# ------------------------------------------------------------------ changes show


def test_an_article_edit_shows_on_the_next_request(client, commit):
    article = published(title="Tiêu đề cũ")
    for url in (article.get_absolute_url(), reverse("home")):
        assert "Tiêu đề cũ" in warm(client, url)

    def edit():
        article.title = "Tiêu đề mới sau khi sửa"
        article.save()

    commit(edit)
    for url in (article.get_absolute_url(), reverse("home")):
        response = get(client, url)
        assert response["X-Cache"] == "MISS"
        assert "Tiêu đề mới sau khi sửa" in response.content.decode()


def test_unpublishing_removes_the_article_at_once(client, commit):
    article = published(title="Bài sẽ bị gỡ")
    warm(client, article.get_absolute_url())
    assert "Bài sẽ bị gỡ" in warm(client, reverse("news:article_list"))

    def unpublish():
        article.status = "draft"
        article.save()

    commit(unpublish)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert (
        "Bài sẽ bị gỡ" not in get(client, reverse("news:article_list")).content.decode()
    )


def test_a_caption_edit_shows_on_the_next_request(client, commit):
    photo = PhotoFactory(caption="Chú thích ban đầu")
    url = photo.meeting.get_absolute_url()
    assert "Chú thích ban đầu" in warm(client, url)

    def edit():
        photo.caption = "Chú thích đã sửa"
        photo.save()

    commit(edit)
    assert "Chú thích đã sửa" in get(client, url).content.decode()


def test_an_attendee_added_or_changed_shows_on_the_next_request(client, commit):
    meeting = MeetingFactory()
    url = meeting.get_absolute_url()
    warm(client, url)
    holder = {}

    def add():
        holder["a"] = AttendeeFactory(
            meeting=meeting, person=PersonFactory(full_name="Trần Thị Đào")
        )

    commit(add)
    assert "Trần Thị Đào" in get(client, url).content.decode()
    assert get(client, url)["X-Cache"] == "HIT"

    def change():
        holder["a"].role = Attendee.Role.CHAIR
        holder["a"].position_at_time = "Phó Hiệu trưởng"
        holder["a"].save()

    commit(change)
    assert "Phó Hiệu trưởng" in get(client, url).content.decode()


def test_an_award_shows_on_the_next_request(client, commit):
    url = reverse("awards:honour_roll")
    warm(client, url)
    commit(lambda: AwardFactory(recipient_person=PersonFactory(full_name="Lê Văn Ánh")))
    assert "Lê Văn Ánh" in get(client, url).content.decode()


def test_a_position_change_shows_on_the_next_request(client, commit):
    person = PersonFactory(full_name="Phạm Minh Châu")
    position = PositionFactory(person=person, title="Giảng viên")
    url = person.get_absolute_url()
    assert "Giảng viên" in warm(client, url)

    def promote():
        position.title = "Trưởng khoa Ngữ văn"
        position.save()

    commit(promote)
    assert "Trưởng khoa Ngữ văn" in get(client, url).content.decode()


def test_tagging_a_person_in_a_photo_shows_on_their_page(client, commit):
    person = PersonFactory(full_name="Hoàng Thu Hà")
    photo = PhotoFactory(caption="Ảnh có người được gắn thẻ")
    url = person.get_absolute_url()
    assert "Ảnh có người được gắn thẻ" not in warm(client, url)
    commit(lambda: photo.people.add(person))
    assert "Ảnh có người được gắn thẻ" in get(client, url).content.decode()


def test_a_deleted_meeting_is_gone_on_the_next_request(client, commit):
    meeting = MeetingFactory(title="Hội nghị sẽ bị xoá")
    assert "Hội nghị sẽ bị xoá" in warm(client, reverse("events:meeting_list"))
    commit(meeting.delete)
    listing = get(client, reverse("events:meeting_list")).content.decode()
    assert "Hội nghị sẽ bị xoá" not in listing
    assert client.get(meeting.get_absolute_url()).status_code == 404


def test_a_change_through_the_admin_shows_on_the_next_request(
    client, staff_client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(title="Hội nghị trước khi sửa")
    anonymous = client.__class__()
    url = meeting.get_absolute_url()
    warm(anonymous, url)
    change_url = reverse("admin:events_meeting_change", args=[meeting.pk])
    data = meeting_form(meeting, title="Hội nghị sau khi sửa")
    commit_setup()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = staff_client.post(change_url, data)
    assert response.status_code == 302, getattr(response, "context", None) and [
        response.context["adminform"].form.errors
    ]
    bumps = [c for c in callbacks if isinstance(c, page_cache._Bump)]
    assert len(bumps) == 1, "once per transaction"
    assert f"meeting:{meeting.pk}" in bumps[0].tags
    assert "Hội nghị sau khi sửa" in get(anonymous, url).content.decode()


# ------------------------------------------------------------------ time


def test_a_scheduled_article_appears_when_its_time_comes(client, commit):
    when = timezone.now() + datetime.timedelta(hours=2)
    commit(
        lambda: ArticleFactory(
            status="published", published_at=when, title="Bài hẹn giờ đăng"
        )
    )
    listing = reverse("news:article_list")
    assert "Bài hẹn giờ đăng" not in warm(client, listing)
    assert "Bài hẹn giờ đăng" not in warm(client, reverse("home"))

    later = when + datetime.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        first = get(client, listing)
        assert first["X-Cache"] == "MISS"
        assert "Bài hẹn giờ đăng" in first.content.decode()
        assert "Bài hẹn giờ đăng" in get(client, reverse("home")).content.decode()
        assert get(client, listing)["X-Cache"] == "HIT"


def test_just_before_its_time_the_scheduled_article_stays_hidden(client, commit):
    when = timezone.now() + datetime.timedelta(hours=2)
    commit(lambda: ArticleFactory(status="published", published_at=when))
    warm(client, reverse("home"))
    with mock.patch(
        "django.utils.timezone.now", return_value=when - datetime.timedelta(seconds=1)
    ):
        assert get(client, reverse("home"))["X-Cache"] == "HIT"


def test_stored_pages_live_at_most_a_minute(client, settings):
    assert settings.PAGE_CACHE_SECONDS == 60
    url = published().get_absolute_url()
    with mock.patch.object(cache, "set", wraps=cache.set) as store:
        get(client, url)
    page_sets = [c for c in store.call_args_list if str(c.args[0]).startswith("page:")]
    assert len(page_sets) == 1
    assert page_sets[0].args[2] == 60


# ------------------------------------------------------------------ revalidation


def test_conditional_get_answers_304(client):
    url = published().get_absolute_url()
    first = get(client, url)
    directives = {d.strip() for d in first["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=0", "must-revalidate"}
    etag, modified = first["ETag"], first["Last-Modified"]

    by_etag = client.get(url, headers={"if-none-match": etag})
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == etag

    by_date = client.get(url, headers={"if-modified-since": modified})
    assert by_date.status_code == 304

    stale = client.get(url, headers={"if-none-match": '"khac"'})
    assert stale.status_code == 200
    assert stale.content == first.content


def test_after_a_change_the_old_etag_gets_the_new_page(client, commit):
    article = published(title="Phiên bản một")
    url = article.get_absolute_url()
    etag = get(client, url)["ETag"]

    def edit():
        article.title = "Phiên bản hai"
        article.save()

    commit(edit)
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Phiên bản hai" in response.content.decode()
    assert response["ETag"] != etag


def test_revalidation_works_with_the_page_cache_off(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    url = published().get_absolute_url()
    first = get(client, url)
    assert not first.has_header("X-Cache")
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


# ------------------------------------------------------------------ the cache down


def test_with_the_cache_unreachable_pages_still_render(client, settings):
    """A Redis nobody listens on: every page renders, nothing is claimed cached."""
    settings.CACHES = {
        "default": {
            "BACKEND": "ops.cache_backend.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    article = published(title="Trang vẫn hiện khi bộ nhớ đệm hỏng")
    for url in (reverse("home"), article.get_absolute_url(), reverse("search")):
        for _ in range(2):
            response = client.get(url, {"q": "bo nho dem"} if "tim" in url else {})
            assert response.status_code == 200
            assert not response.has_header("X-Cache")
    assert "Trang vẫn hiện khi bộ nhớ đệm hỏng" in (
        client.get(article.get_absolute_url()).content.decode()
    )


# ------------------------------------------------------------------ the database down


def test_the_health_probes_never_touch_the_page_cache(client):
    with mock.patch.object(page_cache, "current_generation") as generation:
        assert client.get("/healthz").status_code == 200
        client.get("/readyz")
    generation.assert_not_called()


def test_stored_pages_are_served_while_the_database_is_down(client):
    """Even when the next publication time was lost (evicted) during the outage:
    it is asked once, then the answer "nothing known" is kept for half a minute."""
    url = published().get_absolute_url()
    warm(client, url)
    cache.delete(page_cache.NEXT_PUBLICATION_KEY)
    with mock.patch.object(
        page_cache, "_next_publication", side_effect=DatabaseError("down")
    ) as lookup:
        for _ in range(5):
            assert get(client, url)["X-Cache"] == "HIT"
    assert lookup.call_count == 1


def test_tracking_parameters_of_shared_links_share_the_stored_page(client):
    """A link shared on Facebook or Zalo gets a click id per click; each visit of
    it is still the same page, from the cache."""
    url = published().get_absolute_url()
    warm(client, url)
    for query in ("?fbclid=IwAR0abc", "?zarsrc=30&utm_source=zalo&utm_medium=zalo"):
        assert get(client, url + query)["X-Cache"] == "HIT", query
    # A parameter a page reads is another page.
    listing = reverse("news:article_list")
    warm(client, listing + "?page=1")
    assert get(client, listing + "?page=1&fbclid=x")["X-Cache"] == "HIT"
    assert get(client, listing + "?page=2&fbclid=x")["X-Cache"] == "MISS"


def page_entries():
    return [key for key in cache._cache if ":page:" in key]


def test_a_flood_of_made_up_parameters_stores_nothing_new(client):
    warm(client, reverse("home"))
    assert len(page_entries()) == 1
    for _ in range(500):
        response = get(client, f"/?junk={uuid.uuid4()}&{uuid.uuid4().hex}=1")
        assert response["X-Cache"] == "HIT"
    assert len(page_entries()) == 1


def test_parameters_no_page_reads_never_reach_the_view(client):
    """Else a view echoing its query (a link that keeps it) would store a page with
    one visitor's parameters for all; the view sees the parameters pages read."""
    seen = {}
    with (
        mock.patch(
            "pages.views.search_terms", side_effect=lambda q: seen.update(q=q) or []
        ),
        mock.patch("pages.views.TemplateResponse", new=spy_on_request(seen)),
    ):
        get(client, reverse("search") + "?utm_source=zalo&q=hoi+nghi&x=%3Cb%3E")
    assert seen["q"] == "hoi nghi"
    assert seen["GET"] == {"q": ["hoi nghi"]}
    assert seen["QUERY_STRING"] == "q=hoi+nghi"


def spy_on_request(seen):
    from django.template.response import TemplateResponse

    def spy(request, *args, **kwargs):
        seen["GET"] = dict(request.GET.lists())
        seen["QUERY_STRING"] = request.META["QUERY_STRING"]
        return TemplateResponse(request, *args, **kwargs)

    return spy


def test_the_order_of_parameters_makes_no_new_page(client):
    listing = reverse("events:meeting_list")
    warm(client, listing + "?nam=2024&loai=other")
    assert get(client, listing + "?loai=other&nam=2024")["X-Cache"] == "HIT"


def test_a_flood_of_searches_stores_a_bounded_number(client, settings):
    settings.PAGE_CACHE_VARIANTS = 20
    published(title="Hội nghị tổng kết")
    url = reverse("search")
    stored = 0
    for number in range(500):
        response = get(client, f"{url}?q=tu-{number}")
        stored += response.get("X-Cache") == "MISS"
    assert stored == 20
    assert len(page_entries()) == 20
    # The path itself is still stored, and a search stored earlier still served.
    assert get(client, f"{url}?q=tu-3")["X-Cache"] == "HIT"
    warm(client, url)


def test_a_search_varies_by_its_words(client):
    published(title="Hội nghị tổng kết năm học")
    published(title="Lễ khai giảng năm học mới")
    url = reverse("search")
    assert "hoi-nghi-tong-ket-nam-hoc" in warm(client, url + "?q=hoi+nghi")
    other = get(client, url + "?q=khai+giang")
    assert other["X-Cache"] == "MISS"
    assert "le-khai-giang-nam-hoc-moi" in other.content.decode()
    assert "hoi-nghi-tong-ket-nam-hoc" not in other.content.decode()


def test_every_parameter_a_public_view_reads_is_listed(settings):
    """A view that reads a parameter the page cache drops would never see it: each
    ``request.GET`` read in the public apps must be in PAGE_CACHE_QUERY_PARAMETERS
    (or in a module of the admin, which the page cache never touches)."""
    root = Path(__file__).resolve().parents[2]
    admin_modules = {
        "events/library.py",
        "events/caption_grid.py",
        "events/uploads.py",
        "people/admin.py",
    }
    read = re.compile(r"request\.GET(?:\.get\(|\[)\s*[\"']([^\"']+)[\"']")
    unlisted = {}
    for app in ("pages", "news", "events", "awards", "people", "documents", "contact"):
        for source in sorted((root / app).rglob("*.py")):
            name = source.relative_to(root).as_posix()
            if name in admin_modules or "/admin" in name or "/migrations/" in name:
                continue
            for parameter in read.findall(source.read_text()):
                if parameter not in settings.PAGE_CACHE_QUERY_PARAMETERS:
                    unlisted.setdefault(name, []).append(parameter)
    assert not unlisted, f"add to PAGE_CACHE_QUERY_PARAMETERS: {unlisted}"
    assert {"page", "q", "loai", "nam"} <= settings.PAGE_CACHE_QUERY_PARAMETERS


def test_a_bump_that_cannot_reach_the_cache_is_logged(caplog):
    with mock.patch.object(cache, "incr", return_value=None):
        page_cache.bump_generation()
    assert "could not be bumped" in caplog.text


def test_after_a_bump_the_cache_did_not_take_no_stored_page_is_served(client, commit):
    """Redis unreachable as the save commits: the stored page is still there under
    the generation it had, and this process serves it to nobody until the bump it
    owes has landed."""
    article = published(title="Tiêu đề trước khi Redis mất")
    url = article.get_absolute_url()
    warm(client, url)

    def edit():
        article.title = "Tiêu đề lưu khi Redis mất"
        article.save()

    with mock.patch.object(page_cache, "_advance_generation", return_value=False):
        commit(edit)
        assert page_cache._debt.owing()
        for _ in range(3):
            response = get(client, url)
            assert not response.has_header("X-Cache")
            assert "Tiêu đề lưu khi Redis mất" in response.content.decode()
    # Redis answers again: the retrying thread pays (here, the test at once).
    assert page_cache._debt.settle()
    first = get(client, url)
    assert first["X-Cache"] == "MISS"
    assert "Tiêu đề lưu khi Redis mất" in first.content.decode()
    assert get(client, url)["X-Cache"] == "HIT"


def test_a_process_that_found_the_cache_failing_trusts_no_stored_page(client):
    """Another process saved while Redis did not answer, and its bump was lost (a
    change behind this process's back, here an UPDATE without signals): a process
    that has seen Redis fail moves the generation on before using it again."""
    from news.models import Article

    article = published(title="Bản cũ trong bộ nhớ đệm")
    url = article.get_absolute_url()
    warm(client, url)
    generation = cache.get(page_cache.GENERATION_KEY)
    Article.objects.filter(pk=article.pk).update(title="Bản mới lưu ở tiến trình khác")
    with mock.patch.object(page_cache, "_outages", return_value=1):
        with mock.patch.object(page_cache, "_advance_generation", return_value=False):
            response = get(client, url)
            assert not response.has_header("X-Cache")
        assert page_cache._debt.settle()
        assert cache.get(page_cache.GENERATION_KEY) != generation
        response = get(client, url)
    assert response["X-Cache"] == "MISS"
    assert "Bản mới lưu ở tiến trình khác" in response.content.decode()


def test_the_debt_is_paid_in_the_background(commit):
    generation = cache.get(page_cache.GENERATION_KEY)
    answers = iter([False, False])
    with (
        mock.patch.object(
            page_cache, "_advance_generation", side_effect=lambda: next(answers, True)
        ),
        mock.patch.object(page_cache, "RETRY_DEBT_SECONDS", 0.01),
    ):
        page_cache.bump_generation()
        page_cache._debt.retrier.join(5)
    assert not page_cache._debt.owing()
    assert cache.get(page_cache.GENERATION_KEY) == generation


def test_a_process_leaving_with_a_bump_owed_waits_for_the_cache(settings):
    debt = page_cache._Debt()
    with (
        mock.patch.object(page_cache._Debt, "_retry_in_background"),
        mock.patch.object(page_cache, "RETRY_DEBT_SECONDS", 0.01),
        mock.patch.object(
            page_cache, "_advance_generation", side_effect=[False, False, True]
        ) as advance,
    ):
        debt.owe()
        debt.pay_before_exit()
    assert advance.call_count == 3
    assert not debt.owing()
    # Once every page stored before the change has expired, it need not wait.
    settings.PAGE_CACHE_SECONDS = 0
    with (
        mock.patch.object(page_cache._Debt, "_retry_in_background"),
        mock.patch.object(
            page_cache, "_advance_generation", return_value=False
        ) as advance,
    ):
        debt.owe()
        debt.pay_before_exit()
    assert advance.call_count == 1


def test_a_draft_saved_again_and_again_leaves_the_stored_pages(client, commit):
    """A reporter saving a draft changes nothing a visitor sees: the stored pages
    (and their versions' rows) do not make the cache start over."""
    url = published(title="Bài đã đăng").get_absolute_url()
    draft = ArticleFactory(status="draft", title="Bản nháp đang viết")
    commit_setup()
    warm(client, url)
    warm(client, reverse("home"))

    def edit_draft():
        for number in range(3):
            draft.title = f"Bản nháp đang viết, lần {number}"
            draft.save()

    commit(edit_draft)
    assert draft.history.count() >= 4
    assert get(client, url)["X-Cache"] == "HIT"
    assert get(client, reverse("home"))["X-Cache"] == "HIT"

    def publish():
        draft.status = "published"
        draft.published_at = timezone.now()
        draft.save()

    commit(publish)
    home = get(client, reverse("home"))
    assert home["X-Cache"] == "MISS"
    assert "Bản nháp đang viết, lần 2" in home.content.decode()


def test_a_draft_deleted_leaves_the_stored_pages_a_published_one_does_not(
    client, commit
):
    article = published(title="Bài sẽ bị xoá")
    draft = ArticleFactory(status="draft")
    commit_setup()
    warm(client, reverse("home"))
    commit(draft.delete)
    assert get(client, reverse("home"))["X-Cache"] == "HIT"
    commit(article.delete)
    home = get(client, reverse("home"))
    assert home["X-Cache"] == "MISS"
    assert "Bài sẽ bị xoá" not in home.content.decode()
