"""The Redis cache fails soft: Redis down reads as "not cached", and it comes back
by itself. Against the machine's real Redis (database 1 with its own key prefix)."""

import os
import socket
import threading
import time
import uuid
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError

from ops import cache_backend
from ops.cache_backend import ResilientRedisCache
from tests.factories import ArticleFactory

REDIS_URL = os.environ.get("NGT_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


def redis_answers():
    host_port = REDIS_URL.split("//", 1)[1].split("/", 1)[0]
    host, port = host_port.rsplit(":", 1)
    try:
        with socket.create_connection((host, int(port)), timeout=0.5):
            return True
    except OSError:
        return False


needs_redis = pytest.mark.skipif(
    not redis_answers(),
    reason=f"no Redis answers at {REDIS_URL} (set NGT_TEST_REDIS_URL to one)",
)


PREFIXES = []


def new_prefix():
    PREFIXES.append(f"ngt-test-{uuid.uuid4().hex[:8]}")
    return PREFIXES[-1]


@pytest.fixture(autouse=True, scope="module")
def _leave_nothing_in_redis():
    """Every key a test wrote, under its own prefix, is deleted afterwards."""
    yield
    if not PREFIXES or not redis_answers():
        return
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for prefix in PREFIXES:
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)


@pytest.fixture(autouse=True)
def _own_breakers():
    """Each test starts with Redis trusted (a process keeps one breaker a Redis)."""
    cache_backend._breakers.clear()
    yield
    cache_backend._breakers.clear()


def redis_cache(location=REDIS_URL):
    return ResilientRedisCache(
        location,
        {
            "KEY_PREFIX": new_prefix(),
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
        },
    )


@needs_redis
def test_a_real_redis_stores_and_reads():
    cache = redis_cache()
    cache.set("khoa", {"tiêu đề": "Hội nghị"}, 30)
    assert cache.get("khoa") == {"tiêu đề": "Hội nghị"}
    assert cache.add("khoa", "khác") is False
    cache.set("dem", 1, 30)
    assert cache.incr("dem") == 2
    with pytest.raises(ValueError):
        cache.incr("khong-co")
    assert cache.available()
    cache.delete_many(["khoa", "dem"])


def test_an_unreachable_redis_reads_as_a_miss_and_drops_writes():
    cache = redis_cache("redis://127.0.0.1:9/0")
    assert cache.get("khoa", "mặc định") == "mặc định"
    assert cache.set("khoa", 1) is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("khoa", 1) is False
    assert cache.incr("khoa") is None
    assert cache.delete("khoa") is False
    assert cache.available() is False


def test_after_a_failure_redis_is_left_alone_for_a_few_seconds():
    cache = redis_cache("redis://127.0.0.1:9/0")
    cache.get("khoa")
    with mock.patch.object(
        cache._cache, "get_client", side_effect=AssertionError("tried again")
    ):
        for _ in range(20):
            assert cache.get("khoa") is None
            cache.set("khoa", 1)


@needs_redis
def test_it_recovers_by_itself_when_redis_is_back():
    cache = redis_cache()
    clock = [1000.0]
    with mock.patch.object(cache_backend.time, "monotonic", lambda: clock[0]):
        with mock.patch.object(
            cache._cache, "get_client", side_effect=RedisConnectionError("down")
        ):
            assert cache.get("khoa", "x") == "x"
            cache.set("khoa", "giá trị")
        # Redis is back, but the breaker waits out its seconds …
        cache.set("khoa", "giá trị", 30)
        assert cache.get("khoa") is None
        # … and then uses it again, with no restart.
        clock[0] += cache_backend.RETRY_SECONDS + 0.1
        cache.set("khoa", "giá trị", 30)
        assert cache.get("khoa") == "giá trị"
        cache.delete("khoa")


@needs_redis
@pytest.mark.django_db
def test_the_page_cache_works_on_real_redis(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "ops.cache_backend.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": new_prefix(),
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    article = ArticleFactory(
        status="published", published_at=timezone.now(), title="Trên Redis thật"
    )
    url = article.get_absolute_url()
    assert client.get(url)["X-Cache"] == "MISS"
    hit = client.get(url)
    assert hit["X-Cache"] == "HIT"
    assert "Trên Redis thật" in hit.content.decode()
    assert client.get(reverse("home")).status_code == 200


@needs_redis
def test_advance_is_tried_even_while_backing_off():
    """A generation bump must not be dropped because the process is waiting out
    an earlier failure: Redis answers again, the bump lands and the wait ends."""
    cache = redis_cache()
    cache.set("the-he", 41, 30)
    cache.breaker.trip(RedisConnectionError("a moment ago"))
    assert cache.get("the-he") is None, "backing off"
    assert cache.advance("the-he") == 42, "the new number"
    assert cache.get("the-he") == 42
    cache.delete("the-he")


@needs_redis
def test_advance_starts_a_missing_counter_from_the_clock():
    cache = redis_cache()
    before = time.time_ns()
    number = cache.advance("the-he-moi")
    assert number > before
    assert cache.get("the-he-moi") == number
    cache.delete("the-he-moi")


def test_advance_to_an_unreachable_redis_is_false_and_counted():
    cache = redis_cache("redis://127.0.0.1:9/0")
    assert cache.outages() == 0
    assert cache.advance("the-he") is False
    assert cache.outages() == 1
    # Tried again although the process backs off: it is a write that matters.
    assert cache.advance("the-he") is False
    assert cache.outages() == 2


def test_the_threads_of_a_process_share_one_breaker():
    """Django gives each thread its own cache object; a failure seen by one is
    known to all, and counted once."""
    first = redis_cache("redis://127.0.0.1:9/0")
    other = threading.Thread(target=lambda: first.get("khoa"))
    other.start()
    other.join()
    second = redis_cache("redis://127.0.0.1:9/0")
    assert second.outages() == 1
    with mock.patch.object(
        second._cache, "get_client", side_effect=AssertionError("tried again")
    ):
        assert second.get("khoa") is None
