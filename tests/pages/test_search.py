"""Search ignores tone marks, đ, case and uỷ/ủy spelling, and finds only what is public."""

import datetime

import pytest
from django.utils import timezone

from news.models import Article
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    MeetingFactory,
    PersonFactory,
)
from tests.helpers import links, templates, text

pytestmark = pytest.mark.django_db


def published(title, body="<p>Nội dung bài viết.</p>", summary="", hours=1):
    return ArticleFactory(
        title=title,
        body=body,
        summary=summary,
        category=CategoryFactory(name="Tin tức – Sự kiện"),
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(hours=hours),
    )


@pytest.fixture
def site():
    """Articles, a meeting and people whose words differ only in marks and case."""
    return {
        "review": published("Hội nghị tổng kết công tác năm 2023", hours=1),
        # Old tone placement in the body, new placement in a title.
        "old": published(
            "Chi bộ sinh hoạt chuyên đề",
            body="<p>Theo chỉ đạo của Đảng uỷ Nhà trường, chi bộ họp.</p>",
            hours=2,
        ),
        "new": published("Đảng ủy ban hành nghị quyết mới", hours=3),
        "other": published("Tuyển sinh cao đẳng chính quy", hours=4),
        "draft": ArticleFactory(
            title="Hội nghị tổng kết – bản nháp",
            body="<p>Đảng ủy Nguyễn Hoàng Quỳnh</p>",
            category=CategoryFactory(name="Tin tức – Sự kiện"),
            status=Article.Status.DRAFT,
        ),
        "meeting": MeetingFactory(title="Hội nghị tổng kết công tác năm 2023"),
        "other_meeting": MeetingFactory(title="Lễ khai giảng năm học mới"),
        "principal": PersonFactory(full_name="Nguyễn Hoàng Quỳnh", honorific="TS."),
        "namesake": PersonFactory(full_name="Nguyễn Văn Hoàng"),
    }


def search(client, query, **params):
    response = client.get("/tim-kiem/", {"q": query, **params})
    assert response.status_code == 200
    assert "pages/search.html" in templates(response)
    return response


def found(response):
    """Titles of the articles found, on the page shown."""
    return {article.title for article in response.context["page_obj"]}


@pytest.mark.parametrize(
    "query", ["hoi nghi tong ket", "HỘI NGHỊ", "Hội nghị tổng kết", "hOi NgHi"]
)
def test_the_annual_review_is_found_however_it_is_typed(client, site, query):
    """With or without tone marks, in any case: the review's article and meeting."""
    response = search(client, query)

    assert found(response) == {site["review"].title}
    assert list(response.context["meetings"]) == [site["meeting"]]
    assert site["review"].title in text(response)
    assert site["meeting"].get_absolute_url() in links(response)


@pytest.mark.parametrize("query", ["dang uy", "Đảng ủy", "Đảng uỷ", "ĐẢNG ỦY"])
def test_uy_and_uy_spellings_find_each_other(client, site, query):
    """ "Đảng uỷ" (old tone placement) and "Đảng ủy" (new) are the same words, in a
    title or in a body."""
    response = search(client, query)

    assert found(response) == {site["old"].title, site["new"].title}


def test_words_match_from_their_start(client, site):
    """A word of the query matches the start of a word: "uy" is not found inside
    "quy" or "tuyển", so "Cao đẳng chính quy" is not a result for "Đảng uỷ"."""
    response = search(client, "dang uy")

    assert site["other"].title not in found(response)
    assert found(search(client, "tuyen")) == {site["other"].title}
    assert found(search(client, "uyen")) == set()


def test_every_word_must_match(client, site):
    """Results hold every word of the query, not any of them."""
    response = search(client, "hoi nghi tuyen sinh")

    assert found(response) == set()


def test_a_person_is_found_by_name_without_tone_marks(client, site):
    """ "nguyen hoang quynh" finds the principal, and not another Nguyễn … Hoàng."""
    response = search(client, "nguyen hoang quynh")

    assert list(response.context["people"]) == [site["principal"]]
    assert "TS. Nguyễn Hoàng Quỳnh" in text(response)
    assert site["principal"].get_absolute_url() in links(response)


def test_people_and_meetings_without_articles_are_shown(client, site):
    """A query matching only people is answered with them."""
    response = search(client, "hoang")

    assert found(response) == set()
    assert set(response.context["people"]) == {site["principal"], site["namesake"]}
    assert "Nguyễn Văn Hoàng" in text(response)


def test_only_published_articles_are_found(client, site):
    """A draft holding the words is never a result."""
    for query in ["hoi nghi tong ket", "ban nhap", "dang uy", "quynh"]:
        response = search(client, query)

        assert site["draft"].title not in found(response)
        assert site["draft"].title not in text(response)


def test_the_match_is_marked_in_the_title(client, site):
    """The matched words of a result's title are in <mark>, in their Vietnamese."""
    html = search(client, "tong ket").content.decode()

    assert "<mark>tổng</mark> <mark>kết</mark>" in html


def test_the_match_is_marked_in_the_excerpt(client, site):
    """The excerpt shows the words around the match, the match in <mark>: from the
    body when the body is where the words are."""
    response = search(client, "Đảng uỷ")
    excerpts = {a.title: str(a.excerpt) for a in response.context["page_obj"]}

    assert "<mark>Đảng</mark> <mark>uỷ</mark> Nhà trường" in excerpts[site["old"].title]
    assert "<mark>Đảng</mark> <mark>uỷ</mark> Nhà trường" in response.content.decode()


def test_an_excerpt_from_a_summary_that_matches(client, site):
    """A summary holding the words is the excerpt, marked."""
    article = published(
        "Thông báo mới",
        summary="Kế hoạch tuyển sinh năm 2024 của Nhà trường.",
        body="<p>Nội dung chi tiết.</p>",
    )

    response = search(client, "ke hoach")
    excerpts = {a.pk: str(a.excerpt) for a in response.context["page_obj"]}

    assert excerpts[article.pk].startswith("<mark>Kế</mark> <mark>hoạch</mark>")


def test_the_query_is_kept_in_the_form(client, site):
    """The search box shows the query that was asked."""
    response = search(client, "hội nghị")

    assert 'value="hội nghị"' in response.content.decode()


def test_many_results_are_paginated(client, site):
    """Thirty results come twelve to a page; page 2 holds the next twelve, and page
    links keep the query."""
    for number in range(30):
        published(f"Thông báo tuyển sinh đợt {number:02d}", hours=10 + number)

    first = search(client, "tuyen sinh dot")
    second = search(client, "tuyen sinh dot", page=2)
    third = search(client, "tuyen sinh dot", page=3)

    assert first.context["page_obj"].paginator.count == 30
    assert len(found(first)) == len(found(second)) == 12
    assert len(found(third)) == 6
    assert found(first) | found(second) | found(third) == {
        f"Thông báo tuyển sinh đợt {number:02d}" for number in range(30)
    }
    assert "Thông báo tuyển sinh đợt 12" in text(second)
    assert any(href.endswith("?q=tuyen+sinh+dot&page=2") for href in links(first))


def test_results_are_newest_first(client, site):
    """Articles found come newest first."""
    response = search(client, "dang uy")

    assert [a.title for a in response.context["page_obj"]] == [
        site["old"].title,
        site["new"].title,
    ]


def test_a_common_word_is_counted_only_up_to_the_cap(client, site, monkeypatch):
    """Past the cap the page says "more than N" and pages stop there; the newest
    results still come first."""
    from pages import views

    monkeypatch.setattr(views, "SEARCH_COUNT_CAP", 24)
    for number in range(30):
        published(f"Thông báo tuyển sinh đợt {number:02d}", hours=10 + number)

    first = search(client, "tuyen sinh dot")
    paginator = first.context["page_obj"].paginator
    assert (paginator.count, paginator.capped, paginator.num_pages) == (24, True, 2)
    assert "Tìm thấy hơn 24 bài viết cho “tuyen sinh dot”" in text(first)
    assert "Thông báo tuyển sinh đợt 00" in text(first)
    last = search(client, "tuyen sinh dot", page=9)
    assert last.context["page_obj"].number == 2

    monkeypatch.setattr(views, "SEARCH_COUNT_CAP", 30)
    exact = search(client, "tuyen sinh dot")
    assert exact.context["page_obj"].paginator.capped is False
    assert "30 bài viết" in text(exact)


def test_an_author_is_found_by_the_articles_she_signed(client):
    """ "Thạch Thị Hồng Mơ" (or "thach thi hong mo") finds both articles she wrote,
    though neither names her in its text; her unit's short name finds them too."""
    from tests.factories import UnitFactory

    author = PersonFactory(full_name="Thạch Thị Hồng Mơ")
    unit = UnitFactory(name="Phòng Tổ chức – Hành chính", short_name="Phòng TCHC")
    first = published("Hội nghị viên chức năm học mới")
    second = published("Lễ kỷ niệm ngày Nhà giáo Việt Nam", hours=2)
    other = published("Thông báo lịch nghỉ Tết", hours=3)
    for article in (first, second):
        article.byline_person = author
        article.byline_unit = unit
        article.save()
    for query in ["Thạch Thị Hồng Mơ", "thach thi hong mo", "phong tchc"]:
        assert found(search(client, query)) == {first.title, second.title}, query
    assert other.title not in found(search(client, "hong mo"))


def test_a_renamed_author_is_found_under_the_new_name(client):
    author = PersonFactory(full_name="Phạm Văn Bình")
    article = published("Đại hội Công đoàn cơ sở")
    article.byline_person = author
    article.save()
    assert found(search(client, "pham van binh")) == {article.title}
    author.full_name = "Phạm Văn Cường"
    author.save()
    assert found(search(client, "Phạm Văn Cường")) == {article.title}
    assert found(search(client, "pham van binh")) == set()


def test_units_and_answered_questions_are_found_without_tone_marks(client):
    """ "phong dao tao" finds the unit; a question answered and published by the
    office is found by its words and its answer, never by who asked it, and an
    unpublished one never."""
    from contact.models import Message
    from tests.factories import UnitFactory

    UnitFactory(name="Phòng Đào tạo")
    answered = Message.objects.create(
        name="Trần Thị Lan",
        email="lan.tran@example.com",
        subject="Học phí hệ cao đẳng",
        text="Học phí năm học mới là bao nhiêu?",
        answer="Mức học phí được niêm yết tại Phòng Kế hoạch – Tài chính.",
        is_published=True,
    )
    Message.objects.create(
        name="Lê Văn Hùng",
        phone="0912000111",
        subject="Học phí chưa trả lời",
        text="Học phí có giảm không?",
    )

    response = search(client, "phong dao tao")
    assert [unit.name for unit in response.context["units"]] == ["Phòng Đào tạo"]
    assert "Phòng Đào tạo" in text(response)

    for query in ["hoc phi", "niem yet", "Học phí"]:
        assert list(search(client, query).context["questions"]) == [answered], query
    for query in ["lan tran", "tran thi lan", "0912000111", "chua tra loi"]:
        assert list(search(client, query).context["questions"]) == [], query
    assert "Học phí hệ cao đẳng" in text(search(client, "hoc phi"))
