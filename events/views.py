"""Meeting pages: the list, filterable by kind and year, and each meeting."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from events.models import Meeting, choose_cover
from events.queries import cover_photos, public_photos
from ngt_portal.pages import paginate


@require_safe
def meeting_list(request):
    """Meetings, newest first; ``?loai=`` and ``?nam=`` filter, bad values are ignored."""
    meetings = Meeting.objects.select_related("organizer").prefetch_related(
        cover_photos()
    )
    kinds = dict(Meeting.Kind.choices)
    kind = request.GET.get("loai", "")
    if kind in kinds:
        meetings = meetings.filter(kind=kind)
    else:
        kind = ""
    years = [d.year for d in Meeting.objects.dates("starts_at", "year", order="DESC")]
    year = request.GET.get("nam", "")
    # Compared as text: int() fails on "²" (a digit to isdigit()) and on thousands
    # of digits.
    year = next((y for y in years if str(y) == year), None)
    if year is not None:
        meetings = meetings.filter(starts_at__year=year)
    context = {
        "page_obj": paginate(request, meetings),
        "kinds": Meeting.Kind.choices,
        "kind": kind,
        "years": years,
        "year": year,
    }
    return TemplateResponse(request, "events/meeting_list.html", context)


@require_safe
def meeting_detail(request, slug):
    """A meeting: when, where, under which documents, who came, photos, awards."""
    meeting = get_object_or_404(Meeting.objects.select_related("organizer"), slug=slug)
    photos = list(public_photos(meeting))
    context = {
        "meeting": meeting,
        "attendees": meeting.attendees.select_related("person"),
        "documents": meeting.documents.select_related("issuer"),
        "photos": photos,
        "cover": choose_cover(photos),
        "awards": meeting.awards.ranked().select_related(
            "recipient_person", "recipient_unit", "campaign"
        ),
        "articles": meeting.articles.published().select_related("category"),
    }
    return TemplateResponse(request, "events/meeting_detail.html", context)
