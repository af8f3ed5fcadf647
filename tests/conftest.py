"""Fixtures every test shares."""

import pytest
from django.core.management import call_command

from news.roles import EDITOR, PHOTOGRAPHER, REPORTER
from tests.factories import role_user
from tests.helpers import rows_for_module


@pytest.fixture
def warm_office(db):
    """The office's details in the cache, as on any page after the first: a page's
    own queries are counted without the footer's one cold read."""
    from contact.models import Office

    return Office.current()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Uploads go to a temporary folder, never into media/; passwords hash fast."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    settings.LANGUAGE_CODE = "vi"
    # The page cache is tested on its own (tests/ops/test_page_cache.py).
    settings.PAGE_CACHE_ENABLED = False
    # Nothing cached by an earlier test (the office's details, a rolled-back row)
    # reaches this one, and query counts do not depend on the tests' order.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as a superuser of the admin."""
    user = django_user_model.objects.create_superuser("quantri", "qt@example.com", "x")
    client.force_login(user)
    return client


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content (``load_demo``), loaded once for a whole test module.

    Loading it takes a second or two; a module of page tests shares one copy, and it
    is rolled back when the module is done. Tests still need ``db``, and each test's
    own rows are rolled back as usual. Once loaded, the demo is there for every later
    test of the module, asked for or not: a test that needs an empty table deletes
    its rows (rolled back at its end).
    """
    with rows_for_module(django_db_blocker, tmp_path_factory.mktemp("media")):
        call_command("load_demo", verbosity=0)
        yield


# ---------------------------------------------------------------- the desk's people
# A reporter, an editor and a photographer of the college, each signed in on the
# test's client with exactly their role's permissions (news.roles).


@pytest.fixture
def reporter(client):
    user = role_user(REPORTER, "phongvien")
    client.force_login(user)
    return user


@pytest.fixture
def editor(client):
    user = role_user(EDITOR, "bientap")
    client.force_login(user)
    return user


@pytest.fixture
def photographer(client):
    user = role_user(PHOTOGRAPHER, "nhiepanh")
    client.force_login(user)
    return user
