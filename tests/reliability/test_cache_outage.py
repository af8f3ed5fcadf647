"""Redis stopped under load: pages keep rendering (from the database), no 5xx; Redis
started again: the page cache is used again within seconds, with no restart.

For real: a private Redis server (the machine's redis-server binary, on a free port,
so the shared one is never touched) and the production stack (gunicorn, 2 workers)
with the demo content. Run alone with `make fault-cache`, which prints the figures.
"""

import collections
import http.client
import json
import secrets
import shutil
import socket
import subprocess
import time

import pytest

from tests.ops.test_production import (
    GUNICORN,
    ROOT,
    clean_env,
    free_port,
    manage,
)
from tests.reliability.load import Load, get

REDIS_SERVER = shutil.which("redis-server")
PAGES = ["/", "/tin-tuc/", "/su-kien/", "/khen-thuong/", "/tim-kiem/?q=hoi+nghi"]

pytestmark = pytest.mark.skipif(
    REDIS_SERVER is None, reason="redis-server is not installed on this machine"
)


def start_redis(port):
    process = subprocess.Popen(
        [
            REDIS_SERVER,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise AssertionError("redis-server did not start")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def pages_in_turn(number):
    """Each thread walks the pages in turn, from a different one."""
    index = number
    while True:
        yield "page", PAGES[index % len(PAGES)], {}
        index += 1


def summary(answers):
    latencies = sorted(a.ended - a.started for a in answers)
    return {
        "requests": len(answers),
        "status": collections.Counter(str(a.status) for a in answers),
        "x_cache": collections.Counter(a.cache or "-" for a in answers),
        "p50_ms": latencies[len(latencies) // 2] * 1000 if latencies else None,
    }


def test_pages_survive_redis_stopping_and_use_it_again_when_it_returns(tmp_path):
    redis_port, web_port = free_port(), free_port()
    env = clean_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE="0",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        PORT=f"127.0.0.1:{web_port}",
        WEB_CONCURRENCY="2",
        GUNICORN_LOG_LEVEL="warning",
    )
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo", "-v", "0")

    redis = start_redis(redis_port)
    web = subprocess.Popen(
        [str(GUNICORN), "-c", "gunicorn.conf.py", "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if get(web_port, "/healthz").status == 200:
                    break
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start")

        with Load(web_port, pages_in_turn, threads=4, pause=0) as load:
            t0 = time.monotonic()
            time.sleep(3)
            stop(redis)
            t_down = time.monotonic()
            time.sleep(4)
            redis = start_redis(redis_port)
            t_up = time.monotonic()
            # Back: the first stored page served again tells recovery is complete.
            recovered_at = None
            while time.monotonic() < t_up + 20:
                time.sleep(0.2)
                hits = [
                    a for a in load.between(t_up, time.monotonic()) if a.cache == "HIT"
                ]
                if hits:
                    recovered_at = min(a.started for a in hits)
                    break
            time.sleep(1)
            t_end = time.monotonic()

        before = summary(load.between(t0, t_down))
        during = summary(load.between(t_down + 0.5, t_up))
        after = summary(load.between(t_up, t_end))
        every = load.between(t0, t_end)
        report = {
            "before": before,
            "redis_down": during,
            "after_restart": after,
            "recovery_seconds": recovered_at and round(recovered_at - t_up, 2),
            "server_errors": sum(1 for a in every if a.status >= 500),
            "connection_failures": len(load.failures),
        }
        out = tmp_path / "cache-outage.json"
        out.write_text(json.dumps(report, indent=2, default=dict))
        print("\nRedis outage under load:", json.dumps(report, default=dict), "\n", out)

        assert report["server_errors"] == 0, report
        assert not load.failures, load.failures[:5]
        assert not any("Traceback" in a.body for a in every), "a traceback was shown"
        assert before["x_cache"]["HIT"] > 0, "the page cache was not in use before"
        assert set(during["status"]) == {"200"}, during
        assert during["x_cache"].get("HIT", 0) == 0, "nothing can be cached while down"
        assert during["requests"] > 10, (
            "the site went on answering while Redis was down"
        )
        assert recovered_at is not None, "the page cache never came back"
        assert report["recovery_seconds"] < 10
    finally:
        web.terminate()
        try:
            web.wait(timeout=20)
        except subprocess.TimeoutExpired:
            web.kill()
        stop(redis)
