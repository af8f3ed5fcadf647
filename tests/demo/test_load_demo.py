"""The demo content carries the facts of the college's two articles, and nothing else.

The expected values below are those articles' facts, written out: the dates and
times, the documents, the attendees in order with their positions and roles, the
captions and the bylines. The demo is loaded once for the module; running it again,
and what survives a run, are in test_load_demo_runs.py.
"""

import datetime
import re
import zoneinfo
from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image

from awards.models import Award, Campaign
from core.text import fold
from demo import content as demo
from events.models import Attendee, Meeting, MeetingDocument, Photo
from news.models import Article
from people.models import Person, Unit
from tests.helpers import rows_for_module, text

pytestmark = pytest.mark.django_db

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
Role = Attendee.Role
MARK = "(minh hoạ)"

ANNUAL_CAPTIONS = [
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
THEMATIC_CAPTIONS = [
    "Đồng chí Nguyễn Thị Hương – Phó Bí thư Chi bộ Tổ chức – Hành chính chủ trì "
    "Hội nghị sinh hoạt chuyên đề",
    "Các đảng viên đang tích cực thảo luận trong buổi sinh hoạt",
]


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """``load_demo`` run once for the module: its output and its media folder."""
    media = tmp_path_factory.mktemp("media")
    with rows_for_module(django_db_blocker, media):
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue(), media


@pytest.fixture
def loaded(demo_once, db, _test_settings, settings):
    """The module's demo, with the storage looking where its images were written."""
    output, media = demo_once
    settings.MEDIA_ROOT = media
    return output


def annual_review():
    return Meeting.objects.get(slug=demo.ANNUAL_REVIEW)


def thematic():
    return Meeting.objects.get(slug=demo.THEMATIC)


def test_summary_lists_what_exists(loaded):
    """The command ends with a Vietnamese summary of the rows that exist."""
    assert loaded.strip() == (
        "Đã nạp dữ liệu mẫu: 7 đơn vị, 9 người, 12 chức vụ, 2 cuộc họp, 2 văn bản, "
        "10 người dự, 7 ảnh, 5 chuyên mục, 2 bài viết, 1 phong trào thi đua, "
        "2 khen thưởng."
    )


def test_units_are_those_the_articles_name(loaded):
    """The school, its board, Party committee and cell, the office, the trade union
    and the youth union; no faculty, office or centre the articles do not name."""
    rows = [
        (u.name, u.short_name, u.kind, u.parent.name if u.parent else None)
        for u in Unit.objects.order_by("order")
    ]
    assert rows == [
        (demo.SCHOOL, "CĐNGT", Unit.Kind.SCHOOL, None),
        (demo.BOARD, "", Unit.Kind.BOARD, demo.SCHOOL),
        (demo.PARTY, "Đảng ủy", Unit.Kind.PARTY, demo.SCHOOL),
        (demo.CELL, "", Unit.Kind.PARTY, demo.PARTY),
        (demo.TCHC, "Phòng TCHC", Unit.Kind.OFFICE, demo.SCHOOL),
        (demo.TRADE_UNION, "", Unit.Kind.TRADE_UNION, demo.SCHOOL),
        (demo.YOUTH, "", Unit.Kind.YOUTH_UNION, demo.SCHOOL),
    ]


def test_annual_review_starts_at_14h_local_time(loaded):
    """The annual review began at 14h00 on 31/01/2024, Hanoi time, the time known."""
    meeting = annual_review()
    assert meeting.title == (
        "Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ công tác năm 2024"
    )
    assert meeting.starts_at == datetime.datetime(2024, 1, 31, 14, 0, tzinfo=HANOI)
    assert meeting.time_known is True
    assert meeting.kind == Meeting.Kind.ANNUAL_REVIEW
    assert meeting.organizer.name == demo.SCHOOL
    assert meeting.organizer.kind == Unit.Kind.SCHOOL


def test_thematic_session_has_date_only(loaded):
    """The thematic session is dated 27/09/2023 with no time of day."""
    meeting = thematic()
    assert meeting.title == (
        "Sinh hoạt chuyên đề năm 2023: Giải pháp nâng cao hiệu quả các phong trào "
        "thi đua, khen thưởng tại Trường Cao đẳng Ngô Gia Tự Bắc Giang"
    )
    assert meeting.starts_at == datetime.datetime(2023, 9, 27, 0, 0, tzinfo=HANOI)
    assert meeting.time_known is False
    assert meeting.kind == Meeting.Kind.THEMATIC
    assert meeting.organizer.name == "Chi bộ Tổ chức – Hành chính"
    assert meeting.organizer.parent.short_name == "Đảng ủy"


def test_no_place_is_made_up(loaded):
    """Neither article says where its meeting was held: no place is shown."""
    assert set(Meeting.objects.values_list("location", flat=True)) == {""}


def test_documents_keep_their_numbers_and_dates(loaded):
    """Each meeting lists the plan it was held under, number and date as issued; the
    annual plan's title is not given, and none is made up."""
    plan = MeetingDocument.objects.get(meeting=annual_review())
    assert (plan.kind, plan.number) == (MeetingDocument.Kind.PLAN, "10/KH-CĐNGT")
    assert plan.date == datetime.date(2024, 1, 17)
    assert plan.issuer.name == demo.SCHOOL
    assert plan.title == ""
    plan = MeetingDocument.objects.get(meeting=thematic())
    assert (plan.kind, plan.number) == (MeetingDocument.Kind.PLAN, "02-KH/CB")
    assert plan.date == datetime.date(2023, 2, 6)
    assert plan.title == "Kế hoạch sinh hoạt chuyên đề năm 2023"
    assert plan.issuer.name == "Chi bộ Tổ chức – Hành chính"


def test_each_meeting_has_its_chair(loaded):
    """Nguyễn Hoàng Quỳnh chaired the annual review, Nguyễn Thị Hương the session."""
    chair = annual_review().attendees.get(role=Role.CHAIR)
    assert chair.person.display_name == "TS. Nguyễn Hoàng Quỳnh"
    assert chair.position_at_time == "Bí thư Đảng uỷ, Hiệu trưởng Nhà trường"
    chair = thematic().attendees.get(role=Role.CHAIR)
    assert chair.person.full_name == "Nguyễn Thị Hương"
    assert chair.position_at_time == "Phó Bí thư Chi bộ"


def test_attendees_in_the_articles_order(loaded):
    """Attendees keep the articles' order, positions as written then, roles and
    topics; the cell's members have no record."""
    rows = [
        (a.order, a.display_name, a.position_at_time, a.role, a.topic)
        for a in annual_review().attendees.all()
    ]
    assert rows == [
        (
            1,
            "TS. Nguyễn Hoàng Quỳnh",
            "Bí thư Đảng uỷ, Hiệu trưởng Nhà trường",
            Role.CHAIR,
            "Tổng kết Hội nghị; trao Bằng khen cho các tập thể đạt thành tích năm 2023",
        ),
        (
            2,
            "Ngô Thị Yến",
            "Phó Hiệu trưởng Nhà trường",
            Role.REPORTER,
            "Báo cáo tổng kết năm 2023 và phương hướng thực hiện nhiệm vụ năm 2024",
        ),
        (
            3,
            "Nguyễn Thị Thu",
            "Phó Bí thư Đoàn Thanh niên",
            Role.SPEAKER,
            "Tham luận tại Hội nghị",
        ),
        (
            4,
            "Nguyễn Thị Hương",
            "Trưởng phòng Tổ chức – Hành chính",
            Role.ANNOUNCER,
            "Công bố các quyết định khen thưởng tập thể và cá nhân đạt thành tích "
            "năm 2023",
        ),
    ]
    attendees = list(thematic().attendees.all())
    rows = [(a.order, a.display_name, a.position_at_time, a.role) for a in attendees]
    assert rows == [
        (1, "Nguyễn Thị Hương", "Phó Bí thư Chi bộ", Role.CHAIR),
        (
            2,
            "Nguyễn Thị Yến",
            "Phó Bí thư Đảng ủy, Phó Hiệu trưởng Nhà trường",
            Role.GUEST,
        ),
        (3, "Diêm Thế Hưng", "Đảng ủy viên", Role.GUEST),
        (4, "Nguyễn Thanh Phương", "Đảng ủy viên", Role.GUEST),
        (5, "Trần Thị Phương Lan", "Phó Hiệu trưởng Nhà trường", Role.GUEST),
        (6, "Đảng viên Chi bộ Tổ chức – Hành chính", "", Role.PARTICIPANT),
    ]
    assert attendees[0].topic == "Đề dẫn chủ đề, định hướng nội dung sinh hoạt"
    assert attendees[-1].person is None


def test_photos_and_captions_in_order(loaded):
    """Five photos of the review and two of the session, captioned and tagged; the
    pictures are drawn, and their credit says so."""
    photos = list(annual_review().photos.all())
    assert [p.caption for p in photos] == ANNUAL_CAPTIONS
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
    assert [p.caption for p in photos] == THEMATIC_CAPTIONS
    assert [p.is_cover for p in photos] == [True, False]
    assert [p.people.count() for p in photos] == [1, 0]
    assert set(Photo.objects.values_list("credit", flat=True)) == {
        "Ảnh minh hoạ (vẽ tự động)"
    }


def test_every_photo_is_an_image_pillow_opens(loaded):
    """Every photo (the articles' covers among them) is a JPEG whose stored size
    matches the file."""
    for photo in Photo.objects.all():
        with photo.image.open("rb") as file, Image.open(file) as image:
            assert image.format == "JPEG"
            assert image.size == (photo.width, photo.height) == (1600, 1200)
            image.verify()


def test_articles_bylines_and_publication(loaded):
    """Both articles are signed by Thạch Thị Hồng Mơ, each for the unit it gives."""
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
    """An article's cover is its meeting's cover photo, chosen from the library:
    the same row, not a second copy of the file."""
    for article in Article.objects.all():
        assert article.cover_photo == article.meeting.cover
        assert article.card_cover == article.meeting.cover
        assert not article.cover


def test_article_bodies_tell_the_meetings_facts(loaded):
    """Each body, one HTML block a line, gives its meeting's date, plan and people."""
    review = Article.objects.get(meeting=annual_review()).body
    assert review.count("<p>") == 6 and review.count("<h2>") == 1
    assert all(re.fullmatch(r"<(p|h2)>[^<>]+</\1>", b) for b in review.split("\n"))
    for fact in [
        "Chiều ngày 31/01/2024",
        "Kế hoạch số 10/KH-CĐNGT ngày 17/01/2024",
        "TS. Nguyễn Hoàng Quỳnh, Bí thư Đảng ủy, Hiệu trưởng",
        "Đồng chí Ngô Thị Yến, Phó Hiệu trưởng",
        "đồng chí Nguyễn Thị Thu, Phó Bí thư Đoàn Thanh niên",
        "đồng chí Nguyễn Thị Hương, Trưởng phòng Tổ chức – Hành chính",
        "trao Bằng khen cho các tập thể",
    ]:
        assert fact in review
    session = Article.objects.get(meeting=thematic()).body
    assert session.count("<p>") == 5 and session.count("<h2>") == 1
    for fact in [
        "Ngày 27/09/2023",
        "Kế hoạch số 02-KH/CB ngày 06/02/2023",
        "Đồng chí Nguyễn Thị Hương, Phó Bí thư Chi bộ, chủ trì",
        "đồng chí Nguyễn Thị Yến, Phó Bí thư Đảng ủy, Phó Hiệu trưởng Nhà trường",
        "Diêm Thế Hưng và Nguyễn Thanh Phương",
        "đồng chí Trần Thị Phương Lan, Phó Hiệu trưởng Nhà trường",
    ]:
        assert fact in session


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


def test_positions_as_the_articles_give_them(loaded):
    """Everyone's positions, none with a start or an end the articles do not give;
    only the principal has a degree."""
    rows = {
        person.full_name: [(p.title, p.unit.name) for p in person.positions.all()]
        for person in Person.objects.prefetch_related("positions__unit")
    }
    assert rows == {
        "Nguyễn Hoàng Quỳnh": [
            ("Bí thư Đảng ủy", demo.PARTY),
            ("Hiệu trưởng", demo.BOARD),
        ],
        "Ngô Thị Yến": [("Phó Hiệu trưởng", demo.BOARD)],
        "Nguyễn Thị Yến": [
            ("Phó Bí thư Đảng ủy", demo.PARTY),
            ("Phó Hiệu trưởng", demo.BOARD),
        ],
        "Nguyễn Thị Thu": [("Phó Bí thư Đoàn Thanh niên", demo.YOUTH)],
        "Nguyễn Thị Hương": [
            ("Trưởng phòng Tổ chức – Hành chính", demo.TCHC),
            ("Phó Bí thư Chi bộ Tổ chức – Hành chính", demo.CELL),
        ],
        "Thạch Thị Hồng Mơ": [("Viên chức", demo.TCHC)],
        "Diêm Thế Hưng": [("Đảng ủy viên", demo.PARTY)],
        "Nguyễn Thanh Phương": [("Đảng ủy viên", demo.PARTY)],
        "Trần Thị Phương Lan": [("Phó Hiệu trưởng", demo.BOARD)],
    }
    quynh = Person.objects.get(full_name=demo.QUYNH)
    assert quynh.honorific == "TS."
    assert quynh.position_text() == "Bí thư Đảng ủy, Hiệu trưởng"
    assert not Person.objects.filter(positions__start__isnull=False).exists()
    assert not Person.objects.filter(positions__end__isnull=False).exists()
    assert Person.objects.exclude(honorific="").count() == 1


def test_awards_are_collectives_marked_illustrative(loaded):
    """The articles say Bằng khen went to collectives at the review and name none:
    the demo's awards are those Bằng khen, to collectives, each titled "(minh hoạ)",
    with no decision number, date or issuer and nobody named as honoured."""
    campaign = Campaign.objects.get()
    assert campaign.name == "Các phong trào thi đua năm 2023"
    assert campaign.period == "2023"
    assert campaign.launched_by.name == demo.SCHOOL
    awards = list(Award.objects.select_related("recipient_unit"))
    assert len(awards) == len(demo.AWARDS) == 2
    assert {a.recipient_unit.name for a in awards} == {demo.TCHC, demo.YOUTH}
    assert all(entry["illustrative"] for entry in demo.AWARDS)
    for award in awards:
        assert award.kind == Award.Kind.CERTIFICATE_OF_MERIT
        assert award.year == 2023
        assert award.meeting == annual_review()
        assert award.campaign == campaign
        assert (award.decision_number, award.decision_date, award.issuer) == (
            "",
            None,
            "",
        )
        assert award.title == f"Đạt thành tích trong năm 2023 {MARK}"
        assert award.citation.startswith("Minh hoạ: ")
        assert award.recipient_person is None
    assert not Award.objects.filter(recipient_person__isnull=False).exists()


def award_items(response):
    """The list items of a page that show an award (the recipient or the form)."""
    items = re.findall(r"(?s)<li>(.*?)</li>", response.content.decode())
    return [
        item
        for item in items
        if 'class="award-recipient"' in item or 'class="award-kind-inline"' in item
    ]


def test_every_award_shown_says_it_is_illustrative(client, loaded):
    """Wherever an award is listed – the honour roll, its year, the meeting and the
    article it was presented at, the recipient's page – it says "(minh hoạ)"."""
    review = Article.objects.get(meeting=annual_review())
    pages = {
        "/khen-thuong/": 2,
        "/khen-thuong/2023/": 2,
        annual_review().get_absolute_url(): 2,
        review.get_absolute_url(): 2,
    }
    for award in Award.objects.all():
        pages[award.recipient.get_absolute_url()] = 1
    for address, shown in pages.items():
        response = client.get(address)
        assert response.status_code == 200, address
        items = award_items(response)
        assert len(items) == shown, address
        for item in items:
            assert MARK in text_of(item), address


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_home_pages_honours_say_they_are_illustrative(client, loaded):
    """The latest honours on the home page carry the mark too."""
    page = client.get("/").content.decode()
    block = page[page.index('class="honour-list"') :]
    items = re.findall(r"(?s)<li>(.*?)</li>", block[: block.index("</ul>")])
    assert len(items) == 2
    for item in items:
        assert MARK in text_of(item)


def test_the_honour_roll_names_only_collectives_the_articles_name(client, loaded):
    """The roll shows the Bằng khen form, the two collectives and no individual."""
    response = client.get("/khen-thuong/")
    ((year, kinds),) = response.context["roll"]
    assert year == 2023
    ((label, collectives, individuals),) = kinds
    assert label == "Bằng khen"
    assert {a.recipient_unit.name for a in collectives} == {demo.TCHC, demo.YOUTH}
    assert individuals == []
    page = text(response)
    for person in demo.PEOPLE:
        assert person["full_name"] not in page
