"""The contact page, the questions page, the accessibility statement and the
footer's contact details: what they show and what they cost."""

import pytest
from django.core.cache import cache

from contact.models import Office
from tests.contact.conftest import OFFICE, make_message, published
from tests.helpers import json_ld, links, templates, text
from tests.ops.test_page_cache import commit_setup

pytestmark = pytest.mark.django_db


def test_the_contact_page_shows_the_office_and_the_form(client, office):
    response = client.get("/lien-he/")
    page = text(response)

    assert response.status_code == 200
    assert "contact/contact.html" in templates(response)
    for value in OFFICE.values():
        if not value.startswith("https://"):
            assert value in page
    assert OFFICE["map_url"] in links(response)
    assert "tel:0204385412" + "3" in links(response)
    assert f"mailto:{OFFICE['email']}" in links(response)
    for label in ["Họ và tên", "Thư điện tử", "Điện thoại", "Chủ đề", "Gửi"]:
        assert label in page
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_the_form_page_is_never_stored(client, office, settings):
    """The page carries the visitor's CSRF token: no shared cache may keep it."""
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()

    first = client.get("/lien-he/")
    second = client.get("/lien-he/")

    for response in (first, second):
        assert "X-Cache" not in response
        control = response["Cache-Control"]
        assert "no-store" in control and "private" in control


def test_the_contact_pages_query_counts(client, office, django_assert_num_queries):
    """One query for the office's details when the cache is cold, none when warm;
    the questions page adds its count and its page."""
    published()
    for path, warm in [
        ("/lien-he/", 0),
        ("/tuyen-bo-tiep-can/", 0),
        ("/lien-he/da-gui/", 0),
        ("/hoi-dap/", 2),
    ]:
        cache.clear()
        with django_assert_num_queries(warm + 1):
            assert client.get(path).status_code == 200
        with django_assert_num_queries(warm):
            assert client.get(path).status_code == 200


def test_the_questions_page_count_does_not_grow(
    client, office, django_assert_num_queries
):
    for number in range(30):
        published(subject=f"Câu hỏi số {number}")
    client.get("/hoi-dap/")

    with django_assert_num_queries(2):
        response = client.get("/hoi-dap/?page=2")
    assert len(response.context["page_obj"]) == 12


def test_the_questions_page_shows_only_published_answers(client, office):
    published(subject="Câu hỏi đã công bố", name="Lê Thị Mai", phone="0912345678")
    make_message(subject="Câu hỏi mới chưa trả lời")
    make_message(subject="Trả lời mà chưa công bố", answer="Chưa công bố")
    make_message(subject="Công bố mà chưa trả lời", is_published=True)

    response = client.get("/hoi-dap/")
    page = text(response)

    assert "Câu hỏi đã công bố" in page
    assert "Nhà trường tuyển sinh từ tháng 3." in page
    for hidden in ["Câu hỏi mới", "Trả lời mà chưa công bố", "Công bố mà chưa"]:
        assert hidden not in page
    # The asker's given name only: no family name, no e-mail, no phone.
    assert "Mai" in page
    assert "Lê Thị" not in page
    assert "huong@example.com" not in response.content.decode()
    assert "0912345678" not in response.content.decode()


def test_the_questions_page_is_newest_first_and_paginated(client, office):
    for number in range(14):
        published(subject=f"Câu hỏi số {number:02d}")

    first = client.get("/hoi-dap/")
    subjects = [m.subject for m in first.context["page_obj"]]

    assert subjects[0] == "Câu hỏi số 13"
    assert len(subjects) == 12
    assert "Câu hỏi số 00" in text(client.get("/hoi-dap/?page=2"))
    # A page past the end or not a number: the nearest page, never an error.
    assert client.get("/hoi-dap/?page=99").status_code == 200
    assert client.get("/hoi-dap/?page=abc").status_code == 200


def test_the_questions_page_has_faqpage_json_ld(client, office):
    published(subject="Học phí bao nhiêu?", answer="Theo quy định của tỉnh.")

    data = [d for d in json_ld(client.get("/hoi-dap/")) if d["@type"] == "FAQPage"]

    assert len(data) == 1
    question = data[0]["mainEntity"][0]
    assert question["@type"] == "Question"
    assert question["name"] == "Học phí bao nhiêu?"
    assert question["acceptedAnswer"]["text"] == "Theo quy định của tỉnh."


def test_an_empty_questions_page_says_so(client, office):
    response = client.get("/hoi-dap/")

    assert "Chưa có câu hỏi nào được trả lời và công bố." in text(response)
    assert json_ld(response) == []


def test_the_accessibility_statement(client, office):
    response = client.get("/tuyen-bo-tiep-can/")
    page = text(response)

    assert response.status_code == 200
    assert "Tuyên bố về khả năng tiếp cận" in page
    assert "WCAG" in page and "mức AA" in page
    assert "Những nội dung chưa đáp ứng" in page
    assert "Tuyên bố này được lập ngày 07/12/2026" in page
    assert "/lien-he/?chu-de=tiep-can" in links(response)


@pytest.mark.parametrize(
    "path", ["/", "/tin-tuc/", "/su-kien/", "/lien-he/", "/hoi-dap/"]
)
def test_every_page_shows_the_office_in_its_footer(client, office, path):
    response = client.get(path)
    footer = response.content.decode().split('<footer class="site-footer">')[1]

    assert OFFICE["address"] in footer
    assert 'href="tel:02043854123"' in footer
    assert f'href="mailto:{OFFICE["email"]}"' in footer
    assert OFFICE["office_hours"] in footer
    assert "Nguyễn Văn Thử, Phó Hiệu trưởng" in footer


def test_the_footer_follows_a_change_of_the_office(
    client, office, django_capture_on_commit_callbacks
):
    client.get("/")  # the details are now in the cache
    with django_capture_on_commit_callbacks(execute=True):
        office.phone = "0204 3999 888"
        office.save()

    assert 'href="tel:02043999888"' in client.get("/").content.decode()


def test_an_empty_detail_is_left_out(client, db):
    Office.objects.filter(pk=Office.SINGLETON_PK).update(phone="", email="")
    cache.clear()
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]

    assert "tel:" not in footer and "mailto:" not in footer
    assert "Trường Cao đẳng Ngô Gia Tự Bắc Giang, tỉnh Bắc Giang" in footer


def test_the_pages_work_without_an_office_row(client, db):
    Office.objects.all().delete()
    cache.clear()

    for path in ["/", "/lien-he/", "/tuyen-bo-tiep-can/"]:
        assert client.get(path).status_code == 200


def test_the_sitemap_lists_the_contact_pages(client, db):
    response = client.get("/sitemap-contact.xml")
    body = response.content.decode()

    assert response.status_code == 200
    for path in ["/lien-he/", "/hoi-dap/", "/tuyen-bo-tiep-can/"]:
        assert f"{path}</loc>" in body


def test_the_office_row_is_there_after_migrating(db):
    """The migration leaves one row with what is certain of the college."""
    office = Office.objects.get()
    assert office.address == "Trường Cao đẳng Ngô Gia Tự Bắc Giang, tỉnh Bắc Giang"
    assert office.phone == ""


def test_publishing_a_question_renews_the_stored_questions_page(
    client, office, settings, django_capture_on_commit_callbacks
):
    """The page cache stores the questions page; publishing an answer shows on the
    next request, and a visitor's new message does not empty the cache."""

    def commit(change):
        # As the admin's own transaction would: what the test set up commits first.
        commit_setup()
        with django_capture_on_commit_callbacks(execute=True):
            change()

    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    message = make_message(subject="Sắp được công bố", answer="Đây là câu trả lời.")
    commit_setup()
    client.get("/hoi-dap/")
    assert client.get("/hoi-dap/")["X-Cache"] == "HIT"

    commit(lambda: make_message(subject="Một thư mới của khách"))
    assert client.get("/hoi-dap/")["X-Cache"] == "HIT"

    message.is_published = True
    commit(message.save)
    response = client.get("/hoi-dap/")
    assert response["X-Cache"] == "MISS"
    assert "Sắp được công bố" in text(response)

    commit(message.delete)
    assert "Sắp được công bố" not in text(client.get("/hoi-dap/"))
