"""Fixtures every test shares."""

import pytest


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Uploads go to a temporary folder, never into media/; passwords hash fast."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    settings.LANGUAGE_CODE = "vi"


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as a superuser of the admin."""
    user = django_user_model.objects.create_superuser("quantri", "qt@example.com", "x")
    client.force_login(user)
    return client
