"""Malformed requests to every form and upload endpoint: a 4xx with a Vietnamese
message, never a 500, nothing saved and no file left behind.

The test client re-raises a view's exception, so a case here that would be a 500
in production fails with the traceback.
"""

import io
import json

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import encode_multipart
from django.urls import reverse
from PIL import Image

from tests.factories import ArticleFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db

BOUNDARY = "----ngt-malformed"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
FORM = "application/x-www-form-urlencoded"

# What each status says, in the page's heading or the JSON ``error``.
HEADINGS = {
    400: "Yêu cầu không xử lý được",
    405: "Loại yêu cầu này không được chấp nhận",
    413: "Dữ liệu gửi lên quá lớn",
    415: "Kiểu dữ liệu này không được chấp nhận",
}
MESSAGES = {
    "too_large": "quá lớn",
    "form_too_large": "quá lớn",
    "too_many_fields": "quá nhiều trường",
    "too_many_files": "quá nhiều tệp",
    "json": "chỉ nhận dữ liệu gửi từ biểu mẫu",
    "text": "chỉ nhận dữ liệu gửi từ biểu mẫu",
    "broken_multipart": "bị gián đoạn",
    "PUT": "không nhận phương thức PUT",
    "DELETE": "không nhận phương thức DELETE",
    "PATCH": "không nhận phương thức PATCH",
}


def jpeg_bytes(size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "JPEG")
    return buffer.getvalue()


def media_files(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def row_counts():
    """Rows in every table of the portal's apps and of the admin's log."""
    labels = {"people", "events", "news", "awards", "admin"}
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in labels
    }


@pytest.fixture
def objects():
    return {
        "article": ArticleFactory(),
        "meeting": MeetingFactory(),
        "person": PersonFactory(),
    }


def admin_endpoints(objects):
    """(name, URL) of every admin form: each model's add form and change list, the
    change forms of an article, a meeting and a person, and the views the apps add."""
    found = [("login", reverse("admin:login"))]
    for model in admin.site._registry:
        opts = model._meta
        found.append(
            (
                f"{opts.label}_add",
                reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
            )
        )
        found.append(
            (
                f"{opts.label}_changelist",
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            )
        )
    article, meeting, person = objects["article"], objects["meeting"], objects["person"]
    found += [
        ("article_change", reverse("admin:news_article_change", args=[article.pk])),
        (
            "article_workflow",
            reverse("admin:news_article_workflow", args=[article.pk, "submit"]),
        ),
        ("meeting_change", reverse("admin:events_meeting_change", args=[meeting.pk])),
        (
            "meeting_upload_page",
            reverse("admin:events_meeting_upload_photos", args=[meeting.pk]),
        ),
        ("person_change", reverse("admin:people_person_change", args=[person.pk])),
        ("logout", reverse("admin:logout")),
    ]
    return found


def oversized(settings):
    settings.NGT_REQUEST_MAX_BYTES = 50_000
    return {"data": "a=" + "x" * 100_000, "content_type": FORM}


def form_too_large(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    return {"data": "title=" + "x" * 2_000, "content_type": FORM}


def too_many_fields(settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    return {"data": "&".join(f"f{n}=1" for n in range(20)), "content_type": FORM}


def too_many_files(settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    files = {
        f"file{n}": SimpleUploadedFile(f"{n}.jpg", jpeg_bytes(), "image/jpeg")
        for n in range(3)
    }
    return {"data": encode_multipart(BOUNDARY, files), "content_type": MULTIPART}


BODY_CASES = {
    "too_large": (oversized, 413),
    "form_too_large": (form_too_large, 413),
    "too_many_fields": (too_many_fields, 400),
    "too_many_files": (too_many_files, 400),
    "json": (
        lambda s: {"data": '{"title": "x"}', "content_type": "application/json"},
        415,
    ),
    "text": (lambda s: {"data": "title=x", "content_type": "text/plain"}, 415),
    "broken_multipart": (
        lambda s: {"data": b"--nothing\r\n", "content_type": "multipart/form-data"},
        400,
    ),
}
METHOD_CASES = ["PUT", "DELETE", "PATCH"]


def send(client, url, case, settings):
    if case in METHOD_CASES:
        return getattr(client, case.lower())(url, data="title=x", content_type=FORM)
    make, _status = BODY_CASES[case]
    return client.generic("POST", url, **make(settings))


def expected_status(case):
    return 405 if case in METHOD_CASES else BODY_CASES[case][1]


def assert_vietnamese_page(response, status, case):
    text = response.content.decode()
    assert response.status_code == status, text[:500]
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="vi"' in text
    assert HEADINGS[status] in text
    assert MESSAGES[case] in text
    assert "Không có gì được lưu." in text


CASES = [*BODY_CASES, *METHOD_CASES]


@pytest.mark.parametrize("case", CASES)
def test_admin_forms_refuse_malformed_requests(staff_client, objects, settings, case):
    """Every admin form, add and change, the login and the apps' own views: each
    malformed case is a Vietnamese 4xx page, and nothing is saved."""
    before = row_counts()
    for name, url in admin_endpoints(objects):
        response = send(staff_client, url, case, settings)
        try:
            assert_vietnamese_page(response, expected_status(case), case)
        except AssertionError as error:
            raise AssertionError(f"{name} {url}: {error}") from error
        if case in METHOD_CASES:
            assert set(response["Allow"].split(", ")) <= {"GET", "HEAD", "POST"}
    assert row_counts() == before
    assert media_files(settings) == []


@pytest.mark.parametrize("case", CASES)
def test_the_login_page_refuses_malformed_requests_before_login(client, settings, case):
    """A visitor who is not signed in gets the same answers from the login page."""
    response = send(client, reverse("admin:login"), case, settings)
    assert_vietnamese_page(response, expected_status(case), case)


@pytest.mark.parametrize("case", CASES)
def test_the_editor_image_upload_answers_ckeditor(staff_client, settings, case):
    """CKEditor's upload gets its own JSON shape with the Vietnamese message."""
    before = row_counts()
    response = send(staff_client, reverse("ckeditor_upload"), case, settings)
    assert response.status_code == expected_status(case)
    data = response.json()
    assert data["uploaded"] == 0
    assert MESSAGES[case] in data["error"]["message"]
    assert row_counts() == before
    assert media_files(settings) == []


def test_the_editor_frame_gets_the_message_in_its_script(staff_client, settings):
    """In CKEditor's upload frame the refusal comes as the callback's message."""
    url = reverse("ckeditor_upload") + "?CKEditorFuncNum=2"
    response = send(staff_client, url, "json", settings)
    assert response.status_code == 415
    text = response.content.decode()
    assert "CKEDITOR.tools.callFunction(2, " in text
    assert MESSAGES["json"] in json.loads(text.split(", ", 2)[2].rsplit(")", 1)[0])


# The meeting photo upload checks a body's length and type itself, with the
# messages its page shows (tests/events/test_uploads.py): those stay 400.
PHOTO_UPLOAD_CASES = {
    "too_large": (400, "Tệp quá lớn"),
    "form_too_large": (400, "quá lớn"),
    "too_many_fields": (400, "quá nhiều trường"),
    "too_many_files": (400, "quá nhiều tệp"),
    "json": (400, "Hãy chọn"),
    "text": (400, "Hãy chọn"),
    "broken_multipart": (400, "bị gián đoạn"),
    "PUT": (405, MESSAGES["PUT"]),
    "DELETE": (405, MESSAGES["DELETE"]),
    "PATCH": (405, MESSAGES["PATCH"]),
}


# The upload reads only multipart bodies; these cases are sent as one.
MULTIPART_BODIES = {
    "form_too_large": {"caption": "x" * 2_000},
    "too_many_fields": {f"f{n}": "1" for n in range(20)},
}


@pytest.mark.parametrize("case", CASES)
def test_the_photo_upload_answers_json(staff_client, objects, settings, case):
    """The bulk photo upload answers ``{"error": "…"}`` in Vietnamese for each case;
    no photo and no file is left."""
    if case == "too_large":
        settings.NGT_IMAGE_MAX_BYTES = 1_000
    if case == "form_too_large":
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    if case == "too_many_fields":
        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    before = row_counts()
    url = reverse("admin:events_meeting_upload_photo", args=[objects["meeting"].pk])
    if case in MULTIPART_BODIES:
        body = encode_multipart(BOUNDARY, MULTIPART_BODIES[case])
        response = staff_client.generic("POST", url, body, content_type=MULTIPART)
    else:
        response = send(staff_client, url, case, settings)
    status, words = PHOTO_UPLOAD_CASES[case]
    assert response.status_code == (413 if case == "form_too_large" else status)
    assert words in response.json()["error"]
    assert row_counts() == before
    assert media_files(settings) == []


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize(
    "url", ["/", "/tin-tuc/", "/su-kien/", "/tim-kiem/?q=hoi+nghi", "/rss/"]
)
def test_public_pages_answer_405_in_vietnamese(client, method, url):
    """Public pages take only GET and HEAD; anything else is a Vietnamese 405."""
    response = client.generic(method, url, "a=1", content_type=FORM)
    text = response.content.decode()
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert HEADINGS[405] in text
    assert f"không nhận phương thức {method}" in text


def test_an_oversized_body_to_a_public_page_is_413(client, settings):
    """A body over the request limit is refused before anything reads it."""
    settings.NGT_REQUEST_MAX_BYTES = 1_000
    response = client.post("/tin-tuc/", "a=" + "x" * 2_000, content_type=FORM)
    assert response.status_code == 413
    assert HEADINGS[413] in response.content.decode()


def test_a_length_that_is_not_a_number_is_400(client):
    response = client.generic(
        "POST", "/admin/login/", "a=1", content_type=FORM, CONTENT_LENGTH="abc"
    )
    assert response.status_code == 400
    assert "Độ dài của yêu cầu không hợp lệ" in response.content.decode()


def test_a_bad_host_gets_the_vietnamese_400_page(client):
    """Django's own 400 (a Host it does not serve) uses the portal's page."""
    response = client.get("/", HTTP_HOST="ke-la.example")
    assert response.status_code == 400
    text = response.content.decode()
    assert '<html lang="vi"' in text
    assert HEADINGS[400] in text


def test_a_stale_csrf_token_gets_a_vietnamese_page(django_user_model):
    """A form sent with a token that no longer matches: 403 in Vietnamese, saying
    nothing was saved; nothing is."""
    user = django_user_model.objects.create_superuser("quantri", "q@example.com", "x")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    browser.get(reverse("admin:news_article_add"))
    browser.cookies["csrftoken"] = "a" * 32
    before = row_counts()
    response = browser.post(
        reverse("admin:news_article_add"),
        {"title": "Bài mới", "csrfmiddlewaretoken": "b" * 32},
    )
    text = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="vi"' in text
    assert "Biểu mẫu đã hết hiệu lực" in text
    assert "Không có gì được lưu." in text
    assert "DEBUG" not in text
    assert row_counts() == before


def test_no_csrf_cookie_says_to_allow_cookies(client):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("admin:login"), {"username": "a"})
    assert response.status_code == 403
    assert "cookie" in response.content.decode()


def test_the_photo_upload_gets_json_for_a_stale_token(objects, django_user_model):
    """The upload page's script reads the CSRF refusal as ``{"error": "…"}``."""
    user = django_user_model.objects.create_superuser("quantri", "q@example.com", "x")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    browser.cookies["csrftoken"] = "a" * 32
    url = reverse("admin:events_meeting_upload_photo", args=[objects["meeting"].pk])
    response = browser.post(
        url,
        {"image": SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg")},
        HTTP_X_CSRFTOKEN="b" * 32,
    )
    assert response.status_code == 403
    assert "Biểu mẫu" in response.json()["error"] or "hết" in response.json()["error"]
