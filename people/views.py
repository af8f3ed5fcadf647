"""A person's and a unit's pages.

They list what other apps record about them (attendances, photos, awards,
articles) through the reverse relations, so ``people`` imports none of those apps.
"""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from people.models import Person, Unit

# The newest photos and articles a person's or unit's page shows; the meetings they
# come from are all listed, and each has the rest.
LATEST_PHOTOS = 24
LATEST_ARTICLES = 20


@require_safe
def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    positions = list(person.positions.select_related("unit"))
    context = {
        "person": person,
        "current_positions": [p for p in positions if p.is_current],
        "past_positions": [p for p in positions if not p.is_current],
        "attendances": person.attendances.select_related("meeting").order_by(
            "-meeting__starts_at"
        ),
        "photos": person.photos.exclude(image="")
        .select_related("meeting")
        .order_by("-meeting__starts_at", "order")[:LATEST_PHOTOS],
        "awards": person.awards.select_related("meeting", "campaign"),
        "articles": person.articles.published()
        .select_related("category")
        .defer("body", "search_text", "search_vector")[:LATEST_ARTICLES],
    }
    return TemplateResponse(request, "people/person_detail.html", context)


@require_safe
def unit_detail(request, slug):
    unit = get_object_or_404(Unit.objects.select_related("parent"), slug=slug)
    positions = list(unit.positions.select_related("person"))
    context = {
        "unit": unit,
        "current_positions": [p for p in positions if p.is_current],
        "past_positions": [p for p in positions if not p.is_current],
        "children": unit.children.all(),
        "meetings": unit.meetings.order_by("-starts_at")[:20],
        "awards": unit.awards.select_related("meeting", "campaign"),
        "articles": unit.articles.published()
        .select_related("category")
        .defer("body", "search_text", "search_vector")[:LATEST_ARTICLES],
    }
    return TemplateResponse(request, "people/unit_detail.html", context)
