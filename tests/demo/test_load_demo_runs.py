"""Running load_demo again, after an editor's changes, lost files or a failure.

Each test loads the demo itself: these are about what a run does to what is there.
"""

from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from PIL import Image

from demo import content as demo
from demo.images import placeholder_jpeg
from events.models import Meeting, Photo

pytestmark = pytest.mark.django_db

APPS = ["people", "events", "news", "awards"]
# Seven photos, each a master and four widths in WebP and JPEG; the articles'
# covers are their meetings' cover photos, not files of their own.
FILES = 7 * (1 + 4 * 2)


def load():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts():
    """Rows of every model of the portal's apps, many-to-many tables included.

    Versions (django-simple-history's ``Historical…`` models) are not content: a
    photo drawn again is a save, and keeps a version.
    """
    counts = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if hasattr(model, "instance_type"):  # a version, not content
                continue
            counts[model._meta.label] = model._default_manager.count()
    return counts


def media_files():
    return sorted(
        str(path.relative_to(settings.MEDIA_ROOT))
        for path in Path(settings.MEDIA_ROOT).rglob("*")
        if path.is_file()
    )


def annual_review():
    return Meeting.objects.get(slug=demo.ANNUAL_REVIEW)


@pytest.fixture
def loaded():
    return load()


def test_second_run_gives_same_counts_and_files(loaded):
    """Running load_demo twice gives the same counts and the same image files."""
    counts, files = row_counts(), media_files()
    assert load() == loaded
    assert row_counts() == counts
    assert media_files() == files
    assert counts["events.Photo"] == 7
    assert counts["events.Photo_people"] == 6
    assert counts["awards.Award"] == 2
    assert len(files) == FILES


def test_missing_image_file_is_drawn_again(loaded, django_capture_on_commit_callbacks):
    """A photo whose file is gone gets a new image, and the old renditions go once
    committed; no row is added."""
    counts = row_counts()
    photo = Photo.objects.get(meeting__slug=demo.THEMATIC, order=2)
    photo.image.storage.delete(photo.image.name)
    with django_capture_on_commit_callbacks(execute=True):
        load()
    photo.refresh_from_db()
    assert photo.image.storage.exists(photo.image.name)
    assert row_counts() == counts
    assert len(media_files()) == FILES


def test_editors_changes_survive_the_next_run(loaded):
    """An editor's new cover and caption stay when load_demo runs again."""
    meeting = annual_review()
    meeting.photos.update(is_cover=False)
    meeting.photos.filter(order=3).update(is_cover=True, caption="Chú thích đã sửa")
    load()
    assert list(
        meeting.photos.filter(is_cover=True).values_list("order", flat=True)
    ) == [3]
    assert meeting.photos.get(order=3).caption == "Chú thích đã sửa"


def test_deleted_demo_photo_comes_back_without_a_second_cover(loaded):
    """A deleted cover photo is recreated; the cover an editor chose meanwhile stays."""
    meeting = annual_review()
    meeting.photos.get(order=1).delete()
    meeting.photos.filter(order=2).update(is_cover=True)
    load()
    assert meeting.photos.count() == 5
    assert list(
        meeting.photos.filter(is_cover=True).values_list("order", flat=True)
    ) == [2]


def test_failed_run_leaves_no_rows_or_files(monkeypatch):
    """A run that fails part way rolls back its rows and removes its image files."""

    def broken(*args):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(demo, "_load_awards", broken)
    with pytest.raises(RuntimeError):
        load()
    assert set(row_counts().values()) == {0}
    assert media_files() == []


def test_an_illustrative_award_without_its_mark_is_refused(monkeypatch):
    """An award the articles do not report cannot be loaded with a plain title: the
    run stops, and leaves nothing behind."""
    unmarked = [{**demo.AWARDS[0], "title": "Đạt thành tích trong năm 2023"}]
    monkeypatch.setattr(demo, "AWARDS", unmarked)
    with pytest.raises(ValueError, match="minh hoạ"):
        load()
    assert set(row_counts().values()) == {0}
    assert media_files() == []


def test_placeholder_images_are_deterministic():
    """The same seed draws the same picture; another seed draws another."""
    # The uncached function: the cache would make the first assertion trivial.
    draw = placeholder_jpeg.__wrapped__
    first = draw("demo:1")
    assert draw("demo:1") == first
    assert draw("demo:2") != first
    for scene in ("podium", "award", "discussion"):
        with Image.open(BytesIO(draw("demo", scene=scene))) as image:
            assert image.size == (1600, 1200)


def test_quiet_run_prints_nothing():
    """With --verbosity 0 the command loads the demo and prints nothing."""
    out = StringIO()
    call_command("load_demo", verbosity=0, stdout=out)
    assert out.getvalue() == ""
    assert Meeting.objects.count() == 2
