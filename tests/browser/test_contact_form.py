"""A parent writes to the college from a phone: the form, its refusal, the thanks."""

import pytest
from django.core import mail

from contact.models import Message, Office

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def office(db):
    Office.objects.update_or_create(
        pk=Office.SINGLETON_PK,
        defaults={"phone": "0204 3854 123", "email": "vanphong@truong-thu.edu.vn"},
    )


def fill(page, email=""):
    page.get_by_label("Họ và tên").fill("Trần Văn Phụ Huynh")
    page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Chủ đề").fill("Hỏi về học phí")
    page.get_by_label("Câu hỏi hoặc góp ý của bạn").fill(
        "Xin cho biết học phí năm học 2024–2025 của ngành Mầm non."
    )


def test_a_parent_sends_a_question_from_a_phone(
    open_page, live_server, office, browser_problems
):
    page = open_page(390, 844)
    problems = browser_problems(page)
    page.goto(f"{live_server.url}/lien-he/")

    assert page.get_by_role("heading", name="Liên hệ", level=1).is_visible()
    # The trap is there for programs only.
    assert not page.locator("#id_website").is_visible()
    fill(page, email="phuhuynh@example.com")
    page.get_by_role("button", name="Gửi").click()

    page.wait_for_url(f"{live_server.url}/lien-he/da-gui/")
    assert page.get_by_role("heading", name="Cảm ơn bạn, thư đã được gửi").is_visible()
    assert Message.objects.get().subject == "Hỏi về học phí"
    assert len(mail.outbox) == 1
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert problems.take() == []


def test_without_email_or_phone_the_refusal_is_next_to_the_field(
    open_page, live_server, office
):
    page = open_page(390, 844)
    page.goto(f"{live_server.url}/lien-he/")
    fill(page)
    page.get_by_role("button", name="Gửi").click()

    error = page.locator("#id_email_error")
    error.wait_for()
    assert error.inner_text() == (
        "Hãy cho biết địa chỉ thư điện tử hoặc số điện thoại để Nhà trường trả lời."
    )
    email = page.get_by_label("Thư điện tử")
    assert email.get_attribute("aria-invalid") == "true"
    assert "id_email_error" in email.get_attribute("aria-describedby")
    # Right under the field it concerns, on the same column.
    field_box, error_box = email.bounding_box(), error.bounding_box()
    assert 0 <= error_box["y"] - (field_box["y"] + field_box["height"]) < 80
    assert page.get_by_role("alert").first.is_visible()
    # What the parent typed is still there.
    assert page.get_by_label("Chủ đề").input_value() == "Hỏi về học phí"
    assert Message.objects.count() == 0
