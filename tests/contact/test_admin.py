"""The office's details and visitors' messages in the admin, and the dashboard's
count of new questions."""

import pytest
from django.contrib.auth.models import Permission

from contact.models import Message, Office
from news.roles import EDITOR, REPORTER
from tests.contact.conftest import make_message
from tests.factories import role_user
from tests.helpers import text

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/contact/message/"


def test_the_office_is_one_form(staff_client, office):
    """The list leads to the one row's form; a second row cannot be added, nor the
    one deleted."""
    response = staff_client.get("/admin/contact/office/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/contact/office/1/change/"

    assert staff_client.get("/admin/contact/office/add/").status_code == 403
    assert staff_client.get("/admin/contact/office/1/delete/").status_code == 403


def test_the_office_is_told_what_is_still_missing(staff_client, db):
    response = staff_client.get("/admin/contact/office/1/change/", follow=True)
    page = text(response)

    assert "Văn phòng cần điền các mục sau" in page
    assert "điện thoại" in page and "người chịu trách nhiệm nội dung" in page


def test_the_office_saves_its_details(staff_client, office):
    data = {
        "address": office.address,
        "phone": "0204 3111 222",
        "email": "moi@truong-thu.edu.vn",
        "office_hours": office.office_hours,
        "map_url": office.map_url,
        "content_officer_name": office.content_officer_name,
        "content_officer_position": office.content_officer_position,
        "address_en": "1 Example Street, Bac Giang",
        "office_hours_en": "Monday to Friday",
    }
    response = staff_client.post("/admin/contact/office/1/change/", data)

    assert response.status_code == 302
    assert Office.objects.get().phone == "0204 3111 222"
    assert Office.objects.count() == 1


def test_a_script_map_link_is_refused(staff_client, office):
    data = {"map_url": "javascript:alert(1)", "address": "x"}
    response = staff_client.post("/admin/contact/office/1/change/", data)

    assert response.status_code == 200
    assert Office.objects.get().map_url == "https://maps.example.vn/truong"


def test_the_list_puts_new_messages_first(staff_client, db):
    older = make_message(subject="Thư cũ hơn")
    newer = make_message(subject="Thư mới hơn")

    response = staff_client.get(CHANGELIST)
    shown = list(response.context["cl"].result_list)

    assert shown.index(newer) < shown.index(older)


def test_the_list_filters_by_status(staff_client, db):
    make_message(subject="Chưa trả lời")
    make_message(subject="Đã đóng lại", status=Message.Status.CLOSED)

    page = text(staff_client.get(CHANGELIST + "?status__exact=new"))

    assert "Chưa trả lời" in page and "Đã đóng lại" not in page


@pytest.mark.parametrize(
    "query", ["huong", "HƯƠNG", "hoc phi", "Học phí", "0912", "@example.com"]
)
def test_the_search_ignores_tone_marks(staff_client, db, query):
    make_message(name="Phạm Thị Hương", subject="Hỏi về học phí", phone="0912345678")
    make_message(name="Đỗ Văn Nam", email="nam@truong.vn", subject="Ký túc xá")

    response = staff_client.get(CHANGELIST, {"q": query})
    subjects = [m.subject for m in response.context["cl"].result_list]

    assert subjects == ["Hỏi về học phí"]


def test_answering_records_who_and_when(staff_client, db):
    message = make_message()
    response = staff_client.post(
        f"{CHANGELIST}{message.pk}/change/",
        {"answer": "Tháng 3 hằng năm.", "status": "new", "is_published": "on"},
    )

    assert response.status_code == 302
    message.refresh_from_db()
    assert message.answer == "Tháng 3 hằng năm."
    assert message.status == Message.Status.ANSWERED
    assert message.is_published
    assert message.answered_by.username == "quantri"
    assert message.answered_at is not None


def test_the_visitors_words_are_not_changed(staff_client, db):
    message = make_message(text="Nguyên văn của khách.")
    staff_client.post(
        f"{CHANGELIST}{message.pk}/change/",
        {"answer": "Có.", "status": "answered", "text": "Sửa lời khách"},
    )

    message.refresh_from_db()
    assert message.text == "Nguyên văn của khách."


def test_publishing_needs_an_answer(staff_client, db):
    message = make_message()
    response = staff_client.post(
        f"{CHANGELIST}{message.pk}/change/",
        {"answer": " ", "status": "new", "is_published": "on"},
    )

    assert response.status_code == 200
    assert "Hãy viết câu trả lời trước khi công bố." in text(response)
    message.refresh_from_db()
    assert not message.is_published


def test_nobody_adds_a_message_in_the_admin(staff_client, db):
    assert staff_client.get(CHANGELIST + "add/").status_code == 403


def test_the_sender_address_hash_is_never_shown(staff_client, db):
    message = make_message()
    Message.objects.filter(pk=message.pk).update(sender_hash="f" * 64)

    html = staff_client.get(f"{CHANGELIST}{message.pk}/change/").content.decode()

    assert "f" * 64 not in html


def test_the_dashboard_counts_new_questions(staff_client, db):
    make_message()
    make_message()
    make_message(status=Message.Status.ANSWERED)

    response = staff_client.get("/admin/")

    assert "2 câu hỏi mới" in text(response)
    assert f"{CHANGELIST}?status__exact=new" in response.content.decode()


def test_the_dashboard_says_when_nothing_is_new(staff_client, db):
    assert "Không có câu hỏi mới nào" in text(staff_client.get("/admin/"))


def test_editors_answer_messages(client, db):
    """The editors' group may read, answer and delete messages and keep the
    office's details; the reporters' may not, and their dashboard has no count."""
    editor = role_user(EDITOR, "bientap")
    for codename in ["view_message", "change_message", "delete_message"]:
        assert editor.has_perm(f"contact.{codename}")
    assert editor.has_perm("contact.change_office")
    assert not editor.has_perm("contact.add_message")
    client.force_login(editor)
    make_message()
    assert "1 câu hỏi mới" in text(client.get("/admin/"))

    reporter = role_user(REPORTER, "phongvien")
    assert not reporter.has_perm("contact.view_message")
    client.force_login(reporter)
    assert "câu hỏi mới" not in text(client.get("/admin/"))
    assert client.get(CHANGELIST).status_code == 403


def test_the_permissions_exist_for_the_editors_group(db):
    permissions = Permission.objects.filter(
        group__name=EDITOR, content_type__app_label="contact"
    ).values_list("codename", flat=True)

    assert set(permissions) == {
        "view_message",
        "change_message",
        "delete_message",
        "view_office",
        "change_office",
    }
