"""Backup and restore: nothing is lost, and a bad archive changes nothing.

The round trip runs on the database the suite runs on: on SQLite the restore goes
into a fresh database file, on PostgreSQL into a new database made for the test;
both through ``manage.py restore`` in a subprocess, with an empty media folder. One
more restore runs in place, over the test database itself, with --force.
"""

import contextlib
import datetime
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from awards.models import Award
from news.models import Article
from ops import backup
from tests.factories import (
    ArticleFactory,
    AttendeeFactory,
    AwardFactory,
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
    PositionFactory,
    UserFactory,
)

ROOT = Path(settings.BASE_DIR)
UTC = datetime.UTC
SESSION_KEY = "phienconhieuluc0123456789abcdefg"
LOCKED_USERNAME = "nguoi-go-sai-mat-khau"
TITLE = "Đảng ủy Trường tổng kết công tác Đoàn năm 2023: những kết quả nổi bật"

# Sessions and lockout counters never go into an archive (ops/backup/common.py).
CLEARED = ["sessions.Session", "axes.AccessAttempt"]
CLEARED_TABLES = {"django_session", "axes_accessattempt"}

# Run in the restored site: the rows per model, a dump of every row, every table.
INSPECT = """
import json, os
from pathlib import Path
from django.apps import apps
from django.core.management import call_command
from tests.ops.test_backup import CLEARED, table_rows
counts = {
    m._meta.label: m._base_manager.count()
    for m in apps.get_models(include_auto_created=True)
    if not m._meta.proxy
}
call_command(
    "dumpdata", natural_foreign=True, natural_primary=True,
    exclude=CLEARED, output=os.environ["RESTORED_DUMP"], verbosity=0,
)
Path(os.environ["RESTORED_ROWS"]).write_text(json.dumps(table_rows()))
print(json.dumps(counts))
"""


def table_rows():
    """Every row of every table, by raw SQL, ordered by primary key: {table: rows}.

    Each value is its repr as the database driver returns it, so a datetime that
    lost its microseconds, or a number that became a string, differs.
    """
    quote = connection.ops.quote_name
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            key = connection.introspection.get_primary_key_column(cursor, table)
            cursor.execute(f"SELECT * FROM {quote(table)}")
            names = [column[0] for column in cursor.description]
            order = names.index(key) if key in names else None
            rows = sorted(
                cursor.fetchall(),
                key=lambda row: row[order] if order is not None else repr(row),
            )
            tables[table] = [
                {
                    name: repr(bytes(value) if isinstance(value, memoryview) else value)
                    for name, value in zip(names, row, strict=True)
                }
                for row in rows
            ]
    return tables


def sha256_tree(root):
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def dump_here(path):
    call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=True,
        exclude=CLEARED,
        output=str(path),
        verbosity=0,
    )
    return json.loads(Path(path).read_text())


def inspect_restored(env, tmp_path):
    """(rows per model, dumpdata, every table's rows) of the site env points at."""
    env = {
        **env,
        "RESTORED_DUMP": str(tmp_path / "restored.json"),
        "RESTORED_ROWS": str(tmp_path / "restored-rows.json"),
    }
    result = manage(env, "shell", "-c", INSPECT)
    assert result.returncode == 0, result.stderr
    return (
        json.loads(result.stdout.strip().splitlines()[-1]),
        json.loads((tmp_path / "restored.json").read_text()),
        json.loads((tmp_path / "restored-rows.json").read_text()),
    )


def manage(env_overrides, *args):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DJANGO_MEDIA_STORAGE"}
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def restore_target(tmp_path):
    """A DATABASE_URL with nothing in it, on the vendor the suite runs on."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    params = connection.settings_dict
    name = f"{params['NAME']}_restore"
    quoted = connection.ops.quote_name(name)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {quoted}")
    password = f":{quote(params['PASSWORD'], safe='')}" if params["PASSWORD"] else ""
    host = params["HOST"] or "127.0.0.1"
    port = params["PORT"] or 5432
    try:
        yield f"postgres://{quote(params['USER'] or '', safe='')}{password}@{host}:{port}/{name}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


@pytest.mark.django_db(transaction=True)
def test_round_trip_loses_nothing(tmp_path, restore_target):
    """Demo content, versions, a password, tone marks, awards, photos: all come back."""
    call_command("load_demo", verbosity=0)
    user = UserFactory(username="bientap", password="mat-khau-rat-dai-2024")
    article = ArticleFactory(title=TITLE, author=user)
    article.summary = "Bản sửa thứ hai."
    article.save()
    assert article.history.count() == 2
    AwardFactory(
        recipient_person=PersonFactory(full_name="Nguyễn Thị Hương Giang"),
        title="Chiến sĩ thi đua cơ sở năm học 2023–2024",
    )

    target, manifest = backup.create_backup(tmp_path)
    assert target.name.startswith("ngt-backup-") and target.suffix == ".tar"
    original_dump = dump_here(tmp_path / "original.json")
    original_rows = table_rows()
    original_media = sha256_tree(settings.MEDIA_ROOT)
    assert len(original_media) > 7, "the demo's photos and their renditions"
    assert manifest["row_counts"]["news.HistoricalArticle"] >= 2
    live = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label in manifest["row_counts"]
    }
    assert live == manifest["row_counts"]
    kept = {"auth.User", "events.HistoricalPhoto", "events.Photo_people"}
    kept |= {"news.HistoricalArticle", "awards.Award", "admin.LogEntry"}
    assert kept <= set(manifest["row_counts"])

    media = tmp_path / "restored-media"
    env = {"DATABASE_URL": restore_target, "DJANGO_MEDIA_ROOT": str(media)}
    result = manage(env, "restore", str(target))
    assert result.returncode == 0, result.stderr
    assert "Đã khôi phục" in result.stdout

    restored_counts, restored_dump, restored_rows = inspect_restored(env, tmp_path)
    for label, number in manifest["row_counts"].items():
        assert restored_counts[label] == number, label
    assert restored_dump == original_dump
    assert restored_rows == original_rows
    assert sha256_tree(media) == original_media

    by_model = {}
    for row in restored_dump:
        by_model.setdefault(row["model"], []).append(row["fields"])
    assert TITLE in [fields["title"] for fields in by_model["news.article"]]
    assert [f for f in by_model["auth.user"] if f["username"] == "bientap"][0][
        "password"
    ] == user.password
    assert len(by_model["awards.award"]) == Award.objects.count()


@pytest.mark.django_db(transaction=True)
def test_the_restore_is_the_backup_even_where_migrations_made_rows(
    tmp_path, restore_target
):
    """The migrations make the roles' groups; a group staff removed before the
    backup must not come back with the restore, nor a changed one be doubled."""
    from django.contrib.auth.models import Group

    from news.roles import sync_roles

    sync_roles()
    groups = list(Group.objects.order_by("name"))
    assert len(groups) >= 2
    groups[0].delete()
    groups[1].name = "Ban biên tập (đổi tên)"
    groups[1].save()
    ArticleFactory(title=TITLE)
    target, manifest = backup.create_backup(tmp_path)
    expected = sorted(Group.objects.values_list("name", flat=True))

    env = {"DATABASE_URL": restore_target, "DJANGO_MEDIA_ROOT": str(tmp_path / "m")}
    result = manage(env, "restore", str(target))
    assert result.returncode == 0, result.stderr
    result = manage(
        env,
        "shell",
        "-c",
        "import json; from django.contrib.auth.models import Group; "
        "print(json.dumps(sorted(Group.objects.values_list('name', flat=True))))",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == expected


def portal_content():
    """Rows in every portal app and in auth, two timestamps with microseconds, a
    session and a lockout counter: what an exact restore must bring back or leave out."""
    from axes.models import AccessAttempt
    from django.contrib.auth.models import Group
    from django.contrib.sessions.models import Session

    from news.roles import sync_roles

    sync_roles()
    user = UserFactory(username="bientap", password="mat-khau-rat-dai-2024")
    user.groups.add(Group.objects.order_by("name").first())
    article = ArticleFactory(
        title=TITLE,
        author=user,
        published_at=datetime.datetime(2024, 3, 5, 7, 30, 15, 123456, tzinfo=UTC),
    )
    article.summary = "Bản sửa thứ hai."
    article.save()
    meeting = MeetingFactory(
        starts_at=datetime.datetime(2024, 1, 31, 14, 0, 0, 654321, tzinfo=UTC)
    )
    AttendeeFactory(meeting=meeting)
    PositionFactory()
    AwardFactory(recipient_person=PersonFactory(full_name="Nguyễn Thị Hương Giang"))
    Session.objects.create(
        session_key=SESSION_KEY,
        session_data="e30:dữ-liệu-phiên",
        expire_date=timezone.now() + datetime.timedelta(days=1),
    )
    AccessAttempt.objects.create(
        username=LOCKED_USERNAME,
        ip_address="203.0.113.9",
        user_agent="Mozilla/5.0",
        http_accept="text/html",
        path_info="/quan-tri/login/",
        get_data="",
        post_data="username=" + LOCKED_USERNAME,
        failures_since_start=4,
    )
    return article, meeting


def microseconds_of(rows, table, column, pk):
    """The repr of one stored timestamp, found by the row's primary key."""
    return next(row[column] for row in rows[table] if row["id"] == repr(pk))


@pytest.mark.django_db(transaction=True)
def test_restore_brings_back_identical_rows(tmp_path, restore_target):
    """Every row of every table comes back value for value, microseconds included;
    sessions and lockout counters do not come back, and their tables are empty."""
    article, meeting = portal_content()
    before = table_rows()
    for table in (
        "auth_user",
        "auth_group",
        "auth_user_groups",
        "auth_permission",
        "django_content_type",
        "people_person",
        "people_position",
        "events_meeting",
        "events_attendee",
        "events_historicalmeeting",
        "news_article",
        "news_historicalarticle",
        "awards_award",
        *CLEARED_TABLES,
    ):
        assert before[table], table
    assert "123456" in microseconds_of(
        before, "news_article", "published_at", article.pk
    )
    assert "654321" in microseconds_of(
        before, "events_meeting", "starts_at", meeting.pk
    )

    target, manifest = backup.create_backup(tmp_path)
    env = {"DATABASE_URL": restore_target, "DJANGO_MEDIA_ROOT": str(tmp_path / "m")}
    result = manage(env, "restore", str(target))
    assert result.returncode == 0, result.stderr
    _counts, _dump, after = inspect_restored(env, tmp_path)

    assert set(after) == set(before)
    for table in CLEARED_TABLES:
        assert after[table] == [], table
    for table in sorted(set(before) - CLEARED_TABLES):
        assert after[table] == before[table], table
    assert microseconds_of(after, "news_article", "published_at", article.pk) == (
        microseconds_of(before, "news_article", "published_at", article.pk)
    )
    assert "654321" in microseconds_of(after, "events_meeting", "starts_at", meeting.pk)
    assert manifest["database"]["cleared_models"] == CLEARED


def database_text(target, member):
    """The archive's database as text to search: the SQLite file's own bytes, or
    the rows pg_restore reads out of the custom-format dump (compressed inside)."""
    with tarfile.open(target) as tar:
        data = tar.extractfile(member).read()
    if member == backup.SQLITE_MEMBER:
        copy = target.parent / "copy.sqlite3"
        copy.write_bytes(data)
        with contextlib.closing(sqlite3.connect(copy)) as database:
            # Pages the deleted rows filled would still be in the file, free.
            assert database.execute("PRAGMA freelist_count").fetchone()[0] == 0
            assert database.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return data
    dump = target.parent / "database.dump"
    dump.write_bytes(data)
    tool = backup.pg_tool("pg_restore", connection.pg_version // 10000)
    result = subprocess.run(
        [tool, "--data-only", "--file=-", str(dump)], capture_output=True, check=True
    )
    return result.stdout


@pytest.mark.django_db(transaction=True)
def test_sessions_and_lockout_counters_stay_out_of_the_archive(tmp_path):
    """Live session keys are credentials: not one byte of them is in the archive,
    nor the lockout counter; the running site keeps both."""
    from axes.models import AccessAttempt
    from django.contrib.sessions.models import Session

    portal_content()
    expires = timezone.now() + datetime.timedelta(days=1)
    Session.objects.bulk_create(
        Session(
            session_key=f"phienkhac{n:023d}", session_data="e30:", expire_date=expires
        )
        for n in range(300)
    )
    target, manifest = backup.create_backup(tmp_path / "a.tar")
    text = database_text(target, manifest["database"]["member"])
    assert TITLE.encode() in text
    assert b"bientap" in text
    assert SESSION_KEY.encode() not in text
    assert b"phienkhac" not in text
    assert "dữ-liệu-phiên".encode() not in text
    assert LOCKED_USERNAME.encode() not in text
    assert manifest["row_counts"]["sessions.Session"] == 0
    assert manifest["row_counts"]["axes.AccessAttempt"] == 0
    assert manifest["database"]["cleared_models"] == CLEARED
    assert Session.objects.count() == 301
    assert AccessAttempt.objects.filter(username=LOCKED_USERNAME).exists()


@pytest.mark.django_db(transaction=True)
def test_force_restores_in_place(tmp_path):
    """--force over the running database (SQLite: the test database in memory)
    gives back the archive's rows exactly, and its files; other files stay."""
    from django.core.cache import cache

    from ops.page_cache import GENERATION_KEY, bump_generation

    portal_content()
    PhotoFactory()
    target, _manifest = backup.create_backup(tmp_path / "a.tar")
    before = table_rows()
    media_before = sha256_tree(settings.MEDIA_ROOT)
    assert media_before

    Article.objects.update(title="Đã sửa sau khi sao lưu")
    ArticleFactory(title="Bài viết sau khi sao lưu")
    extra = Path(settings.MEDIA_ROOT) / "after.txt"
    extra.write_text("thêm sau")
    photo = next(path for path in media_before if path.endswith(".jpg"))
    (Path(settings.MEDIA_ROOT) / photo).write_bytes(b"hong")
    bump_generation()
    generation = cache.get(GENERATION_KEY)

    out = io.StringIO()
    call_command("restore", str(target), force=True, stdout=out)
    assert "--force" in out.getvalue()
    assert "Đã khôi phục" in out.getvalue()
    after = table_rows()
    assert set(after) == set(before)
    for table in sorted(set(before) - CLEARED_TABLES):
        assert after[table] == before[table], table
    for table in CLEARED_TABLES:
        assert after[table] == [], table
    assert sorted(Article.objects.values_list("title", flat=True)) == [TITLE]
    media_after = sha256_tree(settings.MEDIA_ROOT)
    assert (
        media_after.pop("after.txt") == hashlib.sha256("thêm sau".encode()).hexdigest()
    )
    assert media_after == media_before
    assert cache.get(GENERATION_KEY) != generation


def test_backup_inside_an_open_transaction(db, tmp_path):
    """SQLite cannot copy a database its own connection is writing: a clear refusal,
    never a wait without end. pg_dump reads through a connection of its own."""
    ArticleFactory(title=TITLE)
    if connection.vendor == "sqlite":
        with pytest.raises(CommandError, match="giao dịch đang mở"):
            call_command("backup", str(tmp_path / "a.tar"), verbosity=0)
        assert list(tmp_path.iterdir()) == []
    else:
        call_command("backup", str(tmp_path / "a.tar"), verbosity=0)
        assert backup.verify_archive(tmp_path / "a.tar").manifest["format_version"] == 2


# ------------------------------------------------------------------ bad cases


@pytest.fixture
def archive(tmp_path, transactional_db):
    """A good archive of a little content, then the content changed after it.

    Committed rows: SQLite's backup API cannot copy a database while the
    connection holds an open write transaction, and pg_dump sees committed rows only.
    """
    ArticleFactory(title=TITLE)
    PhotoFactory()
    PhotoFactory()
    target, _manifest = backup.create_backup(tmp_path / "good.tar")
    Article.objects.update(title="Đã sửa sau khi sao lưu")
    (Path(settings.MEDIA_ROOT) / "after.txt").write_text("thêm sau")
    return target


def state():
    """What a restore that went ahead would change."""
    return (
        sorted(Article.objects.values_list("title", flat=True)),
        sha256_tree(settings.MEDIA_ROOT),
    )


def rewrite(source, target, change):
    """Copy an archive member by member; change(name, data) gives new (name, data)s."""
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()
            for name, content in change(member.name, data):
                info = tarfile.TarInfo(name)
                info.size = len(content)
                new.addfile(info, io.BytesIO(content))
    return target


def manifest_of(path):
    with tarfile.open(path) as tar:
        return json.loads(tar.extractfile(backup.MANIFEST).read())


def with_manifest(manifest, checksum=True):
    if checksum:
        manifest["checksum"] = backup.manifest_checksum(manifest)
    return json.dumps(manifest).encode()


def first_photo(path):
    return next(
        entry["path"]
        for entry in manifest_of(path)["files"]
        if entry["path"].startswith("media/")
    )


def flipped_byte(good, bad):
    photo = first_photo(good)

    def change(name, data):
        if name == photo:
            data = data[:100] + bytes([data[100] ^ 0x01]) + data[101:]
        yield name, data

    return rewrite(good, bad, change), "SHA-256 không khớp"


def missing_member(good, bad):
    photo = first_photo(good)
    return rewrite(
        good, bad, lambda name, data: [] if name == photo else [(name, data)]
    ), "thiếu trong tệp sao lưu"


def manifest_edited(good, bad):
    manifest = manifest_of(good)
    manifest["row_counts"]["news.Article"] = 99

    def change(name, data):
        yield (
            name,
            with_manifest(manifest, checksum=False)
            if name == "manifest.json"
            else data,
        )

    return rewrite(good, bad, change), "manifest.json đã bị sửa"


def manifest_lies(good, bad):
    """A manifest rewritten whole, its own checksum included: the files still tell."""
    manifest = manifest_of(good)
    manifest["files"][1]["sha256"] = "0" * 64

    def change(name, data):
        yield name, with_manifest(manifest) if name == "manifest.json" else data

    return rewrite(good, bad, change), "SHA-256 không khớp"


def truncated(good, bad):
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return bad, "bị hỏng"


def traversal(good, bad, evil="media/../../evil.txt"):
    manifest = manifest_of(good)
    payload = b"ghi ra ngoai"
    manifest["files"].append(
        {
            "path": evil,
            "size": len(payload),
            "sha256": hashlib.sha256(payload).hexdigest(),
        }
    )

    def change(name, data):
        if name == "manifest.json":
            yield evil, payload
            data = with_manifest(manifest)
        yield name, data

    return rewrite(good, bad, change), "“..”"


def absolute(good, bad):
    return traversal(good, bad, evil="/evil.txt")[0], "đường dẫn tuyệt đối"


def symlink(good, bad):
    with tarfile.open(good) as old, tarfile.open(bad, "w") as new:
        link = tarfile.TarInfo("media/link.jpg")
        link.type = tarfile.SYMTYPE
        link.linkname = "../../secret.txt"
        new.addfile(link)
        for member in old.getmembers():
            new.addfile(member, old.extractfile(member))
    return bad, "không phải tệp thường"


@pytest.mark.parametrize(
    "damage",
    [
        flipped_byte,
        missing_member,
        manifest_edited,
        manifest_lies,
        truncated,
        traversal,
        absolute,
        symlink,
    ],
)
def test_bad_archive_is_refused_and_changes_nothing(archive, tmp_path, damage):
    """Even with --force, a damaged or unsafe archive is refused before any change."""
    bad, reason = damage(archive, tmp_path / "bad.tar")
    before = state()
    with pytest.raises(CommandError) as error:
        call_command("restore", str(bad), force=True, verbosity=0)
    assert "Không khôi phục" in str(error.value)
    assert reason in str(error.value)
    assert state() == before
    assert not (tmp_path / "evil.txt").exists()
    with pytest.raises(CommandError, match="bị hỏng"):
        call_command("verify_backup", str(bad), verbosity=0)


def format_1(good, bad):
    """The archive as the first format wrote it: a dumpdata JSON as its database."""
    manifest = manifest_of(good)
    member = manifest["database"]["member"]
    manifest["format_version"] = 1
    manifest["database"]["member"] = "database.json"
    for entry in manifest["files"]:
        if entry["path"] == member:
            entry["path"] = "database.json"

    def change(name, data):
        if name == "manifest.json":
            yield name, with_manifest(manifest)
        else:
            yield ("database.json" if name == member else name), data

    return rewrite(good, bad, change)


def test_archive_of_format_1_is_refused(archive, tmp_path):
    """An archive of the JSON format is whole but refused, saying why, by both
    verify_backup and restore (even with --force), before any change."""
    old = format_1(archive, tmp_path / "old.tar")
    reason = "theo định dạng cũ (phiên bản 1, cơ sở dữ liệu ghi dạng JSON)"
    before = state()
    with pytest.raises(CommandError) as error:
        call_command("verify_backup", str(old), verbosity=0)
    assert reason in str(error.value)
    assert "không còn được hỗ trợ" in str(error.value)
    assert "bị hỏng" not in str(error.value)
    with pytest.raises(CommandError) as error:
        call_command("restore", str(old), force=True, verbosity=0)
    assert str(error.value).startswith("Không khôi phục")
    assert reason in str(error.value)
    assert state() == before


def test_archive_of_the_other_database_is_refused(archive, tmp_path):
    """A pg_dump goes back into PostgreSQL only, an SQLite copy into SQLite only."""
    manifest = manifest_of(archive)
    member = manifest["database"]["member"]
    other = {
        backup.PG_MEMBER: (backup.SQLITE_MEMBER, "sqlite", "SQLite"),
        backup.SQLITE_MEMBER: (backup.PG_MEMBER, "postgresql", "PostgreSQL"),
    }[member]
    manifest["database"].update(member=other[0], vendor=other[1])
    for entry in manifest["files"]:
        if entry["path"] == member:
            entry["path"] = other[0]

    def change(name, data):
        if name == "manifest.json":
            yield name, with_manifest(manifest)
        else:
            yield (other[0] if name == member else name), data

    foreign = rewrite(archive, tmp_path / "foreign.tar", change)
    backup.verify_archive(foreign)
    before = state()
    with pytest.raises(CommandError) as error:
        call_command("restore", str(foreign), force=True, verbosity=0)
    assert f"chỉ khôi phục được vào {other[2]}" in str(error.value)
    assert state() == before


def test_good_archive_verifies(archive):
    """verify_backup reads every member and says the archive is whole."""
    files = len(sha256_tree(settings.MEDIA_ROOT)) - 1  # after.txt came later
    out = io.StringIO()
    call_command("verify_backup", str(archive), stdout=out)
    assert "nguyên vẹn" in out.getvalue()
    assert f"Tệp media: {files} tệp" in out.getvalue()


def test_restore_into_content_needs_force(archive):
    """A database with content or a media folder with files is not overwritten."""
    before = state()
    with pytest.raises(CommandError, match="dùng --force"):
        call_command("restore", str(archive), verbosity=0)
    assert state() == before


def test_damaged_archive_exits_non_zero(archive, tmp_path):
    """From the shell: a non-zero exit and the fault in Vietnamese on stderr."""
    bad, _reason = flipped_byte(archive, tmp_path / "bad.tar")
    result = manage({}, "verify_backup", str(bad))
    assert result.returncode != 0
    assert "nội dung đã thay đổi (SHA-256 không khớp)" in result.stderr


@pytest.mark.parametrize("where", ["parent is a file", "no such folder", "exists"])
def test_unwritable_path_is_refused(db, tmp_path, where):
    """A backup that cannot be written says why and leaves nothing behind."""
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    path = {
        "parent is a file": blocker / "backup.tar",
        "no such folder": tmp_path / "missing" / "backup.tar",
        "exists": blocker,
    }[where]
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(CommandError, match="Sao lưu không thành công"):
        call_command("backup", str(path), verbosity=0)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert blocker.read_text() == ""


def test_crashed_backup_leaves_no_archive(transactional_db, tmp_path, monkeypatch):
    """A backup that fails half-way leaves neither the archive nor its temporary file."""
    PhotoFactory()
    folder = tmp_path / "backups"
    folder.mkdir()

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup.archive, "_add_file", fail)
    with pytest.raises(CommandError, match="Không ghi được tệp sao lưu"):
        call_command("backup", str(folder), verbosity=0)
    assert list(folder.iterdir()) == []


def test_gzip_archive_round_trips_through_verify(transactional_db, tmp_path):
    """A .tar.gz name gives a compressed archive that verifies the same way."""
    PhotoFactory()
    target, manifest = backup.create_backup(tmp_path / "nightly.tar.gz")
    with open(target, "rb") as file:
        assert file.read(2) == b"\x1f\x8b"
    assert backup.verify_archive(target).manifest == manifest


def fake_tool(folder, version):
    folder.mkdir()
    tool = folder / "pg_dump"
    tool.write_text(f"#!/bin/sh\necho 'pg_dump (PostgreSQL) {version} (Debian)'\n")
    tool.chmod(0o755)
    return str(tool)


def test_pg_tool_takes_the_servers_major_version(monkeypatch, tmp_path):
    """An older pg_dump is passed over; the server's own version wins over a newer one."""
    older = fake_tool(tmp_path / "older", "76.4")
    exact = fake_tool(tmp_path / "exact", "77.1")
    newer = fake_tool(tmp_path / "newer", "78.0")
    monkeypatch.setenv("NGT_PG_BINDIR", str(Path(older).parent))
    monkeypatch.setenv("PATH", str(Path(newer).parent))
    assert backup.pg_tool("pg_dump", 77) == newer
    monkeypatch.setenv("PATH", f"{Path(exact).parent}:{Path(newer).parent}")
    assert backup.pg_tool("pg_dump", 77) == exact
    monkeypatch.setenv("PATH", "")
    with pytest.raises(backup.BackupError, match="postgresql-client-77"):
        backup.pg_tool("pg_dump", 77)


def test_media_elsewhere_gives_a_database_only_archive(
    transactional_db, tmp_path, settings
):
    """Uploads on object storage: the archive says it holds the database only."""
    PhotoFactory()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    out = io.StringIO()
    call_command("backup", str(tmp_path / "db-only.tar"), stdout=out)
    assert "chỉ gồm cơ sở dữ liệu" in out.getvalue()
    manifest = backup.verify_archive(tmp_path / "db-only.tar").manifest
    assert manifest["media"]["included"] is False
    assert [entry["path"] for entry in manifest["files"]] == [
        manifest["database"]["member"]
    ]


# ------------------------------------------------------------------ files rows name


def files_of(photo):
    """The storage names of a photo's master and renditions."""
    photo.refresh_from_db()
    return photo.file_names()


def delete_media(name):
    (Path(settings.MEDIA_ROOT) / name).unlink()


def wide_photo():
    """A photo wide enough to have renditions (the factory's 64 px has none)."""
    from tests.factories import PhotoFactory as Photos

    photo = Photos(image__width=700, image__height=500)
    assert len(files_of(photo)) > 1, "renditions were made"
    return photo


def meeting_document():
    from django.core.files.base import ContentFile

    from tests.factories import MeetingDocumentFactory

    document = MeetingDocumentFactory()
    document.file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return document


def gone_master():
    photo = wide_photo()
    PhotoFactory()
    delete_media(photo.image.name)
    return [photo.image.name]


def gone_rendition():
    photo = wide_photo()
    rendition = files_of(photo)[-1]
    delete_media(rendition)
    return [rendition]


def gone_document():
    wide_photo()
    document = meeting_document()
    delete_media(document.file.name)
    return [document.file.name]


def gone_body_image():
    photo = wide_photo()
    rendition = files_of(photo)[1]
    ArticleFactory(body=f'<p><img src="/media/{rendition}" alt="Hội nghị"></p>')
    delete_media(rendition)
    return [rendition]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "lose", [gone_master, gone_rendition, gone_document, gone_body_image]
)
def test_archive_without_a_file_its_rows_name_is_refused(tmp_path, lose):
    """A row that names a file the media folder lost before the backup: the archive
    is whole by its checksums, but verify_backup refuses it, saying how many files
    and which, with a non-zero exit status."""
    missing = lose()
    target, manifest = backup.create_backup(tmp_path / "a.tar")
    assert set(missing) <= set(manifest["media"]["named"])

    with pytest.raises(CommandError) as error:
        call_command("verify_backup", str(target), verbosity=0)
    message = str(error.value)
    assert "không đầy đủ" in message
    assert f"thiếu {len(missing)} tệp mà bản ghi" in message
    for name in missing:
        assert name in message
    assert backup.missing_named_files(manifest) == missing

    result = manage({}, "verify_backup", str(target))
    assert result.returncode != 0
    assert f"thiếu {len(missing)} tệp" in result.stderr


@pytest.mark.django_db(transaction=True)
def test_many_missing_files_are_counted_and_some_named(tmp_path):
    """Ten names are shown, the count says how many more there are."""
    photos = [wide_photo() for _ in range(3)]
    names = [name for photo in photos for name in files_of(photo)]
    for name in names:
        delete_media(name)
    target, _manifest = backup.create_backup(tmp_path / "a.tar")
    with pytest.raises(CommandError) as error:
        call_command("verify_backup", str(target), verbosity=0)
    message = str(error.value)
    assert f"thiếu {len(names)} tệp" in message
    assert f"và {len(names) - 10} tệp khác" in message
    assert sum(name in message for name in names) == 10


@pytest.mark.django_db(transaction=True)
def test_archive_with_every_named_file_verifies(tmp_path):
    """Masters, renditions, a document and a body's image all present: it passes,
    and the summary says how many files the rows name."""
    photo = wide_photo()
    document = meeting_document()
    rendition = files_of(photo)[1]
    ArticleFactory(body=f'<p><img src="/media/{rendition}" alt="Hội nghị"></p>')
    target, manifest = backup.create_backup(tmp_path / "a.tar")
    named = set(manifest["media"]["named"])
    assert set(files_of(photo)) | {document.file.name} <= named
    assert backup.missing_named_files(manifest) == []

    out = io.StringIO()
    call_command("verify_backup", str(target), stdout=out)
    assert "nguyên vẹn" in out.getvalue()
    assert f"Tệp bản ghi trỏ tới: {len(named)} tệp, có đủ" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_names_come_from_the_dumped_rows(tmp_path, monkeypatch):
    """A photo whose row is committed after the dump is not asked of the archive;
    a photo deleted after the dump, whose files went, is."""
    from events.models import Photo

    kept = wide_photo()
    gone = wide_photo()
    gone_files = files_of(gone)
    real_dump = backup.archive.dump_database

    def dump_then_change(folder):
        dumped = real_dump(folder)
        PhotoFactory()
        Photo.objects.get(pk=gone.pk).delete()  # its files go on commit
        return dumped

    monkeypatch.setattr(backup.archive, "dump_database", dump_then_change)
    target, manifest = backup.create_backup(tmp_path / "a.tar")
    named = set(manifest["media"]["named"])
    assert set(files_of(kept)) <= named
    later = files_of(Photo.objects.latest("pk"))
    assert later and not set(later) & named
    assert sorted(backup.missing_named_files(manifest)) == sorted(gone_files)
    with pytest.raises(CommandError, match=f"thiếu {len(gone_files)} tệp"):
        call_command("verify_backup", str(target), verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_restore_of_an_incomplete_archive_goes_ahead_and_says_so(
    tmp_path, restore_target
):
    """The archive may be the best copy there is: restore brings it back, after
    naming the files it lacks."""
    missing = gone_master()
    target, _manifest = backup.create_backup(tmp_path / "a.tar")
    env = {"DATABASE_URL": restore_target, "DJANGO_MEDIA_ROOT": str(tmp_path / "m")}
    result = manage(env, "restore", str(target))
    assert result.returncode == 0, result.stderr
    assert "Cảnh báo: bản sao lưu thiếu 1 tệp" in result.stdout
    assert missing[0] in result.stdout


def test_archive_without_the_named_list_still_verifies(archive, tmp_path):
    """An archive written before the names were recorded has none to check."""
    manifest = manifest_of(archive)
    del manifest["media"]["named"]

    def change(name, data):
        yield name, with_manifest(manifest) if name == "manifest.json" else data

    old = rewrite(archive, tmp_path / "old.tar", change)
    out = io.StringIO()
    call_command("verify_backup", str(old), stdout=out)
    assert "nguyên vẹn" in out.getvalue()
    assert "không ghi danh sách, chưa kiểm tra được" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_demo_archive_holds_every_file_its_rows_name(tmp_path):
    """The demo's photos, covers and bodies name only files the archive holds."""
    call_command("load_demo", verbosity=0)
    target, manifest = backup.create_backup(tmp_path / "demo.tar")
    assert len(manifest["media"]["named"]) > 7
    assert backup.missing_named_files(manifest) == []
    backup.verify_archive(target)
