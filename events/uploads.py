"""Many photos of a meeting uploaded at once, one request per photo.

The page (``admin/events/meeting/upload_photos.html`` with
``static/js/admin/photo_upload.js``) sends each chosen file in a request of its own,
at most three at a time. A request is never bigger than one photo, so the web
server's body limit stays at a photo's size however many photos are chosen, and a bad
file or a dropped connection costs that file alone.

Each request makes one ``Photo`` or nothing. The image is checked and processed
before the database is touched, so no lock is held during the slow part; the files
written are deleted again if the row is not saved.
"""

import logging

from django.conf import settings
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
    """Where the uploader goes on to caption: the meeting's photo rows if they may
    change the meeting, else the list of its photos."""
    site = model_admin.admin_site.name
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
        return _error(refusal)
    if request.content_type != "multipart/form-data":
        return _error(_("Choose an image to upload."))
    try:
        uploaded = request.FILES.get("image")
    except (MultiPartParserError, UnreadablePostError):
        return _error(_("The upload did not arrive whole; please try again."))
    if uploaded is None:
        return _error(_("Choose an image to upload."))
    try:
        photo = add_photo(meeting, uploaded, request.user)
    except ValidationError as error:
        return _error(" ".join(error.messages))
    except DatabaseError:
        logger.exception("Saving a photo uploaded to meeting %s failed", meeting.pk)
        return _error(_("The photo could not be saved; please try again."), 500)
    return JsonResponse(
        {
            "id": photo.pk,
            "thumbnail": photo_url(photo, THUMBNAIL_WIDTH),
            "name": photo.original_name,
        },
        status=201,
    )


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


def _error(message, status=400):
    return JsonResponse({"error": str(message)}, status=status)
