"""Repeated failed logins lock a user name at an address for a while (django-axes)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

from core.client import client_address as client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dung-1"
LOCKED_TEXT = "Việc đăng nhập bị khoá trong 30 phút"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "bientap", "bt@example.com", PASSWORD, is_staff=True
    )


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def fail_five_times(client, username, address="203.0.113.7"):
    for _ in range(5):
        response = log_in(client, username, "sai-mat-khau", address)
        assert response.status_code in {200, 429}


def test_right_password_logs_in(client, editor):
    """Without failures, the right password opens the admin."""
    response = log_in(client, "bientap", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_five_failures_lock_the_user_name(client, editor):
    """After five wrong passwords, even the right one gets the Vietnamese lockout
    page with status 429, saying for how long."""
    fail_five_times(client, "bientap")
    response = log_in(client, "bientap", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Đăng nhập tạm bị khoá" in page
    assert LOCKED_TEXT in page
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, editor):
    """Four wrong passwords still leave the right one working."""
    for _ in range(4):
        log_in(client, "bientap", "sai-mat-khau")
    assert log_in(client, "bientap", PASSWORD).status_code == 302


def test_lock_is_per_user_name_and_address(client, editor, django_user_model):
    """Another user name from the same address, and the same user name from another
    address, can still log in."""
    django_user_model.objects.create_user("phongvien", password=PASSWORD, is_staff=True)
    fail_five_times(client, "bientap")
    assert log_in(client, "phongvien", PASSWORD).status_code == 302
    client.logout()
    assert (
        log_in(client, "bientap", PASSWORD, address="198.51.100.9").status_code == 302
    )


def test_lock_ends_after_cool_off(client, editor):
    """Thirty minutes after the last failure the user name may log in again."""
    fail_five_times(client, "bientap")
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC)
        - datetime.timedelta(minutes=31)
    )
    assert log_in(client, "bientap", PASSWORD).status_code == 302


def test_axes_reset_unlocks(client, editor):
    """`manage.py axes_reset` lifts every lock."""
    fail_five_times(client, "bientap")
    call_command("axes_reset", verbosity=0)
    assert log_in(client, "bientap", PASSWORD).status_code == 302


def test_lockout_settings_from_environment(settings):
    """Five failures, thirty minutes, keyed by user name and address together."""
    assert settings.AXES_ENABLED is True
    assert settings.AXES_FAILURE_LIMIT == 5
    assert datetime.timedelta(minutes=30) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_address_is_remote_addr_without_proxy(rf, settings):
    """Without a proxy, X-Forwarded-For is the visitor's own words and is ignored."""
    settings.NGT_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.0.0.1"


def test_address_behind_one_proxy(rf, settings):
    """Behind one proxy, the address it appended to X-Forwarded-For is used, not what
    the visitor put in front of it."""
    settings.NGT_PROXY_COUNT = 1
    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
    )
    assert client_ip(request) == "203.0.113.7"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"


def test_lock_behind_a_proxy_is_per_visitor(client, editor, settings):
    """Behind a proxy (DJANGO_PROXY_COUNT=1) visitors sharing the proxy's address are
    told apart by X-Forwarded-For: one visitor's failures do not lock another."""
    settings.NGT_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(5):
        client.post(
            reverse("admin:login"),
            {"username": "bientap", "password": "sai-mat-khau"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
            **proxy,
        )
    locked = client.post(
        reverse("admin:login"),
        {"username": "bientap", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.7",
        **proxy,
    )
    assert locked.status_code == 429
    other = client.post(
        reverse("admin:login"),
        {"username": "bientap", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.9",
        **proxy,
    )
    assert other.status_code == 302
