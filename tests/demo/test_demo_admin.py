"""demo_admin: an administrator with a random password, printed once."""

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PASSWORD = re.compile(r"^Mật khẩu: (\S+)$", re.MULTILINE)


def run(*args):
    """The command's output and the password it printed, if any."""
    out = StringIO()
    call_command("demo_admin", *args, stdout=out)
    output = out.getvalue()
    match = PASSWORD.search(output)
    return output, match and match[1]


def test_creates_a_superuser_whose_password_works():
    """The printed password logs the new superuser “admin” in."""
    output, password = run()
    assert "Tên đăng nhập: admin" in output
    user = authenticate(username="admin", password=password)
    assert user is not None
    assert user.is_superuser and user.is_staff and user.is_active


def test_prints_the_admin_address(settings):
    """The address printed follows settings.ADMIN_URL."""
    output, _ = run()
    assert "http://127.0.0.1:8000/admin/" in output
    get_user_model().objects.all().delete()
    settings.ADMIN_URL = "quan-tri/"
    output, _ = run()
    assert "http://127.0.0.1:8000/quan-tri/" in output


def test_password_is_random():
    """Two fresh runs give two different passwords, each long enough."""
    _, first = run()
    get_user_model().objects.filter(username="admin").delete()
    _, second = run()
    assert first != second
    assert len(first) >= 16 and len(second) >= 16
    assert authenticate(username="admin", password=first) is None
    assert authenticate(username="admin", password=second) is not None


def test_existing_user_keeps_its_password():
    """Without --reset, a second run says the account exists and changes nothing."""
    _, password = run()
    hashed = get_user_model().objects.get(username="admin").password
    output, printed = run()
    assert printed is None
    assert "đã có" in output
    assert get_user_model().objects.get(username="admin").password == hashed
    assert authenticate(username="admin", password=password) is not None
    assert get_user_model().objects.count() == 1


def test_reset_sets_a_new_password():
    """With --reset, a new password is set and printed; the old one stops working."""
    _, old = run()
    output, new = run("--reset")
    assert new and new != old
    assert authenticate(username="admin", password=new) is not None
    assert authenticate(username="admin", password=old) is None
    assert get_user_model().objects.count() == 1
