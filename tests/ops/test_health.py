"""Health endpoints for the load balancer, request ids and structured logs."""

import io
import json
import logging
import re
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import OperationalError
from django.http import HttpResponse
from django.test import Client

from ops.observability import (
    JsonFormatter,
    RequestContextFilter,
    RequestIdMiddleware,
)
from tests.servers import clean_env, manage

NEW_ID = re.compile(r"[0-9a-f]{32}")


def database_down():
    """Every connection attempt fails as it does when PostgreSQL is stopped."""
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError("connection refused"),
    )


@pytest.fixture
def quiet_client():
    """A client that gets the error page instead of the exception."""
    return Client(raise_request_exception=False)


@pytest.fixture
def log_lines():
    """Everything logged during the test, as the portal's stdout handler writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


# ------------------------------------------------------------------ /healthz


def test_healthz_answers_ok_without_the_database(client):
    """No django_db mark: any query would raise, yet /healthz answers 200 "ok"."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_while_the_database_is_down(quiet_client):
    with database_down():
        response = quiet_client.get("/healthz")
    assert response.status_code == 200


def test_healthz_accepts_head_and_refuses_post(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_health_endpoints_are_never_stored_by_the_page_cache(client, settings):
    """Both are never_cache, so the page cache neither stores nor serves them."""
    settings.PAGE_CACHE_ENABLED = True
    for path in ("/healthz", "/healthz", "/readyz", "/readyz"):
        response = client.get(path)
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert "private" in response["Cache-Control"]


# ------------------------------------------------------------------ /readyz


@pytest.mark.django_db
def test_readyz_is_200_when_database_and_cache_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }
    assert "no-store" in response["Cache-Control"]
    assert client.head("/readyz").status_code == 200
    assert client.post("/readyz").status_code == 405


def test_readyz_is_503_naming_the_database_when_it_is_down(quiet_client):
    with database_down():
        response = quiet_client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "error: OperationalError"
    assert body["checks"]["cache"] == "ok"


@pytest.mark.django_db
def test_readyz_is_503_naming_the_cache_when_it_loses_values(client):
    with mock.patch.object(type(caches["default"]), "get", return_value=None):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"] == {"database": "ok", "cache": "error: ConnectionError"}


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_server_does_not_answer(client):
    """A cache backend that can say it is unreachable (Redis) is asked first."""
    backend = type(caches["default"])
    with mock.patch.object(backend, "available", create=True, return_value=False):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error: ConnectionError"


@pytest.mark.django_db
def test_readyz_leaves_nothing_in_the_cache(client):
    client.get("/readyz")
    assert not [key for key in cache._cache if "readyz" in key]


# ------------------------------------------------------------------ request id


def test_a_request_id_is_made_when_none_is_sent(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert NEW_ID.fullmatch(first)
    assert NEW_ID.fullmatch(second)
    assert first != second


def test_a_sane_request_id_from_the_front_server_is_kept(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-1a2B.3_c")
    assert response["X-Request-ID"] == "nginx-1a2B.3_c"


@pytest.mark.parametrize(
    "bad",
    [
        "x" * 65,
        "two words",
        "<script>alert(1)</script>",
        "id\nInjected: header",
        "mã-lỗi",
        "a/b",
    ],
)
def test_a_bad_request_id_is_replaced(client, bad):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=bad)
    assert NEW_ID.fullmatch(response["X-Request-ID"])


def test_the_request_id_is_on_the_request(rf):
    seen = {}

    def view(request):
        seen["id"] = request.request_id
        return HttpResponse()

    response = RequestIdMiddleware(view)(rf.get("/", HTTP_X_REQUEST_ID="abc"))
    assert seen["id"] == "abc"
    assert response["X-Request-ID"] == "abc"


# ------------------------------------------------------------------ logs


def test_a_record_logged_inside_a_view_carries_the_request_id(quiet_client, log_lines):
    with database_down():
        quiet_client.get("/readyz", HTTP_X_REQUEST_ID="req-ready")
    records = [r for r in log_lines() if r["logger"] == "ops.health"]
    assert len(records) == 1
    assert records[0]["request_id"] == "req-ready"
    assert records[0]["method"] == "GET"
    assert records[0]["path"] == "/readyz"
    assert "database" in records[0]["message"]


@pytest.mark.django_db  # a 404 page's footer reads the office's details
def test_a_response_logged_by_django_carries_the_request_id(client, log_lines):
    """Django logs a 404 (django.request, WARNING) after the middleware returned."""
    response = client.get("/khong-co-trang-nay/", HTTP_X_REQUEST_ID="req-404")
    assert response.status_code == 404
    records = [r for r in log_lines() if r["logger"] == "django.request"]
    assert records, "Django logged nothing for the 404"
    record = records[-1]
    assert record["request_id"] == "req-404"
    assert record["level"] == "WARNING"
    assert record["status"] == 404
    assert record["method"] == "GET"
    assert record["path"] == "/khong-co-trang-nay/"


def test_a_server_error_is_logged_as_json_with_the_id_and_shown_to_the_visitor(
    quiet_client, log_lines
):
    """An unexpected error: 500 page with the request id ("Mã lỗi"), and one JSON log
    line with the same id and the exception's traceback."""
    with mock.patch(
        "pages.views.listed_articles", side_effect=ValueError("broken view")
    ):
        response = quiet_client.get("/", HTTP_X_REQUEST_ID="req-500")
    assert response.status_code == 500
    text = response.content.decode()
    assert "req-500" in text
    assert "Traceback" not in text
    assert "broken view" not in text
    errors = [r for r in log_lines() if r["level"] == "ERROR"]
    assert len(errors) == 1
    assert errors[0]["request_id"] == "req-500"
    assert errors[0]["status"] == 500
    assert "ValueError: broken view" in errors[0]["exception"]


def test_a_database_outage_is_logged_with_the_id(quiet_client, log_lines):
    with database_down():
        response = quiet_client.get("/", HTTP_X_REQUEST_ID="req-503")
    assert response.status_code == 503
    errors = [r for r in log_lines() if r["level"] == "ERROR"]
    assert [r["request_id"] for r in errors] == ["req-503"]
    assert errors[0]["status"] == 503
    assert "OperationalError: connection refused" in errors[0]["exception"]


def test_json_lines_are_valid_and_keep_vietnamese_readable():
    record = logging.LogRecord(
        "ngt_portal", logging.INFO, __file__, 1, "Đã lưu “%s”", ("Hội nghị",), None
    )
    RequestContextFilter().filter(record)
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["message"] == "Đã lưu “Hội nghị”"
    assert entry["request_id"] == "-"
    assert entry["level"] == "INFO"
    assert {"time", "logger"} <= entry.keys()


def run_shell(code, **env):
    environ = clean_env(**env)
    return manage(environ, "shell", "-v", "0", "-c", code, timeout=60, check=False)


def test_the_portal_logs_json_lines_on_stdout():
    """The LOGGING setting: one JSON object per line on stdout, exception included."""
    result = run_shell(
        "import logging\n"
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n"
        "    logging.getLogger('ngt_portal').exception('Lỗi thử')"
    )
    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stdout.splitlines()]
    assert entries[-1]["message"] == "Lỗi thử"
    assert entries[-1]["level"] == "ERROR"
    assert entries[-1]["request_id"] == "-"
    assert "ZeroDivisionError" in entries[-1]["exception"]


def test_text_logs_for_development():
    result = run_shell(
        "import logging; logging.getLogger('ngt_portal').warning('xin chào')",
        DJANGO_LOG_FORMAT="text",
    )
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert line.endswith("WARNING ngt_portal [-] xin chào")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://postgres@127.0.0.1:5432/ngt", "3"),
        ("postgres://postgres@127.0.0.1:5432/ngt?connect_timeout=10", "10"),
        ("sqlite:///portal.sqlite3", "None"),
    ],
)
def test_postgresql_gives_up_connecting_after_a_few_seconds(url, expected):
    """A stopped or unreachable server costs a request seconds, not minutes;
    SQLite, which has no such option, is left alone."""
    result = run_shell(
        "from django.conf import settings\n"
        "print(settings.DATABASES['default'].get('OPTIONS', {}).get('connect_timeout'))",
        DATABASE_URL=url,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected
