"""The feedback form: what it stores, what it refuses, whom it tells."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from contact.limits import MESSAGES_PER_WINDOW
from contact.models import Message
from tests.helpers import text

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Trần Văn Phụ Huynh",
    "email": "phuhuynh@example.com",
    "phone": "",
    "subject": "Hỏi về học phí",
    "text": "Xin cho biết học phí năm học 2024–2025 của ngành Mầm non.",
    "website": "",
}


def post(client, address="203.0.113.7", **changes):
    return client.post("/lien-he/", {**GOOD, **changes}, REMOTE_ADDR=address)


def test_a_good_message_is_stored_and_the_office_told_once(
    client, office, django_capture_on_commit_callbacks
):
    """Stored as written, one mail to the office's address, then the confirmation."""
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client)

    assert response.status_code == 302
    assert response["Location"] == "/lien-he/da-gui/"
    message = Message.objects.get()
    assert (message.name, message.email, message.subject) == (
        GOOD["name"],
        GOOD["email"],
        GOOD["subject"],
    )
    assert message.status == Message.Status.NEW and not message.is_published
    assert message.sender_hash and "203.0.113.7" not in message.sender_hash
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [office.email]
    assert sent.reply_to == [GOOD["email"]]
    assert GOOD["subject"] in sent.subject and sent.subject.startswith("[Liên hệ]")
    assert GOOD["text"] in sent.body
    assert f"/contact/message/{message.pk}/change/" in sent.body

    confirmation = client.get(response["Location"])
    assert "Cảm ơn bạn, thư đã được gửi" in text(confirmation)


def test_a_phone_alone_is_enough(client, office):
    response = post(client, email="", phone="0912.345.678")

    assert response.status_code == 302
    assert Message.objects.get().phone == "0912.345.678"


def test_the_configured_recipient_is_told_instead(
    client, office, settings, django_capture_on_commit_callbacks
):
    settings.NGT_CONTACT_EMAIL = ["hoidap@truong-thu.edu.vn"]
    with django_capture_on_commit_callbacks(execute=True):
        post(client)

    assert mail.outbox[0].to == ["hoidap@truong-thu.edu.vn"]


def test_a_mail_failure_loses_nothing(
    client, office, monkeypatch, django_capture_on_commit_callbacks
):
    """The mail server refuses: the visitor still gets the confirmation and the
    message waits in the admin."""

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client)

    assert response.status_code == 302
    assert Message.objects.count() == 1


def test_no_mail_before_the_commit(client, office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(client)

    assert mail.outbox == []
    assert len(callbacks) == 1


@pytest.mark.parametrize("field", ["name", "subject", "text"])
def test_a_missing_field_is_refused_in_vietnamese(client, office, field):
    response = post(client, **{field: ""})

    assert response.status_code == 400
    assert Message.objects.count() == 0
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert "Trường này là bắt buộc." in text(response)
    assert "Thư chưa được gửi" in text(response)


def test_neither_email_nor_phone_is_refused_next_to_the_email_field(client, office):
    response = post(client, email="", phone="")

    assert response.status_code == 400
    assert Message.objects.count() == 0
    html = response.content.decode()
    error = "Hãy cho biết địa chỉ thư điện tử hoặc số điện thoại để Nhà trường trả lời."
    assert f'<p class="contact-error" id="id_email_error">{error}</p>' in html
    assert 'aria-describedby="id_email_error id_email_helptext"' in html
    assert 'aria-invalid="true"' in html
    # What the visitor typed is kept.
    assert GOOD["text"] in html


@pytest.mark.parametrize(
    "changes",
    [{"email": "khong-phai-email"}, {"email": "", "phone": "12ab"}, {"phone": "123"}],
    ids=["bad e-mail", "bad phone", "short phone"],
)
def test_a_malformed_contact_is_refused(client, office, changes):
    response = post(client, **changes)

    assert response.status_code == 400
    assert Message.objects.count() == 0


@pytest.mark.parametrize(
    "field, size",
    [("name", 101), ("subject", 201), ("text", 5001), ("email", 255), ("phone", 21)],
)
def test_every_field_has_a_length_limit(client, office, field, size):
    if field == "email":
        value = "a" * (size - len("@example.com")) + "@example.com"
    elif field == "phone":
        value = "9" * size
    else:
        value = "ă" * size
    response = post(client, **{field: value})

    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()
    assert Message.objects.count() == 0


def test_the_limits_are_right_at_the_edge(client, office):
    """The longest allowed values are stored whole."""
    response = post(client, name="ă" * 100, subject="ơ" * 200, text="ư" * 5000)

    assert response.status_code == 302
    assert len(Message.objects.get().text) == 5000


def test_a_filled_trap_is_told_sent_but_nothing_is_stored(
    client, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, website="https://spam.example")

    assert response.status_code == 302
    assert response["Location"] == "/lien-he/da-gui/"
    assert Message.objects.count() == 0
    assert mail.outbox == []


def test_the_trap_is_hidden_from_people_and_screen_readers(client, office):
    html = client.get("/lien-he/").content.decode()

    assert '<div class="contact-trap" aria-hidden="true">' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html


def test_the_sixth_message_within_the_hour_is_refused_politely(client, office):
    for _ in range(MESSAGES_PER_WINDOW):
        assert post(client).status_code == 302

    response = post(client)

    assert response.status_code == 429
    assert Message.objects.count() == MESSAGES_PER_WINDOW
    assert "chưa được gửi" in text(response)
    assert "thử lại sau một giờ" in text(response)
    # Another address is not held back.
    assert post(client, address="198.51.100.20").status_code == 302


def test_the_window_moves_on(client, office):
    for _ in range(MESSAGES_PER_WINDOW):
        post(client)
    assert post(client).status_code == 429

    an_hour_ago = timezone.now() - datetime.timedelta(minutes=61)
    Message.objects.update(received_at=an_hour_ago)

    assert post(client).status_code == 302
    assert Message.objects.count() == MESSAGES_PER_WINDOW + 1


def test_behind_a_proxy_the_forwarded_address_counts(client, office, settings):
    settings.NGT_PROXY_COUNT = 1
    for number in range(MESSAGES_PER_WINDOW + 1):
        response = client.post(
            "/lien-he/",
            GOOD,
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        )
        assert response.status_code == 302
    assert Message.objects.count() == MESSAGES_PER_WINDOW + 1


def test_the_form_needs_its_csrf_token(office):
    """Without the token the post is refused and nothing stored; with the token of
    the page it is taken."""
    browser = Client(enforce_csrf_checks=True)

    refused = browser.post("/lien-he/", GOOD, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 403
    assert Message.objects.count() == 0

    page = browser.get("/lien-he/")
    token = page.context["csrf_token"]
    taken = browser.post(
        "/lien-he/", {**GOOD, "csrfmiddlewaretoken": str(token)}, REMOTE_ADDR="1.2.3.4"
    )
    assert taken.status_code == 302
    assert Message.objects.count() == 1


def test_a_link_can_fill_in_the_subject(client, office):
    page = client.get("/lien-he/?chu-de=tiep-can").content.decode()
    assert 'value="Rào cản tiếp cận trên cổng thông tin"' in page

    unknown = client.get("/lien-he/?chu-de=%3Cscript%3E").content.decode()
    assert "<script>" not in unknown
