"""Django's Redis cache, made to fail soft: when Redis is down the site goes on.

A cache is an accelerator, never a source of truth. With Redis stopped or unreachable,
every read here answers "not cached" and every write is dropped, so pages are rendered
from the database (slower) instead of failing. After a failure the process leaves
Redis alone for ``RETRY_SECONDS`` rather than paying a connection attempt on every
call; then the next call tries again, so recovery needs no restart.

Two writes must not be lost that way: the page cache's generation bump
(docs/decisions/0012). ``advance`` is tried even while backing off, and every
failure is counted (``outages``) so the page cache can tell that this process lost
contact with Redis, even for a moment, and what Redis holds may be out of date.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("ops.page_cache")

RETRY_SECONDS = 5.0


class _Breaker:
    """When Redis last failed, and how often it has, shared by the threads of one
    process (Django gives each thread its own cache object: see ``_breaker``)."""

    def __init__(self):
        self.down_until = 0.0
        self.trips = 0
        self.lock = threading.Lock()

    def closed(self):
        return time.monotonic() >= self.down_until

    def trip(self, error):
        with self.lock:
            first = self.closed()
            self.down_until = time.monotonic() + RETRY_SECONDS
            self.trips += 1
        if first:
            logger.warning(
                "Redis unreachable, pages are rendered without the cache for %ss: %s",
                RETRY_SECONDS,
                error,
            )

    def reset(self):
        """Redis answered: stop backing off."""
        with self.lock:
            self.down_until = 0.0


_breakers = {}
_breakers_lock = threading.Lock()


def _breaker(location):
    """The one breaker of this process for a Redis ``location``."""
    with _breakers_lock:
        return _breakers.setdefault(location, _Breaker())


def _soft(default):
    """Run a cache method; on a Redis error answer ``default`` and trip the breaker."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if not self.breaker.closed():
                return default() if callable(default) else default
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                self.breaker.trip(error)
                return default() if callable(default) else default

        return wrapper

    return decorate


class _ReusedClients(RedisCacheClient):
    """Django's Redis client, keeping one ``redis.Redis`` per connection pool.

    Django makes a new ``redis.Redis`` for every cache call, and redis-py builds a
    table of some 170 response callbacks in each: two calls per page served from the
    cache spent more time there than talking to Redis. A ``redis.Redis`` is safe to
    share between threads (its pool hands out the connections).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """``RedisCache`` whose failures read as misses and whose writes may be lost."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClients
        self.breaker = _breaker(str(server))

    def make_and_validate_key(self, key, version=None):
        # Django's check warns of keys memcached would refuse; Redis takes any, and
        # a page served from the cache makes several keys.
        return self.make_key(key, version=version)

    def get(self, key, default=None, version=None):
        if not self.breaker.closed():
            return default
        try:
            return super().get(key, default, version)
        except (RedisError, OSError) as error:
            self.breaker.trip(error)
            return default

    set = _soft(None)(RedisCache.set)
    add = _soft(False)(RedisCache.add)
    touch = _soft(False)(RedisCache.touch)
    delete = _soft(False)(RedisCache.delete)
    get_many = _soft(dict)(RedisCache.get_many)
    has_key = _soft(False)(RedisCache.has_key)
    set_many = _soft(list)(RedisCache.set_many)
    delete_many = _soft(None)(RedisCache.delete_many)
    clear = _soft(False)(RedisCache.clear)
    # A missing key still raises ValueError, as Django's contract says; only a
    # connection failure is softened, to None, which callers must accept.
    incr = _soft(None)(RedisCache.incr)

    def advance(self, key, version=None):
        """Move the counter ``key`` on by one, even while backing off; a missing
        counter starts from the clock, so no number is used twice. Its new number
        once Redis has it, False when it does not answer (the caller must remember
        that).

        One round trip: ``SET NX`` and ``INCR`` in one pipeline.
        """
        key = self.make_and_validate_key(key, version=version)
        try:
            pipeline = self._cache.get_client(key, write=True).pipeline(
                transaction=False
            )
            pipeline.set(key, time.time_ns(), nx=True)
            pipeline.incr(key)
            _, number = pipeline.execute()
        except (RedisError, OSError) as error:
            self.breaker.trip(error)
            return False
        self.breaker.reset()
        return number

    def stamp(self, keys, value, timeout, version=None):
        """Set every key of ``keys`` to ``value`` for ``timeout`` seconds, even
        while backing off: the page cache's tags (core/dependencies.py). True once
        Redis has them, False when it does not answer. One round trip."""
        try:
            pipeline = self._cache.get_client(write=True).pipeline(transaction=False)
            for key in keys:
                key = self.make_and_validate_key(key, version=version)
                pipeline.set(key, self._cache._serializer.dumps(value), ex=timeout)
            pipeline.execute()
        except (RedisError, OSError) as error:
            self.breaker.trip(error)
            return False
        self.breaker.reset()
        return True

    def outages(self):
        """How many times this process has found Redis failing, a number that
        only grows."""
        return self.breaker.trips

    def available(self):
        """Whether Redis answers now (a PING), for the readiness check."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except (RedisError, OSError) as error:
            self.breaker.trip(error)
            return False
