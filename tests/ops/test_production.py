"""The production stack, as `make serve-prod` starts it: gunicorn with the project's
gunicorn.conf.py, WhiteNoise serving hashed and compressed static files, no media
from Django, and Redis as the cache when REDIS_URL is set."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def clean_env(**env):
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "PORT", "WEB_"))
    }
    return {**base, **env}


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, **headers):
    """Status, headers and body of a GET, without following redirects or raising."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn on a free loopback port, on a migrated SQLite file and freshly
    collected static files; stopped at the end."""
    tmp = tmp_path_factory.mktemp("prod")
    port = free_port()
    env = clean_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on loopback: no HTTPS redirect, no secure-only cookies.
        DJANGO_SECURE="0",
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        PORT=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
    )
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "migrate", "--noinput", "-v", "0")
    (tmp / "media").mkdir()
    (tmp / "media" / "upload.txt").write_text("uploaded")
    log = (tmp / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [str(GUNICORN), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail((tmp / "gunicorn.log").read_text())
                time.sleep(0.1)
        yield base, tmp
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def hashed_name(static_root, name):
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return manifest["paths"][name]


def test_home_page_answers(server):
    base, _ = server
    status, headers, body = fetch(base + "/")
    assert status == 200
    assert b"/static/css/site." in body  # the hashed name, from the manifest


def test_hashed_static_file_is_cached_for_a_year_at_least(server):
    base, tmp = server
    name = hashed_name(tmp / "static", "css/site.css")
    assert name != "css/site.css"
    status, headers, _ = fetch(f"{base}/static/{name}")
    assert status == 200
    cache_control = headers["Cache-Control"]
    assert "immutable" in cache_control
    max_age = int(cache_control.split("max-age=")[1].split(",")[0])
    assert max_age >= 31536000


def test_compressed_variant_is_served(server):
    base, tmp = server
    name = hashed_name(tmp / "static", "css/site.css")
    assert (tmp / "static" / (name + ".gz")).exists()
    status, headers, body = fetch(
        f"{base}/static/{name}", **{"Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert body[:2] == b"\x1f\x8b"
    assert "Accept-Encoding" in headers["Vary"]


def test_media_is_not_served_by_the_app(server):
    base, _ = server
    status, _, body = fetch(base + "/media/upload.txt")
    assert status == 404
    assert b"uploaded" not in body


def test_redis_cache_round_trips():
    url = "redis://127.0.0.1:6379/15"
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
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
    assert s3[0] == "storages.backends.s3.S3Storage"
    assert "('bucket_name', 'ngt-media')" in s3[1]
    assert "('endpoint_url', 'https://s3.example')" in s3[1]
    assert "('custom_domain', 'media.cdngt.example')" in s3[1]
    local = manage(clean_env(), "shell", "-v", "0", "-c", code).stdout.splitlines()
    assert local[0] == "django.core.files.storage.FileSystemStorage"
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
