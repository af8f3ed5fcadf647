"""Writing an archive, checking one against its manifest, and describing it."""

import datetime
import hashlib
import io
import json
import os
import platform
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from .common import (
    CHUNK,
    CLEARED_MODELS,
    DATABASE_MEMBERS,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_PREFIX,
    BackupError,
    media_files,
    media_storage,
    replacing,
    say,
    unsafe_name,
)
from .database import dump_database


@dataclass
class Archive:
    """An archive that verify_archive found whole, with its manifest."""

    path: Path
    manifest: dict
    size: int = 0


class _HashingReader:
    """Reads a file for tarfile while hashing exactly the bytes stored."""

    def __init__(self, file):
        self.file = file
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        return data


def manifest_checksum(manifest):
    """The SHA-256 of the manifest without its own "checksum" key."""
    body = {key: value for key, value in manifest.items() if key != "checksum"}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _portal_version():
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as file:
            return tomllib.load(file)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "không rõ"


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


def create_backup(path, log=None):
    """Write an archive to path (a folder or a file name): (its Path, manifest)."""
    target = archive_path(path)
    gzip = target.name.endswith((".tar.gz", ".tgz"))
    with replacing(
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
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    on_disk, media = media_storage()
    files = []
    # The dump waits beside the archive, on the disk chosen for backups, rather
    # than in the system's temporary folder, which may be small.
    with tempfile.TemporaryDirectory(dir=temporary.parent, prefix=".ngt-work-") as work:
        how = "pg_dump" if vendor == "postgresql" else "bản sao SQLite"
        say(log, f"Đang sao lưu cơ sở dữ liệu ({how})…")
        dump = dump_database(work)
        with tarfile.open(temporary, "w:gz" if gzip else "w") as tar:
            files.append(_add_file(tar, dump.member, dump.path))
            if on_disk:
                found = media_files(media) if media.is_dir() else []
                say(log, f"Đang sao lưu {len(found)} tệp trong thư mục media…")
                for relative, full in found:
                    if unsafe_name(relative):
                        say(log, f"Bỏ qua {relative!r}: tên tệp không an toàn.")
                        continue
                    try:
                        files.append(_add_file(tar, MEDIA_PREFIX + relative, full))
                    except FileNotFoundError:
                        # Deleted while the backup ran (a photo removed by an editor).
                        say(log, f"Bỏ qua {relative}: tệp vừa bị xoá.")
            else:
                say(
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
                    "server": dump.server,
                    "member": dump.member,
                    "cleared_models": [
                        label for label in CLEARED_MODELS if label in dump.counts
                    ],
                },
                "media": {
                    "included": on_disk,
                    "storage": settings.STORAGES["default"]["BACKEND"],
                    "note": ""
                    if on_disk
                    else "Tệp tải lên nằm trên kho lưu trữ ngoài, không có trong "
                    "bản sao lưu này.",
                },
                "migrations": dump.migrations,
                "row_counts": dump.counts,
                "files": files,
            }
            if on_disk:
                manifest["media"]["named"] = sorted(dump.named)
                _warn_missing(log, missing_named_files(manifest))
            manifest["checksum"] = manifest_checksum(manifest)
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
    return manifest


def _warn_missing(log, missing):
    if missing:
        say(log, f"Cảnh báo: {missing_text(missing)}")


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


def verify_archive(path, log=None, allow_missing=False):
    """Check an archive against its manifest, and that it holds every file its rows
    name; raise BackupError listing every fault. ``allow_missing`` accepts an archive
    whole but without some of those files (restore says which instead)."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {path}.")
    problems = []
    try:
        with tarfile.open(path, "r:*") as tar:
            manifest = _verify_members(path, tar, problems)
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise BackupError(
            f"Tệp sao lưu {path} bị hỏng hoặc bị cắt cụt, không đọc được ({error})."
        ) from error
    if problems:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        raise BackupError(
            f"Tệp sao lưu {path} bị hỏng hoặc bị sửa, không dùng được:\n{listed}"
        )
    missing = missing_named_files(manifest)
    if missing and not allow_missing:
        raise BackupError(f"Tệp sao lưu {path} không đầy đủ: {missing_text(missing)}")
    say(log, f"Tệp sao lưu {path} nguyên vẹn: mọi tổng kiểm tra khớp với manifest.")
    return Archive(path=path, manifest=manifest, size=path.stat().st_size)


# How many missing names a message shows; the count says how many there are.
SHOWN_MISSING = 10


def missing_named_files(manifest):
    """The media files the archive's rows name that the archive does not hold.

    The names are those the backup read from the dumped rows themselves
    (``media.named``): every file field, each photo's renditions, the images and
    links in article bodies. Files named only by kept versions are not asked for:
    a deleted photo's files go, its versions stay. An archive written before the
    names were recorded, or of uploads kept elsewhere, has none to check.
    """
    media = manifest.get("media", {})
    named = media.get("named")
    if not media.get("included") or not isinstance(named, list):
        return []
    held = {
        entry["path"][len(MEDIA_PREFIX) :]
        for entry in manifest.get("files", [])
        if entry.get("path", "").startswith(MEDIA_PREFIX)
    }
    return [str(name) for name in named if str(name) not in held]


def missing_text(missing):
    """The Vietnamese sentence naming how many files are missing, and some of them."""
    shown = "\n".join(f"  - {name}" for name in missing[:SHOWN_MISSING])
    more = len(missing) - SHOWN_MISSING
    if more > 0:
        shown += f"\n  … và {more} tệp khác."
    return (
        f"thiếu {len(missing)} tệp mà bản ghi trong cơ sở dữ liệu trỏ tới (ảnh gốc, "
        "bản thu nhỏ, tài liệu, ảnh trong bài viết); khôi phục bản này sẽ có bản ghi "
        f"trỏ vào tệp không tồn tại:\n{shown}"
    )


def _check_format_version(path, manifest):
    """An archive of another format version is whole but not ours to read."""
    version = manifest.get("format_version", 0)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(
            f"Tệp sao lưu {path} có định dạng mới hơn (phiên bản {version}) so với "
            "phiên bản cổng thông tin này đọc được: cập nhật mã nguồn rồi thử lại."
        )
    if version < FORMAT_VERSION:
        raise BackupError(
            f"Tệp sao lưu {path} theo định dạng cũ (phiên bản {version}, cơ sở dữ "
            "liệu ghi dạng JSON), không còn được hỗ trợ: định dạng đó làm tròn thời "
            "gian đến phần nghìn giây nên bản khôi phục không giống hệt bản gốc. Hãy "
            f"tạo bản sao lưu mới bằng lệnh backup (định dạng {FORMAT_VERSION})."
        )


def _verify_members(path, tar, problems):
    members = {}
    for member in tar.getmembers():
        reason = unsafe_name(member.name)
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
    _check_format_version(path, manifest)
    if manifest.get("checksum") != manifest_checksum(manifest):
        problems.append(f"{MANIFEST} đã bị sửa: tổng kiểm tra của nó không khớp.")
    database = manifest.get("database", {}).get("member")
    if database not in DATABASE_MEMBERS.values():
        problems.append(f"{MANIFEST} không ghi tệp cơ sở dữ liệu hợp lệ.")
        return None
    listed = {}
    for entry in manifest.get("files", []):
        name = entry.get("path", "")
        reason = unsafe_name(name)
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


# ------------------------------------------------------------------ describe


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
        lines.append(_named_line(manifest))
    else:
        lines.append("Tệp media: không có (" + manifest["media"]["note"] + ")")
    return lines


def _named_line(manifest):
    named = manifest["media"].get("named")
    if named is None:
        return (
            "Tệp bản ghi trỏ tới: bản sao lưu này không ghi danh sách, chưa kiểm "
            "tra được (tạo bằng phiên bản cũ)."
        )
    missing = len(missing_named_files(manifest))
    if missing:
        return f"Tệp bản ghi trỏ tới: {len(named)} tệp, thiếu {missing} tệp"
    return f"Tệp bản ghi trỏ tới: {len(named)} tệp, có đủ trong bản sao lưu"
