"""The publish storm of ``make bench``: readers on the hot pages while an editor
publishes and corrects articles.

On the stack with the page cache on, ``connections`` connections walk the home page
and the hot articles (the one with the 30-photo gallery and the newest ones) with
storm.lua, which counts the answers by their ``X-Cache`` header: without the editor
(the no-publish baseline, half before and half after the storm), and while
``manage.py bench_editor`` (devtools) runs in a process of its own with the stack's
environment, publishing a new article or correcting a title, hot articles
included, every ``interval`` seconds through the ORM, each change committed as the
admin commits it, so that the page cache is moved on as in production. The editor
undoes its changes when it is stopped.
"""

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests import servers
from tests.bench import wrk
from tests.bench.command import BenchError

READY_SECONDS = 120
CLEAN_SECONDS = 300


@dataclass
class StormResult:
    paths: list
    baseline: wrk.WrkResult
    storm: wrk.WrkResult
    editor: dict
    interval: float

    @property
    def ratio(self):
        """Storm throughput over the baseline's."""
        return self.storm.rps / self.baseline.rps if self.baseline.rps else 0.0


class Editor:
    """``manage.py bench_editor`` in the background: ``with Editor(…) as editor:``
    returns once it is changing content; leaving stops it (SIGTERM), waits for its
    clean-up and reads its summary into ``editor.summary``."""

    def __init__(self, env, hot, interval, seconds, log_path):
        self.command = [
            sys.executable,
            "manage.py",
            "bench_editor",
            "--seconds",
            str(seconds),
            "--interval",
            str(interval),
            "--hot",
            ",".join(str(pk) for pk in hot),
        ]
        self.env = {**env, "DJANGO_DEVTOOLS": "1"}
        self.log_path = Path(log_path)
        self.process = None
        self.summary = {}

    def _output(self):
        try:
            return self.log_path.read_text()
        except OSError:
            return ""

    def __enter__(self):
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=servers.ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            servers.wait_until(self._ready, READY_SECONDS)
        except BaseException:
            self.stop()
            raise
        return self

    def _ready(self):
        if self.process.poll() is not None:
            raise BenchError(f"the editor stopped as it started:\n{self._output()}")
        return "ready" in self._output().splitlines()

    def stop(self):
        if self.process is None:
            return
        status = servers.stop_process(self.process, CLEAN_SECONDS)
        lines = [line for line in self._output().splitlines() if line.startswith("{")]
        if status not in (0, -15) or not lines:
            raise BenchError(
                f"the editor failed ({status}); its changes may be left: run "
                f"manage.py bench_editor --clean-only\n{self._output()}"
            )
        self.summary = json.loads(lines[-1])

    def __exit__(self, *exc):
        self.stop()


def _line(name, result):
    cold = result.cold_share
    return (
        f"  {name:11} {result.rps:8.0f} req/s  p50 {result.p50_ms:6.1f}  p99 "
        f"{result.p99_ms:6.1f} ms  cold {100 * cold:5.1f} %  errors {result.error_count}"
    )


def combined(first, second):
    """Two runs as one: their requests and time added, each percentile the worse
    of the two (an upper bound), the cache counts added."""
    worse = {
        name: max(getattr(first, name), getattr(second, name))
        for name in ("p50_ms", "p90_ms", "p95_ms", "p99_ms", "max_ms")
    }
    requests = first.requests + second.requests
    return wrk.WrkResult(
        requests=requests,
        seconds=first.seconds + second.seconds,
        bytes=first.bytes + second.bytes,
        errors={k: first.errors[k] + second.errors[k] for k in first.errors},
        mean_ms=(first.mean_ms * first.requests + second.mean_ms * second.requests)
        / max(1, requests),
        cache={k: first.cache[k] + second.cache[k] for k in first.cache},
        **worse,
    )


def run_storm(server, env, storm, args, folder):
    """Baseline, then storm, on ``server`` (page cache on); a StormResult.
    ``storm``: inspect's answer ({"paths": [...], "hot": [ids]})."""
    paths_file = Path(folder) / "storm-paths.txt"
    paths_file.write_text("\n".join(storm["paths"]) + "\n")
    url = server.base + storm["paths"][0]

    def load(seconds):
        return wrk.run_wrk(
            url,
            seconds,
            args.connections,
            args.threads,
            paths_file=paths_file,
            sample=server.sample,
            script=wrk.STORM_LUA,
        )

    print(
        f"publish storm: {len(storm['paths'])} paths, an editor change every "
        f"{args.editor_interval:g} s",
        flush=True,
    )
    # The baseline is measured in two halves, before and after the storm, so that
    # a change in what else the machine runs weighs on both alike.
    half = max(1, round(args.storm_seconds / 2))
    if args.warmup:
        load(args.warmup)
    before = load(half)
    # The editor runs longer than the load and is stopped when the load ends; it
    # stops by itself if this process dies first.
    with Editor(
        env,
        storm["hot"],
        args.editor_interval,
        args.storm_seconds + 30,
        Path(folder) / "editor.log",
    ) as editor:
        started = time.monotonic()
        result = load(args.storm_seconds)
        took = time.monotonic() - started
    if args.warmup:
        # The editor's clean-up moved the page cache on: stored again first.
        load(args.warmup)
    baseline = combined(before, load(half))
    print(_line("no publish", baseline), flush=True)
    print(_line("storm", result), flush=True)
    summary = editor.summary
    print(
        f"  editor: {summary.get('changes', 0)} changes in {took:.0f} s "
        f"({summary.get('publish', 0)} published, {summary.get('correct_hot', 0)} hot "
        f"and {summary.get('correct_other', 0)} other titles corrected; a save "
        f"{summary.get('save_ms_median', 0):.0f} ms); undone: {summary.get('cleaned')}",
        flush=True,
    )
    return StormResult(storm["paths"], baseline, result, summary, args.editor_interval)
