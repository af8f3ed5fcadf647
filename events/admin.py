from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin_autocomplete import SharedSelectionInlineMixin
from core.admin_concurrency import (
    ConcurrencyAdminMixin,
    LockedRowsFormSetMixin,
    TouchedFieldsFormMixin,
)
from core.admin_filters import SearchRelatedFilter
from core.admin_presence import PresenceAdminMixin
from core.admin_safety import SafeSaveAdminMixin
from core.admin_tools import (
    FoldedSearchMixin,
    OrderedInlineFormSet,
    SwapSafeInlineFormSet,
    month_filter,
    thumbnail,
    year_filter,
)
from core.history_admin import VersionHistoryAdmin
from events import caption_grid, caption_grid_api, library, uploads, usage
from events.captions import people_named_in
from events.models import Attendee, ElectedBody, Meeting, MeetingDocument, Photo
from events.permissions import (
    may_add_photos,
    may_change_meeting,
    may_change_own_meeting_only,
    may_change_photo,
    may_delete_photo,
)


class OwnMeetingInlineMixin:
    """A meeting's rows, which a reporter adds, changes and deletes in a meeting
    they created (or are adding) without any right to the rows elsewhere.

    The admin passes the inline's permission methods the meeting, not the row.
    """

    def _in_own_meeting(self, request, meeting):
        user = request.user
        return may_change_own_meeting_only(user) and may_change_meeting(user, meeting)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) or self._in_own_meeting(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or self._in_own_meeting(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) or self._in_own_meeting(
            request, obj
        )

    def has_view_permission(self, request, obj=None):
        # Whoever sees a meeting sees its rows, read-only if they may not change it.
        return super().has_view_permission(request, obj) or request.user.has_perm(
            "events.view_meeting"
        )


class AttendeeForm(TouchedFieldsFormMixin, forms.ModelForm):
    class Meta:
        model = Attendee
        fields = ["order", "person", "name", "position_at_time", "role", "topic"]
        widgets = {
            "order": forms.NumberInput(attrs={"style": "width:4em"}),
            "topic": forms.TextInput(attrs={"size": 40}),
            "position_at_time": forms.TextInput(attrs={"size": 36}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["order"].help_text = ""


class AttendeeFormSet(LockedRowsFormSetMixin, OrderedInlineFormSet):
    """Attendees in order, each person once: the same person chosen in two rows is
    refused with their name, before anything is saved."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.kept_forms():
            person = form.cleaned_data.get("person")
            if person is None:
                continue
            if person.pk in seen:
                raise ValidationError(
                    gettext("%(person)s is listed twice among the attendees.")
                    % {"person": person}
                )
            seen.add(person.pk)


class AttendeeInline(
    SharedSelectionInlineMixin, OwnMeetingInlineMixin, admin.TabularInline
):
    """Who was there, in the order the article names them."""

    model = Attendee
    form = AttendeeForm
    formset = AttendeeFormSet
    autocomplete_fields = ["person"]
    extra = 1

    class Media:
        js = ["js/admin/attendee_position.js", "js/admin/sortable_inline.js"]

    def get_queryset(self, request):
        # A row's heading names its person.
        return super().get_queryset(request).select_related("person")


class DocumentInline(
    SharedSelectionInlineMixin, OwnMeetingInlineMixin, admin.TabularInline
):
    model = MeetingDocument
    fields = ["kind", "number", "date", "title", "issuer", "file", "document"]
    # The library's record, whose page the meeting's line links to.
    autocomplete_fields = ["issuer", "document"]
    extra = 0


class ElectedBodyFormSet(forms.BaseInlineFormSet):
    """A meeting form posted without the elected bodies' rows (a page opened before
    they were added to it) changes none of them, instead of being refused."""

    def __init__(self, data=None, *args, prefix=None, **kwargs):
        prefix = prefix or self.get_default_prefix()
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            data = data.copy()
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
        super().__init__(data, *args, prefix=prefix, **kwargs)


class ElectedBodyInline(OwnMeetingInlineMixin, admin.TabularInline):
    """The bodies a congress elected, each with its members as the import read them
    (the admin does not nest inlines: the members are shown, not edited, here)."""

    model = ElectedBody
    formset = ElectedBodyFormSet
    fields = ["order", "name", "term", "member_list"]
    readonly_fields = ["member_list"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("members__person")

    @admin.display(description=_("members"))
    def member_list(self, body):
        if body.pk is None:
            return ""
        return "; ".join(
            f"{member} ({member.role})" if member.role else str(member)
            for member in body.members.all()
        )


class CoverInlineFormSet(LockedRowsFormSetMixin, SwapSafeInlineFormSet):
    """Photo rows, of which at most one is the meeting's cover."""

    swap_fields = ("is_cover",)
    duplicate_messages = {"is_cover": _("Only one photo can be the cover.")}

    def park(self, field, row, index):
        return False


class CaptionTaggingForm(forms.ModelForm):
    """Tags the people a new or changed caption names, when none are tagged yet."""

    def clean(self):
        cleaned = super().clean()
        if (
            "people" in self.fields
            and "caption" in self.changed_data
            and not cleaned.get("people")
        ):
            named = people_named_in(cleaned.get("caption", ""))
            if named:
                cleaned["people"] = named
        return cleaned


class PhotoInlineForm(TouchedFieldsFormMixin, CaptionTaggingForm):
    class Meta:
        model = Photo
        fields = ["image", "caption", "people", "order", "is_cover", "credit"]
        widgets = {
            # A caption is a sentence or two: a short text area fits a table row.
            "caption": forms.Textarea(attrs={"rows": 3, "cols": 48}),
            "order": forms.NumberInput(attrs={"style": "width:4em"}),
            "credit": forms.TextInput(attrs={"size": 14}),
        }


class PhotoInline(
    SharedSelectionInlineMixin, OwnMeetingInlineMixin, admin.TabularInline
):
    model = Photo
    form = PhotoInlineForm
    formset = CoverInlineFormSet
    fields = ["preview", "image", "caption", "people", "order", "is_cover", "credit"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["people"]
    extra = 0

    class Media:
        js = ["js/admin/sortable_inline.js"]

    def get_queryset(self, request):
        # The tags each row's form starts from, read for all rows at once.
        return super().get_queryset(request).prefetch_related("people")

    @admin.display(description=_("preview"))
    def preview(self, photo):
        return thumbnail(photo.image) if photo.image else _("no image yet")


def rows_of(model):
    """How many ``model`` rows a meeting has: a subquery per row of the page,
    where counting over a join of every meeting's photos grouped the whole table
    (and again to count the list)."""
    rows = (
        model._default_manager.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


@admin.register(Meeting)
class MeetingAdmin(
    ConcurrencyAdminMixin,
    PresenceAdminMixin,
    SafeSaveAdminMixin,
    FoldedSearchMixin,
    VersionHistoryAdmin,
):
    class Media:
        # Keeps the form's text in the browser until it is saved (session expiry).
        js = ["admin/js/ngt-draft-keeper.js"]

    list_display = [
        "title",
        "kind",
        "starts_at",
        "organizer",
        "attendee_count",
        "photo_count",
    ]
    # The year and month filters ask the database one small question, or none,
    # where a date hierarchy listed the years of every meeting on each view.
    list_filter = [
        "kind",
        year_filter("starts_at"),
        month_filter("starts_at"),
        ("organizer", SearchRelatedFilter),
    ]
    search_fields = ["title", "attendees__name"]
    # Attendees without a person record have only their name, folded with the
    # position and topic in the attendee's own search_text.
    folded_search_fields = [
        "search_text",
        "attendees__person__name_folded",
        "attendees__search_text",
    ]
    typed_search_fields = []
    autocomplete_fields = ["organizer"]
    # Newest first, in the list and in every meeting picker.
    ordering = ["-starts_at", "-pk"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [AttendeeInline, DocumentInline, ElectedBodyInline, PhotoInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind"]}),
        (
            _("When and where"),
            {"fields": ["starts_at", "time_known", "location", "organizer"]},
        ),
        (None, {"fields": ["summary"]}),
    ]

    def has_change_permission(self, request, obj=None):
        """Editors change any meeting, a reporter those they created."""
        return may_change_meeting(request.user, obj)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        context["may_upload_photos"] = obj is not None and may_add_photos(
            request.user, obj
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("organizer")
            .annotate(_attendees=rows_of(Attendee), _photos=rows_of(Photo))
        )

    @admin.display(description=_("attendees"), ordering="_attendees")
    def attendee_count(self, meeting):
        return meeting._attendees

    @admin.display(description=_("photos"), ordering="_photos")
    def photo_count(self, meeting):
        return meeting._photos

    def get_urls(self):
        return [
            path(
                "<int:pk>/anh/tai-len/",
                self.admin_site.admin_view(self.upload_photos_view),
                name="events_meeting_upload_photos",
            ),
            path(
                "<int:pk>/anh/tai-len/tep/",
                self.admin_site.admin_view(self.upload_photo_view),
                name="events_meeting_upload_photo",
            ),
            *caption_grid_api.urls(self),
            path(
                "<int:pk>/anh/<int:photo_pk>/bo/",
                self.admin_site.admin_view(self.discard_photo_view),
                name="events_meeting_discard_photo",
            ),
            *super().get_urls(),
        ]

    def upload_photos_view(self, request, pk):
        """Many photos at once, chosen or dropped: see events/uploads.py."""
        return uploads.upload_page(self, request, pk)

    def upload_photo_view(self, request, pk):
        return uploads.upload_photo(self, request, pk)

    def discard_photo_view(self, request, pk, photo_pk):
        return uploads.discard_photo(self, request, pk, photo_pk)


@admin.register(Attendee)
class AttendeeAdmin(FoldedSearchMixin, VersionHistoryAdmin):
    """Attendances across meetings; each keeps its versions, which can be restored.

    Attendees are edited in their meeting's form; this list finds one (by person or
    meeting) to see its history.
    """

    list_display = ["display_name", "role", "position_at_time", "meeting"]
    list_filter = ["role"]
    search_fields = ["name", "position_at_time", "topic"]
    folded_search_fields = [
        "search_text",
        "person__name_folded",
        "meeting__title_folded",
    ]
    typed_search_fields = []
    autocomplete_fields = ["meeting", "person"]
    list_select_related = ["person", "meeting"]
    fields = ["meeting", "order", "person", "name", "position_at_time", "role", "topic"]

    @admin.display(description=_("attendee"), ordering="person__sort_key")
    def display_name(self, attendee):
        return attendee.display_name


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["number", "kind", "date", "title", "issuer", "meeting", "document"]
    list_filter = ["kind", year_filter("date"), ("issuer", SearchRelatedFilter)]
    search_fields = ["number", "title"]
    folded_search_fields = ["search_text"]
    # Numbers as typed, slashes and all ("10/KH-CĐNGT").
    typed_search_fields = ["number"]
    autocomplete_fields = ["meeting", "issuer", "document"]
    list_select_related = ["issuer", "meeting", "document"]


@admin.register(Photo)
class PhotoAdmin(
    ConcurrencyAdminMixin, SafeSaveAdminMixin, FoldedSearchMixin, VersionHistoryAdmin
):
    form = CaptionTaggingForm
    list_display = ["preview", "caption", "meeting", "order", "is_cover"]
    list_display_links = ["preview"]
    # A photographer captions and orders a meeting's photos from its filtered list;
    # the cover is chosen on a photo's own form, where only one can be ticked.
    list_editable = ["caption", "order"]
    # Found by typing: listing every meeting wrote 2,000 links on each view.
    list_filter = ["is_cover", ("meeting", SearchRelatedFilter)]
    search_fields = ["caption", "credit"]
    folded_search_fields = [
        "search_text",
        "meeting__title_folded",
        "people__name_folded",
    ]
    typed_search_fields = []
    autocomplete_fields = ["meeting", "people"]
    list_select_related = ["meeting"]
    fields = [
        "meeting",
        "image",
        "preview",
        "caption",
        "people",
        "order",
        "is_cover",
        "focal_point",
        "taken_at",
        "credit",
        "width",
        "height",
        "used_in",
    ]
    readonly_fields = ["preview", "width", "height", "used_in"]

    def changelist_view(self, request, extra_context=None):
        # Filtered by one meeting, the list links to that meeting's caption grid.
        link = caption_grid.changelist_captions_link(self, request)
        extra_context = {**(extra_context or {}), "captions_url": link}
        return super().changelist_view(request, extra_context)

    def has_change_permission(self, request, obj=None):
        """Photographers and editors change any photo; a reporter the photos of a
        meeting they created."""
        return may_change_photo(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        """Editors delete any photo; a photographer those they uploaded; a reporter
        those of a meeting they created."""
        return may_delete_photo(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if may_change_own_meeting_only(request.user):
            # Their photo stays in their meeting.
            return [*fields, "meeting"]
        return fields

    @admin.display(description=_("preview"))
    def preview(self, photo):
        return thumbnail(photo.image) if photo.image else _("no image yet")

    @admin.display(description=_("used in"))
    def used_in(self, photo):
        return library.uses_html(photo)

    def render_delete_form(self, request, context):
        """Django's confirmation, first saying which articles use the photo."""
        photo = context.get("object")
        if photo is not None:
            uses = [u for u in usage.uses_of([photo])[photo.pk] if u.role]
            context = {
                **context,
                "article_uses": uses,
                "deletion_warning": usage.deletion_warning(uses),
            }
        return super().render_delete_form(request, context)

    def get_urls(self):
        return [
            path(
                "thu-vien/",
                self.admin_site.admin_view(self.library_view),
                name="events_photo_library",
            ),
            *super().get_urls(),
        ]

    def library_view(self, request):
        """Every stored photo, searchable; the chooser for covers and bodies."""
        return library.library_view(self, request)
