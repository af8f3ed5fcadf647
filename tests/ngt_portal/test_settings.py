"""Settings come from the environment, and production's pass Django's deploy check."""

import secrets

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests import servers


def manage(*args, **env):
    """``manage.py`` with none of the caller's portal settings, then ``env``."""
    return servers.manage(servers.clean_env(**env), *args, timeout=120, check=False)


def test_production_settings_pass_check_deploy():
    """With a real secret key and host names, `check --deploy` reports nothing."""
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="cdngt.example",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_fails_check_deploy():
    """Without DJANGO_SECRET_KEY the development key is used, and the deploy check
    refuses it."""
    result = manage("check", "--deploy", DJANGO_ALLOWED_HOSTS="cdngt.example")
    assert "security.W009" in result.stderr


def test_debug_is_off_unless_asked():
    """DEBUG is off by default and on only with DJANGO_DEBUG=1."""
    code = "from django.conf import settings; print(settings.DEBUG)"
    assert manage("shell", "-v", "0", "-c", code).stdout.strip() == "False"
    assert (
        manage("shell", "-v", "0", "-c", code, DJANGO_DEBUG="1").stdout.strip()
        == "True"
    )


def test_debug_stays_off_with_a_secret_key():
    """A production secret key without DJANGO_DEBUG=1 never runs with DEBUG."""
    code = "from django.conf import settings; print(settings.DEBUG)"
    key = secrets.token_urlsafe(50)
    for debug in ({}, {"DJANGO_DEBUG": ""}, {"DJANGO_DEBUG": "0"}):
        result = manage("shell", "-v", "0", "-c", code, DJANGO_SECRET_KEY=key, **debug)
        assert result.stdout.strip() == "False", debug


def test_production_settings_with_proxy_and_admin_url_pass_check_deploy():
    """The lockout behind a proxy and a moved admin keep `check --deploy` clean."""
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="cdngt.example",
        DJANGO_PROXY_COUNT="1",
        DJANGO_ADMIN_URL="quan-tri/",
        DJANGO_AXES_FAILURE_LIMIT="3",
        DJANGO_AXES_COOLOFF_MINUTES="60",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_passwords_need_ten_characters(db):
    """Nine characters are refused; a ten-character pass phrase is accepted."""
    with pytest.raises(ValidationError):
        validate_password("hoa-sen-9")
    validate_password("hoa-sen-10")


def test_production_leaves_the_developer_tools_out():
    """Bench data and query plans are installed for development and tests only:
    production's applications and commands do not include them."""
    code = (
        "from django.conf import settings; from django.core.management import "
        "get_commands; print('devtools' in settings.INSTALLED_APPS, "
        "'make_bench_data' in get_commands())"
    )
    production = manage(
        "shell", "-v", "0", "-c", code, DJANGO_SECRET_KEY=secrets.token_urlsafe(50)
    )
    assert production.stdout.split() == ["False", "False"], production.stderr
    development = manage("shell", "-v", "0", "-c", code)
    assert development.stdout.split() == ["True", "True"], development.stderr
    forced = manage(
        "shell",
        "-v",
        "0",
        "-c",
        code,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_DEVTOOLS="1",
    )
    assert forced.stdout.split() == ["True", "True"], forced.stderr
