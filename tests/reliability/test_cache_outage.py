"""Redis stopped under load: pages keep rendering (from the database), no 5xx; Redis
started again: the page cache is used again within seconds, with no restart.

For real: a private Redis server (the machine's redis-server binary, on a free port,
so the shared one is never touched) and the production stack (gunicorn, 2 workers)
with the demo content. Run alone with `make fault-cache`, which prints the figures.
"""

import collections
import json
import os
import shutil
import time

import pytest

from tests import servers
from tests.reliability.load import Load

REDIS_SERVER = shutil.which("redis-server")
PAGES = ["/", "/tin-tuc/", "/su-kien/", "/khen-thuong/", "/tim-kiem/?q=hoi+nghi"]
# Pages answered while Redis is down, at least: enough to show the site goes on.
OUTAGE_ANSWERS = 10

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(
        REDIS_SERVER is None, reason="redis-server is not installed on this machine"
    ),
]


def redis_server(port, log_path):
    """A private Redis on ``port``, nothing saved to disk, not yet started."""
    return servers.Server(
        [
            REDIS_SERVER,
            "--port",
            port,
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        port=port,
        env=servers.clean_env(),
        name="redis-server",
        log_path=log_path,
    )


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
    redis_port = servers.free_port()
    env = servers.production_env(
        f"sqlite:///{tmp_path / 'db.sqlite3'}",
        servers.collected_static(),
        tmp_path / "media",
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        GUNICORN_LOG_LEVEL="warning",
    )
    servers.manage(env, "migrate", "--noinput", "-v", "0")
    servers.manage(env, "load_demo", "-v", "0")

    redis = redis_server(redis_port, tmp_path / "redis.log")
    web = servers.gunicorn(
        env, "--access-logfile", "/dev/null", log_path=tmp_path / "gunicorn.log"
    )
    with redis, web:
        with Load(web.port, pages_in_turn, threads=4, pause=0) as load:

            def answered(since):
                return load.between(since, time.monotonic())

            t0 = time.monotonic()
            # The page cache in use before the outage: a page served from Redis.
            load.run_until(lambda: any(a.cache == "HIT" for a in answered(t0)), 20)
            redis.stop()
            servers.wait_until(
                lambda: not servers.port_open(redis_port),
                10,
                message="Redis still accepts connections once stopped",
            )
            t_down = time.monotonic()
            # Down until the site has answered pages without it, counted from half
            # a second after the stop (requests then under way may have used it).
            load.run_until(lambda: len(answered(t_down + 0.5)) > OUTAGE_ANSWERS, 20)
            # `make fault-cache` keeps Redis down a few seconds, as an operator
            # would see it; the suite only as long as the counts above need.
            load.hold(t_down, float(os.environ.get("NGT_FAULT_OUTAGE_SECONDS") or 0))
            # Redis accepts connections some time before `start` sees its port open:
            # the outage ends when it is asked to start, not when that is noticed.
            t_up = time.monotonic()
            redis.start(timeout=10)
            # Back: the first stored page served again tells recovery is complete.
            load.run_until(lambda: any(a.cache == "HIT" for a in answered(t_up)), 20)
            hits = [a for a in answered(t_up) if a.cache == "HIT"]
            recovered_at = min((a.started for a in hits), default=None)
            if recovered_at is not None:
                # Every page answered once more with the cache back, errors counted.
                load.run_until(
                    lambda: {a.path for a in answered(recovered_at)} >= set(PAGES), 10
                )
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
        assert during["requests"] > OUTAGE_ANSWERS, (
            "the site went on answering while Redis was down"
        )
        assert recovered_at is not None, "the page cache never came back"
        assert report["recovery_seconds"] < 10
