"""The caption grid's JSON endpoints: one card saved, the order, the cover, a
deletion, a new image, the same credit or people for many photos.

Each answers JSON: the photos' new state, or ``{"error": "…"}`` in Vietnamese with
400 (bad input), 403 (not allowed), 404 (no such photo in this meeting), 409 (changed
by someone else since the page was opened) or 503 (the database failed). Each works
in one transaction: a refusal half way changes nothing.
"""

import logging
from functools import cache, wraps

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.http import Http404, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.http.request import UnreadablePostError
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.images import validate_image
from core.responses import json_error
from events.caption_grid import (
    CAPTION_MAX_LENGTH,
    CARD_SIZES,
    changed_by_message,
    grid_page,
    meeting_for_grid,
    photo_admin_for,
    state,
    version,
)
from events.models import Photo
from events.templatetags.photos import photo as photo_tag
from people.models import Person

logger = logging.getLogger(__name__)


class Conflict(Exception):
    """The photo changed after the page was loaded: 409, with who and when."""

    def __init__(self, message, **extra):
        super().__init__(message)
        self.message = message
        self.extra = extra


def json_endpoint(view):
    """POST only; every refusal answered as JSON in Vietnamese, never a 500 page."""

    @wraps(view)
    def wrapped(model_admin, request, **kwargs):
        if request.method != "POST":
            response = json_error(_("This address accepts only saves (POST)."), 405)
            response["Allow"] = "POST"
            return response
        try:
            return view(model_admin, request, **kwargs)
        except PermissionDenied as refusal:
            message = str(refusal) or _("You may not change these photos.")
            return json_error(message, 403)
        except Http404:
            return json_error(_("This photo is not in this meeting (any more)."), 404)
        except Conflict as conflict:
            return json_error(conflict.message, 409, **conflict.extra)
        except ValidationError as invalid:
            return json_error(" ".join(invalid.messages))
        except (MultiPartParserError, UnreadablePostError):
            return json_error(_("The upload did not arrive whole; please try again."))
        except DatabaseError:
            logger.exception("A caption grid save for meeting %s failed", kwargs)
            return json_error(
                _("Not saved: the database could not complete the save. Try again."),
                503,
            )

    return wrapped


def photo_in(meeting, photo_pk, lock=False):
    photos = meeting.photos.select_for_update() if lock else meeting.photos.all()
    return get_object_or_404(photos, pk=photo_pk)


def require_change(model_admin, request, photo):
    if not photo_admin_for(model_admin).has_change_permission(request, photo):
        raise PermissionDenied(
            _("You may not change the photo %(name)s.") % {"name": label(photo)}
        )


def label(photo):
    return photo.original_name or str(photo.order)


def check_version(request, photo):
    """Refuse a save based on an older version of ``photo`` than the stored one."""
    sent = request.POST.get("version", "")
    if not sent:
        raise ValidationError(_("The page is out of date; reload it."))
    if sent != version(photo):
        raise Conflict(changed_by_message(photo), version=version(photo))


def ids_from(values, message):
    try:
        ids = [int(value) for value in values]
    except (TypeError, ValueError):
        raise ValidationError(message) from None
    if len(set(ids)) != len(ids):
        raise ValidationError(message)
    return ids


@cache
def caption_form_class():
    # events.admin imports this package's URLs, so its form is read when first used.
    from events.admin import CaptionTaggingForm

    class GridCaptionForm(CaptionTaggingForm):
        """A card's fields; a caption naming people tags them if none are chosen."""

        caption = forms.CharField(
            label=Photo._meta.get_field("caption").verbose_name,
            max_length=CAPTION_MAX_LENGTH,
            required=False,
        )

        class Meta:
            model = Photo
            fields = ["caption", "people", "credit", "focal_point"]
            error_messages = {
                "focal_point": {
                    "invalid_choice": gettext_lazy(
                        "Choose one of the nine points of the photo."
                    )
                }
            }

    return GridCaptionForm


def form_errors(form):
    return ValidationError(
        [
            f"{capfirst(form.fields[name].label)}: {' '.join(messages)}"
            if name in form.fields
            else " ".join(messages)
            for name, messages in form.errors.items()
        ]
    )


@json_endpoint
def save_photo(model_admin, request, pk, photo_pk):
    """Save one card's caption, people, credit and focal point."""
    meeting = meeting_for_grid(model_admin, request, pk)
    with transaction.atomic():
        photo = photo_in(meeting, photo_pk, lock=True)
        require_change(model_admin, request, photo)
        check_version(request, photo)
        data = request.POST.copy()
        # A card sent without a focal point (a page opened before there was one)
        # keeps the photo's.
        data.setdefault("focal_point", photo.focal_point)
        form = caption_form_class()(data, instance=photo)
        if not form.is_valid():
            raise form_errors(form)
        photo = form.save()
    return JsonResponse({"photo": state(photo)})


@json_endpoint
def reorder(model_admin, request, pk):
    """Number the meeting's photos 1, 2, 3… in the order sent (all of them).

    Only the photos whose number changes are saved, each with its history; the
    numbers stay unique because every photo of the meeting gets one of 1…n.
    """
    meeting = meeting_for_grid(model_admin, request, pk)
    ids = ids_from(request.POST.getlist("photos"), _("The new order is not valid."))
    with transaction.atomic():
        photos = {p.pk: p for p in meeting.photos.select_for_update()}
        if set(ids) != set(photos):
            raise Conflict(
                _(
                    "Photos were added to or removed from this meeting since the "
                    "page was opened; reload the page to order them."
                )
            )
        moved = []
        for number, photo_pk in enumerate(ids, start=1):
            photo = photos[photo_pk]
            if photo.order != number:
                require_change(model_admin, request, photo)
                photo.order = number
                moved.append(photo)
        for photo in moved:
            photo.save()
    return JsonResponse(
        {
            "photos": [
                {"id": p.pk, "version": version(p), "order": p.order} for p in moved
            ]
        }
    )


@json_endpoint
def choose_cover(model_admin, request, pk, photo_pk):
    """Make the photo the meeting's cover, and the previous cover an ordinary photo,
    in one transaction (the database allows one cover per meeting)."""
    meeting = meeting_for_grid(model_admin, request, pk)
    with transaction.atomic():
        photo = photo_in(meeting, photo_pk, lock=True)
        require_change(model_admin, request, photo)
        if not photo.image:
            raise ValidationError(_("A photo without an image cannot be the cover."))
        changed = []
        for previous in meeting.photos.select_for_update().filter(is_cover=True):
            if previous.pk != photo.pk:
                require_change(model_admin, request, previous)
                previous.is_cover = False
                previous.save()
                changed.append(previous)
        if not photo.is_cover:
            photo.is_cover = True
            photo.save()
        changed.append(photo)
    return JsonResponse(
        {
            "cover": photo.pk,
            "photos": [
                {"id": p.pk, "version": version(p), "is_cover": p.is_cover}
                for p in changed
            ],
        }
    )


@json_endpoint
def delete_photo(model_admin, request, pk, photo_pk):
    """Delete the photo; its files go once the deletion is committed."""
    meeting = meeting_for_grid(model_admin, request, pk)
    with transaction.atomic():
        photo = photo_in(meeting, photo_pk, lock=True)
        if not photo_admin_for(model_admin).has_delete_permission(request, photo):
            raise PermissionDenied(
                _("You may not delete the photo %(name)s.") % {"name": label(photo)}
            )
        deleted = photo.pk
        photo.delete()
    return JsonResponse({"deleted": deleted})


@json_endpoint
def replace_image(model_admin, request, pk, photo_pk):
    """Put a new image in the photo, through the upload pipeline; the caption and
    people stay. A file that is not an acceptable image changes nothing."""
    meeting = meeting_for_grid(model_admin, request, pk)
    uploaded = request.FILES.get("image")
    if uploaded is None:
        raise ValidationError(_("Choose an image to upload."))
    validate_image(uploaded)
    with transaction.atomic():
        photo = photo_in(meeting, photo_pk, lock=True)
        require_change(model_admin, request, photo)
        check_version(request, photo)
        photo.image = uploaded
        # Photo.save processes the upload; the old files go after the commit.
        photo.save()
    return JsonResponse(
        {
            "photo": state(photo),
            "name": photo.original_name,
            "picture": photo_tag(photo, sizes=CARD_SIZES),
        }
    )


@json_endpoint
def batch(model_admin, request, pk):
    """Set the credit and/or add people to every chosen photo of the meeting."""
    meeting = meeting_for_grid(model_admin, request, pk)
    ids = ids_from(
        request.POST.getlist("photos"), _("The chosen photos are not valid.")
    )
    if not ids:
        raise ValidationError(_("Choose at least one photo."))
    credit = request.POST.get("credit", "").strip()
    credit_field = Photo._meta.get_field("credit")
    if len(credit) > credit_field.max_length:
        raise ValidationError(
            _("The photographer's name is too long (at most %(max)s characters).")
            % {"max": credit_field.max_length}
        )
    people = chosen_people(request)
    if not credit and not people:
        raise ValidationError(_("Type a photographer or choose people to add."))
    with transaction.atomic():
        photos = list(meeting.photos.select_for_update().filter(pk__in=ids))
        if len(photos) != len(ids):
            raise ValidationError(
                _("Some chosen photos are no longer in this meeting; reload the page.")
            )
        for photo in photos:
            require_change(model_admin, request, photo)
        for photo in photos:
            if credit:
                photo.credit = credit
            # Saved even when only people are added: the new version tells pages
            # opened earlier that the photo changed.
            photo.save()
            photo.people.add(*people)
    return JsonResponse({"photos": [state(photo) for photo in photos]})


def chosen_people(request):
    ids = ids_from(
        request.POST.getlist("people"), _("The chosen people are not valid.")
    )
    people = list(Person.objects.filter(pk__in=ids))
    if len(people) != len(ids):
        raise ValidationError(_("Some chosen people no longer exist; choose again."))
    return people


def urls(model_admin):
    """The grid's page and endpoints, for ``MeetingAdmin.get_urls``."""

    def route(suffix, view, name):
        @wraps(view)
        def bound(request, **kwargs):
            return view(model_admin, request, **kwargs)

        wrapped = model_admin.admin_site.admin_view(bound)
        return path(f"<int:pk>/anh/chu-thich/{suffix}", wrapped, name=name)

    photo = "<int:photo_pk>/"
    return [
        route("", grid_page, "events_meeting_captions"),
        route("thu-tu/", reorder, "events_meeting_captions_order"),
        route("hang-loat/", batch, "events_meeting_captions_batch"),
        route(photo + "luu/", save_photo, "events_meeting_caption_save"),
        route(photo + "anh-bia/", choose_cover, "events_meeting_caption_cover"),
        route(photo + "xoa/", delete_photo, "events_meeting_caption_delete"),
        route(photo + "thay-anh/", replace_image, "events_meeting_caption_replace"),
    ]
