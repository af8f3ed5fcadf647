"""Bringing an archive back: checked before anything changes, and checked after."""

import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader

from .archive import missing_named_files, missing_text, verify_archive
from .common import (
    CHUNK,
    CONTENT_APPS,
    DATABASE_MEMBERS,
    MEDIA_PREFIX,
    PG_MEMBER,
    SQLITE_MEMBER,
    BackupError,
    counted_models,
    media_files,
    media_storage,
    replacing,
    say,
    sha256_file,
    unsafe_name,
)
from .database import live_counts, restore_postgresql, restore_sqlite

_VENDOR_NAMES = {PG_MEMBER: "PostgreSQL", SQLITE_MEMBER: "SQLite"}
_VENDORS = {member: vendor for vendor, member in DATABASE_MEMBERS.items()}


@dataclass
class RestoreReport:
    """What a restore brought back, and where it differs from the archive."""

    manifest: dict
    rows: int = 0
    files: int = 0
    problems: list = field(default_factory=list)


def current_content():
    """(rows of content in the database, files in the media folder) now."""
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    rows = 0
    for model in counted_models():
        if model._meta.db_table not in tables:
            continue
        if model is user_model or model._meta.app_label in CONTENT_APPS:
            rows += model._base_manager.count()
    on_disk, media = media_storage()
    files = (
        [name for name, _ in media_files(media) if name != ".gitkeep"]
        if on_disk and media.is_dir()
        else []
    )
    return rows, len(files)


def restore_backup(path, force=False, log=None):
    """Check the archive, restore the database and the files, check the result.

    An archive whole but without some files its rows name is still restored (it may
    be the best copy there is), after saying which files are missing.
    """
    archive = verify_archive(path, log, allow_missing=True)
    manifest = archive.manifest
    connection = connections[DEFAULT_DB_ALIAS]
    vendor = manifest["database"]["vendor"]
    member = manifest["database"]["member"]
    media_entries = [e for e in manifest["files"] if e["path"].startswith(MEDIA_PREFIX)]
    on_disk, media = media_storage()

    if connection.vendor != _VENDORS[member]:
        made_by = "pg_dump" if member == PG_MEMBER else "bản sao tệp SQLite"
        raise BackupError(
            f"Bản sao lưu này lấy từ {_VENDOR_NAMES[member]} ({made_by}) nên chỉ khôi "
            f"phục được vào {_VENDOR_NAMES[member]}; cơ sở dữ liệu đang cấu hình là "
            f"{connection.vendor}."
        )
    if media_entries and not on_disk:
        raise BackupError(
            "Bản sao lưu có tệp media nhưng cổng thông tin đang dùng kho lưu trữ ngoài "
            f"({media}): hãy khôi phục với kho tệp trên đĩa (DJANGO_MEDIA_STORAGE "
            "để trống), rồi chép thư mục media lên kho đó."
        )
    _check_migrations(manifest)

    rows, files = current_content()
    if (rows or files) and not force:
        raise BackupError(
            f"Cơ sở dữ liệu đang có {rows} bản ghi nội dung và thư mục media có "
            f"{files} tệp: không khôi phục đè lên. Khôi phục vào cơ sở dữ liệu và "
            "thư mục media trống, hoặc dùng --force để thay thế."
        )
    if rows or files:
        say(
            log,
            f"--force: toàn bộ dữ liệu hiện có ({rows} bản ghi nội dung) sẽ bị thay "
            f"bằng dữ liệu trong bản sao lưu; {files} tệp trong {media}: tệp trùng "
            "tên bị ghi đè, tệp khác giữ nguyên.",
        )

    missing = missing_named_files(manifest)
    if missing:
        say(log, f"Cảnh báo: bản sao lưu {missing_text(missing)}")
    say(log, f"Đang khôi phục cơ sở dữ liệu ({vendor})…")
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
            restore_postgresql(connection, dump)
        else:
            restore_sqlite(connection, dump)
        if media_entries:
            say(log, f"Đang chép {len(media_entries)} tệp vào {media}…")
            for entry in media_entries:
                _extract(tar, members[entry["path"]], media)

    report = RestoreReport(manifest=manifest)
    _check_result(report, connection, media, media_entries)
    _refresh_page_cache()
    return report


def _check_migrations(manifest):
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


def _extract(tar, member, root):
    name = member.name
    relative = PurePosixPath(name[len(MEDIA_PREFIX) :])
    if unsafe_name(str(relative)):
        raise BackupError(f"{name}: đường dẫn không an toàn, dừng khôi phục.")
    target = Path(root, *relative.parts)
    root_resolved = os.path.realpath(root)
    if os.path.commonpath([root_resolved, os.path.realpath(target)]) != root_resolved:
        raise BackupError(f"{name}: nằm ngoài thư mục media, dừng khôi phục.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(
        target, ".restore-", "", f"Không ghi được tệp {target}"
    ) as temporary:
        with open(temporary, "wb") as out, tar.extractfile(member) as src:
            shutil.copyfileobj(src, out, CHUNK)
        os.chmod(temporary, settings.FILE_UPLOAD_PERMISSIONS or 0o644)


def _check_result(report, connection, media, media_entries):
    expected = report.manifest.get("row_counts", {})
    counts = live_counts(connection)
    for label, number in sorted(expected.items()):
        if label in counts and counts[label] != number:
            report.problems.append(
                f"{label}: {counts[label]} bản ghi, bản sao lưu có {number}."
            )
    report.rows = sum(counts.get(label, 0) for label in expected)
    for entry in media_entries:
        path = Path(media, *PurePosixPath(entry["path"][len(MEDIA_PREFIX) :]).parts)
        if not path.is_file() or sha256_file(path) != entry["sha256"]:
            report.problems.append(f"{entry['path']}: tệp trên đĩa không khớp.")
        else:
            report.files += 1


def _refresh_page_cache():
    # Both restores change rows without Django's signals; pages stored before the
    # restore must not be served after it.
    from ops.page_cache import bump_generation

    bump_generation()
