"""The database's part of an archive: pg_dump/pg_restore, or a copy of the SQLite file.

Both leave out the rows of CLEARED_MODELS and keep every other row as the database
stores it, so a restore gives back the same bytes, microseconds included. The rows
are counted, and the media files they name listed, from the very rows dumped.
"""

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

from ops.media_sweep import named_files

from .common import (
    CLEARED_MODELS,
    DATABASE_MEMBERS,
    BackupError,
    cleared_tables,
    counted_models,
)


@dataclass
class Dump:
    """The database as dumped: the file, and what its rows hold."""

    member: str
    path: Path
    counts: dict = field(default_factory=dict)
    migrations: dict = field(default_factory=dict)
    server: str = ""
    # The media files the dumped live rows name (masters, renditions, documents,
    # images in bodies), as storage names: what a restore needs from the archive.
    named: set = field(default_factory=set)


def dump_database(folder):
    """Dump the configured database into folder, as a Dump."""
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(
            "Sao lưu chỉ làm được với PostgreSQL hoặc SQLite; cơ sở dữ liệu đang "
            f"cấu hình là {vendor}."
        )
    member = DATABASE_MEMBERS[vendor]
    dump = Dump(member=member, path=Path(folder) / member)
    (_dump_postgresql if vendor == "postgresql" else _dump_sqlite)(dump)
    return dump


@contextlib.contextmanager
def _default_connection(wrapper):
    """Inside the block, this thread's default connection is ``wrapper``.

    The media sweep's ``named_files`` reads through the default connection; pointed
    at the dump's own rows (the SQLite copy, pg_dump's snapshot) it lists the files
    those rows name, not the files of rows committed since.
    """
    previous = connections[DEFAULT_DB_ALIAS]
    connections[DEFAULT_DB_ALIAS] = wrapper
    try:
        yield
    finally:
        connections[DEFAULT_DB_ALIAS] = previous


def _named_through(wrapper):
    with _default_connection(wrapper):
        return named_files().current


def counts_and_migrations(cursor, tables, quote):
    """Rows per model and the migrations applied, as the cursor's database has them."""
    counts = {}
    for model in counted_models():
        if model._meta.db_table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(model._meta.db_table)}")
            counts[model._meta.label] = cursor.fetchone()[0]
    migrations = {}
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        for app, name in cursor.fetchall():
            migrations.setdefault(app, []).append(name)
    return counts, migrations


def live_counts(connection):
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        counts, _migrations = counts_and_migrations(
            cursor, tables, connection.ops.quote_name
        )
    return counts


# ------------------------------------------------------------------ SQLite


# How long a copy waits for a lock another process holds before giving up.
SQLITE_LOCK_TIMEOUT = 60


def _sqlite_copy(source, target, connection, what):
    """source.backup(target), refused inside a transaction, bounded in time.

    sqlite3's backup() retries a locked database forever: a writer on the same
    connection (an open transaction) would never let go, another process might not.
    """
    if connection.in_atomic_block:
        raise BackupError(
            f"Không {what} được SQLite bên trong một giao dịch đang mở: hãy chạy "
            "lệnh ngoài mọi giao dịch."
        )
    deadline = time.monotonic() + SQLITE_LOCK_TIMEOUT

    def progress(status, remaining, total):
        locked = status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
        if locked and time.monotonic() > deadline:
            raise _LockTimeout

    try:
        # One step (all pages at once) under one lock: the copy is one instant of
        # the database, as consistent as a transaction.
        source.backup(target, progress=progress)
    except _LockTimeout as error:
        raise BackupError(
            f"Không {what} được SQLite: cơ sở dữ liệu bị một tiến trình khác khoá "
            f"quá {SQLITE_LOCK_TIMEOUT} giây. Dừng cổng thông tin (gunicorn) rồi "
            "thử lại."
        ) from error
    except sqlite3.Error as error:
        raise BackupError(f"Không {what} được SQLite: {error}.") from error


class _LockTimeout(Exception):
    pass


def _dump_sqlite(dump):
    """A copy through SQLite's online backup API, then the cleared rows removed."""
    connection = connections[DEFAULT_DB_ALIAS]
    connection.ensure_connection()
    copy = sqlite3.connect(dump.path, isolation_level=None)
    try:
        _sqlite_copy(connection.connection, copy, connection, "sao lưu")
        # A copy of a WAL database would be in WAL mode; the archive holds one file.
        copy.execute("PRAGMA journal_mode=DELETE")
        cursor = copy.cursor()
        tables = {
            name
            for (name,) in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        }
        quote = connection.ops.quote_name
        for table in cleared_tables():
            if table in tables:
                cursor.execute(f"DELETE FROM {quote(table)}")
        # DELETE only marks the pages free, their bytes stay in the file until
        # VACUUM writes the database anew.
        cursor.execute("VACUUM")
        dump.counts, dump.migrations = counts_and_migrations(cursor, tables, quote)
    finally:
        copy.close()
    dump.named = _named_in_sqlite_copy(connection, dump.path)
    dump.server = f"SQLite {sqlite3.sqlite_version}"


def _named_in_sqlite_copy(connection, path):
    """The files the copy's rows name, read through a connection to the copy alone."""
    # Read-only, and none of the site's connection options (a journal mode, say,
    # would be a write).
    name = f"{Path(path).resolve().as_uri()}?mode=ro"
    copy = SQLiteWrapper(
        {**connection.settings_dict, "NAME": name, "OPTIONS": {}},
        alias=DEFAULT_DB_ALIAS,
    )
    try:
        return _named_through(copy)
    finally:
        copy.close()


def restore_sqlite(connection, copy):
    """Replace the live database (file or memory) with the archive's copy, whole."""
    connection.ensure_connection()
    source = sqlite3.connect(f"{Path(copy).resolve().as_uri()}?mode=ro", uri=True)
    try:
        _sqlite_copy(source, connection.connection, connection, "khôi phục")
    finally:
        source.close()
    # Migrations newer than the archive, if the code is newer.
    call_command("migrate", interactive=False, verbosity=0)


# ------------------------------------------------------------------ PostgreSQL


def _pg_major(version_text):
    """15 from "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"."""
    match = re.search(r"\)\s*(\d+)", version_text) or re.search(r"(\d+)", version_text)
    return int(match.group(1)) if match else None


def pg_tool(name, server_major):
    """The pg_dump/pg_restore for this server: same major version, else a newer one.

    Debian installs one per version under /usr/lib/postgresql/<major>/bin; the one on
    PATH may be another version, and an older pg_dump refuses a newer server.
    NGT_PG_BINDIR names a folder to try first.
    """
    candidates = []
    if os.environ.get("NGT_PG_BINDIR"):
        candidates.append(Path(os.environ["NGT_PG_BINDIR"]) / name)
    candidates.append(Path(f"/usr/lib/postgresql/{server_major}/bin/{name}"))
    if shutil.which(name):
        candidates.append(Path(shutil.which(name)))
    candidates += sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True
    )
    newer = []
    for candidate in candidates:
        if not os.access(candidate, os.X_OK):
            continue
        try:
            result = subprocess.run(
                [str(candidate), "--version"],
                capture_output=True,
                text=True,
                timeout=30,
            )
        except OSError:
            continue
        major = _pg_major(result.stdout)
        if major == server_major:
            return str(candidate)
        if major is not None and major > server_major:
            newer.append((major, str(candidate)))
    if newer:
        return max(newer)[1]
    raise BackupError(
        f"Không tìm thấy {name} cho PostgreSQL {server_major} (cần phiên bản "
        f"{server_major} trở lên). Hãy cài gói postgresql-client-{server_major}, "
        "hoặc đặt biến môi trường NGT_PG_BINDIR là thư mục chứa nó."
    )


def _pg_env(connection):
    """libpq's environment for the configured database (password never on argv)."""
    from django.db.backends.postgresql.client import DatabaseClient

    params = connection.settings_dict
    _args, extra = DatabaseClient.settings_to_cmd_args_env(params, [])
    env = dict(os.environ)
    env.update({key: value for key, value in (extra or {}).items() if value})
    for key, setting in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if params.get(setting):
            env[key] = str(params[setting])
    return env


def _run(command, env, what):
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
    except OSError as error:
        raise BackupError(f"Không chạy được {what}: {error.strerror}.") from error
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-8:])
        raise BackupError(f"{what} báo lỗi (mã {result.returncode}):\n{tail}")
    return result


def _dump_postgresql(dump):
    """pg_dump inside a snapshot that the row counts, migrations and named files are
    read from."""
    # A connection of its own: the snapshot must be the first thing its
    # transaction does, whatever the caller's connection is in the middle of.
    connection = connections[DEFAULT_DB_ALIAS].copy()
    try:
        connection.ensure_connection()
        server_major = connection.pg_version // 10000
        tool = pg_tool("pg_dump", server_major)
        connection.set_autocommit(False)
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = set(connection.introspection.table_names(cursor))
            counts, migrations = counts_and_migrations(
                cursor, tables, connection.ops.quote_name
            )
            # The cleared tables' structure is dumped, their rows are not.
            for label in CLEARED_MODELS:
                if label in counts:
                    counts[label] = 0
            dump.named = _named_through(connection)
            # Double quotes: the exact name, not a pattern folded to lower case.
            skipped = [f'--exclude-table-data="{t}"' for t in cleared_tables()]
            _run(
                [
                    tool,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    *skipped,
                    f"--snapshot={snapshot}",
                    f"--file={dump.path}",
                    f"--dbname={connection.settings_dict['NAME']}",
                ],
                _pg_env(connection),
                "pg_dump",
            )
        connection.rollback()
        dump.counts, dump.migrations = counts, migrations
        dump.server = f"PostgreSQL {connection.pg_version}"
    finally:
        connection.close()


def restore_postgresql(connection, dump):
    connection.ensure_connection()
    tool = pg_tool("pg_restore", connection.pg_version // 10000)
    env = _pg_env(connection)
    name = connection.settings_dict["NAME"]
    connection.close()
    _run(
        [
            tool,
            "--no-owner",
            "--no-privileges",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={name}",
            str(dump),
        ],
        env,
        "pg_restore",
    )
    # Migrations newer than the archive, if the code is newer.
    call_command("migrate", interactive=False, verbosity=0)
