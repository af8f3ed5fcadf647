"""Old plain-text articles become drafts with their meetings, people and captions.

The articles under tests/data/articles are written for these tests in the college's
old layout, with its habits: "Đảng uỷ" next to "Đảng ủy", "Hiệu trường" for "Hiệu
trưởng", one Phó Hiệu trưởng written as Ngô Thị Yến and another as Nguyễn Thị Yến,
dashes with and without spaces, captions naming two people or only a collective.
"""

import datetime
import zoneinfo
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from awards.models import Award
from core.text import slugify_vi
from events.models import Attendee, Meeting, MeetingDocument, Photo
from news.models import Article, ImportedSource
from people.models import Person, Unit
from tests.factories import CategoryFactory, UnitFactory

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
Role = Attendee.Role
Kind = MeetingDocument.Kind


def run(*paths, **options):
    out, err = StringIO(), StringIO()
    call_command("import_articles", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def counts():
    models = [Article, Meeting, MeetingDocument, Attendee, Photo, Person, Unit]
    return {m.__name__: m.objects.count() for m in models}


@pytest.fixture
def articles():
    CategoryFactory(name="Tin tức – Sự kiện")
    UnitFactory(name="Phòng Tổ chức – Hành chính", short_name="Phòng TCHC")
    # The first three articles of the corpus, which these tests were written on
    # (tests/data/articles holds more, in other forms: tests/news/test_corpus.py).
    files = sorted(ARTICLES.glob("0[1-3]-*.txt"))
    assert [f.name[:2] for f in files] == ["01", "02", "03"]
    return files


@pytest.fixture
def imported(articles):
    out, err = run(*articles)
    assert err == ""
    return out


def meeting(kind):
    return Meeting.objects.get(kind=kind)


def local(moment):
    return moment.astimezone(HANOI).replace(tzinfo=None)


def attendees(meeting):
    return [
        (a.order, a.person.display_name, a.position_at_time, a.role, a.topic)
        for a in meeting.attendees.select_related("person")
    ]


def documents(meeting):
    return [
        (d.kind, d.number, d.date, d.issuer.name if d.issuer else "", d.title)
        for d in meeting.documents.select_related("issuer")
    ]


def tagged(meeting):
    return [
        sorted(person.full_name for person in photo.people.all())
        for photo in meeting.photos.order_by("order")
    ]


def test_every_file_becomes_a_draft(imported):
    """Three files, three drafts, each with its meeting; the editor gets checks."""
    assert Article.objects.count() == 3
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}
    assert Meeting.objects.count() == 3
    assert ImportedSource.objects.count() == 3
    assert not Article.objects.filter(meeting=None).exists()
    assert "Đã nhập 3 bài; bỏ qua 0 tệp đã nhập; 0 tệp lỗi." in imported
    assert imported.count("Tiêu đề được suy ra từ nội dung") == 2
    assert "Cần kiểm tra: 6 chú thích đang chờ ảnh (chưa có ảnh)." in imported


def test_the_annual_review(imported):
    """01: the hour and minute, two documents, the attendance list and the captions
    give the people in order with the roles the captions show."""
    review = meeting(Meeting.Kind.ANNUAL_REVIEW)
    assert review.title == (
        "Hội nghị tổng kết năm học 2023–2024 và triển khai nhiệm vụ năm học 2024–2025"
    )
    assert local(review.starts_at) == datetime.datetime(2024, 8, 23, 14, 30)
    assert review.time_known
    assert documents(review) == [
        (
            Kind.PLAN,
            "125/KH-CĐNGT",
            datetime.date(2024, 8, 9),
            "Trường Cao đẳng Ngô Gia Tự Bắc Giang",
            "tổ chức tổng kết năm học",
        ),
        (
            Kind.OFFICIAL_LETTER,
            "48/CĐNGT-TCHC",
            datetime.date(2024, 8, 15),
            "Phòng Tổ chức – Hành chính",
            "",
        ),
    ]
    assert attendees(review) == [
        (
            1,
            "TS. Nguyễn Hoàng Quỳnh",
            "Bí thư Đảng uỷ, Hiệu trưởng Nhà trường",
            Role.CHAIR,
            "Tổng kết, kết luận Hội nghị",
        ),
        (2, "Trần Thị Phương Lan", "Phó Hiệu trưởng Nhà trường", Role.GUEST, ""),
        (
            3,
            "Ngô Thị Yến",
            "Phó Hiệu trưởng Nhà trường",
            Role.REPORTER,
            "Báo cáo kết quả thực hiện nhiệm vụ năm học 2023–2024",
        ),
        (
            4,
            "Nguyễn Thị Thu",
            "Phó Bí thư Đoàn Thanh niên",
            Role.SPEAKER,
            "Tham luận về công tác quản lý học sinh, sinh viên nội trú",
        ),
        (
            5,
            "Nguyễn Thị Hương",
            "Trưởng phòng Tổ chức-Hành chính",
            Role.ANNOUNCER,
            "Công bố quyết định khen thưởng các tập thể, cá nhân có thành tích "
            "trong năm học 2023–2024",
        ),
    ]
    # The caption with the misspelt "Hiệu trường" tags the principal but does not
    # replace the position the attendance list gave.
    assert not review.attendees.filter(position_at_time__contains="Hiệu trường")
    article = review.articles.get()
    assert article.title == review.title
    assert article.body.count("<p>") == 7
    assert article.body.startswith("<p>Thực hiện Kế hoạch số 125/KH-CĐNGT ngày")
    assert article.byline_person.full_name == "Thạch Thị Hồng Mơ"
    assert article.byline_unit.short_name == "Phòng TCHC"


def test_the_annual_reviews_captions(imported):
    """01: six captions in order, each photo tagged with the people it names: two
    for the caption naming two, none for the one naming a collective."""
    review = meeting(Meeting.Kind.ANNUAL_REVIEW)
    photos = list(review.photos.order_by("order"))
    assert [p.order for p in photos] == [1, 2, 3, 4, 5, 6]
    assert [p.caption for p in photos] == [
        "Đồng chí Ngô Thị Yến – Phó Hiệu trưởng Nhà trường báo cáo kết quả thực "
        "hiện nhiệm vụ năm học 2023–2024",
        "Đồng chí Nguyễn Thị Thu – Phó Bí thư Đoàn Thanh niên tham luận về công tác "
        "quản lý học sinh, sinh viên nội trú",
        "Đồng chí Nguyễn Thị Hương – Trưởng phòng Tổ chức-Hành chính công bố quyết "
        "định khen thưởng các tập thể, cá nhân có thành tích trong năm học 2023–2024",
        "Đồng chí Nguyễn Hoàng Quỳnh- Bí thư Đảng ủy, Hiệu trường Nhà trường tổng "
        "kết, kết luận Hội nghị",
        "Đồng chí Nguyễn Hoàng Quỳnh – Bí thư Đảng uỷ, Hiệu trưởng và đồng chí Trần "
        "Thị Phương Lan – Phó Hiệu trưởng Nhà trường trao Giấy khen cho các tập thể "
        "lao động xuất sắc",
        "Đại diện các tập thể nhận Giấy khen của Hiệu trưởng Nhà trường",
    ]
    assert tagged(review) == [
        ["Ngô Thị Yến"],
        ["Nguyễn Thị Thu"],
        ["Nguyễn Thị Hương"],
        ["Nguyễn Hoàng Quỳnh"],
        ["Nguyễn Hoàng Quỳnh", "Trần Thị Phương Lan"],
        [],
    ]
    assert all(not p.image for p in photos)
    article = review.articles.get()
    assert "Dưới đây là" not in article.body
    for photo in photos:
        assert photo.caption not in article.body


def test_the_thematic_session(imported):
    """02: a date without a time, a resolution and a plan, the chair from "với sự
    chủ trì của", two guests, and Nguyễn Thị Yến speaking as a caption shows."""
    session = meeting(Meeting.Kind.THEMATIC)
    assert session.title == (
        "Sinh hoạt chuyên đề quý I năm 2024: Nâng cao chất lượng công tác tham mưu, "
        "phục vụ của viên chức hành chính trong giai đoạn hiện nay"
    )
    assert local(session.starts_at) == datetime.datetime(2024, 3, 14, 0, 0)
    assert not session.time_known
    assert documents(session) == [
        (
            Kind.RESOLUTION,
            "15-NQ/ĐU",
            datetime.date(2024, 1, 5),
            "Đảng uỷ Trường Cao đẳng Ngô Gia Tự Bắc Giang",
            "",
        ),
        (
            Kind.PLAN,
            "05-KH/CB",
            datetime.date(2024, 1, 22),
            "Chi bộ Tổ chức – Hành chính",
            "sinh hoạt chuyên đề năm 2024",
        ),
    ]
    assert attendees(session) == [
        (1, "Nguyễn Thị Hương", "Phó Bí thư Chi bộ", Role.CHAIR, ""),
        (
            2,
            "Nguyễn Thị Yến",
            "Phó Bí thư Đảng ủy, Phó Hiệu trưởng Nhà trường",
            Role.SPEAKER,
            "Phát biểu chỉ đạo tại buổi sinh hoạt",
        ),
        (3, "Diêm Thế Hưng", "Đảng ủy viên", Role.GUEST, ""),
    ]
    assert [p.caption for p in session.photos.order_by("order")] == [
        "Đồng chí Nguyễn Thị Hương -Phó Bí thư Chi bộ chủ trì, đề dẫn nội dung buổi "
        "sinh hoạt",
        "Đồng chí Nguyễn Thị Yến – Phó Bí thư Đảng ủy, Phó Hiệu trưởng Nhà trường "
        "phát biểu chỉ đạo tại buổi sinh hoạt",
        "Đảng viên trong Chi bộ trao đổi, góp ý xây dựng chuyên đề",
    ]
    assert tagged(session) == [["Nguyễn Thị Hương"], ["Nguyễn Thị Yến"], []]
    article = session.articles.get()
    # The blank lines of only a space or a no-break space are not paragraphs.
    assert article.body.count("<p>") == 5
    assert "<p></p>" not in article.body
    assert article.byline_person.full_name == "Thạch Thị Hồng Mơ"
    assert article.byline_unit.name == "Chi bộ Tổ chức – Hành chính"


def test_the_ceremony(imported):
    """03: the "Tiêu đề:" line is the title, "7 giờ 30 phút" the time, a notice
    without an issuer, and an "Đ/c" caption."""
    ceremony = meeting(Meeting.Kind.CEREMONY)
    assert ceremony.title == (
        "Lễ kỷ niệm 42 năm Ngày Nhà giáo Việt Nam (20/11/1982 – 20/11/2024)"
    )
    assert local(ceremony.starts_at) == datetime.datetime(2024, 11, 19, 7, 30)
    assert ceremony.time_known
    assert documents(ceremony) == [
        (
            Kind.PLAN,
            "92-KH/ĐU",
            datetime.date(2024, 10, 30),
            "Đảng uỷ Trường Cao đẳng Ngô Gia Tự Bắc Giang",
            "",
        ),
        (
            Kind.NOTICE,
            "210/TB-CĐNGT",
            datetime.date(2024, 11, 12),
            "",
            "lịch công tác tháng 11",
        ),
    ]
    assert attendees(ceremony) == [
        (
            1,
            "TS. Nguyễn Hoàng Quỳnh",
            "Bí thư Đảng ủy, Hiệu trưởng Nhà trường",
            Role.SPEAKER,
            "Phát biểu chúc mừng các thầy giáo, cô giáo nhân ngày 20/11",
        ),
        (2, "Nguyễn Thanh Phương", "Đảng ủy viên", Role.GUEST, ""),
        (
            3,
            "Ngô Thị Yến",
            "Phó Hiệu trưởng Nhà trường",
            Role.SPEAKER,
            "Phát biểu tri ân các thầy giáo, cô giáo nguyên là cán bộ, viên chức "
            "Nhà trường",
        ),
    ]
    assert tagged(ceremony) == [["Nguyễn Hoàng Quỳnh"], ["Ngô Thị Yến"], []]
    article = ceremony.articles.get()
    assert article.title == "Công đoàn Trường kỷ niệm 42 năm Ngày Nhà giáo Việt Nam"
    assert "Tiêu đề" not in article.body
    assert article.body.count("<p>") == 4
    assert article.byline_unit.short_name == "Phòng TCHC"


def test_one_record_per_person_and_unit_whatever_the_spelling(imported):
    """People and units are matched by folded name across files: "Đảng uỷ" and
    "Đảng ủy" are one unit, "Quỳnh-" and "Quỳnh –" one person; Ngô Thị Yến and
    Nguyễn Thị Yến stay two records for an editor to merge or not."""
    assert sorted(Person.objects.values_list("full_name", flat=True)) == sorted(
        [
            "Nguyễn Hoàng Quỳnh",
            "Trần Thị Phương Lan",
            "Ngô Thị Yến",
            "Nguyễn Thị Thu",
            "Nguyễn Thị Hương",
            "Thạch Thị Hồng Mơ",
            "Nguyễn Thị Yến",
            "Diêm Thế Hưng",
            "Nguyễn Thanh Phương",
        ]
    )
    quynh = Person.objects.get(full_name="Nguyễn Hoàng Quỳnh")
    assert quynh.honorific == "TS."
    assert quynh.attendances.count() == 2
    assert Person.objects.get(full_name="Ngô Thị Yến").attendances.count() == 2
    assert Person.objects.get(full_name="Nguyễn Thị Yến").attendances.count() == 1
    assert Person.objects.get(full_name="Nguyễn Thị Hương").attendances.count() == 2
    assert sorted(Unit.objects.values_list("name", flat=True)) == sorted(
        [
            "Phòng Tổ chức – Hành chính",
            "Trường Cao đẳng Ngô Gia Tự Bắc Giang",
            "Đảng uỷ Trường Cao đẳng Ngô Gia Tự Bắc Giang",
            "Chi bộ Tổ chức – Hành chính",
            # The units that organised the two meetings.
            "Ban Giám hiệu",
            "Công đoàn Trường Cao đẳng Ngô Gia Tự Bắc Giang",
        ]
    )
    assert set(Article.objects.values_list("byline_person__full_name", flat=True)) == {
        "Thạch Thị Hồng Mơ"
    }


def test_honours_in_the_text_invent_no_awards(imported):
    """The articles say collectives and people were honoured, naming none: nothing
    is made of it but the paragraph that says so."""
    assert not Award.objects.exists()
    body = meeting(Meeting.Kind.ANNUAL_REVIEW).articles.get().body
    assert "tặng Giấy khen cho 06 tập thể" in body
    body = meeting(Meeting.Kind.CEREMONY).articles.get().body
    assert "trao Giấy khen cho 04 tổ công đoàn và 15 đoàn viên" in body
    # Only the union that organised the ceremony is a unit, not its "tổ công đoàn".
    assert not Unit.objects.filter(name__icontains="tổ công đoàn").exists()


def test_importing_again_creates_nothing(imported, articles):
    """A file already imported is recognised by its checksum and skipped."""
    before = counts()
    out, _err = run(*articles)
    assert counts() == before
    assert out.count("đã nhập trước đây") == 3
    assert ImportedSource.objects.count() == 3


def test_a_folder_is_read_like_its_files(articles, tmp_path):
    """Given a folder, the command imports its articles in name order; files that
    are not articles (data, scripts, hidden files) are left alone."""
    import shutil

    for path in articles:
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "expected.json").write_text("{}")
    (tmp_path / "make.py").write_text("print(1)")
    (tmp_path / ".~lock.01.txt#").write_text("x")
    out, err = run(tmp_path)
    assert err == ""
    assert "Đã nhập 3 bài" in out
    assert [s.name for s in ImportedSource.objects.order_by("pk")] == [
        f.name for f in articles
    ]


def test_dry_run_writes_nothing(articles):
    """--dry-run reports what it would create and leaves the database as it was."""
    before = counts()
    out, _err = run(*articles, dry_run=True)
    assert counts() == before
    assert not ImportedSource.objects.exists()
    assert "Sẽ nhập 3 bài" in out
    assert "Văn bản: số 125/KH-CĐNGT ngày 09/08/2024" in out
    assert "Sự kiện: Lễ kỷ niệm 42 năm Ngày Nhà giáo Việt Nam" in out
    assert "07h30 ngày 19/11/2024" in out
    assert "Người dự: TS. Nguyễn Hoàng Quỳnh – Bí thư Đảng uỷ" in out
    assert "Tin, bài: Thạch Thị Hồng Mơ – Chi bộ Tổ chức – Hành chính" in out


def test_imported_drafts_are_not_public(imported, client):
    """Nothing imported is visible to visitors until an editor publishes it."""
    assert not Article.objects.published().exists()
    for article in Article.objects.all():
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
    """Empty, binary and undecodable files are reported, a missing path too; a good
    file still imports, and the command ends with a failure status."""
    from django.core.management.base import CommandError

    CategoryFactory()
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path, "garbled.txt", b"H\x81i ngh\x8d \x8e\x8f\x90")
    write(tmp_path, "good.txt", "Ngày 01/06/2024, Nhà trường tổ chức Lễ tổng kết.\n")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="4 tệp không nhập được"):
        call_command(
            "import_articles",
            str(tmp_path),
            str(tmp_path / "missing.txt"),
            stdout=out,
            stderr=err,
        )
    out, err = out.getvalue(), err.getvalue()
    assert "tệp rỗng" in err
    assert "không phải tệp văn bản" in err
    assert "không nhận ra bảng mã" in err
    assert "không tìm thấy" in err
    assert Article.objects.count() == 1
    assert "Đã nhập 1 bài" in out and "4 tệp lỗi" in out


def test_unknown_category_is_an_error(tmp_path):
    """Naming a category that does not exist stops before anything is read."""
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run(tmp_path, category="khong-co")


def test_a_meeting_gets_its_place_and_organising_unit(imported):
    review = meeting(Meeting.Kind.ANNUAL_REVIEW)
    assert review.location == "Hội trường Nhà trường"
    assert review.organizer.name == "Ban Giám hiệu"
    assert review.pending_import


def test_a_notice_makes_no_meeting(tmp_path):
    CategoryFactory()
    write(
        tmp_path,
        "notice.txt",
        "THÔNG BÁO LỊCH NGHỈ LỄ 30/4 VÀ 01/5 NĂM 2025\n\n"
        "Cán bộ, viên chức, người lao động nghỉ lễ từ ngày 30/4/2025 đến hết ngày"
        " 04/5/2025. Trong thời gian nghỉ lễ, các đơn vị phân công người trực.\n\n"
        "Phòng Tổ chức – Hành chính\n",
    )
    out, err = run(tmp_path)
    assert err == ""
    article = Article.objects.get()
    assert article.meeting is None
    assert not Meeting.objects.exists()
    assert article.title.startswith("Thông báo lịch nghỉ lễ")
    assert article.byline_unit.name == "Phòng Tổ chức – Hành chính"


def test_slugs_stay_short_and_end_on_a_word(tmp_path):
    """A long title's slug is cut between two words, within 80 characters."""
    CategoryFactory()
    title = (
        "Hội thảo khoa học: Nâng cao chất lượng đào tạo giáo viên mầm non đáp ứng yêu"
        " cầu đổi mới căn bản, toàn diện giáo dục và đào tạo"
    )
    write(
        tmp_path,
        "long.txt",
        "Vào hồi 8h00 ngày 10/3/2025, tại Hội trường A, Nhà trường đã tổ chức Hội"
        " thảo khoa học “Nâng cao chất lượng đào tạo giáo viên mầm non đáp ứng yêu"
        " cầu đổi mới căn bản, toàn diện giáo dục và đào tạo”.\n",
    )
    run(tmp_path)
    article = Article.objects.get()
    assert article.meeting.title == title
    whole = slugify_vi(title) + "-"
    for slug in (article.slug, article.meeting.slug):
        assert 40 < len(slug) <= 80
        assert whole.startswith(slug + "-")
