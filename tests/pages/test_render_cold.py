"""A cold article or meeting page: built from few, narrow queries, each photo's markup
made once per version of the photo, and never a stale caption, alt text or rendition."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import Award
from events.models import Photo
from events.templatetags.photos import MARKUP, Memo
from news.models import Article
from tests.events.test_photo_tag import Elements, processed_photo
from tests.factories import (
    ArticleFactory,
    AttendeeFactory,
    AwardFactory,
    MeetingFactory,
    PersonFactory,
    UnitFactory,
)
from tests.pages.test_query_budget import BUDGETS

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(title="Hội nghị tổng kết năm học 2023–2024")


@pytest.fixture
def article(meeting):
    return ArticleFactory(
        meeting=meeting,
        status=Article.Status.PUBLISHED,
        published_at=datetime.datetime(2024, 2, 1, tzinfo=datetime.UTC),
    )


def figures(client, path):
    """(alt, data-caption, figcaption or None, srcset) of each figure of the page's
    gallery."""
    html = client.get(path).content.decode()
    gallery = html[html.index('<div class="gallery-grid">') :]
    gallery = gallery[: gallery.index("</section>")]
    found = []
    for figure in gallery.split("<figure>")[1:]:
        elements = Elements(figure)
        caption = None
        if "<figcaption>" in figure:
            caption = figure.split("<figcaption>")[1].split("</figcaption>")[0]
        found.append(
            (
                elements.one("img")["alt"],
                elements.one("a")["data-caption"],
                caption,
                elements.one("img")["srcset"],
            )
        )
    return found


def test_a_changed_caption_shows_at_once(client, meeting, article):
    """The caption is in the alt text, the lightbox's caption and the figcaption:
    all three change on the next page, though the photo's markup was kept."""
    photo = processed_photo(meeting, caption="Toàn cảnh hội nghị")
    assert figures(client, article.get_absolute_url())[0][:3] == (
        "Toàn cảnh hội nghị",
        "Toàn cảnh hội nghị",
        "Toàn cảnh hội nghị",
    )

    photo.caption = "Đồng chí Hiệu trưởng phát biểu khai mạc"
    photo.save()

    for path in (article.get_absolute_url(), meeting.get_absolute_url()):
        assert figures(client, path)[0][:3] == (
            "Đồng chí Hiệu trưởng phát biểu khai mạc",
            "Đồng chí Hiệu trưởng phát biểu khai mạc",
            "Đồng chí Hiệu trưởng phát biểu khai mạc",
        )


def test_a_removed_caption_gives_the_meetings_title_at_once(client, meeting, article):
    photo = processed_photo(meeting, caption="Toàn cảnh hội nghị")
    figures(client, article.get_absolute_url())

    photo.caption = ""
    photo.save()

    alt, data_caption, caption, _srcset = figures(client, article.get_absolute_url())[0]
    assert alt == "Ảnh sự kiện: Hội nghị tổng kết năm học 2023–2024"
    assert (data_caption, caption) == ("", None)


def test_a_renamed_meeting_shows_in_the_alt_text_at_once(client, meeting, article):
    """A photo without a caption is described by its meeting's title."""
    processed_photo(meeting, caption="")
    figures(client, meeting.get_absolute_url())

    meeting.title = "Hội nghị tổng kết năm học 2024–2025"
    meeting.save()

    alt = figures(client, meeting.get_absolute_url())[0][0]
    assert alt == "Ảnh sự kiện: Hội nghị tổng kết năm học 2024–2025"


def test_new_renditions_show_at_once(client, meeting, article):
    """A photo whose renditions are rebuilt at other widths offers the new ones."""
    photo = processed_photo(meeting, caption="Toàn cảnh hội nghị")
    before = figures(client, article.get_absolute_url())[0][3]
    assert len(before.split(", ")) > 1

    Photo.objects.filter(pk=photo.pk).update(renditions=[320])

    after = figures(client, article.get_absolute_url())[0][3]
    assert after.split(", ") == [before.split(", ")[0]]
    assert after.endswith(" 320w")


def test_a_photo_added_or_taken_out_shows_at_once(client, meeting, article):
    first = processed_photo(meeting, caption="Toàn cảnh hội nghị")
    figures(client, article.get_absolute_url())
    processed_photo(meeting, caption="Trao giấy khen")

    assert [f[2] for f in figures(client, article.get_absolute_url())] == [
        "Toàn cảnh hội nghị",
        "Trao giấy khen",
    ]

    first.delete()

    assert [f[2] for f in figures(client, article.get_absolute_url())] == [
        "Trao giấy khen"
    ]


def test_a_photos_markup_is_made_once(client, meeting, article):
    """The second page reuses the first one's markup: the memo gains nothing."""
    for number in range(3):
        processed_photo(meeting, caption=f"Ảnh số {number}")
    MARKUP.clear()
    first = client.get(article.get_absolute_url()).content
    kept = len(MARKUP.entries)
    assert kept >= 3

    second = client.get(article.get_absolute_url()).content

    assert len(MARKUP.entries) == kept
    assert second == first


def test_the_memo_forgets_the_least_recently_used():
    memo = Memo(2)
    memo.put("a", "1")
    memo.put("b", "2")
    assert memo.get("a") == "1"
    memo.put("c", "3")

    assert memo.get("b") is None
    assert (memo.get("a"), memo.get("c")) == ("1", "3")


def count_queries(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), "\n".join(q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize("page", ["article", "meeting"])
def test_thirty_photos_without_captions_make_no_query_each(
    client, meeting, article, page
):
    """A caption-less photo's alt text names the meeting: the meeting the page has,
    not one read per photo. Thirty photos cost what one does."""
    path = {"article": article, "meeting": meeting}[page].get_absolute_url()
    processed_photo(meeting, caption="", size=(700, 400))
    one, _sql = count_queries(client, path)
    for _ in range(29):
        processed_photo(meeting, caption="", size=(700, 400))

    thirty, sql = count_queries(client, path)

    assert thirty == one, sql
    assert one <= BUDGETS[page]
    assert len(figures(client, path)) == 30


def test_attendees_are_grouped_in_their_order(client, meeting, article):
    """Chair, reports and speeches (each with its role), guests, participants: each
    group once, only when it has someone, the editor's order kept inside it."""
    rows = [
        ("participant", "Nguyễn Văn An", ""),
        ("speaker", "Trần Thị Bình", "Tham luận về chuyển đổi số"),
        ("chair", "Lê Văn Cường", ""),
        ("reporter", "Phạm Thị Dung", "Báo cáo tổng kết"),
        ("participant", "Hoàng Văn Em", ""),
    ]
    for role, name, topic in rows:
        AttendeeFactory(
            meeting=meeting,
            person=PersonFactory(full_name=name),
            role=role,
            topic=topic,
        )

    for path in (article.get_absolute_url(), meeting.get_absolute_url()):
        html = client.get(path).content.decode()
        attendees = html[html.index('<dl class="attendees">') :]
        attendees = attendees[: attendees.index("</dl>")]
        headings = [part.split("</dt>")[0] for part in attendees.split("<dt>")[1:]]
        assert headings == ["Chủ trì", "Báo cáo, tham luận", "Tham dự"]
        names = [
            part.split("</a>")[0].split(">")[-1]
            for part in attendees.split('class="attendee-name"')[1:]
        ]
        assert names == [
            "Lê Văn Cường",
            "Trần Thị Bình",
            "Phạm Thị Dung",
            "Nguyễn Văn An",
            "Hoàng Văn Em",
        ]
        reports = attendees.split("<dt>")[2]
        assert reports.count('class="attendee-role"') == 2
        assert "Báo cáo tổng kết" in reports
        assert 'class="attendee-role"' not in attendees.split("<dt>")[3]


def test_awards_are_ranked_as_the_honour_roll_ranks_them(client, meeting, article):
    """Highest form first; within a form, people in the order of their names."""
    unit = UnitFactory(name="Phòng Đào tạo")
    kinds = [
        Award.Kind.CERTIFICATE,
        Award.Kind.CERTIFICATE_OF_MERIT,
        Award.Kind.ADVANCED_WORKER,
        Award.Kind.CERTIFICATE_OF_MERIT,
        Award.Kind.CERTIFICATE,
    ]
    names = ["Vũ Văn Bốn", "Đỗ Thị Hai", "Bùi Văn Một", "An Thị Ba", "Cao Văn Năm"]
    for kind, name in zip(kinds, names, strict=True):
        AwardFactory(
            meeting=meeting, kind=kind, recipient_person=PersonFactory(full_name=name)
        )
    AwardFactory(
        meeting=meeting,
        kind=Award.Kind.CERTIFICATE,
        recipient_person=None,
        recipient_unit=unit,
    )

    expected = list(meeting.awards.public().ranked())
    for path in (article.get_absolute_url(), meeting.get_absolute_url()):
        shown = list(client.get(path).context["awards"])
        assert shown == expected
