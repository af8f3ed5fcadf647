"""Where a photo is used: the meeting whose gallery shows it, and what the apps
above events report (an article's cover, an image in an article's body).

events may not import the apps above it, so they register a finder here when they
start (``news.apps``). Each finder answers for a whole page of photos at once, in a
fixed number of queries, so the media library costs the same for 12 photos or 48.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

_finders = []

# What a use is, for counting: an article's cover, an image in an article's body.
COVER = "cover"
BODY = "body"


@dataclass(frozen=True)
class Use:
    """One place a photo shows: what kind of place, its title and admin address;
    ``role`` (``COVER``, ``BODY`` or empty) says what deleting the photo breaks."""

    kind: str
    title: str
    url: str = ""
    role: str = ""


def register(finder):
    """Add ``finder(photos) -> {photo pk: [Use, …]}`` to those ``uses_of`` asks."""
    if finder not in _finders:
        _finders.append(finder)
    return finder


def uses_of(photos):
    """``{photo pk: [Use, …]}``: each photo's meeting first (an image uploaded into
    an article's body has none), then what finders tell.

    ``photos`` should have their meeting loaded (``select_related("meeting")``).
    """
    photos = list(photos)
    uses = {
        photo.pk: [meeting_use(photo)] if photo.meeting_id else [] for photo in photos
    }
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


def articles(count):
    return ngettext("%(count)s article", "%(count)s articles", count) % {"count": count}


def deletion_warning(uses):
    """What deleting a photo with these uses changes, in Vietnamese; empty if
    nothing but its meeting's gallery shows it.

    An article whose cover it is falls back to its meeting's cover
    (``Article.cover_photo`` is SET_NULL); an article whose body shows it keeps
    an image that no longer loads.
    """
    covers = len({use.url for use in uses if use.role == COVER})
    bodies = len({use.url for use in uses if use.role == BODY})
    if covers and bodies:
        first = _("This photo is the cover of %(covers)s and appears in %(bodies)s.")
    elif covers:
        first = _("This photo is the cover of %(covers)s.")
    elif bodies:
        first = _("This photo appears in %(bodies)s.")
    else:
        return ""
    parts = [first % {"covers": articles(covers), "bodies": articles(bodies)}]
    if covers:
        parts.append(_("Those articles will show their meeting's cover photo instead."))
    if bodies:
        parts.append(_("Their text will show a missing image where the photo was."))
    return " ".join(str(part) for part in parts)
