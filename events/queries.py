"""Querysets the public pages share."""

from django.db.models import Prefetch

from events.models import Photo

# The columns a page reads of a photo it shows ({% photo %}, {% photo_url %}, the
# gallery and the cover chosen for og:image): the hash, quality measures, search
# text and history fields stay in the database.
SHOWN_PHOTO_FIELDS = (
    "id",
    "meeting_id",
    "image",
    "caption",
    "order",
    "is_cover",
    "focal_point",
    "width",
    "height",
    "renditions",
    "updated_at",
)


def cover_photos(lookup="photos"):
    """Prefetch each meeting's cover photo into ``cover_photos`` (a list of 0 or 1).

    Cards in lists show the cover; loading only it keeps a list's queries fixed and
    small whatever the number of photos per meeting. Only the columns a card shows,
    unsorted (a meeting has one cover), and no join: the prefetch sets each photo's
    ``meeting`` to the meeting it was fetched for.
    """
    return Prefetch(
        lookup,
        queryset=Photo.objects.filter(is_cover=True)
        .exclude(image="")
        .only(*SHOWN_PHOTO_FIELDS)
        .order_by(),
        to_attr="cover_photos",
    )


def public_photos(meeting):
    """A meeting's photos that have an image, in order; captions without one wait.

    Only the columns a page shows are read, and no join: each photo's ``meeting``
    is ``meeting`` itself (the related manager sets it), which a caption-less
    photo's alt text reads.
    """
    return (
        meeting.photos.exclude(image="")
        .only(*SHOWN_PHOTO_FIELDS)
        .order_by("order", "pk")
    )
