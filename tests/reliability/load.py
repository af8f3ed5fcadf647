"""Load for the outage drills: threads requesting pages from a server on loopback
until stopped, every answer (or failure to get one) recorded with its times."""

import http.client
import threading
import time
from dataclasses import dataclass

from tests.servers import wait_until


@dataclass
class Answer:
    path: str
    kind: str
    started: float
    ended: float
    status: int
    cache: str
    body: str
    request_id: str


def get(port, path, headers=None, timeout=15):
    """A GET to 127.0.0.1:port; the response with its decoded ``body``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.body = response.read().decode("utf-8", "replace")
        return response
    finally:
        connection.close()


class Load:
    """``threads`` threads, each taking ``(kind, path, headers)`` from
    ``requests(thread_number)`` (an endless generator) until the block ends."""

    def __init__(self, port, requests, threads=8, pause=0.01):
        self.port = port
        self.requests = requests
        self.pause = pause
        self.answers = []
        self.failures = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self._run, args=(number,), daemon=True)
            for number in range(threads)
        ]

    def _run(self, number):
        for kind, path, headers in self.requests(number):
            if self.stopping.is_set():
                return
            started = time.monotonic()
            try:
                response = get(self.port, path, headers)
            except (OSError, http.client.HTTPException) as error:
                with self.lock:
                    self.failures.append((kind, path, repr(error)))
                continue
            answer = Answer(
                path,
                kind,
                started,
                time.monotonic(),
                response.status,
                response.getheader("X-Cache", ""),
                response.body,
                response.getheader("X-Request-ID", ""),
            )
            with self.lock:
                self.answers.append(answer)
            if self.pause:
                time.sleep(self.pause)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def snapshot(self):
        with self.lock:
            return list(self.answers)

    def run_until(self, predicate, timeout):
        """Let the load go on until ``predicate()`` is true, for ``timeout`` seconds
        at most; whether it came true. Running out of time is no error here: the
        figures and the assertions after say what did not happen."""
        try:
            wait_until(predicate, timeout, interval=0.05)
        except TimeoutError:
            return False
        return True

    def hold(self, since, seconds):
        """Let the load go on until ``seconds`` have passed since ``since``: the
        least length of an outage the scenario asks for."""
        self.run_until(lambda: time.monotonic() - since >= seconds, seconds + 1)

    def between(self, start, end):
        """The answers to requests started in [start, end)."""
        return [a for a in self.snapshot() if start <= a.started < end]
