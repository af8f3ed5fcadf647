from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_safety import SafeSaveAdminMixin
from core.admin_tools import FoldedSearchMixin, thumbnail
from people.merge import merge_people
from people.models import Person, Position, Unit


class PersonPositionInline(admin.TabularInline):
    model = Position
    fields = ["title", "title_en", "unit", "start", "end", "order", "rank_override"]
    autocomplete_fields = ["unit"]
    extra = 1


class UnitPositionInline(admin.TabularInline):
    model = Position
    fields = ["person", "title", "title_en", "start", "end", "order", "rank_override"]
    autocomplete_fields = ["person"]
    extra = 1


@admin.register(Unit)
class UnitAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "order"]
    list_filter = ["kind"]
    list_editable = ["order"]
    search_fields = ["name", "short_name"]
    folded_search_fields = ["name_folded"]
    typed_search_fields = []
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [UnitPositionInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "kind", "parent", "slug", "order"]}),
        (
            _("Functions and contacts"),
            {"fields": ["description", "name_en", "phone", "email"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent")


@admin.register(Person)
class PersonAdmin(SafeSaveAdminMixin, FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["full_name", "honorific", "current_positions"]
    search_fields = ["full_name"]
    folded_search_fields = ["name_folded"]
    typed_search_fields = []
    # The picker shows each person's current positions (Person.autocomplete_label).
    autocomplete_prefetch = ["positions"]
    prepopulated_fields = {"slug": ["full_name"]}
    inlines = [PersonPositionInline]
    actions = ["merge_selected"]
    fields = [
        "full_name",
        "honorific",
        "slug",
        "portrait",
        "portrait_preview",
        "bio",
        "phone",
        "email",
        "contacts_public",
        "duplicates",
    ]
    readonly_fields = ["portrait_preview", "duplicates"]

    def get_queryset(self, request):
        current = Position.objects.current().select_related("unit")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("positions", queryset=current, to_attr="current")
            )
        )

    @admin.display(description=_("current positions"))
    def current_positions(self, person):
        return ", ".join(p.title for p in getattr(person, "current", [])) or "—"

    @admin.display(description=_("portrait"))
    def portrait_preview(self, person):
        return thumbnail(person.portrait, 160)

    @admin.display(description=_("possible duplicates"))
    def duplicates(self, person):
        if person.pk is None:
            return "—"
        others = list(person.possible_duplicates())
        if not others:
            return _("None found.")
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (
                    reverse("admin:people_person_change", args=[other.pk]),
                    other.display_name,
                )
                for other in others
            ),
        )
        ids = ",".join(str(pk) for pk in [person.pk, *(o.pk for o in others)])
        merge_url = reverse("admin:people_person_changelist") + f"?id__in={ids}"
        return format_html(
            '{} — <a href="{}">{}</a>',
            links,
            merge_url,
            _("list them together to merge"),
        )

    @admin.action(
        description=_("Merge the selected people into one"), permissions=["change"]
    )
    def merge_selected(self, request, queryset):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        people = list(queryset)
        if len(people) < 2:
            self.message_user(
                request, _("Select at least two people to merge."), messages.WARNING
            )
            return None
        keep_id = request.POST.get("keep")
        if request.POST.get("confirm") == "yes" and keep_id:
            keep = next((p for p in people if str(p.pk) == keep_id), None)
            if keep is None:
                self.message_user(
                    request, _("Choose the record to keep."), messages.ERROR
                )
                return None
            moved = merge_people(keep, people)
            summary = ", ".join(f"{count} {label}" for label, count in moved.items())
            self.message_user(
                request,
                ngettext(
                    "Merged %(count)d record into “%(name)s”. Moved: %(moved)s.",
                    "Merged %(count)d records into “%(name)s”. Moved: %(moved)s.",
                    len(people) - 1,
                )
                % {"count": len(people) - 1, "name": keep, "moved": summary or "—"},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge people"),
            "opts": self.model._meta,
            "people": [(p, self._links_of(p)) for p in people],
            "queryset": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/people/person/merge.html", context)

    def _links_of(self, person):
        """What points at ``person``, counted, so the editor sees what will move."""
        counts = []
        for relation in Person._meta.related_objects:
            accessor = getattr(person, relation.get_accessor_name())
            count = accessor.count()
            if count:
                counts.append((relation.related_model._meta.verbose_name_plural, count))
        return counts

    def get_urls(self):
        return [
            path(
                "<int:pk>/chuc-vu/",
                self.admin_site.admin_view(self.position_view),
                name="people_person_position",
            ),
            *super().get_urls(),
        ]

    def position_view(self, request, pk):
        """The titles a person held on a day, for prefilling an attendee row."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        person = Person.objects.filter(pk=pk).first()
        if person is None:
            raise Http404
        try:
            day = forms.DateField(required=False).clean(request.GET.get("ngay", ""))
        except ValidationError:
            day = None
        return JsonResponse(
            {"position": person.position_text(day or timezone.localdate())}
        )
