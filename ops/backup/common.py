"""What every part of the backup shares: its error, its names, the media folder."""

import contextlib
import hashlib
import os
import re
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.module_loading import import_string

FORMAT = "ngt-backup"
# 1 held a dumpdata JSON on SQLite, which rounded every time to the millisecond.
FORMAT_VERSION = 2
MANIFEST = "manifest.json"
PG_MEMBER = "database.dump"
SQLITE_MEMBER = "database.sqlite3"
DATABASE_MEMBERS = {"postgresql": PG_MEMBER, "sqlite": SQLITE_MEMBER}
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024

# Tables whose rows never go into an archive (their structure does):
# - sessions: live session keys in a backup file are credentials; after a restore
#   everyone logs in again;
# - axes.AccessAttempt: the running count of failed logins that locks an account;
#   restoring it could lock staff out. django-axes' login logs are kept.
CLEARED_MODELS = ("sessions.Session", "axes.AccessAttempt")
# What "the database already holds content" means for restore: any user, or any row
# of the portal's own apps. Groups are not counted: a migration makes the roles.
CONTENT_APPS = ("people", "events", "news", "awards", "documents")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


def say(log, message):
    if log is not None:
        log(message)


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


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


def media_files(root):
    """Regular files under root, as (relative posix path, absolute path), sorted."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            full = Path(folder, name)
            if full.is_file() and not full.is_symlink():
                found.append((full.relative_to(root).as_posix(), full))
    return found


def counted_models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy
    ]


def cleared_tables():
    """The database tables of CLEARED_MODELS that this installation has."""
    tables = []
    for label in CLEARED_MODELS:
        try:
            tables.append(apps.get_model(label)._meta.db_table)
        except LookupError:
            continue
    return tables


def unsafe_name(name):
    """Why a member name may not be extracted, or '' when it is safe."""
    if not name or "\\" in name or "\x00" in name:
        return "tên không hợp lệ"
    pure = PurePosixPath(name)
    if pure.is_absolute() or re.match(r"^[A-Za-z]:", name):
        return "đường dẫn tuyệt đối"
    if any(part in ("..", ".", "") for part in name.split("/")):
        return "đường dẫn có “..” hoặc phần rỗng"
    return ""


@contextlib.contextmanager
def replacing(target, prefix, suffix, failed):
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
