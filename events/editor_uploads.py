"""Images put into an article's body from the editor: photos of the library.

CKEditor's image dialog uploads a file (its "Upload" tab) and browses for one
("Browse server"). Both go through the media library: an upload becomes a ``Photo``
without a meeting, processed like every photo (checked by content, upright, no GPS
or camera data, a generated name, renditions), recorded as uploaded by the writer,
and the body gets its rendition's address, so the article links it
(``Article.body_photos``) and the library says where it is used. Browsing opens the
library in the editor's mode. Both are for staff who write articles only: a
photographer neither uploads into bodies nor picks for them.
"""

import logging

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST, require_safe

from core.editor import answer
from core.storage import FileWriteError
from events.library import BODY_WIDTH, may_write_articles
from events.models import Photo
from events.templatetags.photos import photo_url

logger = logging.getLogger(__name__)

# What the editor's browse window passes on to the library.
EDITOR_PARAMETERS = ("CKEditor", "CKEditorFuncNum", "langCode")


@xframe_options_sameorigin
@staff_member_required
@require_POST
def upload_image(request):
    if not may_write_articles(request.user):
        return answer(
            request, message=_("You may not upload images for articles."), status=403
        )
    uploaded = request.FILES.get("upload")
    if uploaded is None:
        return answer(request, message=_("Choose an image to upload."))
    photo = Photo(image=uploaded, uploaded_by=request.user)
    try:
        # Processed before the save, so a refused file never reaches the database.
        photo.process_upload()
        photo.save()
    except ValidationError as error:
        return answer(request, message=" ".join(error.messages))
    except DatabaseError:
        logger.exception("Saving an image uploaded into an article failed")
        return answer(
            request,
            message=_("The photo could not be saved; please try again."),
            status=500,
        )
    except OSError:
        # A full disk or a storage outage: what was written is already removed.
        logger.exception("Storing an image uploaded into an article failed")
        return answer(request, message=str(FileWriteError.message), status=503)
    return answer(request, url=photo_url(photo, BODY_WIDTH))


@never_cache
@staff_member_required
@require_safe
def browse_images(request):
    """The editor's "Browse server": the media library, choosing for the body."""
    if not may_write_articles(request.user):
        raise PermissionDenied
    kept = [
        (name, request.GET[name][:100])
        for name in EDITOR_PARAMETERS
        if name in request.GET
    ]
    url = reverse("admin:events_photo_library")
    return HttpResponseRedirect(f"{url}?{urlencode(kept)}" if kept else url)
