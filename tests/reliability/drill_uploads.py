"""Scenarios 4 and 5 of ``make drill`` (tests/reliability/drill.py): uploads.

A staff member signed in uploads photos through the admin's one-photo JSON endpoint
(``events.uploads.upload_photo``), three at a time as the upload page sends them,
while the media disk fills up, or while gunicorn workers are SIGKILLed. Afterwards
the media sweep counts the files no row names, and the files rows name are looked
for on disk. Each scenario fills the table row it is given.
"""

import contextlib
import http.client
import io
import json
import os
import random
import signal
import subprocess
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

from tests import servers
from tests.reliability.load import get

KILLS = 5
MEDIA_TMPFS = "3m"

# The media sweep with no age limit (the command asks for an hour at least), then
# the files rows name that storage lacks. DRY: list only. MEETING: only its photos'
# files are looked for (the others are in another media folder), and it is deleted
# after, its files with it.
SWEEP = """
import json
from django.core.files.storage import default_storage
from events.models import Meeting
from ops.media_sweep import named_files, sweep
found = sweep(older_than_hours=0, dry_run=DRY)
left = sweep(older_than_hours=0, dry_run=True)
if MEETING:
    from core.images import image_file_names
    from events.models import Photo
    named = {n for image, widths in Photo.objects.filter(meeting=MEETING)
             .values_list("image", "renditions") for n in image_file_names(image, widths)}
else:
    named = named_files().current
missing = sorted(n for n in named if not default_storage.exists(n))
if MEETING:
    Meeting.objects.filter(pk=MEETING).delete()
print(json.dumps({"found": len(found.removed), "left": len(left.removed),
                  "missing": missing[:5], "missing_count": len(missing)}))
"""


def noise_jpeg(rng, width=900, height=675):
    """A photo that compresses badly: a few of them fill a small disk."""
    from PIL import Image

    image = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


class Uploads:
    """``threads`` uploaders (the upload page sends three at a time), each posting a
    new photo to ``path`` until the block ends; answers and failures recorded."""

    def __init__(self, port, path, staff, threads=3):
        self.port, self.path, self.staff = port, path, staff
        self.answers, self.failures = [], []
        self.in_flight = 0
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self._run, args=(n,), daemon=True)
            for n in range(threads)
        ]

    def _post(self, data, name):
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="image"; '
                f'filename="{name}"\r\nContent-Type: image/jpeg\r\n\r\n'
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("POST", self.path, body, {
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Cookie": self.staff["cookies"],
                "X-CSRFToken": self.staff["csrf"],
            })  # fmt: skip
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def _run(self, number):
        rng = random.Random(number)
        while not self.stopping.is_set():
            data = noise_jpeg(rng)
            started = time.monotonic()
            with self.lock:
                self.in_flight += 1
            try:
                status, body = self._post(
                    data, f"anh-{number}-{rng.randrange(9999)}.jpg"
                )
                with self.lock:
                    self.answers.append((started, time.monotonic(), status, body))
            except (OSError, http.client.HTTPException) as error:
                with self.lock:
                    self.failures.append((started, repr(error)))
            finally:
                with self.lock:
                    self.in_flight -= 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=90)

    def first_ok_after(self, since):
        with self.lock:
            return min((a[1] for a in self.answers if a[0] >= since and a[2] < 300),
                       default=None)  # fmt: skip

    def fill(self, row):
        """``row`` given the counts of the answers, and what the refusals were."""
        row.count(Counter(a[2] for a in self.answers), len(self.failures))
        errors = [a[3] for a in self.answers if a[2] >= 400]
        vietnamese = sum(1 for body in errors if _json_error(body))
        if errors:
            row.notes.append(
                f"{vietnamese} of {len(errors)} refusals were a JSON error "
                f"(e.g. {errors[0][:120]!r})"
            )


def _json_error(body):
    try:
        return bool(json.loads(body).get("error"))
    except (ValueError, AttributeError):
        return False


def signed_in(port, staff, meeting):
    """The staff cookies and a CSRF token, from the meeting's upload page."""
    response = get(port, meeting["page"], {"Cookie": staff["cookie"]})
    cookies = [staff["cookie"]]
    csrf = ""
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith("csrftoken="):
            csrf = value.split(";")[0].split("=", 1)[1]
            cookies.append(f"csrftoken={csrf}")
    if response.status != 200 or not csrf:
        raise RuntimeError(f"the upload page answered {response.status}, no CSRF token")
    return {"cookies": "; ".join(cookies), "csrf": csrf}


def swept(env, dry, meeting=0):
    code = SWEEP.replace("DRY", str(dry)).replace("MEETING", str(meeting))
    result = servers.manage(env, "shell", "-c", code, timeout=120)
    return json.loads(result.stdout.strip().splitlines()[-1])


def disk_full(stack, row):
    mount = stack.tmp / "media-full"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={MEDIA_TMPFS}", "tmpfs", str(mount)],
        capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        row.skipped = f"mount failed: {result.stderr.strip()}"
        return
    try:
        env = {**stack.env, "DJANGO_MEDIA_ROOT": str(mount)}
        web = servers.gunicorn(
            env, "--max-requests", "0", "--access-logfile", "/dev/null",
            log_path=stack.tmp / "gunicorn-full.log",
        )  # fmt: skip
        with web:
            meeting = stack.staff["full"]
            staff = signed_in(web.port, stack.staff, meeting)
            with Uploads(web.port, meeting["upload"], staff) as uploads:
                full = _wait_for_refusals(uploads, 6, 40)
                subprocess.run(
                    ["mount", "-o", "remount,size=64m", str(mount)], check=True
                )
                grown = time.monotonic()
                with contextlib.suppress(TimeoutError):
                    servers.wait_until(lambda: uploads.first_ok_after(grown), 30, 0.1)
            uploads.fill(row)
            first = uploads.first_ok_after(grown)
            row.recover = round(first - grown, 2) if first else None
            row.notes.append("seconds to recover: from the disk grown to 64 MB")
            if not full:
                row.notes.append("the disk never refused an upload within 40 s")
            found = swept(env, dry=True, meeting=meeting["id"])
            row.orphans = found["found"]
            row.notes.append(
                f"files no row names (sweep, dry run): {found['found']}; rows naming "
                f"a missing file: {found['missing_count']} {found['missing']}"
            )
            row.missing_rows = found["missing_count"]
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _wait_for_refusals(uploads, count, timeout):
    """Whether ``count`` uploads in a row were refused or lost, within ``timeout``."""

    def refused():
        with uploads.lock:
            recent = sorted(
                [(a[0], a[2] >= 300) for a in uploads.answers]
                + [(f[0], True) for f in uploads.failures]
            )[-count:]
        return len(recent) == count and all(bad for _t, bad in recent)

    with contextlib.suppress(TimeoutError):
        return servers.wait_until(refused, timeout, 0.1)
    return False


def workers(master):
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()]


def worker_killed(stack, row):
    web, meeting = stack.web, stack.staff["kill"]
    staff = signed_in(web.port, stack.staff, meeting)
    rng = random.Random(7)
    killed = []
    with Uploads(web.port, meeting["upload"], staff) as uploads:
        for _ in range(KILLS):
            servers.wait_until(lambda: len(workers(web.process.pid)) >= 2, 30, 0.05)
            servers.wait_until(lambda: uploads.in_flight >= 2, 30, 0.01)
            time.sleep(rng.uniform(0.1, 0.5))
            pid = rng.choice(workers(web.process.pid))
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
            last_kill = time.monotonic()
            time.sleep(1)
        with contextlib.suppress(TimeoutError):
            servers.wait_until(lambda: uploads.first_ok_after(last_kill), 30, 0.1)
    uploads.fill(row)
    first = uploads.first_ok_after(last_kill)
    row.recover = round(first - last_kill, 2) if first else None
    result = swept(stack.env, dry=False)
    row.orphans = result["left"]
    row.missing_rows = result["missing_count"]
    row.notes.append(
        f"the sweep removed {result['found']} files; left: {result['left']}; rows "
        f"naming a missing file: {result['missing_count']} {result['missing']}"
    )
    row.notes.append("seconds to recover: from the last kill to the next upload saved")
