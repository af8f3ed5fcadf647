"""One person's wait, not a crowd's: the admin pages and the sitemap's sections of
``make bench``, each requested ``count`` times in a row on one connection at a time
(median and p95), on the stack with the page cache off.

The admin pages are requested with the session of the benchmark's superuser
(``python -m tests.bench.stack admin``, inspect_admin); the sitemap's sections are
the addresses the index ``/sitemap.xml`` lists.
"""

import re
import statistics
import time
import urllib.parse
from dataclasses import dataclass

from tests import servers
from tests.bench import stack
from tests.bench.command import BenchError

SITEMAP_INDEX = "/sitemap.xml"


@dataclass
class Timing:
    label: str
    path: str
    times_ms: list
    queries: int = None
    bytes: int = None
    # The status of an answer other than 200, which ends the page's timing.
    failed: int = None

    @property
    def median_ms(self):
        return statistics.median(self.times_ms)

    @property
    def p95_ms(self):
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def time_path(base, path, count, headers=None):
    """Milliseconds of ``count`` GETs of ``path`` in a row, after one not counted;
    (times, bytes of the last answer, status of an answer other than 200 or None).
    The first answer other than 200 ends it, its time the last one kept."""
    url = base + path
    times = []
    for number in range(count + 1):
        started = time.perf_counter()
        status, _, body = servers.fetch(url, headers=headers, timeout=120)
        took = 1000 * (time.perf_counter() - started)
        if number or status != 200:
            times.append(took)
        if status != 200:
            print(f"  {path} answers {status} after {took:.0f} ms", flush=True)
            return times, len(body), status
    return times, len(body), None


def _line(timing):
    queries = "" if timing.queries is None else f"  queries {timing.queries}"
    if timing.failed:
        queries += f"  answered {timing.failed}"
    label = "" if timing.label == timing.path else f"{timing.label[:34]:34} "
    return (
        f"  {label}{timing.path[:60]:60} median "
        f"{timing.median_ms:6.1f}  p95 {timing.p95_ms:6.1f} ms{queries}"
    )


def sitemap_sections(base):
    """The paths of the sections /sitemap.xml lists, in its order."""
    status, _, body = servers.fetch(base + SITEMAP_INDEX, timeout=60)
    if status != 200:
        raise BenchError(f"{SITEMAP_INDEX} answers {status}, not 200")
    paths = []
    for loc in re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", body.decode()):
        parts = urllib.parse.urlsplit(loc.replace("&amp;", "&"))
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def sampled(paths):
    """Of a section split into pages (``?p=``), its first, middle and last pages."""
    pages = {}
    for path in paths:
        pages.setdefault(path.split("?", 1)[0], []).append(path)
    kept = []
    for same in pages.values():
        kept += list(dict.fromkeys([same[0], same[len(same) // 2], same[-1]]))
    return kept


def time_sitemap(server, count):
    """Every section of the sitemap (the first, middle and last pages of a long
    one), timed."""
    print("sitemap sections, one request at a time:", flush=True)
    timings = []
    for path in sampled(sitemap_sections(server.base)):
        times, size, failed = time_path(server.base, path, count)
        timings.append(Timing(path, path, times, bytes=size, failed=failed))
        print(_line(timings[-1]), flush=True)
    return timings


def time_admin(server, env, count):
    """The admin pages, timed with a superuser's session; (timings, where the list
    of pages came from)."""
    found = stack.inspect(env, "admin")
    headers = {"Cookie": found["cookie"]}
    print(
        f"admin pages ({found['source']}), signed in, one request at a time:",
        flush=True,
    )
    timings = []
    for page in found["pages"]:
        times, size, failed = time_path(server.base, page["path"], count, headers)
        timings.append(
            Timing(page["label"], page["path"], times, page["queries"], size, failed)
        )
        print(_line(timings[-1]), flush=True)
    return timings, found["source"]
