"""The English pages under ``/en/``: the introduction, the organisation, the contacts.

Decree 42/2022/NĐ-CP asks for an English version of a public body's structure,
functions and contacts; the rest of the portal (news, meetings, honours, the admin)
is Vietnamese only. English is switched on for these views alone (``in_english``),
never from the browser's Accept-Language, so a Vietnamese page stays Vietnamese
whatever the visitor's browser asks. With English active the shared templates show
their msgids, which are English.
"""

from functools import wraps

from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from contact.models import Office
from pages.intro import organisation_ld_json, page_and_menu, unit_tree
from pages.models import IntroPage
from people.models import Unit

# The Vietnamese contact page, built in the contact app.
CONTACT_VI = "/lien-he/"


def in_english(view):
    """Render ``view``'s page with English active, and say so in the response.

    A TemplateResponse renders after the view returns, so it is rendered here,
    inside the override.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        with translation.override("en"):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        response.headers["Content-Language"] = "en"
        return response

    return wrapped


@require_safe
@in_english
def home(request):
    """The English front page: the college, its pages in English, its contacts."""
    context = {
        "school": Unit.objects.filter(kind=Unit.Kind.SCHOOL, parent=None).first(),
        "intro_pages": IntroPage.objects.in_english(),
        "url_vi": reverse("intro"),
        "url_en": reverse("en_home"),
    }
    return TemplateResponse(request, "pages/en/home.html", context)


@require_safe
@in_english
def about(request, slug):
    """An introduction page's English version (404 for a page without one)."""
    page, pages = page_and_menu(IntroPage.objects.in_english(), slug)
    context = {
        "page": page,
        "intro_pages": pages,
        "url_vi": page.get_absolute_url(),
        "url_en": page.get_english_url(),
    }
    return TemplateResponse(request, "pages/en/about.html", context)


@require_safe
@in_english
def organisation(request):
    roots = unit_tree()
    context = {
        "roots": roots,
        "intro_pages": IntroPage.objects.in_english(),
        "url_vi": reverse("organisation"),
        "url_en": reverse("en_organisation"),
        "ld_json": organisation_ld_json(request, roots, in_english=True),
    }
    return TemplateResponse(request, "pages/en/organisation.html", context)


@require_safe
@in_english
def contact(request):
    """The college's address, phone and e-mail in English.

    The office's details are ``contact.Office`` (its English address and hours
    first); the school's phone and e-mail from its unit are shown in any case.
    """
    context = {
        "office": contact_office(),
        "school": Unit.objects.filter(kind=Unit.Kind.SCHOOL, parent=None).first(),
        "url_vi": CONTACT_VI,
        "url_en": reverse("en_contact"),
    }
    return TemplateResponse(request, "pages/en/contact.html", context)


def contact_office():
    """The office's contacts (``contact.Office``, from the cache) as a dict, the
    English address and hours first."""
    office = Office.current()

    def field(*names):
        return next((v for n in names if (v := getattr(office, n, "") or "")), "")

    map_url = field("map_url")
    return {
        "address": field("address_en", "address"),
        "phone": field("phone"),
        "email": field("email"),
        "hours": field("office_hours_en", "office_hours"),
        # Only a web address becomes a link.
        "map_url": map_url if map_url.startswith(("https://", "http://")) else "",
    }


urlpatterns = [
    path("", home, name="en_home"),
    path("about/<slug:slug>/", about, name="en_about"),
    path("organisation/", organisation, name="en_organisation"),
    path("contact/", contact, name="en_contact"),
]
