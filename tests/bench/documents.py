"""What the benchmark's figures go with: the machine they were measured on, and
the tables and marked sections of the documents they are written into.
"""

import os
import platform
import re
import subprocess
import urllib.parse
from pathlib import Path

from tests.bench.wrk import wrk_version
from tests.servers import BIN


def _read(path):
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _version(command):
    """The first line a ``--version`` prints."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except OSError:
        return "not installed"
    lines = (result.stdout or result.stderr).strip().splitlines()
    return lines[0] if lines else "?"


def machine(database_url, redis_url, server, workers):
    """What the figures were measured on, as (label, value) pairs."""
    cpu = re.search(r"^model name\s*:\s*(.+)$", _read("/proc/cpuinfo"), re.MULTILINE)
    memory = re.search(r"^MemTotal:\s*(\d+) kB", _read("/proc/meminfo"), re.MULTILINE)
    release = re.search(r'^PRETTY_NAME="?([^"\n]+)', _read("/etc/os-release"), re.M)
    load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
    rows = [
        ("CPU", cpu.group(1).strip() if cpu else platform.processor() or "?"),
        ("cores", str(os.cpu_count())),
        ("memory", f"{int(memory.group(1)) / 1024 / 1024:.1f} GiB" if memory else "?"),
        (
            "OS",
            f"{release.group(1) if release else platform.system()}, Linux {platform.release()}",
        ),
        ("load average at start (1/5/15 min)", load),
        ("Python", platform.python_version()),
        ("database", database_version(database_url)),
        ("cache", _redis_version(redis_url)),
    ]
    rows.append(("server", _version([str(BIN / server), "--version"])))
    rows += [("workers", str(workers)), ("load generator", wrk_version())]
    return rows


def database_version(url):
    parts = urllib.parse.urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    import psycopg2

    try:
        connection = psycopg2.connect(url, connect_timeout=5)
    except psycopg2.OperationalError:
        return "PostgreSQL (version unknown)"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    finally:
        connection.close()


def _redis_version(url):
    if not url:
        return "local memory (per process)"
    try:
        import redis

        info = redis.Redis.from_url(url, socket_timeout=5).info("server")
        return f"Redis {info['redis_version']}"
    except Exception:  # noqa: BLE001 (a description only)
        return "Redis (version unknown)"


# ------------------------------------------------------------------ documents


def replace_section(path, name, content, heading):
    """Put ``content`` between ``<!-- name:start -->`` and ``<!-- name:end -->`` in
    ``path``; the markers are added at the end when absent (the file is created with
    ``heading`` when missing). Nothing else of the file changes."""
    path = Path(path)
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = path.read_text() if path.exists() else f"{heading}\n"
    block = f"{start}\n{content.strip()}\n{end}"
    if start in text and end in text and text.index(start) < text.index(end):
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text)


def section(path, name):
    """What is between a section's markers now, or ''."""
    text = _read(path)
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    if start in text and end in text:
        return text.split(start, 1)[1].split(end, 1)[0].strip()
    return ""


def markdown_table(header, rows, align):
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|",
    ]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def text_table(header, rows, align):
    """The same table in columns, for the terminal."""
    cells = [list(header)] + [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for number, row in enumerate(cells):
        lines.append(
            "  ".join(
                cell.rjust(width) if a == "r" else cell.ljust(width)
                for cell, width, a in zip(row, widths, align, strict=True)
            ).rstrip()
        )
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)
