"""The same shot uploaded twice to a meeting, found when the second one arrives.

Editors upload tens of photos at a time, from several phones and chat apps; the
same picture often arrives twice, resized or re-encoded on the way. Each photo's
perceptual hash is measured once, at processing (``core.image_quality``); here a
new photo's hash is compared with those of its meeting, in one query of a few
short columns, in Python.
"""

from core.image_quality import same_shot
from events.models import Photo

# Enough to show the editor what the photo repeats; a meeting of flat pictures
# could otherwise list them all.
MAX_REPORTED = 3


def same_shots(photo):
    """The meeting's other photos that are the same shot as ``photo``.

    A list of ``(photo, distance)``, the closest first; empty for a photo without a
    hash. One query reads the meeting's hashes; a second, only when something
    matched, the matching photos.
    """
    if not photo.phash:
        return []
    others = (
        Photo.objects.filter(meeting_id=photo.meeting_id)
        .exclude(pk=photo.pk)
        .exclude(phash="")
        .values_list("pk", "phash", "brightness")
    )
    new = (photo.phash, photo.brightness)
    distances = {}
    for pk, phash, brightness in others:
        distance = same_shot(new, (phash, brightness))
        if distance is not None:
            distances[pk] = distance
    closest = sorted(distances, key=lambda pk: (distances[pk], pk))[:MAX_REPORTED]
    if not closest:
        return []
    found = Photo.objects.in_bulk(closest)
    return [(found[pk], distances[pk]) for pk in closest if pk in found]
