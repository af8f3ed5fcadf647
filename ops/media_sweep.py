"""Remove media files that no row names (``manage.py sweep_media``).

An upload writes its files first and commits its row after. A worker killed in
between (SIGKILL, out of memory, a deploy) leaves the database consistent but the
files behind, and nothing else ever removes them. The sweep lists every file name a
row still uses, walks the media storage and deletes the rest, but only files older
than a day: a file written seconds ago may belong to a transaction still in flight.

Everything goes through Django's default storage (``listdir``, ``get_modified_time``,
``size``, ``delete``), so the sweep works on S3-compatible storage as on a folder.
Names come from every ``FileField`` of every model, a photo's renditions, images and
links placed in article bodies, and the versions django-simple-history keeps: a
version that can be restored must not point at a file the sweep removed.
"""

import datetime
import os
import posixpath
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.storage import default_storage
from django.db.models import FileField
from django.utils import timezone

from core.html import media_names_in
from core.images import image_file_names

CHUNK_SIZE = 2000
# Files that keep an empty folder in the repository; never uploads.
SKIPPED_NAMES = {".gitkeep"}
PHOTO_MODEL = "events.Photo"
ARTICLE_MODEL = "news.Article"


@dataclass
class NamedFiles:
    """The file names rows use: by live rows, and by kept versions only."""

    current: set = field(default_factory=set)
    historical: set = field(default_factory=set)
    # A version of a photo keeps its master's name but not its renditions' widths,
    # so every file in the master's rendition folder ("photos/…/abc/") is kept.
    historical_folders: set = field(default_factory=set)

    def names(self, name):
        """Is ``name`` used by a live row?"""
        return name in self.current

    def names_in_history(self, name):
        """Is ``name`` used only by a kept version?"""
        folder = posixpath.dirname(name) + "/"
        return name in self.historical or folder in self.historical_folders


@dataclass
class SweepResult:
    """What one sweep did, for the command's output and exit status."""

    removed: list = field(default_factory=list)  # [(name, size in bytes)]
    failed: list = field(default_factory=list)  # [(name, error message)]
    recent: int = 0
    kept_for_history: int = 0

    @property
    def removed_bytes(self):
        return sum(size for _name, size in self.removed)


def _clean(name):
    return posixpath.normpath(name.replace("\\", "/")).lstrip("/") if name else ""


def _tracked_model(model):
    """The model a django-simple-history ``Historical*`` model keeps versions of."""
    tracked = getattr(model, "instance_type", None)
    return tracked if tracked is not None and tracked is not model else None


def _file_field_names(model):
    """The columns of ``model`` that hold a stored file's name.

    A historical model stores a ``FileField`` as plain text, so its file columns are
    the tracked model's file fields it still has.
    """
    tracked = _tracked_model(model) or model
    file_fields = {
        f.attname for f in tracked._meta.concrete_fields if isinstance(f, FileField)
    }
    own = {f.attname for f in model._meta.concrete_fields}
    return sorted(file_fields & own)


def _rows(model, *columns):
    # The base manager: a default manager that hides some rows would hide their files.
    return (
        model._base_manager.order_by()
        .values_list(*columns)
        .iterator(chunk_size=CHUNK_SIZE)
    )


def _photo_names(model, historical, named):
    if historical:
        for (image,) in _rows(model, "image"):
            if image:
                named.historical.add(_clean(image))
                named.historical_folders.add(_clean(image).rsplit(".", 1)[0] + "/")
        return
    for image, renditions in _rows(model, "image", "renditions"):
        named.current.update(
            _clean(name) for name in image_file_names(image, renditions or [])
        )


def _body_names(model, historical, named):
    target = named.historical if historical else named.current
    for (body,) in _rows(model, "body"):
        target.update(media_names_in(body))


def named_files():
    """Every file name a row of the database uses, live or in a kept version."""
    named = NamedFiles()
    for model in apps.get_models():
        tracked = _tracked_model(model)
        historical = tracked is not None
        label = (tracked or model)._meta.label
        columns = _file_field_names(model)
        if columns:
            target = named.historical if historical else named.current
            for values in _rows(model, *columns):
                target.update(_clean(value) for value in values if value)
        if label == PHOTO_MODEL:
            _photo_names(model, historical, named)
        elif label == ARTICLE_MODEL:
            _body_names(model, historical, named)
    # A name both a row and a version use is simply in use.
    named.historical -= named.current
    return named


def _outside(storage, name):
    """Is ``name`` a symbolic link, or does it lead out of MEDIA_ROOT?

    Storages without local paths (S3) have no links; a folder's links are never
    followed, so the sweep cannot delete anything outside the media folder.
    """
    try:
        path = storage.path(name)
        root = os.path.realpath(storage.path(""))
    except NotImplementedError:
        return False
    real = os.path.realpath(path)
    return os.path.islink(path) or not real.startswith(root + os.sep)


def stored_files(storage, folder=""):
    """Every file name in ``storage`` under ``folder``, depth first."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        path = posixpath.join(folder, name)
        if name not in SKIPPED_NAMES and not _outside(storage, path):
            yield path
    for name in sorted(folders):
        path = posixpath.join(folder, name)
        if not _outside(storage, path):
            yield from stored_files(storage, path)


def _remove(storage, name, dry_run, result, report):
    try:
        size = storage.size(name)
        if not dry_run:
            storage.delete(name)
    # Any storage error (OSError, a refused S3 call) concerns this file alone.
    except Exception as error:  # noqa: BLE001
        result.failed.append((name, str(error) or error.__class__.__name__))
        report(name, None, error)
        return
    result.removed.append((name, size))
    report(name, size, None)


def sweep(older_than_hours=24, dry_run=False, storage=None, report=None):
    """Delete (or, with ``dry_run``, list) the old files no row names.

    ``report(name, size, error)`` is called for each file removed or failed, as it
    happens, so a long sweep shows its progress.
    """
    storage = storage or default_storage
    report = report or (lambda name, size, error: None)
    cutoff = timezone.now() - datetime.timedelta(hours=older_than_hours)
    named = named_files()
    result = SweepResult()
    for name in stored_files(storage):
        if named.names(name):
            continue
        if named.names_in_history(name):
            result.kept_for_history += 1
            continue
        try:
            modified = storage.get_modified_time(name)
        except Exception as error:  # noqa: BLE001 - as in _remove
            result.failed.append((name, str(error)))
            report(name, None, error)
            continue
        if timezone.is_naive(modified):
            modified = timezone.make_aware(modified)
        if modified > cutoff:
            result.recent += 1
            continue
        _remove(storage, name, dry_run, result, report)
    return result
