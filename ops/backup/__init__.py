"""Backup and restore: the database and every uploaded file in one archive.

An archive is a tar file (gzip when its name ends in ``.tar.gz`` or ``.tgz``) with

- the database: ``database.dump``, ``pg_dump --format=custom`` on PostgreSQL, or
  ``database.sqlite3``, a copy made with SQLite's online backup API, on SQLite. Both
  keep every row as stored (microseconds and all) except sessions and django-axes'
  lockout counters (``CLEARED_MODELS``), whose tables are kept empty;
- ``media/…``: every file under MEDIA_ROOT (when uploads live on the filesystem);
- ``manifest.json``, last: versions, the migrations applied, the rows per model,
  the media files the dumped rows name and, for every other member, its path, size
  and SHA-256. The manifest carries its own checksum too, so a changed manifest is
  noticed as surely as a changed member.

The database is dumped before the media are copied: an upload is written to disk
before its row is committed, so every file a dumped row names is already there when
the files are read. The archive is written under a hidden temporary name in the
target folder and renamed when complete: a crashed backup never leaves a file that
looks like a finished one.

``verify_backup`` also refuses an archive that lacks a file its rows name (a photo's
master or rendition, a document, an image in a body, deleted before or during the
backup): restored, such a row would point at nothing.

``restore`` checks every checksum before it changes anything, and checks again
afterwards: the rows per model and the files on disk against the manifest.

- ``common``: the error, the members' names, the media folder;
- ``database``: pg_dump/pg_restore and the SQLite copy;
- ``archive``: writing and verifying the tar and its manifest;
- ``restore``: bringing an archive back.

Console messages are Vietnamese, written directly (docs/decisions/0001).
"""

from .archive import (
    Archive,
    archive_path,
    create_backup,
    manifest_checksum,
    missing_named_files,
    summary,
    verify_archive,
)
from .common import (
    CLEARED_MODELS,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_PREFIX,
    PG_MEMBER,
    SQLITE_MEMBER,
    BackupError,
    media_storage,
)
from .database import pg_tool
from .restore import RestoreReport, current_content, restore_backup

__all__ = [
    "CLEARED_MODELS",
    "FORMAT",
    "FORMAT_VERSION",
    "MANIFEST",
    "MEDIA_PREFIX",
    "PG_MEMBER",
    "SQLITE_MEMBER",
    "Archive",
    "BackupError",
    "RestoreReport",
    "archive_path",
    "create_backup",
    "current_content",
    "manifest_checksum",
    "media_storage",
    "missing_named_files",
    "pg_tool",
    "restore_backup",
    "summary",
    "verify_archive",
]
