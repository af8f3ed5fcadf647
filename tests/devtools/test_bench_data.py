"""Bench data: the counts asked for, rows equal to what saving them gives, pages that
render, a reset that resets, and the query-plan report."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from awards.models import Award
from core.text import fold, unique_slug
from devtools import bench_data
from devtools.bench_data import SHARED_IMAGES, bench_urls, reset_content
from events.models import Attendee, Meeting, Photo
from news.models import Article, Category
from people.models import Person, Position, Unit
from tests.helpers import rows_for_module

pytestmark = pytest.mark.django_db

ARTICLES, MEETINGS, PHOTOS = 30, 3, 4


def make(**options):
    out = StringIO()
    call_command("make_bench_data", stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module", autouse=True)
def bench(django_db_setup, django_db_blocker, tmp_path_factory):
    """Tiny bench data, made once for the module and rolled back after it."""
    media = tmp_path_factory.mktemp("media")
    with (
        pytest.MonkeyPatch.context() as patch,
        rows_for_module(django_db_blocker, media),
    ):
        # Small pictures: drawing and processing full-size ones takes seconds.
        patch.setattr(bench_data.events, "IMAGE_SIZE", (480, 360))
        output = make(articles=ARTICLES, meetings=MEETINGS, photos=PHOTOS)
        yield {"output": output, "media": media}


def test_the_command_makes_the_counts_asked(bench):
    assert Article.objects.count() == ARTICLES
    assert Meeting.objects.count() == MEETINGS
    assert Photo.objects.count() == MEETINGS * PHOTOS
    per_meeting = {m.photos.count() for m in Meeting.objects.all()}
    assert per_meeting == {PHOTOS}
    assert Article.objects.published().count() > ARTICLES // 2
    assert Article.objects.filter(meeting__isnull=False).exists()
    assert Attendee.objects.filter(person__isnull=False).count() >= MEETINGS
    assert Award.objects.filter(recipient_unit__isnull=False).exists()
    assert Award.objects.filter(recipient_person__isnull=False).exists()
    assert Award.objects.values("year").distinct().count() > 5
    assert Position.objects.exists()
    # Every photo has an image with renditions; the files are shared by a few.
    assert not Photo.objects.filter(image="").exists()
    assert not Photo.objects.filter(renditions=[]).exists()
    images = set(Photo.objects.values_list("image", flat=True))
    assert 1 < len(images) <= SHARED_IMAGES
    assert Photo.objects.filter(is_cover=True).count() == MEETINGS
    # The summary names every table and the paths to measure.
    assert f"bài viết: {ARTICLES}" in bench["output"]
    assert "/tim-kiem/?q=hoi+nghi" in bench["output"]


def test_the_same_seed_gives_the_same_content(bench, monkeypatch):
    """Run again with --reset: the same titles, people and captions."""
    monkeypatch.setattr(bench_data.events, "IMAGE_SIZE", (480, 360))
    before = {
        "articles": list(Article.objects.order_by("pk").values_list("title", "slug")),
        "people": list(Person.objects.order_by("pk").values_list("full_name")),
        "captions": list(Photo.objects.order_by("pk").values_list("caption")),
    }
    make(articles=ARTICLES, meetings=MEETINGS, photos=PHOTOS, reset=True, verbosity=0)
    after = {
        "articles": list(Article.objects.order_by("pk").values_list("title", "slug")),
        "people": list(Person.objects.order_by("pk").values_list("full_name")),
        "captions": list(Photo.objects.order_by("pk").values_list("caption")),
    }
    assert after == before


def test_articles_are_dated_when_written_not_when_loaded(bench):
    """Published articles were created before their publication and last changed at
    or after it, over the years the data covers, not at the moment of loading; the
    rest were saved in the past weeks. Saving stamps the dates again afterwards."""
    from django.utils import timezone

    now = timezone.now()
    published = list(Article.objects.published())
    assert published
    for article in published:
        assert article.created_at <= article.published_at <= article.updated_at <= now
    assert len({a.updated_at.date() for a in published}) > len(published) // 2
    for article in Article.objects.exclude(pk__in=[a.pk for a in published]):
        assert article.created_at <= article.updated_at <= now
    assert Article._meta.get_field("updated_at").auto_now
    assert Article._meta.get_field("created_at").auto_now_add


def test_slugs_are_unique_and_what_unique_slug_gives():
    for model, source in (
        (Article, "title"),
        (Meeting, "title"),
        (Person, "full_name"),
    ):
        slugs = list(model.objects.values_list("slug", flat=True))
        assert len(slugs) == len(set(slugs))
        for row in model.objects.all():
            assert row.slug == unique_slug(row, getattr(row, source))


def test_article_fields_are_what_save_gives():
    article = Article.objects.filter(meeting__isnull=False).first()
    copy = Article(
        title=article.title,
        category=article.category,
        summary=article.summary,
        body=article.body,
        status=article.status,
        published_at=article.published_at,
        meeting=article.meeting,
    )
    copy.save()
    for field in ("title", "title_folded", "search_text", "body"):
        assert getattr(copy, field) == getattr(article, field), field
    assert article.search_text.startswith(fold(article.title))
    assert article.slug == unique_slug(article, article.title)


def test_person_unit_and_meeting_fields_are_what_save_gives():
    person = Person.objects.exclude(honorific="").first()
    copy = Person(full_name=person.full_name, honorific=person.honorific)
    copy.save()
    for field in ("full_name", "honorific", "sort_key", "name_folded"):
        assert getattr(copy, field) == getattr(person, field), field
    assert person.sort_key and person.name_folded.isascii()

    meeting = Meeting.objects.first()
    copy = Meeting(
        title=meeting.title,
        summary=meeting.summary,
        location=meeting.location,
        starts_at=meeting.starts_at,
    )
    copy.save()
    for field in ("title", "title_folded", "search_text"):
        assert getattr(copy, field) == getattr(meeting, field), field

    unit = Unit.objects.get(short_name="Phòng TCHC")
    assert unit.name_folded == "phong to chuc – hanh chinh phong tchc"


def test_photo_fields_are_what_save_gives(bench):
    """A bulk-made photo has the size and renditions of the same image uploaded."""
    meeting = Meeting.objects.order_by("pk").last()
    photo = meeting.photos.get(order=1)
    # Files were written into the module's media folder, not this test's.
    content = (bench["media"] / photo.image.name).read_bytes()
    empty = Meeting.objects.create(title="Hội nghị thử", starts_at=meeting.starts_at)
    copy = Photo(
        meeting=empty,
        caption=f"  {photo.caption} ",
        image=ContentFile(content, name="anh.jpg"),
    )
    copy.save()
    assert copy.order == photo.order == 1
    assert copy.caption == photo.caption
    assert (copy.width, copy.height) == (photo.width, photo.height)
    assert copy.renditions == photo.renditions
    assert photo.caption.startswith(("Đồng chí ", "Toàn cảnh", "Các ", "Viên", "Tiết"))


def test_photos_naming_a_person_are_tagged_with_them():
    tagged = Photo.objects.filter(caption__startswith="Đồng chí ")
    assert tagged.exists()
    for photo in tagged:
        person = photo.people.get()
        assert person.full_name in photo.caption


@pytest.mark.parametrize(
    "name", ["home", "article_list_page_500", "article", "meeting", "honour_roll"]
)
def test_bench_urls_answer(client, name):
    urls = bench_urls()
    response = client.get(urls[name])
    assert response.status_code == 200
    if name in {"article", "meeting"}:
        assert response.content.count(b"<picture") >= PHOTOS


def test_the_bench_article_shows_the_meeting_with_most_photos(client):
    urls = bench_urls()
    response = client.get(urls["article"])
    article = response.context["article"]
    assert article.is_public
    assert article.meeting.get_absolute_url() == urls["meeting"]
    most = max(m.photos.count() for m in Meeting.objects.all())
    assert article.meeting.photos.count() == most


def test_search_without_tone_marks_finds_many_articles(client):
    response = client.get(bench_urls()["search"])
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count >= MEETINGS
    assert "<mark>" in response.text


def test_lists_and_category_pages_render(client):
    category = Category.objects.filter(articles__isnull=False).first()
    for path in ("/tin-tuc/", category.get_absolute_url(), "/su-kien/"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.context["page_obj"].object_list


def test_reset_deletes_content_and_files_but_not_accounts(
    django_user_model, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(bench_data.events, "IMAGE_SIZE", (480, 360))
    user = django_user_model.objects.create_user("bientap", password="x")
    group = Group.objects.create(name="Nhóm thử")
    make(articles=5, meetings=1, photos=2, reset=True, verbosity=0)
    assert Article.objects.count() == 5
    assert Meeting.objects.count() == 1
    assert Photo.objects.count() == 2
    assert Award.objects.count() > 0
    photo = Photo.objects.first()
    storage, names = photo.image.storage, photo.file_names()
    assert all(storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        reset_content(log=lambda message: None)
    for model in (Article, Meeting, Photo, Person, Unit, Category, Award, Position):
        assert not model.objects.exists(), model
    assert not Article.history.exists()
    assert not any(storage.exists(name) for name in names)
    assert django_user_model.objects.filter(pk=user.pk).exists()
    assert Group.objects.filter(pk=group.pk).exists()


@pytest.mark.parametrize(
    "arguments", [["--articles", "nhiều"], ["--meetings", "0"], ["--photos", "-3"]]
)
def test_bad_numbers_are_refused_and_change_nothing(arguments):
    before = Article.objects.count(), Meeting.objects.count()
    with pytest.raises(CommandError, match="số nguyên|ít nhất"):
        call_command("make_bench_data", *arguments, stdout=StringIO())
    assert (Article.objects.count(), Meeting.objects.count()) == before


def test_explain_pages_reports_every_page():
    out = StringIO()
    call_command("explain_pages", stdout=out)
    report = out.getvalue()
    for page in ("home", "article list, page 500", "article", "meeting", "unit"):
        assert f"== {page}:" in report
    assert "sitemap articles" in report and "search, many matches" in report
    assert " → 500" not in report
    expected = "EXPLAIN (ANALYZE" if connection.vendor == "postgresql" else "QUERY PLAN"
    assert expected in report
    assert "Không trang nào quét tuần tự bảng lớn." in report


def test_explain_pages_strict_fails_on_a_sequential_scan():
    """With every table counted as large, a scan of the small category table is
    flagged, and --strict turns it into an error."""
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "explain_pages", "--strict", "--verbose", "--min-rows", "1", stdout=out
        )
    report = out.getvalue()
    assert "QUÉT TUẦN TỰ" in report
    # --verbose prints each query and its plan.
    assert 'FROM "news_category"' in report


def test_explain_pages_refuses_a_bad_threshold():
    with pytest.raises(CommandError, match="số nguyên"):
        call_command("explain_pages", "--min-rows", "nhiều", stdout=StringIO())


@pytest.mark.django_db
def test_it_refuses_a_database_that_is_not_a_benchmark_one():
    """Pointed at the site's own database by mistake, it writes and deletes nothing."""
    from unittest import mock

    from django.db import connection

    from news.models import Article

    before = Article.objects.count()
    refused = pytest.raises(CommandError, match="không phải cơ sở dữ liệu đo hiệu năng")
    with mock.patch.dict(connection.settings_dict, {"NAME": "ngt"}), refused:
        call_command("make_bench_data", "--articles", "3", "--reset")
    assert Article.objects.count() == before
