"""The caption grid: a meeting's photos as large cards, each saved on its own.

Captioning twenty photos in the meeting's form means a page several screens tall,
small thumbnails and one save for everything. The grid (``admin/events/meeting/
captions.html`` with ``static/js/admin/caption_grid.js``) shows each photo large with
its original file name, caption, people and credit, and saves a card at a time
through the JSON endpoints of ``events.caption_grid_api``: a lost connection or a
colleague's change costs one card, never the page.

Who may do what is decided by the admin classes, not here: the grid opens for a user
who may see the meeting and change photos; each card is saved, reordered, made the
cover or deleted only if ``PhotoAdmin`` allows it for that photo.
"""

from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied
from django.forms.utils import flatatt
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.admin_concurrency import last_change, local_time, version_of
from events.focal_points import FOCAL_GRID
from events.models import Meeting, Photo
from events.permissions import may_add_photos, may_caption_meeting
from events.usage import deletion_warning, uses_of

# The card's picture: four columns of about 20rem on a wide screen, two on a
# tablet, one on a phone (static/css/admin/caption_grid.css).
CARD_SIZES = "(min-width: 1024px) 20rem, (min-width: 600px) 45vw, 100vw"
CAPTION_MAX_LENGTH = 2000


def photo_admin_for(model_admin):
    """The ``PhotoAdmin`` of the meeting admin's site: it decides per photo."""
    return model_admin.admin_site._registry[Photo]


def may_open_grid(model_admin, request, meeting=None):
    return model_admin.has_view_permission(request, meeting) and may_caption_meeting(
        request.user, meeting
    )


def meeting_for_grid(model_admin, request, pk):
    """The meeting, if the user may see it and change photos; else 403 (404 if none)."""
    if not may_open_grid(model_admin, request):
        raise PermissionDenied
    meeting = get_object_or_404(Meeting, pk=pk)
    if not may_open_grid(model_admin, request, meeting):
        raise PermissionDenied
    return meeting


def grid_url(model_admin, meeting):
    return reverse(
        "admin:events_meeting_captions",
        args=[meeting.pk],
        current_app=model_admin.admin_site.name,
    )


def version(photo):
    """What a card was loaded with; a save sent with another is refused (409).
    The same token as the change forms' (``core.admin_concurrency``)."""
    return version_of(photo)


def grid_page(model_admin, request, pk):
    """The grid of the meeting's photos; the same number of queries for any number."""
    meeting = meeting_for_grid(model_admin, request, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    request.current_app = model_admin.admin_site.name
    photo_admin = photo_admin_for(model_admin)
    photos = list(meeting.photos.prefetch_related("people").order_by("order", "pk"))
    # Where each photo is used, for the delete confirmation: a fixed number of
    # queries for the whole page (events.usage), none per card.
    uses = uses_of(photos)
    widget = people_widget(model_admin)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Photo captions"),
        "subtitle": meeting.title,
        "opts": Meeting._meta,
        "meeting": meeting,
        "cards": [
            card(photo_admin, request, photo, uses.get(photo.pk, []))
            for photo in photos
        ],
        "focal_points": FOCAL_GRID,
        "people_attrs": flatatt(widget.build_attrs({})),
        "media": widget.media,
        "caption_max_length": CAPTION_MAX_LENGTH,
        "card_sizes": CARD_SIZES,
        "upload_url": reverse(
            "admin:events_meeting_upload_photos",
            args=[meeting.pk],
            current_app=request.current_app,
        ),
        "may_upload": may_add_photos(request.user, meeting),
        "order_url": reverse(
            "admin:events_meeting_captions_order",
            args=[meeting.pk],
            current_app=request.current_app,
        ),
        "batch_url": reverse(
            "admin:events_meeting_captions_batch",
            args=[meeting.pk],
            current_app=request.current_app,
        ),
    }
    return TemplateResponse(request, "admin/events/meeting/captions.html", context)


def people_widget(model_admin):
    """Django's autocomplete picker for ``Photo.people``, for its attributes and
    scripts: the options are written from the prefetched people, with no query per
    card."""
    field = Photo._meta.get_field("people")
    return AutocompleteSelectMultiple(field, model_admin.admin_site)


def card(photo_admin, request, photo, uses=()):
    """What the template needs of one photo, its addresses and what the user may do.

    ``uses`` are where the photo shows (``events.usage``): deleting a photo that is
    an article's cover or in an article's text is confirmed with that said.
    """
    args = [photo.meeting_id, photo.pk]
    app = request.current_app

    def url(name):
        return reverse(
            f"admin:events_meeting_caption_{name}", args=args, current_app=app
        )

    return {
        "photo": photo,
        "version": version(photo),
        "name": photo.original_name or _("Photo %(number)s") % {"number": photo.order},
        "people": list(photo.people.all()),
        # Measured at upload: a blurred or dark shot is flagged where it is captioned.
        "warnings": photo.quality_warnings,
        "may_change": photo_admin.has_change_permission(request, photo),
        "may_delete": photo_admin.has_delete_permission(request, photo),
        "delete_warning": deletion_warning(uses),
        "save_url": url("save"),
        "cover_url": url("cover"),
        "delete_url": url("delete"),
        "replace_url": url("replace"),
    }


def state(photo):
    """A card's saved state as the page's script reads it."""
    return {
        "id": photo.pk,
        "version": version(photo),
        "caption": photo.caption,
        "credit": photo.credit,
        "order": photo.order,
        "is_cover": photo.is_cover,
        "focal_point": photo.focal_point,
        "people": [{"id": p.pk, "text": str(p)} for p in photo.people.all()],
    }


def changed_by_message(photo):
    """Who changed ``photo`` last and when, for the 409 answer."""
    who, when = last_change(photo)
    return capfirst(
        _(
            "%(user)s changed this photo at %(time)s, after this page was opened. "
            "Your text is still on the page: save it over theirs, or reload the page "
            "to see their version."
        )
        % {"user": who, "time": when or local_time(photo.updated_at)}
    )


def captions_link(model_admin, request, meeting):
    """The grid's address if the user may open it, else None."""
    if may_open_grid(model_admin, request, meeting):
        return grid_url(model_admin, meeting)
    return None


def changelist_captions_link(photo_admin, request):
    """On the photo list filtered by one meeting, the way to that meeting's grid."""
    value = request.GET.get("meeting__id__exact", "")
    if not value.isdigit():
        return None
    meeting = Meeting.objects.filter(pk=int(value)).first()
    if meeting is None:
        return None
    meeting_admin = photo_admin.admin_site._registry[Meeting]
    return captions_link(meeting_admin, request, meeting)
