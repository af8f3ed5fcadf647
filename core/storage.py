"""Media storage that leaves nothing behind when a write fails.

Django's ``FileSystemStorage`` creates the file and then writes it chunk by chunk: a
full disk, a lost permission or a storage outage half way leaves a truncated file
under a name no row will ever point to. This storage removes the file it was writing
and raises ``FileWriteError``, an ``OSError`` with a message an editor can read, so
that callers (the upload endpoints, the admin's safe save) answer in Vietnamese and
delete what they had written before.
"""

import contextlib
import os

from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext_lazy as _


class FileWriteError(OSError):
    """A file could not be written to media; nothing of it is left in storage."""

    message = _(
        "The server could not store the file (its disk may be full). Nothing was "
        "saved; please try again later or tell the site's administrator."
    )

    def __str__(self):
        return str(self.message)


class MediaStorage(FileSystemStorage):
    def _save(self, name, content):
        # A name that exists is not ours to remove: Django then writes under another
        # name, which the ledger of the caller (core.images) does not know either,
        # so only a name that did not exist before is cleaned up here.
        existed = self.exists(name)
        try:
            return super()._save(name, content)
        except FileWriteError:
            raise
        except OSError as error:
            if not existed:
                self._remove_partial(name)
            raise FileWriteError(error.errno, error.strerror) from error

    def _remove_partial(self, name):
        # A storage that cannot be written may not allow removal either; the media
        # sweep (ops/media_sweep.py) removes what is left once it can.
        with contextlib.suppress(OSError):
            os.remove(self.path(name))
