"""`make bench-profile`: the CPU one request of the benchmark's gallery article costs
in one process, with production's settings on the benchmark database and Redis.

Three cases: *hit* (served from the page cache), *fragments* (the page not stored,
its meeting's facts, gallery and meta stored: ``?page=<n>`` makes each request a
page the cache has not stored), *cold* (the page cache off: every part rendered).
The WSGI handler is called directly, no server and no socket in between: the
figure is the median of ``--requests`` requests' ``time.process_time`` (the
database's and Redis's own time excluded). ``--profile cumulative`` (or
``tottime``) prints cProfile's table of 100 more requests: where the time goes
(docs/benchmarks.md, "What the figures say").
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests import servers

CASES = ("hit", "fragments", "cold")


def options(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--case", choices=CASES, default="fragments")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", choices=("cumulative", "tottime"))
    return parser.parse_args(argv)


def caller(app, host):
    """A function calling ``app`` with a GET of a path, returning status and body."""

    def call(path):
        path, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": host,
            "SERVER_PORT": "80",
            "HTTP_HOST": host,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
        }
        answer = {}

        def start_response(status, headers):
            answer.update(status=status, headers=dict(headers))

        body = b"".join(app(environ, start_response))
        return answer, body

    return call


def main(argv=None):
    args = options(argv)
    media = Path(tempfile.gettempdir()) / "ngt-bench-media"
    env = servers.production_env(
        args.database_url,
        servers.collected_static(),
        media,
        REDIS_URL=args.redis_url,
        NGT_PAGE_CACHE="0" if args.case == "cold" else "1",
        DJANGO_DEVTOOLS="1",
    )
    os.environ.update({name: str(value) for name, value in env.items() if value})
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.handlers.wsgi import WSGIHandler

    from devtools.bench_data import bench_urls

    if args.case != "cold":
        cache.clear()
    call = caller(WSGIHandler(), "127.0.0.1")
    path = dict(bench_urls())["article"]
    answer, body = call(path)
    if not answer["status"].startswith("200"):
        sys.exit(f"{path} answered {answer['status']}")

    def request(number):
        if args.case == "fragments":
            return call(f"{path}?page={number + 2}")
        return call(path)

    request(-1)  # stores the page (hit) or the fragments (fragments)
    times = []
    for number in range(args.requests):
        started = time.process_time()
        answer, _ = request(number)
        times.append((time.process_time() - started) * 1000)
    print(
        f"{args.case}: {path} ({len(body):,} bytes), X-Cache "
        f"{answer['headers'].get('X-Cache', '-')}: median "
        f"{statistics.median(times):.2f} ms of CPU per request over {args.requests}"
    )
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.enable()
        for number in range(args.requests, args.requests + 100):
            request(number)
        profile.disable()
        pstats.Stats(profile).sort_stats(args.profile).print_stats(40)


if __name__ == "__main__":
    main()
