"""The media library: every stored photo, newest first, found by what staff remember.

A photo taken for one meeting often serves again: as an article's cover, or as an
image in another article's body. The library (``admin:events_photo_library``) shows
them as a grid of thumbnails, searched by caption words typed without tone marks,
by a person in the photo, the meeting, the year and month, or the original file name.
Each photo says where it is used (``events.usage``).

The same page is the chooser: ``?chon=bia`` picks an article's cover (the
``PhotoChooserWidget`` below opens it), and CKEditor's "Browse server" opens it
with ``CKEditorFuncNum`` to put a photo into an article's body. The choosing is done
by ``static/js/admin/photo_library.js``, reading the page's data- attributes.
"""

import re

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseNotAllowed
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin_tools import folded_search
from core.pagination import paginate
from events.models import Meeting, Photo
from events.templatetags.photos import photo_url
from events.usage import uses_of

PER_PAGE = 48
THUMBNAIL_WIDTH = 320
# What goes into an article's body: wide enough for the text column on any screen.
BODY_WIDTH = 1024
COVER_MODE = "bia"
EDITOR_MODE = "editor"
FUNC_NUM = re.compile(r"\d{1,10}")
MONTHS = [(month, f"{month:02d}") for month in range(1, 13)]


def may_use_library(user):
    """Staff who write articles or handle photos; the library shows every photo."""
    return user.is_active and (
        may_write_articles(user) or user.has_perm("events.view_photo")
    )


def may_write_articles(user):
    """Who chooses covers and body images, and uploads images into a body."""
    return user.is_active and (
        user.has_perm("news.add_article") or user.has_perm("news.change_article")
    )


def library_photos():
    """Every photo that has an image, newest stored first, with its meeting."""
    return Photo.objects.exclude(image="").select_related("meeting").order_by("-pk")


class LibrarySearchForm(forms.Form):
    """The library's filters; a value that does not fit is named, and ignored."""

    q = forms.CharField(
        label=gettext_lazy("Search"), required=False, max_length=200, strip=True
    )
    nam = forms.TypedChoiceField(label=gettext_lazy("Year"), required=False, coerce=int)
    thang = forms.TypedChoiceField(
        label=gettext_lazy("Month"),
        required=False,
        coerce=int,
        choices=[("", "—"), *MONTHS],
    )

    def __init__(self, data, years):
        super().__init__(data)
        self.fields["nam"].choices = [("", "—"), *((y, str(y)) for y in years)]

    def filter(self, photos):
        self.is_valid()
        data = self.cleaned_data
        if data.get("q"):
            photos = matching(photos, data["q"])
        if data.get("nam"):
            photos = photos.filter(dated("year", data["nam"]))
        if data.get("thang"):
            photos = photos.filter(dated("month", data["thang"]))
        return photos


def dated(part, value):
    """The photo's date is its own when known, else its meeting's."""
    return Q(**{f"taken_at__{part}": value}) | Q(
        taken_at__isnull=True, **{f"meeting__starts_at__{part}": value}
    )


def matching(photos, text):
    """Photos matching every word of ``text``: in the caption, credit or file name
    (folded, ``Photo.search_text``), the meeting's title, a person tagged in it, or
    the original file name as typed. Tone marks, đ and case do not matter."""
    found = folded_search(
        photos,
        text,
        ["search_text", "meeting__title_folded", "people__name_folded"],
        ["original_name"],
    )
    # A photo of two matching people shows once.
    return found.distinct() if text.split() else found


def photo_years():
    """The years of the photos' dates, newest first: two small queries."""
    taken = Photo.objects.exclude(image="").datetimes("taken_at", "year")
    meetings = Meeting.objects.filter(photos__isnull=False).datetimes(
        "starts_at", "year"
    )
    return sorted({d.year for d in taken} | {d.year for d in meetings}, reverse=True)


def chooser_mode(request):
    """``(mode, funcNum, problem)``: the page chooses a cover, a body image, or
    nothing. An editor call with a number that is not digits is refused."""
    func_num = request.GET.get("CKEditorFuncNum")
    if func_num is not None:
        if FUNC_NUM.fullmatch(func_num):
            return EDITOR_MODE, func_num, ""
        return (
            "",
            "",
            _(
                "The editor's request is not valid: open the library again from the image dialog."
            ),
        )
    if request.GET.get("chon") == COVER_MODE:
        return COVER_MODE, "", ""
    return "", "", ""


def library_view(model_admin, request):
    """The library page; the chooser when the article form or the editor opens it."""
    if not may_use_library(request.user):
        raise PermissionDenied
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    mode, func_num, problem = chooser_mode(request)
    if mode and not may_write_articles(request.user):
        # Choosing is for an article: a photographer browses, but picks nothing.
        raise PermissionDenied
    form = LibrarySearchForm(request.GET, photo_years())
    page = paginate(request, form.filter(library_photos()), PER_PAGE)
    uses = uses_of(page.object_list)
    may_open = request.user.has_perm("events.view_photo")
    items = [library_item(photo, uses[photo.pk], may_open) for photo in page]
    request.current_app = model_admin.admin_site.name
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Photo library"),
        "opts": Photo._meta,
        "form": form,
        "page_obj": page,
        "items": items,
        "mode": mode,
        "func_num": func_num,
        "problem": problem,
        "is_popup": bool(mode),
        "kept_params": kept_params(request, mode),
    }
    return TemplateResponse(request, "admin/events/photo/library.html", context)


def kept_params(request, mode):
    """The chooser's own parameters, carried through the search form."""
    if mode == COVER_MODE:
        return [("chon", COVER_MODE)]
    if mode == EDITOR_MODE:
        names = ("CKEditor", "CKEditorFuncNum", "langCode")
        return [
            (name, request.GET[name][:100]) for name in names if name in request.GET
        ]
    return []


def library_item(photo, uses, may_open):
    """What a tile shows and what choosing it hands over."""
    return {
        "photo": photo,
        "thumb": photo_url(photo, THUMBNAIL_WIDTH),
        "body_url": photo_url(photo, BODY_WIDTH),
        "date": photo_date(photo),
        "uses": uses,
        "change_url": (
            reverse("admin:events_photo_change", args=[photo.pk]) if may_open else ""
        ),
    }


def photo_date(photo):
    """When it was taken, else the meeting's day, as 31/01/2024; empty if neither
    is known (an image without a date uploaded into an article's body)."""
    moment = photo.taken_at or (photo.meeting.starts_at if photo.meeting_id else None)
    return f"{timezone.localtime(moment):%d/%m/%Y}" if moment else ""


def uses_html(photo):
    """Where ``photo`` is used, as a list of links, for the photo's own form."""
    if photo.pk is None:
        return "—"
    uses = uses_of([photo])[photo.pk]
    return format_html(
        '<ul class="photo-uses">{}</ul>',
        format_html_join(
            "",
            '<li>{}: <a href="{}">{}</a></li>',
            ((use.kind, use.url, use.title) for use in uses),
        ),
    )


class PhotoChooserWidget(forms.Widget):
    """A photo field shown as its thumbnail, with "Choose from the library" and
    "Remove" buttons (``static/js/admin/photo_chooser.js``).

    The value travels in a hidden input inside it; the widget itself is not
    hidden, so the admin shows its row and label.
    """

    template_name = "admin/events/photo/chooser_widget.html"

    class Media:
        js = ["js/admin/photo_chooser.js"]
        css = {"all": ["css/admin/photo_library.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        photo = None
        if value not in (None, "") and str(value).isdigit():
            photo = library_photos().filter(pk=value).first()
        context["photo"] = photo
        context["thumb"] = photo_url(photo, THUMBNAIL_WIDTH) if photo else ""
        context["library_url"] = (
            reverse("admin:events_photo_library") + f"?chon={COVER_MODE}"
        )
        return context

    def _render(self, template_name, context, renderer=None):
        # The project's templates folder, which the default form renderer does
        # not search.
        return mark_safe(render_to_string(template_name, context))


class PhotoChoiceField(forms.ModelChoiceField):
    """A library photo (one with an image), chosen with ``PhotoChooserWidget``."""

    widget = PhotoChooserWidget

    def __init__(self, **kwargs):
        super().__init__(queryset=library_photos(), **kwargs)
