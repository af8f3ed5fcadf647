"""Where a photo is used: the meeting whose gallery shows it, and what the apps
above events report (an article's cover, an image in an article's body).

events may not import the apps above it, so they register a finder here when they
start (``news.apps``). Each finder answers for a whole page of photos at once, in a
fixed number of queries, so the media library costs the same for 12 photos or 48.
"""

import os
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

_finders = []


@dataclass(frozen=True)
class Use:
    """One place a photo shows: what kind of place, its title and admin address."""

    kind: str
    title: str
    url: str = ""


def register(finder):
    """Add ``finder(photos) -> {photo pk: [Use, …]}`` to those ``uses_of`` asks."""
    if finder not in _finders:
        _finders.append(finder)
    return finder


def uses_of(photos):
    """``{photo pk: [Use, …]}``: each photo's meeting first, then what finders tell.

    ``photos`` should have their meeting loaded (``select_related("meeting")``).
    """
    photos = list(photos)
    uses = {photo.pk: [meeting_use(photo)] for photo in photos}
    for finder in _finders:
        for pk, found in finder(photos).items():
            uses.setdefault(pk, []).extend(found)
    return uses


def meeting_use(photo):
    return Use(
        _("Gallery of the meeting"),
        photo.meeting.title,
        reverse("admin:events_meeting_change", args=[photo.meeting_id]),
    )


def file_stem(photo):
    """The generated part of a photo's file names ("3f2a…" of
    "photos/2024/01/3f2a….jpg"), shared by the master and every rendition
    ("photos/2024/01/3f2a…/1024.jpg"): a body that holds it shows the photo.

    Empty for names too short to be told apart from ordinary words.
    """
    if not photo.image:
        return ""
    stem = os.path.splitext(os.path.basename(photo.image.name))[0]
    return stem if len(stem) >= 12 else ""
