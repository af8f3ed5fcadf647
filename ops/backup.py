"""Backup and restore: the database and every uploaded file in one archive.

An archive is a tar file (gzip when its name ends in ``.tar.gz`` or ``.tgz``) with

- ``database.dump``: ``pg_dump --format=custom`` of the database on PostgreSQL, or
  ``database.json``: ``dumpdata --natural-foreign --natural-primary`` elsewhere;
- ``media/…``: every file under MEDIA_ROOT (when uploads live on the filesystem);
- ``manifest.json``, last: versions, the migrations applied, the rows per model and,
  for every other member, its path, size and SHA-256. The manifest carries its own
  checksum too, so a changed manifest is noticed as surely as a changed member.

The database is dumped before the media are copied: an upload is written to disk
before its row is committed, so every file a dumped row names is already there when
the files are read. The archive is written under a hidden temporary name in the
target folder and renamed when complete: a crashed backup never leaves a file that
looks like a finished one.

``restore`` checks every checksum before it changes anything, and checks again
afterwards: the rows per model and the files on disk against the manifest.

Console messages are Vietnamese, written directly (docs/decisions/0001).
"""

import contextlib
import datetime
import hashlib
import io
import json
import os
import platform
import re
import shutil
import subprocess
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.module_loading import import_string

FORMAT = "ngt-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PG_MEMBER = "database.dump"
JSON_MEMBER = "database.json"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024

# Left out of the JSON dump (pg_dump keeps every table; restoring it is exact):
# - contenttypes and auth.Permission: `migrate` makes them again, under other
#   primary keys; rows pointing at them are written with natural keys instead
#   (--natural-foreign), which find the new rows;
# - sessions: short-lived, and live session keys in a backup file are credentials:
#   after a restore everyone logs in again;
# - axes.AccessAttempt: the running count of failed logins that locks an account;
#   restoring it could lock staff out. django-axes' login logs are kept.
# Kept: the admin's log (who changed what in the admin; primary keys are kept, so its
# links still lead to the right rows) and every history table (the versions).
JSON_EXCLUDED = (
    "contenttypes.ContentType",
    "auth.Permission",
    "sessions.Session",
    "axes.AccessAttempt",
)
# What "the database already holds content" means for restore: any user, or any row
# of the portal's own apps. Groups are not counted: a migration makes the roles.
CONTENT_APPS = ("people", "events", "news", "awards")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


@dataclass
class Archive:
    path: Path
    manifest: dict
    size: int = 0


@dataclass
class RestoreReport:
    manifest: dict
    rows: int = 0
    files: int = 0
    problems: list = field(default_factory=list)


# ------------------------------------------------------------------ helpers


def _say(log, message):
    if log is not None:
        log(message)


def _sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingReader:
    """Reads a file for tarfile while hashing exactly the bytes stored."""

    def __init__(self, file):
        self.file = file
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        return data


def _manifest_checksum(manifest):
    body = {key: value for key, value in manifest.items() if key != "checksum"}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _portal_version():
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as file:
            return tomllib.load(file)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "không rõ"


def media_storage():
    """(True, MEDIA_ROOT) when uploads are files on this machine, else (False, backend)."""
    backend = settings.STORAGES["default"]["BACKEND"]
    try:
        on_disk = issubclass(import_string(backend), FileSystemStorage)
    except ImportError:
        on_disk = False
    if on_disk:
        location = settings.STORAGES["default"].get("OPTIONS", {}).get("location")
        return True, Path(location or settings.MEDIA_ROOT)
    return False, backend


def _media_files(root):
    """Regular files under root, as (relative posix path, absolute path), sorted."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            full = Path(folder, name)
            if full.is_file() and not full.is_symlink():
                found.append((full.relative_to(root).as_posix(), full))
    return found


def _counted_models(excluded=()):
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.label not in excluded
    ]


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


def _dump_postgresql(target):
    """pg_dump inside a snapshot that the row counts and migrations are read from."""
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
            counts, migrations = _counts_and_migrations(connection, cursor, ())
            _run(
                [
                    tool,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                    f"--dbname={connection.settings_dict['NAME']}",
                ],
                _pg_env(connection),
                "pg_dump",
            )
        connection.rollback()
        return counts, migrations, f"PostgreSQL {connection.pg_version}"
    finally:
        connection.close()


def _counts_and_migrations(connection, cursor, excluded):
    tables = set(connection.introspection.table_names(cursor))
    quote = connection.ops.quote_name
    counts = {}
    for model in _counted_models(excluded):
        if model._meta.db_table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(model._meta.db_table)}")
            counts[model._meta.label] = cursor.fetchone()[0]
    migrations = {}
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        for app, name in cursor.fetchall():
            migrations.setdefault(app, []).append(name)
    return counts, migrations


# ------------------------------------------------------------------ other databases


def _dump_json(target):
    """dumpdata in one transaction, so rows, counts and migrations agree."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "mysql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    with transaction.atomic(), connection.cursor() as cursor:
        counts, migrations = _counts_and_migrations(connection, cursor, JSON_EXCLUDED)
        call_command(
            "dumpdata",
            format="json",
            natural_foreign=True,
            natural_primary=True,
            exclude=list(JSON_EXCLUDED),
            output=str(target),
            verbosity=0,
        )
    version = ".".join(str(part) for part in connection.get_database_version())
    return counts, migrations, f"{connection.display_name} {version}"


# ------------------------------------------------------------------ backup


def archive_path(path):
    """A folder gets a dated archive name; a file name is used as it is."""
    path = Path(path)
    if path.is_dir():
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        return path / f"ngt-backup-{stamp}.tar"
    if path.exists():
        raise BackupError(f"Đã có tệp {path}: chọn tên khác, không ghi đè bản cũ.")
    if not path.parent.is_dir():
        raise BackupError(f"Không có thư mục {path.parent}.")
    return path


@contextlib.contextmanager
def _replacing(target, prefix, suffix, failed):
    """A temporary file beside ``target``, put in its place when the block ends
    well: a crash never leaves a file that looks complete. When writing fails the
    temporary file is deleted and ``failed`` (what could not be written) is raised
    as a BackupError with the reason."""
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=prefix, suffix=suffix
        )
    except OSError as error:
        raise BackupError(
            f"Không ghi được vào thư mục {target.parent}: {error.strerror}."
        ) from error
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise BackupError(f"{failed}: {error.strerror or error}.") from error
        raise


def create_backup(path, log=None):
    """Write an archive to path (a folder or a file name): (its Path, manifest)."""
    target = archive_path(path)
    gzip = target.name.endswith((".tar.gz", ".tgz"))
    with _replacing(
        target, f".{target.name}.", ".partial", f"Không ghi được tệp sao lưu {target}"
    ) as temporary:
        manifest = _write_archive(temporary, gzip, log)
        with open(temporary, "rb+") as file:
            os.fsync(file.fileno())
    try:
        directory = os.open(target.parent, os.O_RDONLY)
        os.fsync(directory)
        os.close(directory)
    except OSError:
        pass
    return target, manifest


def _write_archive(temporary, gzip, log):
    connection = connections[DEFAULT_DB_ALIAS]
    vendor = connection.vendor
    on_disk, media = media_storage()
    files = []
    # The dump waits beside the archive, on the disk chosen for backups, rather
    # than in the system's temporary folder, which may be small.
    with tempfile.TemporaryDirectory(dir=temporary.parent, prefix=".ngt-work-") as work:
        if vendor == "postgresql":
            member = PG_MEMBER
            _say(log, "Đang sao lưu cơ sở dữ liệu (pg_dump)…")
            dump = Path(work) / member
            counts, migrations, server = _dump_postgresql(dump)
            excluded = []
        else:
            member = JSON_MEMBER
            _say(log, "Đang sao lưu cơ sở dữ liệu (dumpdata, JSON)…")
            dump = Path(work) / member
            counts, migrations, server = _dump_json(dump)
            excluded = list(JSON_EXCLUDED)
        with tarfile.open(temporary, "w:gz" if gzip else "w") as tar:
            files.append(_add_file(tar, member, dump))
            if on_disk:
                found = _media_files(media) if media.is_dir() else []
                _say(log, f"Đang sao lưu {len(found)} tệp trong thư mục media…")
                for relative, full in found:
                    if _unsafe_name(relative):
                        _say(log, f"Bỏ qua {relative!r}: tên tệp không an toàn.")
                        continue
                    try:
                        files.append(_add_file(tar, MEDIA_PREFIX + relative, full))
                    except FileNotFoundError:
                        # Deleted while the backup ran (a photo removed by an editor).
                        _say(log, f"Bỏ qua {relative}: tệp vừa bị xoá.")
            else:
                _say(
                    log,
                    f"Tệp tải lên nằm trên kho lưu trữ ngoài ({media}): bản sao lưu "
                    "chỉ gồm cơ sở dữ liệu; hãy sao lưu kho đó riêng.",
                )
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": timezone.now().isoformat(timespec="seconds"),
                "portal_version": _portal_version(),
                "django_version": django.get_version(),
                "python_version": platform.python_version(),
                "database": {
                    "vendor": vendor,
                    "server": server,
                    "member": member,
                    "excluded_models": excluded,
                },
                "media": {
                    "included": on_disk,
                    "storage": settings.STORAGES["default"]["BACKEND"],
                    "note": ""
                    if on_disk
                    else "Tệp tải lên nằm trên kho lưu trữ ngoài, không có trong "
                    "bản sao lưu này.",
                },
                "migrations": migrations,
                "row_counts": counts,
                "files": files,
            }
            manifest["checksum"] = _manifest_checksum(manifest)
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
    return manifest


def _add_file(tar, name, path):
    with open(path, "rb") as file:
        stat = os.fstat(file.fileno())
        info = tarfile.TarInfo(name)
        info.size = stat.st_size
        info.mtime = int(stat.st_mtime)
        info.mode = 0o644
        reader = _HashingReader(file)
        tar.addfile(info, reader)
    return {"path": name, "size": stat.st_size, "sha256": reader.digest.hexdigest()}


# ------------------------------------------------------------------ verify


def _unsafe_name(name):
    """Why a member name may not be extracted, or '' when it is safe."""
    if not name or "\\" in name or "\x00" in name:
        return "tên không hợp lệ"
    pure = PurePosixPath(name)
    if pure.is_absolute() or re.match(r"^[A-Za-z]:", name):
        return "đường dẫn tuyệt đối"
    if any(part in ("..", ".", "") for part in name.split("/")):
        return "đường dẫn có “..” hoặc phần rỗng"
    return ""


def verify_archive(path, log=None):
    """Check an archive against its manifest; raise BackupError listing every fault."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {path}.")
    problems = []
    try:
        with tarfile.open(path, "r:*") as tar:
            manifest = _verify_members(tar, problems)
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise BackupError(
            f"Tệp sao lưu {path} bị hỏng hoặc bị cắt cụt, không đọc được ({error})."
        ) from error
    if problems:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        raise BackupError(
            f"Tệp sao lưu {path} bị hỏng hoặc bị sửa, không dùng được:\n{listed}"
        )
    _say(log, f"Tệp sao lưu {path} nguyên vẹn: mọi tổng kiểm tra khớp với manifest.")
    return Archive(path=path, manifest=manifest, size=path.stat().st_size)


def _verify_members(tar, problems):
    members = {}
    for member in tar.getmembers():
        reason = _unsafe_name(member.name)
        if reason:
            problems.append(f"{member.name}: {reason}.")
        elif not member.isreg():
            problems.append(
                f"{member.name}: không phải tệp thường (liên kết, thư mục…)."
            )
        elif member.name in members:
            problems.append(f"{member.name}: xuất hiện hai lần.")
        else:
            members[member.name] = member
    if MANIFEST not in members:
        problems.append(f"thiếu {MANIFEST}.")
        return None
    try:
        manifest = json.loads(tar.extractfile(members.pop(MANIFEST)).read())
    except (UnicodeDecodeError, ValueError):
        problems.append(f"{MANIFEST} không đọc được (không phải JSON).")
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        problems.append(
            f"{MANIFEST} không phải manifest của bản sao lưu cổng thông tin."
        )
        return None
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        problems.append(
            "bản sao lưu có định dạng mới hơn phiên bản cổng thông tin này đọc được."
        )
        return None
    if manifest.get("checksum") != _manifest_checksum(manifest):
        problems.append(f"{MANIFEST} đã bị sửa: tổng kiểm tra của nó không khớp.")
    database = manifest.get("database", {}).get("member")
    if database not in (PG_MEMBER, JSON_MEMBER):
        problems.append(f"{MANIFEST} không ghi tệp cơ sở dữ liệu hợp lệ.")
        return None
    listed = {}
    for entry in manifest.get("files", []):
        name = entry.get("path", "")
        reason = _unsafe_name(name)
        if reason:
            problems.append(f"manifest ghi {name}: {reason}.")
        elif name != database and not name.startswith(MEDIA_PREFIX):
            problems.append(f"manifest ghi tệp lạ {name}.")
        else:
            listed[name] = entry
    if database not in listed:
        problems.append("manifest không ghi tệp cơ sở dữ liệu.")
    for name in sorted(set(listed) - set(members)):
        problems.append(f"{name}: có trong manifest nhưng thiếu trong tệp sao lưu.")
    for name in sorted(set(members) - set(listed)):
        problems.append(f"{name}: có trong tệp sao lưu nhưng không có trong manifest.")
    for name, member in members.items():
        entry = listed.get(name)
        if entry is None:
            continue
        digest = hashlib.sha256()
        size = 0
        source = tar.extractfile(member)
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
        if size != entry.get("size"):
            problems.append(
                f"{name}: kích thước {size} byte, manifest ghi {entry.get('size')}."
            )
        elif digest.hexdigest() != entry.get("sha256"):
            problems.append(f"{name}: nội dung đã thay đổi (SHA-256 không khớp).")
    return manifest


# ------------------------------------------------------------------ restore


def current_content():
    """(rows of content in the database, files in the media folder) now."""
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    rows = 0
    for model in _counted_models():
        if model._meta.db_table not in tables:
            continue
        if model is user_model or model._meta.app_label in CONTENT_APPS:
            rows += model._base_manager.count()
    on_disk, media = media_storage()
    files = (
        [name for name, _ in _media_files(media) if name != ".gitkeep"]
        if on_disk and media.is_dir()
        else []
    )
    return rows, len(files)


def restore_backup(path, force=False, log=None):
    """Check the archive, restore the database and the files, check the result."""
    archive = verify_archive(path, log)
    manifest = archive.manifest
    connection = connections[DEFAULT_DB_ALIAS]
    vendor = manifest["database"]["vendor"]
    member = manifest["database"]["member"]
    media_entries = [e for e in manifest["files"] if e["path"].startswith(MEDIA_PREFIX)]
    on_disk, media = media_storage()

    if member == PG_MEMBER and connection.vendor != "postgresql":
        raise BackupError(
            "Bản sao lưu này lấy từ PostgreSQL (pg_dump) nên chỉ khôi phục được vào "
            f"PostgreSQL; cơ sở dữ liệu đang cấu hình là {connection.vendor}."
        )
    if media_entries and not on_disk:
        raise BackupError(
            "Bản sao lưu có tệp media nhưng cổng thông tin đang dùng kho lưu trữ ngoài "
            f"({media}): hãy khôi phục với kho tệp trên đĩa (DJANGO_MEDIA_STORAGE "
            "để trống), rồi chép thư mục media lên kho đó."
        )
    _check_migrations(manifest, connection)

    rows, files = current_content()
    if (rows or files) and not force:
        raise BackupError(
            f"Cơ sở dữ liệu đang có {rows} bản ghi nội dung và thư mục media có "
            f"{files} tệp: không khôi phục đè lên. Khôi phục vào cơ sở dữ liệu và "
            "thư mục media trống, hoặc dùng --force để thay thế."
        )
    if rows or files:
        _say(
            log,
            f"--force: toàn bộ dữ liệu hiện có ({rows} bản ghi nội dung) sẽ bị thay "
            f"bằng dữ liệu trong bản sao lưu; {files} tệp trong {media}: tệp trùng "
            "tên bị ghi đè, tệp khác giữ nguyên.",
        )

    _say(log, f"Đang khôi phục cơ sở dữ liệu ({vendor})…")
    with (
        tempfile.TemporaryDirectory() as work,
        tarfile.open(archive.path, "r:*") as tar,
    ):
        # One index: tarfile's getmember() scans the whole list on every call.
        members = {item.name: item for item in tar.getmembers()}
        dump = Path(work) / member
        with tar.extractfile(members[member]) as source, open(dump, "wb") as out:
            shutil.copyfileobj(source, out, CHUNK)
        if member == PG_MEMBER:
            _restore_postgresql(connection, dump)
        else:
            _restore_json(connection, manifest, dump, flush=bool(rows) and force)
        if media_entries:
            _say(log, f"Đang chép {len(media_entries)} tệp vào {media}…")
            for entry in media_entries:
                _extract(tar, members[entry["path"]], media)

    report = RestoreReport(manifest=manifest)
    _check_result(report, connection, media, media_entries)
    _refresh_page_cache()
    return report


def _check_migrations(manifest, connection):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unknown = [
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if (app, name) not in loader.disk_migrations
    ]
    if unknown:
        shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise BackupError(
            "Bản sao lưu lấy từ phiên bản cổng thông tin mới hơn mã nguồn đang chạy "
            f"(có migration không biết: {shown}). Cập nhật mã nguồn rồi khôi phục lại."
        )


def _restore_postgresql(connection, dump):
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


def _restore_json(connection, manifest, dump, flush):
    from django.core.management.sql import emit_post_migrate_signal
    from django.db.migrations.executor import MigrationExecutor

    if flush:
        call_command("flush", interactive=False, verbosity=0)
    # The schema the rows were dumped from; newer migrations run after the load, so
    # they see (and can convert) the restored rows as they would have in place.
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    dumped = {
        (app, name)
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) in graph.nodes
    }
    # The last migration of each app in the archive (migrating to an earlier node
    # of an app would undo the later ones).
    targets = sorted(
        node
        for node in dumped
        if not any(
            child in dumped and child[0] == node[0]
            for child in graph.node_map[node].children
        )
    )
    plan = executor.migration_plan(targets)
    executor.migrate(targets, plan=plan)
    # Content types and permissions, which the dump refers to by natural key.
    emit_post_migrate_signal(0, False, connection.alias)
    # Rows the migrations made (the roles' groups) give way to the archive's own,
    # so the restore is the backup exactly, even where staff changed or removed them.
    # One transaction: a load that fails leaves the freshly migrated tables as
    # they were, not half filled.
    with transaction.atomic(using=connection.alias):
        _clear_dumped_tables(manifest)
        call_command("loaddata", str(dump), verbosity=0, database=connection.alias)
    call_command("migrate", interactive=False, verbosity=0)


def _clear_dumped_tables(manifest):
    from django.apps import apps

    for label in manifest.get("row_counts", {}):
        app_label, _, model_name = label.partition(".")
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        if not model._meta.auto_created and model._base_manager.exists():
            model._base_manager.all().delete()


def _extract(tar, member, root):
    name = member.name
    relative = PurePosixPath(name[len(MEDIA_PREFIX) :])
    if _unsafe_name(str(relative)):
        raise BackupError(f"{name}: đường dẫn không an toàn, dừng khôi phục.")
    target = Path(root, *relative.parts)
    root_resolved = os.path.realpath(root)
    if os.path.commonpath([root_resolved, os.path.realpath(target)]) != root_resolved:
        raise BackupError(f"{name}: nằm ngoài thư mục media, dừng khôi phục.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with _replacing(
        target, ".restore-", "", f"Không ghi được tệp {target}"
    ) as temporary:
        with open(temporary, "wb") as out, tar.extractfile(member) as src:
            shutil.copyfileobj(src, out, CHUNK)
        os.chmod(temporary, settings.FILE_UPLOAD_PERMISSIONS or 0o644)


def _check_result(report, connection, media, media_entries):
    expected = report.manifest.get("row_counts", {})
    with connection.cursor() as cursor:
        excluded = report.manifest["database"].get("excluded_models", [])
        counts, _migrations = _counts_and_migrations(connection, cursor, excluded)
    for label, number in sorted(expected.items()):
        if label in counts and counts[label] != number:
            report.problems.append(
                f"{label}: {counts[label]} bản ghi, bản sao lưu có {number}."
            )
    report.rows = sum(counts.get(label, 0) for label in expected)
    for entry in media_entries:
        path = Path(media, *PurePosixPath(entry["path"][len(MEDIA_PREFIX) :]).parts)
        if not path.is_file() or _sha256_file(path) != entry["sha256"]:
            report.problems.append(f"{entry['path']}: tệp trên đĩa không khớp.")
        else:
            report.files += 1


def _refresh_page_cache():
    # pg_restore changes rows without Django's signals; pages stored before the
    # restore must not be served after it.
    from ops.page_cache import bump_generation

    bump_generation()


def summary(manifest):
    """Lines describing an archive's manifest, for verify_backup and restore."""
    database = manifest["database"]
    media = [e for e in manifest["files"] if e["path"].startswith(MEDIA_PREFIX)]
    media_bytes = sum(e["size"] for e in media)
    created = datetime.datetime.fromisoformat(manifest["created_at"])
    lines = [
        f"Tạo lúc: {timezone.localtime(created):%H:%M:%S ngày %d/%m/%Y}",
        f"Cổng thông tin {manifest['portal_version']}, Django "
        f"{manifest['django_version']}, cơ sở dữ liệu {database['vendor']}",
        f"Bản ghi: {sum(manifest['row_counts'].values())} trong "
        f"{len(manifest['row_counts'])} bảng",
    ]
    if manifest["media"]["included"]:
        lines.append(f"Tệp media: {len(media)} tệp, {media_bytes / 1e6:.1f} MB")
    else:
        lines.append("Tệp media: không có (" + manifest["media"]["note"] + ")")
    return lines
