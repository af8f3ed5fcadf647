"""Many photos of a meeting uploaded at once, one request per photo.

The page (``admin/events/meeting/upload_photos.html`` with
``static/js/admin/photo_upload.js``) sends each chosen file in a request of its own,
at most three at a time. A request is never bigger than one photo, so the web
server's body limit stays at a photo's size however many photos are chosen, and a bad
file or a dropped connection costs that file alone.

Each request makes one ``Photo`` or nothing. The image is checked and processed
before the database is touched, so no lock is held during the slow part; the files
written are deleted again if the row is not saved.

The answer also says what the editor should look at: the meeting's photos the new
one repeats (``events.duplicates``) and whether it looks blurred or dark. The photo
is kept either way; the page offers to discard it (``discard_photo``).
"""

import logging

from django.conf import settings
from django.contrib.admin.exceptions import NotRegistered
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.http import HttpResponseNotAllowed, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.images import delete_files
from core.responses import json_error
from core.storage import FileWriteError
from events.caption_grid import captions_link
from events.duplicates import same_shots
from events.models import Meeting, Photo
from events.permissions import may_add_photos, may_change_own_meeting_only
from events.templatetags.photos import photo_url

logger = logging.getLogger(__name__)

# What a multipart body adds around one file: boundaries and part headers, with a
# file name of a few hundred UTF-8 characters. A body bigger than the file limit plus
# this cannot hold an acceptable photo, so it is refused before it is read.
MULTIPART_OVERHEAD = 64 * 1024
THUMBNAIL_WIDTH = 320


def upload_page(model_admin, request, pk):
    """The page where an editor chooses or drops the photos of a meeting."""
    meeting = meeting_for_photos(model_admin, request, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    site = model_admin.admin_site.name
    request.current_app = site
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Upload photos"),
        "subtitle": meeting.title,
        "opts": Meeting._meta,
        "meeting": meeting,
        "upload_url": reverse(
            "admin:events_meeting_upload_photo", args=[meeting.pk], current_app=site
        ),
        "captions_url": captions_url(model_admin, request, meeting),
        "max_size": filesizeformat(settings.NGT_IMAGE_MAX_BYTES),
    }
    return TemplateResponse(request, "admin/events/meeting/upload_photos.html", context)


def captions_url(model_admin, request, meeting):
    """Where the uploader goes on to caption: the meeting's caption grid if they may
    change photos, else the meeting's photo rows if they may change the meeting,
    else the list of its photos."""
    site = model_admin.admin_site.name
    grid = captions_link(model_admin, request, meeting)
    if grid:
        return grid
    if model_admin.has_change_permission(request, meeting):
        return (
            reverse("admin:events_meeting_change", args=[meeting.pk], current_app=site)
            + "#photos-group"
        )
    return (
        reverse("admin:events_photo_changelist", current_app=site)
        + f"?meeting__id__exact={meeting.pk}"
    )


def upload_photo(model_admin, request, pk):
    """Make the file in ``image`` the meeting's next photo; answer JSON.

    201 with the photo's id, thumbnail and original name; 400 with a Vietnamese
    ``error`` for anything that is not a whole, acceptable image.
    """
    meeting = meeting_for_photos(model_admin, request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    refusal = _too_large(request)
    if refusal:
        return json_error(refusal)
    if request.content_type != "multipart/form-data":
        return json_error(_("Choose an image to upload."))
    try:
        uploaded = request.FILES.get("image")
    except (MultiPartParserError, UnreadablePostError):
        return json_error(_("The upload did not arrive whole; please try again."))
    if uploaded is None:
        return json_error(_("Choose an image to upload."))
    try:
        photo = add_photo(meeting, uploaded, request.user)
    except ValidationError as error:
        return json_error(" ".join(error.messages))
    except DatabaseError:
        logger.exception("Saving a photo uploaded to meeting %s failed", meeting.pk)
        return json_error(_("The photo could not be saved; please try again."), 500)
    except OSError:
        # A full disk or a storage outage: what was written is already removed.
        logger.exception("Storing a photo uploaded to meeting %s failed", meeting.pk)
        return json_error(str(FileWriteError.message), 503)
    return JsonResponse(upload_answer(model_admin, photo), status=201)


def upload_answer(model_admin, photo):
    """The new photo's id, thumbnail and name; its warnings and the photos it
    repeats; the address that discards it."""
    return {
        "id": photo.pk,
        "thumbnail": photo_url(photo, THUMBNAIL_WIDTH),
        "name": photo.original_name,
        "warnings": [str(warning) for warning in photo.quality_warnings],
        "duplicates": [
            {
                "id": other.pk,
                "thumbnail": photo_url(other, THUMBNAIL_WIDTH),
                "name": other.original_name,
                "order": other.order,
                "caption": other.caption,
                "distance": distance,
            }
            for other, distance in same_shots(photo)
        ],
        "discard_url": reverse(
            "admin:events_meeting_discard_photo",
            args=[photo.meeting_id, photo.pk],
            current_app=model_admin.admin_site.name,
        ),
    }


def discard_photo(model_admin, request, pk, photo_pk):
    """Delete a photo of meeting ``pk`` from the upload page ("discard the new
    photo"); answer JSON.

    Allowed to whoever uploaded it and to those who may delete it in the admin;
    anyone else, a photo of another meeting or a GET gets a Vietnamese ``error``
    and nothing changes. The files go once the deletion commits (events.signals).
    """
    if request.method != "POST":
        response = json_error(
            _("A photo is discarded only with the page’s button."), 405
        )
        response["Allow"] = "POST"
        return response
    photo = Photo.objects.filter(pk=photo_pk, meeting_id=pk).first()
    if photo is None:
        return json_error(
            _("This photo is not in this meeting, or has already been deleted."), 404
        )
    if not may_discard(model_admin, request, photo):
        return json_error(
            _("You may discard only the photos you uploaded yourself."), 403
        )
    try:
        with transaction.atomic():
            photo.delete()
    except DatabaseError:
        logger.exception("Discarding photo %s failed", photo_pk)
        return json_error(_("The photo could not be discarded; please try again."), 500)
    return JsonResponse({"deleted": photo_pk})


def may_discard(model_admin, request, photo):
    """The photos' admin decides, with the roles' rules (events.permissions): a
    photographer discards what they uploaded, a reporter their own meeting's
    photos, an editor any."""
    try:
        photo_admin = model_admin.admin_site.get_model_admin(Photo)
    except NotRegistered:
        return request.user.has_perm("events.delete_photo")
    return photo_admin.has_delete_permission(request, photo)


def meeting_for_photos(model_admin, request, pk):
    """The meeting, if the user may add photos to it; else 403, or 404 if none.

    Adding a photo takes the photo's permission and the right to see the meeting,
    not to change it: a photographer uploads to any meeting and changes nothing else.
    A reporter uploads to the meetings they created (events.permissions).
    """
    user = request.user
    may_add = model_admin.has_view_permission(request) and (
        user.has_perm("events.add_photo") or may_change_own_meeting_only(user)
    )
    if not may_add:
        raise PermissionDenied
    meeting = get_object_or_404(Meeting, pk=pk)
    if not model_admin.has_view_permission(request, meeting):
        raise PermissionDenied
    if not may_add_photos(user, meeting):
        raise PermissionDenied
    return meeting


def add_photo(meeting, uploaded, user=None):
    """Make ``uploaded`` the meeting's next photo, uploaded by ``user``, or leave
    nothing behind.

    Raises ``ValidationError`` for a file that is not an acceptable image.
    """
    photo = Photo(meeting=meeting, image=uploaded, uploaded_by=user)
    # Processing takes a second for a phone photo: it runs before the transaction so
    # that three uploads at once are processed side by side, not one after another.
    written = photo.process_upload()
    try:
        with transaction.atomic():
            # Numbering reads the meeting's last photo, so uploads to one meeting
            # take turns from here to the commit. An UPDATE locks the meeting's row
            # on PostgreSQL and, being a write, takes SQLite's write lock before any
            # read, where two transactions that read first could deadlock.
            Meeting.objects.filter(pk=meeting.pk).update(updated_at=timezone.now())
            # A meeting's first photo is its cover until an editor chooses another,
            # so lists and shares show a picture from the start.
            photo.is_cover = not meeting.photos.filter(is_cover=True).exists()
            photo.save()
    except BaseException:
        delete_files(photo.image.storage, written)
        raise
    return photo


def _too_large(request):
    """The "too large" message for a body that cannot hold an acceptable photo."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    limit = settings.NGT_IMAGE_MAX_BYTES
    if length <= limit + MULTIPART_OVERHEAD:
        return None
    # The same words as core.images.validate_image, which sees the file itself.
    return _("The file is too large (%(size)s); the limit is %(max)s.") % {
        "size": filesizeformat(length),
        "max": filesizeformat(limit),
    }
