"""Querysets the public pages share."""

from django.db.models import Prefetch

from events.models import Photo


def cover_photos(lookup="photos"):
    """Prefetch each meeting's cover photo into ``cover_photos`` (a list of 0 or 1).

    Cards in lists show the cover; loading only it keeps a list's queries fixed and
    small whatever the number of photos per meeting.
    """
    return Prefetch(
        lookup,
        queryset=Photo.objects.filter(is_cover=True)
        .exclude(image="")
        .select_related("meeting"),
        to_attr="cover_photos",
    )


def public_photos(meeting):
    """A meeting's photos that have an image, in order; captions without one wait."""
    return meeting.photos.exclude(image="").select_related("meeting")
