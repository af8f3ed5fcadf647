"""The demo content: loaded once or many times, it carries the seeds' facts exactly."""

import datetime
import zoneinfo
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from PIL import Image

from awards.models import Award, Campaign
from core.text import fold
from demo import content as demo
from demo.images import placeholder_jpeg
from events.models import Attendee, Meeting, MeetingDocument, Photo
from news.models import Article
from people.models import Person, Unit

pytestmark = pytest.mark.django_db

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
APPS = ["people", "events", "news", "awards"]


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


def thematic():
    return Meeting.objects.get(slug=demo.THEMATIC)


@pytest.fixture
def loaded():
    return load()


def test_second_run_gives_same_counts_and_files(loaded):
    """Running load_demo twice gives the same counts and the same image files."""
    counts, files = row_counts(), media_files()
    load()
    assert row_counts() == counts
    assert media_files() == files
    assert counts["events.Photo"] == 7
    assert counts["events.Photo_people"] == 6
    # Seven photos, each a master and four widths in WebP and JPEG, and two covers.
    assert len(files) == 7 * (1 + 4 * 2) + 2


def test_summary_lists_what_exists(loaded):
    """The command ends with a Vietnamese summary of the rows that exist."""
    assert loaded.startswith("Đã nạp dữ liệu mẫu: ")
    assert "9 người" in loaded
    assert "2 cuộc họp" in loaded
    assert "7 ảnh" in loaded
    assert "2 bài viết" in loaded


def test_annual_review_starts_at_14h_local_time(loaded):
    """The annual review began at 14h00 on 31/01/2024, Hanoi time, the time known."""
    meeting = annual_review()
    assert meeting.starts_at == datetime.datetime(2024, 1, 31, 14, 0, tzinfo=HANOI)
    assert meeting.time_known is True
    assert meeting.kind == Meeting.Kind.ANNUAL_REVIEW
    assert meeting.organizer.name == demo.SCHOOL
    assert meeting.organizer.kind == Unit.Kind.SCHOOL


def test_thematic_session_has_date_only(loaded):
    """The thematic session is dated 27/09/2023 with no time of day."""
    meeting = thematic()
    assert meeting.starts_at == datetime.datetime(2023, 9, 27, 0, 0, tzinfo=HANOI)
    assert meeting.time_known is False
    assert meeting.kind == Meeting.Kind.THEMATIC
    assert meeting.organizer.name == "Chi bộ Tổ chức – Hành chính"
    assert meeting.organizer.parent.short_name == "Đảng ủy"


def test_documents_keep_their_numbers_and_dates(loaded):
    """Each meeting lists the plan it was held under, number and date as issued."""
    plan = MeetingDocument.objects.get(meeting=annual_review())
    assert (plan.kind, plan.number) == (MeetingDocument.Kind.PLAN, "10/KH-CĐNGT")
    assert plan.date == datetime.date(2024, 1, 17)
    assert plan.issuer.name == demo.SCHOOL
    plan = MeetingDocument.objects.get(meeting=thematic())
    assert (plan.kind, plan.number) == (MeetingDocument.Kind.PLAN, "02-KH/CB")
    assert plan.date == datetime.date(2023, 2, 6)
    assert plan.title == "Kế hoạch sinh hoạt chuyên đề năm 2023"
    assert plan.issuer.name == "Chi bộ Tổ chức – Hành chính"


def test_each_meeting_has_its_chair(loaded):
    """Nguyễn Hoàng Quỳnh chaired the annual review, Nguyễn Thị Hương the session."""
    chair = annual_review().attendees.get(role=Attendee.Role.CHAIR)
    assert chair.person.display_name == "TS. Nguyễn Hoàng Quỳnh"
    assert chair.position_at_time == "Bí thư Đảng uỷ, Hiệu trưởng Nhà trường"
    chair = thematic().attendees.get(role=Attendee.Role.CHAIR)
    assert chair.person.full_name == "Nguyễn Thị Hương"
    assert chair.position_at_time == "Phó Bí thư Chi bộ"


def test_attendees_in_the_seeds_order(loaded):
    """Attendees keep the seeds' order and roles; the cell's members have no record."""
    rows = [(a.order, a.display_name, a.role) for a in annual_review().attendees.all()]
    assert rows == [
        (1, "TS. Nguyễn Hoàng Quỳnh", Attendee.Role.CHAIR),
        (2, "Ngô Thị Yến", Attendee.Role.REPORTER),
        (3, "Nguyễn Thị Thu", Attendee.Role.SPEAKER),
        (4, "Nguyễn Thị Hương", Attendee.Role.ANNOUNCER),
    ]
    attendees = list(thematic().attendees.all())
    assert [a.display_name for a in attendees] == [
        "Nguyễn Thị Hương",
        "Nguyễn Thị Yến",
        "Diêm Thế Hưng",
        "Nguyễn Thanh Phương",
        "Trần Thị Phương Lan",
        "Đảng viên Chi bộ Tổ chức – Hành chính",
    ]
    assert attendees[-1].person is None
    assert attendees[-1].role == Attendee.Role.PARTICIPANT


def test_photos_and_captions_in_order(loaded):
    """Five photos of the review and two of the session, captioned and tagged."""
    photos = list(annual_review().photos.all())
    assert [p.caption for p in photos] == [
        "Đồng chí Ngô Thị Yến – Phó Hiệu trưởng Nhà trường báo cáo tổng kết năm 2023 "
        "và phương hướng thực hiện nhiệm vụ năm 2024",
        "Đồng chí Nguyễn Thị Thu – Phó Bí thư Đoàn Thanh niên tham luận tại Hội nghị",
        "Đồng chí Nguyễn Thị Hương – Trưởng phòng Tổ chức – Hành chính công bố các "
        "quyết định khen thưởng tập thể và cá nhân đạt thành tích năm 2023",
        "Đồng chí Nguyễn Hoàng Quỳnh – Bí thư Đảng ủy, Hiệu trưởng Nhà trường tổng "
        "kết Hội nghị",
        "Đồng chí Nguyễn Hoàng Quỳnh – Bí thư Đảng ủy, Hiệu trưởng Nhà trường trao "
        "Bằng khen cho các tập thể đạt thành tích trong năm 2023",
    ]
    assert [p.order for p in photos] == [1, 2, 3, 4, 5]
    assert [p.is_cover for p in photos] == [True, False, False, False, False]
    assert [[person.full_name for person in p.people.all()] for p in photos] == [
        ["Ngô Thị Yến"],
        ["Nguyễn Thị Thu"],
        ["Nguyễn Thị Hương"],
        ["Nguyễn Hoàng Quỳnh"],
        ["Nguyễn Hoàng Quỳnh"],
    ]
    photos = list(thematic().photos.all())
    assert [p.caption for p in photos] == [
        "Đồng chí Nguyễn Thị Hương – Phó Bí thư Chi bộ Tổ chức – Hành chính chủ trì "
        "Hội nghị sinh hoạt chuyên đề",
        "Các đảng viên đang tích cực thảo luận trong buổi sinh hoạt",
    ]
    assert [p.is_cover for p in photos] == [True, False]
    assert [p.people.count() for p in photos] == [1, 0]


def test_every_photo_is_an_image_pillow_opens(loaded):
    """Every photo and article cover is a JPEG whose stored size matches the file."""
    for photo in Photo.objects.all():
        with photo.image.open("rb") as file, Image.open(file) as image:
            assert image.format == "JPEG"
            assert image.size == (photo.width, photo.height) == (1600, 1200)
            image.verify()
    for article in Article.objects.all():
        with article.cover.open("rb") as file, Image.open(file) as image:
            image.verify()


def test_articles_bylines_and_publication(loaded):
    """Both articles are signed by Thạch Thị Hồng Mơ, each for her unit of the seed."""
    review = Article.objects.get(meeting=annual_review())
    assert review.byline_person.full_name == "Thạch Thị Hồng Mơ"
    assert review.byline_unit.short_name == "Phòng TCHC"
    assert review.byline == "Thạch Thị Hồng Mơ – Phòng TCHC"
    assert review.category.name == "Tin tức – Sự kiện"
    assert review.featured is True
    assert review.published_at == datetime.datetime(2024, 2, 1, 16, 0, tzinfo=HANOI)
    session = Article.objects.get(meeting=thematic())
    assert session.byline_person == review.byline_person
    assert session.byline == "Thạch Thị Hồng Mơ – Chi bộ Tổ chức – Hành chính"
    assert session.category.name == "Hoạt động Đảng – Đoàn thể"
    assert session.featured is False
    assert session.published_at == datetime.datetime(2023, 9, 28, 16, 0, tzinfo=HANOI)
    assert set(Article.objects.published()) == {review, session}
    assert {a.author for a in (review, session)} == {None}


def test_article_cover_is_the_meetings_cover_photo(loaded):
    """An article's cover is the same picture as its meeting's cover photo."""
    for article in Article.objects.all():
        with article.cover.open("rb") as cover:
            cover_bytes = cover.read()
        with article.meeting.cover.image.open("rb") as photo:
            assert cover_bytes == photo.read()


def seed_paragraphs():
    if not SEEDS.is_dir():
        pytest.skip(f"The seed articles are not beside the project ({SEEDS}).")
    paragraphs = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            paragraph = " ".join(line.split())
            if len(paragraph) > 80:
                paragraphs.append(paragraph)
    assert paragraphs
    return paragraphs


def test_no_seed_paragraph_in_article_bodies(loaded):
    """The articles are written anew: no long seed paragraph appears in a body."""
    bodies = [fold(body) for body in Article.objects.values_list("body", flat=True)]
    for paragraph in seed_paragraphs():
        for body in bodies:
            assert fold(paragraph) not in body


def test_no_caption_in_article_bodies(loaded):
    """Captions belong to the gallery, which the page shows beside the body."""
    bodies = [fold(body) for body in Article.objects.values_list("body", flat=True)]
    for caption in Photo.objects.values_list("caption", flat=True):
        for body in bodies:
            assert fold(caption) not in body


def test_two_records_for_the_two_yen(loaded):
    """Ngô Thị Yến and Nguyễn Thị Yến stay two people the duplicate finder pairs."""
    ngo = Person.objects.get(full_name="Ngô Thị Yến")
    nguyen = Person.objects.get(full_name="Nguyễn Thị Yến")
    assert nguyen in ngo.possible_duplicates()
    assert ngo.position_text() == "Phó Hiệu trưởng"
    assert nguyen.position_text() == "Phó Bí thư Đảng ủy, Phó Hiệu trưởng"


def test_positions_have_no_dates(loaded):
    """The seeds give no start or end for any position: none is made up."""
    quynh = Person.objects.get(full_name="Nguyễn Hoàng Quỳnh")
    assert quynh.honorific == "TS."
    assert quynh.position_text() == "Bí thư Đảng ủy, Hiệu trưởng"
    assert not quynh.positions.exclude(start=None, end=None).exists()
    assert Person.objects.exclude(honorific="").count() == 1


def test_awards_are_marked_illustrative(loaded):
    """The awards were presented at the review, with no made-up decision numbers."""
    campaign = Campaign.objects.get()
    assert campaign.name == "Phong trào thi đua năm học 2022–2023"
    assert campaign.period == "2023"
    assert campaign.launched_by.name == demo.SCHOOL
    awards = Award.objects.all()
    assert awards.count() == len(demo.AWARDS)
    for award in awards:
        assert award.year == 2023
        assert award.meeting == annual_review()
        assert award.campaign == campaign
        assert award.decision_number == ""
        assert award.citation == "Danh sách minh hoạ trong dữ liệu mẫu."
        assert (award.recipient_person is None) != (award.recipient_unit is None)
    collective = awards.filter(recipient_unit__isnull=False)
    assert collective.filter(kind=Award.Kind.CERTIFICATE_OF_MERIT).exists()
    assert awards.filter(recipient_person__isnull=False).exists()


def test_missing_image_file_is_drawn_again(loaded, django_capture_on_commit_callbacks):
    """A photo whose file is gone gets a new image, and the old renditions go once
    committed; no row is added."""
    counts = row_counts()
    photo = Photo.objects.get(meeting=thematic(), order=2)
    photo.image.storage.delete(photo.image.name)
    with django_capture_on_commit_callbacks(execute=True):
        load()
    photo.refresh_from_db()
    assert photo.image.storage.exists(photo.image.name)
    assert row_counts() == counts
    assert len(media_files()) == 7 * (1 + 4 * 2) + 2


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
