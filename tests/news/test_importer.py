"""Old plain-text articles become drafts with their meetings, people and captions."""

import datetime
import zoneinfo
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from events.models import Attendee, Meeting, MeetingDocument, Photo
from news.models import Article, ImportedSource
from people.models import Person, Unit
from tests.factories import CategoryFactory, UnitFactory

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def run(*paths, **options):
    out, err = StringIO(), StringIO()
    call_command("import_articles", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def counts():
    models = [Article, Meeting, MeetingDocument, Attendee, Photo, Person, Unit]
    return {m.__name__: m.objects.count() for m in models}


@pytest.fixture
def seeds():
    if not SEEDS.is_dir():
        pytest.skip(f"the seed articles are not beside the checkout ({SEEDS.name}/)")
    CategoryFactory(name="Tin tức – Sự kiện")
    UnitFactory(name="Phòng Tổ chức – Hành chính", short_name="Phòng TCHC")
    return sorted(SEEDS.glob("*.txt"))


def annual_review():
    return Meeting.objects.get(kind=Meeting.Kind.ANNUAL_REVIEW)


def thematic():
    return Meeting.objects.get(kind=Meeting.Kind.THEMATIC)


def test_both_seeds_import_with_their_facts(seeds):
    """Dates, documents, attendees, captions and bylines come out of the seeds."""
    out, err = run(*seeds)
    assert err == ""
    assert Article.objects.count() == 2
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}

    review = annual_review()
    start = review.starts_at.astimezone(HANOI)
    assert (start.date(), start.hour, start.minute) == (
        datetime.date(2024, 1, 31),
        14,
        0,
    )
    assert review.time_known
    assert list(review.documents.values_list("number", "date")) == [
        ("10/KH-CĐNGT", datetime.date(2024, 1, 17))
    ]
    principal = review.attendees.get(person__full_name="Nguyễn Hoàng Quỳnh")
    assert principal.person.honorific == "TS."
    assert "Bí thư Đảng uỷ, Hiệu trưởng" in principal.position_at_time
    reporter = review.attendees.get(person__full_name="Ngô Thị Yến")
    assert reporter.role == Attendee.Role.REPORTER
    assert reporter.topic.startswith("Báo cáo tổng kết năm 2023")

    session = thematic()
    assert session.starts_at.astimezone(HANOI).date() == datetime.date(2023, 9, 27)
    assert not session.time_known
    document = session.documents.get()
    assert (document.number, document.date) == ("02-KH/CB", datetime.date(2023, 2, 6))
    chair = session.attendees.get(role=Attendee.Role.CHAIR)
    assert chair.person.full_name == "Nguyễn Thị Hương"
    assert session.attendees.filter(role=Attendee.Role.GUEST).count() == 4

    photos = list(review.photos.order_by("order"))
    assert len(photos) == 5 and len(session.photos.all()) == 2
    assert all(not p.image for p in [*photos, *session.photos.all()])
    assert [p.full_name for p in photos[0].people.all()] == ["Ngô Thị Yến"]
    assert [p.full_name for p in photos[3].people.all()] == ["Nguyễn Hoàng Quỳnh"]
    assert photos[2].caption.startswith("Đồng chí Nguyễn Thị Hương")

    article = review.articles.get()
    assert article.byline_person.full_name == "Thạch Thị Hồng Mơ"
    assert article.byline_unit.short_name == "Phòng TCHC"
    assert "Dưới đây là" not in article.body
    assert "Đồng chí Ngô Thị Yến" not in article.body  # captions are not body text
    assert article.body.count("<p>") == 8
    other = session.articles.get()
    assert other.byline_unit.name == "Chi bộ Tổ chức – Hành chính"
    # The same person is one record across both articles.
    assert Person.objects.filter(full_name="Thạch Thị Hồng Mơ").count() == 1
    assert "Cần kiểm tra" in out


def test_importing_again_creates_nothing(seeds):
    """A file already imported is recognised by its checksum and skipped."""
    run(*seeds)
    before = counts()
    out, _err = run(*seeds)
    assert counts() == before
    assert out.count("đã nhập trước đây") == 2
    assert ImportedSource.objects.count() == 2


def test_dry_run_writes_nothing(seeds):
    """--dry-run reports what it would create and leaves the database as it was."""
    before = counts()
    out, _err = run(*seeds, dry_run=True)
    assert counts() == before
    assert not ImportedSource.objects.exists()
    assert "Sẽ nhập 2 bài" in out
    assert "10/KH-CĐNGT" in out


def test_imported_drafts_are_not_public(seeds, client):
    """Nothing imported is visible to visitors until an editor publishes it."""
    run(*seeds)
    assert not Article.objects.published().exists()
    article = Article.objects.first()
    assert client.get(article.get_absolute_url()).status_code == 404


def write(folder, name, content, encoding="utf-8"):
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding=encoding, newline="")
    return path


def test_variations_of_the_old_format(tmp_path):
    """No gallery, no byline, "Tin bài:" without a comma, Windows line ends, a BOM
    and a "Tiêu đề:" line are all read."""
    CategoryFactory(name="Thông báo")
    write(
        tmp_path,
        "a.txt",
        "\ufeffTiêu đề: Lễ khai giảng năm học mới\r\n\r\n"
        "Sáng ngày 05/9/2024, Nhà trường tổ chức Lễ khai giảng năm học 2024–2025.\r\n"
        "\r\nTin bài: Lê Văn An – Phòng Đào tạo\r\n",
    )
    write(
        tmp_path,
        "b.txt",
        "Ngày 10/10/2024, Đoàn Thanh niên tổ chức Hội thảo về chuyển đổi số.\n",
    )
    out, err = run(tmp_path)
    assert err == ""
    first = Article.objects.get(title="Lễ khai giảng năm học mới")
    assert first.meeting.kind == Meeting.Kind.CEREMONY
    assert first.meeting.starts_at.astimezone(HANOI).date() == datetime.date(2024, 9, 5)
    assert first.byline_person.full_name == "Lê Văn An"
    assert first.byline_unit.name == "Phòng Đào tạo"
    second = Article.objects.exclude(pk=first.pk).get()
    assert second.meeting.kind == Meeting.Kind.WORKSHOP
    assert second.byline_person is None
    assert "Không có dòng “Tin, bài:”" in out
    assert "Tiêu đề được suy ra" in out


def test_unreadable_files_are_skipped_and_the_rest_imported(tmp_path):
    """Empty, binary and non-UTF-8 files are reported; a good file still imports."""
    CategoryFactory()
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path, "latin.txt", "Hôi nghi".encode("latin-1"))
    write(tmp_path, "good.txt", "Ngày 01/06/2024, Nhà trường tổ chức Lễ tổng kết.\n")
    out, err = run(tmp_path, tmp_path / "missing.txt")
    assert "tệp rỗng" in err
    assert "không phải tệp văn bản" in err
    assert "không phải văn bản UTF-8" in err
    assert "không tìm thấy" in err
    assert Article.objects.count() == 1
    assert "Đã nhập 1 bài" in out and "4 tệp lỗi" in out


def test_unknown_category_is_an_error(tmp_path):
    """Naming a category that does not exist stops before anything is read."""
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run(tmp_path, category="khong-co")
