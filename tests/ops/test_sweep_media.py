"""``manage.py sweep_media``: orphan media files go; files any row names stay."""

import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import (
    ArticleFactory,
    MeetingDocumentFactory,
    PersonFactory,
    PhotoFactory,
)

pytestmark = pytest.mark.django_db

TWO_DAYS = 2 * 24 * 3600


def stored(name, content=b"x" * 1500, age=TWO_DAYS):
    """Write ``name`` to the media storage, last modified ``age`` seconds ago."""
    name = default_storage.save(name, ContentFile(content))
    make_old(name, age)
    return name


def make_old(name, age=TWO_DAYS):
    when = time.time() - age
    os.utime(default_storage.path(name), (when, when))


def sweep(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("sweep_media", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_an_orphan_older_than_a_day_is_removed():
    """A file no row names, written two days ago, is deleted and listed with its size."""
    name = stored("photos/2024/01/orphan.jpg")
    out, _err = sweep()
    assert not default_storage.exists(name)
    assert "Đã xóa photos/2024/01/orphan.jpg (1,5 kB)" in out
    assert (
        "Đã xóa 1 tệp (0,0 MB) không thuộc bản ghi nào; giữ lại 0 tệp mới hơn 24 giờ."
    ) in out


def test_an_orphan_newer_than_a_day_is_kept():
    """A file written an hour ago may belong to an upload whose row is not committed."""
    name = stored("photos/2024/01/in-flight.jpg", age=3600)
    out, _err = sweep()
    assert default_storage.exists(name)
    assert "giữ lại 1 tệp mới hơn 24 giờ" in out
    assert "Đã xóa 0 tệp" in out


def test_older_than_sets_the_age():
    """``--older-than 1`` removes a two-hour-old orphan that the default keeps."""
    name = stored("photos/two-hours.jpg", age=2 * 3600)
    sweep()
    assert default_storage.exists(name)
    sweep("--older-than", "1")
    assert not default_storage.exists(name)


def test_a_photos_master_and_renditions_are_kept():
    """The master and every WebP/JPEG rendition a photo row names stay."""
    photo = PhotoFactory()
    names = photo.file_names()
    assert len(names) > 1
    for name in names:
        make_old(name)
    orphan = stored("photos/2024/01/stray/320.webp")
    sweep()
    assert all(default_storage.exists(name) for name in names)
    assert not default_storage.exists(orphan)


def test_files_named_by_rows_are_kept():
    """A cover, a meeting document, a portrait and an editor image in a body stay."""
    cover = stored("covers/2024/01/cover.jpg")
    document = stored("documents/2024/decision.pdf")
    portrait = stored("people/portrait.jpg")
    editor_image = stored("editor/2024/01/in-body.jpg")
    linked = stored("editor/2024/01/linked.pdf")
    ArticleFactory(
        cover=cover,
        body=(
            f'<p><img src="/media/{editor_image}" alt="Ảnh"></p>'
            f'<p><a href="https://truong.example/media/{linked}">Tệp</a></p>'
        ),
    )
    MeetingDocumentFactory(file=document)
    PersonFactory(portrait=portrait)
    orphan = stored("editor/2024/01/never-used.jpg")
    out, _err = sweep()
    for name in (cover, document, portrait, editor_image, linked):
        assert default_storage.exists(name), name
    assert not default_storage.exists(orphan)
    assert "Đã xóa 1 tệp" in out


def test_a_file_only_a_version_names_is_kept_and_counted():
    """Restoring an older version of an article must never point at a deleted file."""
    old_cover = stored("covers/2024/01/old.jpg")
    old_image = stored("editor/2024/01/old-body.jpg")
    article = ArticleFactory(cover=old_cover, body=f'<img src="/media/{old_image}">')
    article.cover = ""
    article.body = "<p>Đã bỏ ảnh.</p>"
    article.save()
    out, _err = sweep()
    assert default_storage.exists(old_cover)
    assert default_storage.exists(old_image)
    assert "Giữ lại 2 tệp chỉ phiên bản cũ còn dùng" in out


def test_a_version_of_a_photo_keeps_its_renditions():
    """A deleted photo's version keeps its master and the files in its rendition folder."""
    photo = PhotoFactory()
    names = photo.file_names()
    for name in names:
        make_old(name)
    photo.delete()
    sweep()
    assert all(default_storage.exists(name) for name in names)


def test_dry_run_removes_nothing_but_lists_the_same_files():
    """``--dry-run`` prints "Sẽ xóa" for exactly the files a real sweep then removes."""
    first = stored("photos/a.jpg")
    second = stored("editor/b.jpg", content=b"y" * 2_500_000)
    out, _err = sweep("--dry-run")
    assert default_storage.exists(first) and default_storage.exists(second)
    assert "Sẽ xóa photos/a.jpg (1,5 kB)" in out
    assert "Sẽ xóa editor/b.jpg (2,5 MB)" in out
    assert "Sẽ xóa 2 tệp (2,5 MB) không thuộc bản ghi nào" in out
    assert "Chạy thử: chưa xóa tệp nào." in out
    real, _err = sweep()
    assert real.replace("Đã xóa", "Sẽ xóa").splitlines()[:3] == out.splitlines()[:3]
    assert not default_storage.exists(first) and not default_storage.exists(second)


def test_a_failed_deletion_is_reported_and_the_others_still_go(monkeypatch):
    """One file that cannot be deleted is reported; the rest go; the exit status is 1."""
    stuck = stored("photos/stuck.jpg")
    other = stored("photos/other.jpg")
    real_delete = default_storage.delete

    def delete(name):
        if name == stuck:
            raise PermissionError("Permission denied")
        real_delete(name)

    monkeypatch.setattr(default_storage, "delete", delete)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="Không xóa được 1 tệp"):
        call_command("sweep_media", stdout=out, stderr=err)
    assert "Không xóa được photos/stuck.jpg: Permission denied" in err.getvalue()
    assert default_storage.exists(stuck)
    assert not default_storage.exists(other)
    assert "Đã xóa 1 tệp" in out.getvalue()


def test_older_than_zero_is_refused():
    """Less than an hour could remove the files of an upload still being saved."""
    name = stored("photos/orphan.jpg")
    with pytest.raises(CommandError, match="phải từ 1 giờ trở lên"):
        sweep("--older-than", "0")
    assert default_storage.exists(name)


def test_gitkeep_and_links_out_of_the_media_folder_are_left_alone(tmp_path):
    """``.gitkeep`` stays; a link to a folder outside media is never followed."""
    keep = stored("photos/.gitkeep")
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "precious.txt"
    victim.write_bytes(b"keep me")
    os.utime(victim, (time.time() - TWO_DAYS,) * 2)
    os.symlink(outside, default_storage.path("linked"))
    os.symlink(victim, default_storage.path("photos/link.txt"))
    out, _err = sweep()
    assert default_storage.exists(keep)
    assert victim.exists()
    assert os.path.islink(default_storage.path("photos/link.txt"))
    assert "Đã xóa 0 tệp" in out


def test_an_empty_media_folder_is_swept_without_error():
    """No media folder yet (a fresh install): nothing to do, exit 0."""
    out, _err = sweep()
    assert "Đã xóa 0 tệp (0,0 MB)" in out
