"""wrk, the load generator of ``make bench`` and ``make soak``: installed when
missing, run with the Lua scripts beside this file (report.lua, mixed.lua,
storm.lua), which print one summary line of latency percentiles and every error,
and storm.lua a count of the answers by their X-Cache header, read here.
"""

import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.bench.command import BenchError
from tests.servers import stop_process

HERE = Path(__file__).resolve().parent
REPORT_LUA = HERE / "report.lua"
MIXED_LUA = HERE / "mixed.lua"
STORM_LUA = HERE / "storm.lua"
SAMPLE_SECONDS = 0.5


def ensure_wrk():
    """The path of wrk, installed from Debian's packages when missing (as root)."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise BenchError(
            "wrk is not installed and cannot be installed here (needs root and "
            "apt-get): apt-get install wrk"
        )
    print("wrk is missing: installing it (apt-get install wrk)", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "wrk"],
    ):
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise BenchError(f"{' '.join(command)} failed: {result.stderr.strip()}")
    found = shutil.which("wrk")
    if not found:
        raise BenchError("apt-get installed wrk, but it is not on PATH")
    return found


def wrk_version():
    result = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    first = (result.stdout or result.stderr).splitlines()[0]
    return first.split(" Copyright")[0].strip()


@dataclass
class WrkResult:
    requests: int
    seconds: float
    bytes: int
    errors: dict
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float
    # {"hit": n, "miss": n, "none": n} by X-Cache header (storm.lua only).
    cache: dict = None

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def error_count(self):
        return sum(self.errors.values())

    @property
    def cold_share(self):
        """The share of answers rendered rather than taken from the page cache (no
        X-Cache: HIT), or None when the script did not count them."""
        if not self.cache:
            return None
        total = sum(self.cache.values())
        return (total - self.cache["hit"]) / total if total else 0.0


_WRK_LINE = re.compile(r"^NGT-WRK (.*)$", re.MULTILINE)
_CACHE_LINE = re.compile(r"^NGT-CACHE (.*)$", re.MULTILINE)


def parse_wrk(output):
    """The summary line report.lua prints, as a WrkResult."""
    match = _WRK_LINE.search(output)
    if not match:
        raise BenchError(f"wrk printed no summary line:\n{output.strip()}")
    values = dict(item.split("=", 1) for item in match.group(1).split())
    number = {key: float(value) for key, value in values.items()}
    counted = _CACHE_LINE.search(output)
    cache = None
    if counted:
        cache = {
            key: int(value)
            for key, value in (item.split("=", 1) for item in counted.group(1).split())
        }
    return WrkResult(
        requests=int(number["requests"]),
        seconds=number["duration_us"] / 1e6,
        bytes=int(number["bytes"]),
        errors={
            kind: int(number[kind])
            for kind in ("connect", "read", "write", "status", "timeout")
        },
        p50_ms=number["p50_us"] / 1000,
        p90_ms=number["p90_us"] / 1000,
        p95_ms=number["p95_us"] / 1000,
        p99_ms=number["p99_us"] / 1000,
        max_ms=number["max_us"] / 1000,
        mean_ms=number["mean_us"] / 1000,
        cache=cache,
    )


def run_wrk(
    url,
    seconds,
    connections,
    threads=2,
    paths_file=None,
    timeout=10,
    sample=None,
    script=None,
):
    """Load ``url`` for ``seconds`` (whole seconds: wrk's unit); with ``paths_file``,
    each connection walks the paths in that file instead (mixed.lua, or ``script``,
    which reads the same file: storm.lua). ``sample`` is called every
    ``SAMPLE_SECONDS`` while wrk runs (worker memory, restarts)."""
    seconds = max(1, round(seconds))
    threads = max(1, min(threads, connections))
    script = script or (MIXED_LUA if paths_file else REPORT_LUA)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={timeout}s",
        "-s",
        str(script),
        url,
    ]
    if paths_file:
        command += ["--", str(paths_file)]
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + seconds + timeout + 30
            while True:
                if sample:
                    sample()
                try:
                    # Back as soon as wrk ends, or in time for the next sample.
                    process.wait(SAMPLE_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    if time.monotonic() > deadline:
                        raise BenchError(
                            f"wrk did not finish: {' '.join(command)}"
                        ) from None
        finally:
            stop_process(process, 5)
        out.seek(0)
        output = out.read()
    if process.returncode != 0:
        raise BenchError(f"wrk failed ({process.returncode}):\n{output.strip()}")
    return parse_wrk(output)
