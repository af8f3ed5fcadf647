"""The introduction: the college's functions, history and achievements, and its
organisation (units and their leaders' contacts).

Decree 42/2022/NĐ-CP asks a public body's portal for its structure, functions and
contacts. The pages the office writes are ``pages.IntroPage``; the organisation is
read from ``people``: the unit tree, and each unit's current heads, deputies and
committee members in the order of their rank, with a phone and e-mail a visitor can
use (the person's own only with their consent). The English versions are in
``pages.english``.
"""

from collections import defaultdict

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.html import script_json
from pages.models import IntroPage
from people.models import Position, Unit


@require_safe
def intro(request):
    """The introduction's index: every published page, and the organisation."""
    context = {
        "intro_pages": IntroPage.objects.published(),
        "url_vi": reverse("intro"),
        "url_en": reverse("en_home"),
    }
    return TemplateResponse(request, "pages/intro.html", context)


@require_safe
def intro_page(request, slug):
    """A page of the introduction, with the menu of every page beside it."""
    page, pages = page_and_menu(IntroPage.objects.published(), slug)
    context = {
        "page": page,
        "intro_pages": pages,
        "url_vi": page.get_absolute_url(),
        "url_en": page.get_english_url() if page.has_english else None,
    }
    return TemplateResponse(request, "pages/intro_page.html", context)


def page_and_menu(pages, slug):
    """The page of ``pages`` whose slug is ``slug`` (404 if none) and all of them,
    for the menu beside it: one query."""
    pages = list(pages)
    page = next((p for p in pages if p.slug == slug), None)
    if page is None:
        raise Http404
    return page, pages


@require_safe
def organisation(request):
    """The unit tree with each unit's leaders and contacts."""
    roots = unit_tree()
    context = {
        "roots": roots,
        "intro_pages": IntroPage.objects.published(),
        "url_vi": reverse("organisation"),
        "url_en": reverse("en_organisation"),
        "ld_json": organisation_ld_json(request, roots),
    }
    return TemplateResponse(request, "pages/organisation.html", context)


def unit_tree():
    """The units without a parent, each with ``subunits`` and ``leaders`` set.

    Two queries whatever the number of units: the units, and the current positions
    of rank up to a committee member's (``Position.objects.leadership``), heads
    first. Siblings are ordered by ``order``, then by name in the Vietnamese
    alphabet. A unit whose parents form a loop is out of the tree.
    """
    units = sorted(Unit.objects.all(), key=lambda u: (u.order, u.name_sort_key))
    leaders = defaultdict(list)
    positions = (
        Position.objects.current()
        .leadership()
        .filter(unit__isnull=False)
        .select_related("person", "unit")
        .by_rank()
    )
    for position in positions:
        leaders[position.unit_id].append(position)
    children = defaultdict(list)
    for unit in units:
        unit.leaders = leaders[unit.pk]
        children[unit.parent_id].append(unit)
    for unit in units:
        unit.subunits = children[unit.pk]
    return children[None]


def walk(units):
    """Every unit of the tree under ``units``, parents before their children."""
    for unit in units:
        yield unit
        yield from walk(unit.subunits)


def organisation_ld_json(request, roots, in_english=False):
    """schema.org ``CollegeOrUniversity`` with its units as departments, each with
    its contact point, as a safe ``<script type="application/ld+json">`` body."""
    origin = request.build_absolute_uri("/").rstrip("/")
    school = next((u for u in roots if u.kind == Unit.Kind.SCHOOL), None)

    def name(unit):
        return unit.english_name if in_english else unit.name

    def contact_point(unit):
        point = {"@type": "ContactPoint", "contactType": _("Enquiries")}
        if unit.phone:
            point["telephone"] = unit.phone
        if unit.email:
            point["email"] = unit.email
        return point

    data = {
        "@context": "https://schema.org",
        "@type": "CollegeOrUniversity",
        "name": name(school) if school else _("Ngo Gia Tu College, Bac Giang"),
        "url": origin + "/",
        "department": [
            {
                "@type": "Organization",
                "name": name(unit),
                "url": origin + unit.get_absolute_url(),
                **(
                    {"contactPoint": contact_point(unit)}
                    if unit.phone or unit.email
                    else {}
                ),
            }
            for unit in walk(roots)
            if unit is not school
        ],
    }
    if school and (school.phone or school.email):
        data["contactPoint"] = contact_point(school)
    return script_json(data, indent=1)


urlpatterns = [
    path("gioi-thieu/", intro, name="intro"),
    # Before the pages' slugs, so no page can take its address.
    path("gioi-thieu/co-cau-to-chuc/", organisation, name="organisation"),
    path("gioi-thieu/<slug:slug>/", intro_page, name="intro_page"),
]
