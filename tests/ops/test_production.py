"""The production stack, as `make serve-prod` starts it: gunicorn with the project's
gunicorn.conf.py, WhiteNoise serving hashed and compressed static files, no media
from Django, and Redis as the cache when REDIS_URL is set."""

import json
import secrets

import pytest

from tests import servers
from tests.servers import clean_env, fetch


def manage(env, *args):
    return servers.manage(env, *args, timeout=120)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn on a free loopback port, on a migrated SQLite file and the static
    files collected as production collects them; stopped at the end."""
    tmp = tmp_path_factory.mktemp("prod")
    static = servers.collected_static()
    env = servers.production_env(
        f"sqlite:///{tmp / 'db.sqlite3'}", static, tmp / "media"
    )
    manage(env, "migrate", "--noinput", "-v", "0")
    (tmp / "media").mkdir()
    (tmp / "media" / "upload.txt").write_text("uploaded")
    with servers.gunicorn(env, log_path=tmp / "gunicorn.log") as web:
        yield web.base, static


def hashed_name(static_root, name):
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return manifest["paths"][name]


@pytest.mark.server
def test_home_page_answers(server):
    base, _ = server
    status, headers, body = fetch(base + "/")
    assert status == 200
    assert b"/static/css/site." in body  # the hashed name, from the manifest


@pytest.mark.server
def test_hashed_static_file_is_cached_for_a_year_at_least(server):
    base, static = server
    name = hashed_name(static, "css/site.css")
    assert name != "css/site.css"
    status, headers, _ = fetch(f"{base}/static/{name}")
    assert status == 200
    cache_control = headers["Cache-Control"]
    assert "immutable" in cache_control
    max_age = int(cache_control.split("max-age=")[1].split(",")[0])
    assert max_age >= 31536000


@pytest.mark.server
def test_compressed_variant_is_served(server):
    base, static = server
    name = hashed_name(static, "css/site.css")
    assert (static / (name + ".gz")).exists()
    status, headers, body = fetch(
        f"{base}/static/{name}", headers={"Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert body[:2] == b"\x1f\x8b"
    assert "Accept-Encoding" in headers["Vary"]


@pytest.mark.server
def test_media_is_not_served_by_the_app(server):
    base, _ = server
    status, _, body = fetch(base + "/media/upload.txt")
    assert status == 404
    assert b"uploaded" not in body


def test_redis_cache_round_trips():
    url = "redis://127.0.0.1:6379/15"
    if not servers.port_open(6379, timeout=1):
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    value = secrets.token_hex(8)
    code = (
        "from django.conf import settings; from django.core.cache import cache\n"
        "assert 'redis' in settings.CACHES['default']['BACKEND'].lower()\n"
        f"cache.set('ngt-test-round-trip', '{value}', 30)\n"
        "print(cache.get('ngt-test-round-trip'))\n"
        "cache.delete('ngt-test-round-trip')"
    )
    result = manage(clean_env(REDIS_URL=url), "shell", "-v", "0", "-c", code)
    assert result.stdout.strip() == value


def test_s3_media_storage_is_configuration_alone():
    """DJANGO_MEDIA_STORAGE=s3 points the default storage at django-storages, with
    the options from the environment; without it nothing of django-storages is
    imported."""
    code = (
        "import sys; from django.conf import settings\n"
        "print(settings.STORAGES['default']['BACKEND'])\n"
        "print(sorted(settings.STORAGES['default'].get('OPTIONS', {}).items()))\n"
        "print('storages' in sys.modules)"
    )
    s3 = manage(
        clean_env(
            DJANGO_MEDIA_STORAGE="s3",
            AWS_STORAGE_BUCKET_NAME="ngt-media",
            AWS_S3_ENDPOINT_URL="https://s3.example",
            AWS_S3_REGION_NAME="ap-southeast-1",
            AWS_S3_CUSTOM_DOMAIN="media.cdngt.example",
        ),
        "shell",
        "-v",
        "0",
        "-c",
        code,
    ).stdout.splitlines()
    assert s3[0] == "core.s3_storage.DocumentS3Storage"
    assert "('bucket_name', 'ngt-media')" in s3[1]
    assert "('endpoint_url', 'https://s3.example')" in s3[1]
    assert "('custom_domain', 'media.cdngt.example')" in s3[1]
    local = manage(clean_env(), "shell", "-v", "0", "-c", code).stdout.splitlines()
    assert local[0] == "core.storage.MediaStorage"
    assert local[2] == "False"


def test_static_storage_is_plain_without_a_secret_key():
    """Tests and `make run` need no collectstatic: the manifest storage is on only in
    production (a secret key, no debug) or with DJANGO_STATIC_MANIFEST=1."""
    code = "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])"
    plain = manage(clean_env(), "shell", "-v", "0", "-c", code).stdout.strip()
    assert plain == "django.contrib.staticfiles.storage.StaticFilesStorage"
    forced = manage(
        clean_env(DJANGO_STATIC_MANIFEST="1"), "shell", "-v", "0", "-c", code
    ).stdout.strip()
    assert forced == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    key = secrets.token_urlsafe(50)
    prod = manage(
        clean_env(DJANGO_SECRET_KEY=key), "shell", "-v", "0", "-c", code
    ).stdout.strip()
    assert prod == "whitenoise.storage.CompressedManifestStaticFilesStorage"
