"""Meeting pages: the list, filterable by kind and year (each meeting: pages.views)."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from core.pagination import deep_pages, paginate_list
from events.models import Meeting
from events.queries import cover_photos


@require_safe
@deep_pages
def meeting_list(request):
    """Meetings held or reported, newest first (one planned ahead waits in the weekly
    schedule); ``?loai=`` and ``?nam=`` filter, bad values are ignored."""
    shown = Meeting.objects.on_the_news()
    meetings = shown.select_related("organizer").prefetch_related(cover_photos())
    kinds = dict(Meeting.Kind.choices)
    kind = request.GET.get("loai", "")
    if kind in kinds:
        meetings = meetings.filter(kind=kind)
    else:
        kind = ""
    years = [d.year for d in shown.dates("starts_at", "year", order="DESC")]
    year = request.GET.get("nam", "")
    # Compared as text: int() fails on "²" (a digit to isdigit()) and on thousands
    # of digits.
    year = next((y for y in years if str(y) == year), None)
    if year is not None:
        meetings = meetings.filter(starts_at__year=year)
    context = {
        "page_obj": paginate_list(request, meetings, "starts_at", exact_count=True),
        "kinds": Meeting.Kind.choices,
        "kind": kind,
        "years": years,
        "year": year,
    }
    return TemplateResponse(request, "events/meeting_list.html", context)
