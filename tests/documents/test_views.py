"""The library's public pages: filters, search by number and by words, the document's
page with what cites it, bad parameters, and the queries each page costs."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from documents.models import Document
from news.models import Article
from tests.core.test_documents import GOOD
from tests.documents.helpers import make_document
from tests.factories import (
    ArticleFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    UnitFactory,
)
from tests.helpers import json_ld, links, text

pytestmark = pytest.mark.django_db

LIST = "/van-ban/"


@pytest.fixture
def library():
    """Four public documents of three issuers and two years, and a hidden one."""
    tchc = UnitFactory(name="Phòng Tổ chức – Hành chính", slug="phong-tchc")
    return {
        "plan": make_document(issuer=tchc, field=Document.Field.ADMINISTRATION),
        "decision": make_document(
            kind=Document.Kind.DECISION,
            number="25/QĐ-CĐNGT",
            title="Khen thưởng các tập thể, cá nhân năm học 2022-2023",
            issued_on=datetime.date(2023, 6, 1),
            issuer=tchc,
            field=Document.Field.EMULATION,
        ),
        "province": make_document(
            kind=Document.Kind.DIRECTIVE,
            number="05/CT-UBND",
            title="Tăng cường công tác phòng chống thiên tai",
            issuer_name="UBND tỉnh Bắc Giang",
            issued_on=datetime.date(2024, 3, 2),
        ),
        "notice": make_document(
            kind=Document.Kind.NOTICE,
            number="110/KH-CĐNGT",
            title="Lịch nghỉ Tết Nguyên đán",
            issued_on=datetime.date(2024, 2, 1),
            issuer=tchc,
        ),
        "hidden": make_document(
            number="99/KH-CĐNGT", title="Dự thảo chưa công bố", is_public=False
        ),
    }


def listed(client, query=""):
    response = client.get(LIST + query)
    assert response.status_code == 200
    return {document.number for document in response.context["page_obj"]}


def test_the_list_shows_public_documents_newest_first(client, library):
    response = client.get(LIST)
    numbers = [d.number for d in response.context["page_obj"]]
    assert numbers == ["05/CT-UBND", "110/KH-CĐNGT", "10/KH-CĐNGT", "25/QĐ-CĐNGT"]
    page = text(response)
    assert "Kế hoạch số 10/KH-CĐNGT" in page
    assert "Ban hành ngày 17/01/2024" in page
    assert "99/KH-CĐNGT" not in page
    assert "4 văn bản" in page
    assert library["plan"].get_absolute_url() in links(response)


@pytest.mark.parametrize(
    "query, numbers",
    [
        ("?loai=decision", {"25/QĐ-CĐNGT"}),
        ("?nam=2023", {"25/QĐ-CĐNGT"}),
        ("?co-quan=phong-tchc", {"10/KH-CĐNGT", "25/QĐ-CĐNGT", "110/KH-CĐNGT"}),
        ("?co-quan=ubnd-tinh-bac-giang", {"05/CT-UBND"}),
        ("?linh-vuc=emulation", {"25/QĐ-CĐNGT"}),
        ("?loai=plan&nam=2024&co-quan=phong-tchc", {"10/KH-CĐNGT"}),
        ("?nam=2024&linh-vuc=administration", {"10/KH-CĐNGT"}),
        ("?loai=notice&co-quan=ubnd-tinh-bac-giang", set()),
    ],
)
def test_each_filter_and_filters_combined(client, library, query, numbers):
    assert listed(client, query) == numbers


def test_the_filters_offer_what_the_library_has(client, library):
    context = client.get(LIST).context
    assert context["years"] == [2024, 2023]
    assert context["issuers"] == [
        ("phong-tchc", "Phòng Tổ chức – Hành chính"),
        ("ubnd-tinh-bac-giang", "UBND tỉnh Bắc Giang"),
    ]


@pytest.mark.parametrize(
    "q, numbers",
    [
        ("10/KH-CĐNGT", {"10/KH-CĐNGT"}),
        ("10/KH", {"10/KH-CĐNGT"}),
        ("10/kh-cdngt", {"10/KH-CĐNGT"}),
        ("kh-cdngt", {"10/KH-CĐNGT", "110/KH-CĐNGT"}),
        ("KH-CĐNGT", {"10/KH-CĐNGT", "110/KH-CĐNGT"}),
        ("25/QĐ", {"25/QĐ-CĐNGT"}),
        ("hoi nghi tong ket", {"10/KH-CĐNGT"}),
        ("HỘI NGHỊ TỔNG KẾT", {"10/KH-CĐNGT"}),
        ("khen thuong", {"25/QĐ-CĐNGT"}),
        ("ubnd bac giang", {"05/CT-UBND"}),
        (
            "nguyen hoang quynh",
            {"10/KH-CĐNGT", "25/QĐ-CĐNGT", "05/CT-UBND", "110/KH-CĐNGT"},
        ),
        ("du thao", set()),
        ("ong", set()),
    ],
)
def test_search_by_number_and_by_words_without_tones(client, library, q, numbers):
    """A number as typed or folded, from the start of a piece; words from their
    start ("ong" is not "tong"); never a document that is not public."""
    assert listed(client, f"?q={q}") == numbers


def test_search_and_filter_together(client, library):
    assert listed(client, "?q=kh-cdngt&loai=notice") == {"110/KH-CĐNGT"}


@pytest.mark.parametrize(
    "query",
    [
        "?nam=abc",
        "?nam=²",
        "?nam=" + "9" * 5000,
        "?loai=unknown",
        "?co-quan=khong-co",
        "?linh-vuc=%00",
        "?page=999",
        "?page=abc",
        "?q=" + "x" * 3000,
        "?q=%%%///",
        "?q=10%00/KH",
        "?q=h%E1%BB%99i%00ngh%E1%BB%8B",
    ],
)
def test_malformed_parameters_are_ignored(client, library, query):
    """No 500: an unknown filter is dropped, a page past the end is the last."""
    response = client.get(LIST + query)
    assert response.status_code == 200


def test_unknown_filters_show_everything(client, library):
    assert len(listed(client, "?nam=abc&loai=xyz&co-quan=zz&linh-vuc=1")) == 4


def test_the_list_is_paginated(client):
    for number in range(14):
        make_document(number=f"{number}/TB-CĐNGT", title=f"Thông báo số {number}")
    first = client.get(LIST)
    assert len(first.context["page_obj"]) == 12
    last = client.get(LIST + "?page=999")
    assert last.context["page_obj"].number == 2
    assert len(last.context["page_obj"]) == 2


def test_the_document_page_has_decree_42s_facts(client):
    signer_unit = UnitFactory(name="Phòng Tổ chức – Hành chính")
    document = make_document(
        issuer=signer_unit,
        effective_on=datetime.date(2024, 1, 20),
        file=SimpleUploadedFile("ke-hoach.pdf", GOOD["ke-hoach.pdf"]),
    )
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    page = text(response)
    for fact in [
        "Hình thức Kế hoạch",
        "Cơ quan ban hành Phòng Tổ chức – Hành chính",
        "Số ký hiệu 10/KH-CĐNGT",
        "Ngày ban hành 17/01/2024",
        "Ngày có hiệu lực 20/01/2024",
        "Trích yếu Tổ chức Hội nghị tổng kết công tác năm 2023",
        "Người ký Nguyễn Hoàng Quỳnh",
        "Tải văn bản 10/KH-CĐNGT",
        f"PDF, {len(GOOD['ke-hoach.pdf'])} byte",
    ]:
        assert fact in page, fact
    assert document.file.url in links(response)
    [data] = json_ld(response)
    assert data["@type"] == "DigitalDocument"
    assert data["identifier"] == "10/KH-CĐNGT"
    assert data["dateCreated"] == "2024-01-17"
    assert data["associatedMedia"]["encodingFormat"] == "application/pdf"


def test_a_document_without_file_says_so(client):
    response = client.get(make_document().get_absolute_url())
    assert "Tệp của văn bản này chưa được đăng" in text(response)


def test_a_hidden_or_unknown_document_is_not_found(client, library):
    assert client.get(library["hidden"].get_absolute_url()).status_code == 404
    assert client.get("/van-ban/khong-co-van-ban-nay/").status_code == 404


def cited(document, published=True):
    """A meeting held under ``document``, an article about it, another naming its
    number in the body, and one of each that must not show."""
    now = timezone.now()
    meeting = MeetingFactory(title="Hội nghị tổng kết công tác năm 2023")
    MeetingDocumentFactory(meeting=meeting, number=document.number, document=document)
    MeetingFactory(title="Hội nghị không liên quan")
    ArticleFactory(
        title="Tin về Hội nghị tổng kết",
        meeting=meeting,
        status=Article.Status.PUBLISHED,
        published_at=now - datetime.timedelta(days=1),
    )
    ArticleFactory(
        title="Bài nhắc số văn bản",
        body=f"<p>Thực hiện Kế hoạch số {document.number} ngày 17/01/2024.</p>",
        status=Article.Status.PUBLISHED,
        published_at=now - datetime.timedelta(days=2),
    )
    ArticleFactory(
        title="Bài nhắc số khác",
        body="<p>Thực hiện Kế hoạch số 110/KH-CĐNGT.</p>",
        status=Article.Status.PUBLISHED,
        published_at=now - datetime.timedelta(days=3),
    )
    ArticleFactory(title="Bản nháp về Hội nghị", meeting=meeting)
    return meeting


def test_the_page_lists_the_meetings_and_published_articles_citing_it(client):
    document = make_document()
    meeting = cited(document)
    response = client.get(document.get_absolute_url())
    assert [m.pk for m in response.context["meetings"]] == [meeting.pk]
    titles = [a.title for a in response.context["articles"]]
    assert titles == ["Tin về Hội nghị tổng kết", "Bài nhắc số văn bản"]
    page = text(response)
    assert "Sự kiện căn cứ văn bản này Hội nghị tổng kết công tác năm 2023" in page
    assert "Bản nháp" not in page
    assert meeting.get_absolute_url() in links(response)


@pytest.mark.parametrize("citing", [False, True])
@pytest.mark.usefixtures("warm_office")
def test_the_document_page_costs_three_queries(
    client, django_assert_num_queries, citing
):
    """The document, its meetings, the articles: the same with or without them."""
    document = make_document(issuer=UnitFactory())
    if citing:
        cited(document)
        other = MeetingFactory(title="Hội nghị khác")
        MeetingDocumentFactory(meeting=other, number="10/KH-CĐNGT", document=document)
    with django_assert_num_queries(3):
        assert client.get(document.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [1, 30])
@pytest.mark.usefixtures("warm_office")
def test_the_list_costs_four_queries(client, django_assert_num_queries, count):
    """Issuers, years, count, page: whatever the number of documents."""
    unit = UnitFactory()
    for number in range(count):
        make_document(number=f"{number}/KH-CĐNGT", issuer=unit)
    with django_assert_num_queries(4):
        assert client.get(LIST + "?q=kh&loai=plan").status_code == 200


def test_the_meeting_page_links_its_documents_to_the_library(client):
    """A "Căn cứ" line opens the library's page; a hidden one keeps the file link."""
    meeting = MeetingFactory()
    public = make_document()
    hidden = make_document(number="11/KH-CĐNGT", is_public=False)
    MeetingDocumentFactory(meeting=meeting, number=public.number, document=public)
    MeetingDocumentFactory(meeting=meeting, number=hidden.number, document=hidden)
    response = client.get(meeting.get_absolute_url())
    assert public.get_absolute_url() in links(response)
    assert hidden.get_absolute_url() not in links(response)
    assert "Kế hoạch số 11/KH-CĐNGT" in text(response)


def test_the_sitemap_lists_public_documents(client, library):
    response = client.get("/sitemap-documents.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert library["plan"].get_absolute_url() in body
    assert library["hidden"].get_absolute_url() not in body
    assert "sitemap-documents.xml" in client.get("/sitemap.xml").content.decode()
