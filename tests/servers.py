"""Real servers for the tests that need them, and for the benchmark harness.

A free loopback port; the environment of a child process with nothing of the
caller's portal settings; ``manage.py`` in a subprocess; a server started in the
background, waited for until it answers and stopped with everything it started;
``wait_until`` for every other poll. Waits poll for what they wait for, with a
deadline: a fixed pause is either too short on a loaded machine or wasted on an
idle one.

Tests that start a server are marked ``server`` (``pytest -m "not server"`` leaves
them out).
"""

import atexit
import contextlib
import functools
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
GUNICORN = BIN / "gunicorn"
LOOPBACK = "127.0.0.1"
SETTINGS_MODULE = "ngt_portal.settings"

# What configures the portal or its servers: a child gets none of the caller's.
CALLER_SETTINGS = (
    "DJANGO_",
    "DATABASE_URL",
    "REDIS_URL",
    "PORT",
    "WEB_",
    "NGT_",
    "GUNICORN_",
)


class ProcessError(Exception):
    """A child process did not start, answer or finish as it should; says why,
    with the end of its output."""


# ------------------------------------------------------------------ polling


def wait_until(predicate, timeout, interval=0.1, message=None):
    """Call ``predicate`` every ``interval`` seconds until it returns something true,
    and return that; ``TimeoutError`` (with ``message``) after ``timeout`` seconds.
    What the predicate raises goes through: it can give up early."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            name = getattr(predicate, "__name__", "the condition")
            raise TimeoutError(message or f"{name}: not true within {timeout} s")
        time.sleep(min(interval, remaining))


def free_port():
    """A TCP port free on loopback now."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def port_open(port, host=LOOPBACK, timeout=0.5):
    """Whether something accepts connections on ``host:port`` now."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def fetch(url, headers=None, timeout=10):
    """Status, headers and body of a GET, without following redirects or raising
    for an error status."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def answers(url, status=200, timeout=2):
    """Whether a GET of ``url`` answers ``status`` now; no answer at all is False."""
    try:
        return fetch(url, timeout=timeout)[0] == status
    except (OSError, http.client.HTTPException):
        return False


# ------------------------------------------------------------------ environment


def clean_env(**env):
    """The caller's environment without its settings of the portal and its servers
    (``CALLER_SETTINGS``), the suite's settings module kept; then ``env``, where a
    value of None leaves the variable out."""
    child = {k: v for k, v in os.environ.items() if not k.startswith(CALLER_SETTINGS)}
    child["DJANGO_SETTINGS_MODULE"] = os.environ.get(
        "DJANGO_SETTINGS_MODULE", SETTINGS_MODULE
    )
    child.update({k: str(v) for k, v in env.items() if v is not None})
    return child


def production_env(database_url, static_root, media_root, workers=2, **env):
    """``clean_env`` as ``make serve-prod`` sets it: a fresh secret key (so debug
    off and the manifest storage on), loopback hosts, plain HTTP, ``workers``
    gunicorn workers; then ``env``."""
    return clean_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on loopback: no HTTPS redirect, no secure-only cookies.
        DJANGO_SECURE="0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=static_root,
        DJANGO_MEDIA_ROOT=media_root,
        DATABASE_URL=database_url,
        WEB_CONCURRENCY=workers,
        **env,
    )


def manage(env, *args, timeout=300, check=True, capture=True):
    """``manage.py *args`` in the repository with exactly ``env``; the finished
    process (its output as text when ``capture``). ``check``: ProcessError with
    the output when it fails."""
    args = [str(arg) for arg in args]
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=capture,
        text=True,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        output = (result.stderr or result.stdout or "").strip()
        raise ProcessError(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n{output}"
        )
    return result


@functools.cache
def collected_static():
    """A folder of the static files as production collects them (hashed names,
    compressed copies), collected once per process and removed at its exit: they
    depend on the code alone, and collecting them takes seconds. Read-only: every
    server of the process may be serving it."""
    folder = Path(tempfile.mkdtemp(prefix="ngt-static-"))
    atexit.register(shutil.rmtree, folder, True)
    root = folder / "static"
    env = production_env(f"sqlite:///{folder / 'unused.sqlite3'}", root, folder)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    return root


# ------------------------------------------------------------------ processes


def _exited(pid):
    """Whether the child ``pid`` has ended, without reaping it: until it is reaped
    its pid, and so its session's id, cannot be given to another process."""
    try:
        return (
            os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
        )
    except ChildProcessError:
        return True


def stop_process(process, timeout=20, session=False):
    """SIGTERM, up to ``timeout`` seconds to end, then SIGKILL; the exit status.

    ``session``: it was started in a session of its own, and whatever is left of
    that session (workers whose master died, a server that ignored SIGTERM) is
    killed too, while the leader is still unreaped so the id is surely its own
    (once something else has reaped it, the id may be another's: left alone).
    """
    if process.returncode is not None:
        return process.returncode
    pid = process.pid
    if not _exited(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    with contextlib.suppress(TimeoutError):
        wait_until(lambda: _exited(pid), timeout, interval=0.05)
    if session:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
    elif not _exited(pid):
        process.kill()
    return process.wait()


class Server:
    """A server in the background: ``with Server(command, port=…, env=…) as s:``.

    It runs in a session of its own, so that stopping it reaches every process it
    started; its output goes to ``log_path`` (appended: a server started again
    keeps one log). It is ready when ``ready()`` is true, by default when
    ``ready_path`` answers 200, else when its port accepts connections.
    """

    def __init__(
        self,
        command,
        *,
        port,
        env,
        name=None,
        log_path=None,
        ready=None,
        ready_path=None,
        cwd=ROOT,
    ):
        self.command = [str(part) for part in command]
        self.port = port
        self.env = env
        self.name = name or Path(self.command[0]).name
        self.log_path = Path(log_path) if log_path else None
        self.cwd = cwd
        if ready is None:
            if ready_path:
                ready = functools.partial(answers, self.base + ready_path)
            else:
                ready = functools.partial(port_open, port)
        self.ready = ready
        self.process = None

    @property
    def base(self):
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def running(self):
        return (
            self.process is not None
            and self.process.returncode is None
            and not _exited(self.process.pid)
        )

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def start(self, timeout=30):
        """Start it and wait until it is ready; stopped again if it is not."""
        output = self.log_path.open("a") if self.log_path else subprocess.DEVNULL
        try:
            self.process = subprocess.Popen(
                self.command,
                cwd=self.cwd,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            if self.log_path:
                output.close()
        try:
            wait_until(self._ready, timeout)
        except TimeoutError:
            self.stop()
            raise ProcessError(
                f"{self.name} did not answer within {timeout} s{self._tail()}"
            ) from None
        except BaseException:
            self.stop()
            raise
        return self

    def _ready(self):
        if not self.running:
            raise ProcessError(f"{self.name} stopped as it started{self._tail()}")
        return self.ready()

    def stop(self, timeout=20):
        """Stop it and what is left of its session; its exit status (None if it
        never started)."""
        if self.process is None:
            return None
        return stop_process(self.process, timeout, session=True)

    def log_tail(self, lines=30):
        """The end of its log, or ''."""
        if not self.log_path:
            return ""
        try:
            return "\n".join(self.log_path.read_text().splitlines()[-lines:])
        except OSError:
            return ""

    def _tail(self):
        tail = self.log_tail()
        return f":\n{tail}" if tail else ""


def gunicorn(env, *args, port=None, log_path=None, ready_path="/healthz"):
    """gunicorn with the project's gunicorn.conf.py and ``env`` (PORT set to a free
    loopback port unless ``port`` is given), not yet started; ready when
    ``ready_path`` answers 200."""
    port = port or free_port()
    return Server(
        [GUNICORN, "-c", "gunicorn.conf.py", *args],
        port=port,
        env={**env, "PORT": f"{LOOPBACK}:{port}"},
        name="gunicorn",
        log_path=log_path,
        ready_path=ready_path,
    )
