"""gunicorn's settings for the portal (`gunicorn -c gunicorn.conf.py`, see
docs/deploy.md). Everything can be changed by environment variables.

Nothing in the portal may assume a single process: the cache is shared (Redis) or
per process (local memory), never a place for state that must agree across workers.
"""

import os

wsgi_app = "ngt_portal.wsgi:application"


def _workers():
    if os.environ.get("WEB_CONCURRENCY"):
        return max(1, int(os.environ["WEB_CONCURRENCY"]))
    # The usual 2 × cores + 1, capped: each worker holds its own database connection
    # and about 100 MB, and a modest machine gains nothing past a dozen.
    return min(2 * (os.cpu_count() or 1) + 1, 12)


_port = os.environ.get("PORT", "")
# PORT alone ("8000") listens on loopback; a full "host:port" is taken as given.
bind = [
    (_port if ":" in _port else f"127.0.0.1:{_port}") if _port else "127.0.0.1:8000"
]
workers = _workers()
worker_class = "sync"

# A request that takes longer than this is killed and the worker restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5

# Restart each worker after a number of requests, staggered so they never all
# restart at once: bounds any slow leak in a long-running process. Not too few: a
# worker serving cached pages answers a thousand a second, and while a new worker
# imports Django (half a second) its requests wait, a p99 of 0.5 s in `make bench`
# at 50,000. Leaks are slow here: 5 minutes and 564,000 requests of `make soak`
# grew workers by 2 %.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "200000"))
max_requests_jitter = max_requests // 10

# Each worker imports the application itself.
preload_app = False

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The front server sets X-Forwarded-*; gunicorn trusts it only from loopback.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# gunicorn's control socket sits at one fixed path per user, which two instances on
# one machine (a test next to `make serve-prod`) would share; the portal needs none.
control_socket_disable = True
