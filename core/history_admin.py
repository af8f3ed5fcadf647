"""The admin's version history for every model that keeps versions.

django-simple-history's pages, in Vietnamese, with a comparison of two versions and
per-object rights: any app's ModelAdmin that keeps versions inherits this.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

# How an empty value reads in a change: neither "None" nor nothing at all.
EMPTY = "—"


class VietnameseChanges(HistoricalRecordContextHelper):
    """A version's changes as the desk reads them: "Bản nháp → Chờ duyệt", not
    "draft → review"; "04/12/2026 03:17", in Hanoi time, not
    "2026-12-04 20:17:54.915780+00:00"; "Có"/"Không" for yes and no."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        return readable(field, value)


def readable(field, value):
    """``value`` of ``field`` in the words and formats of the Vietnamese admin."""
    if value is None or value == "":
        return EMPTY
    if field.choices and not isinstance(value, list):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if isinstance(field, models.DateTimeField) and hasattr(value, "tzinfo"):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "d/m/Y H:i")
    if isinstance(field, models.DateField) and hasattr(value, "year"):
        return formats.date_format(value, "d/m/Y")
    return value


class VersionHistoryAdmin(SimpleHistoryAdmin):
    """simple-history's versions ("Lịch sử"), a comparison of two, and a restore that
    survives a version pointing at a row deleted since.

    Seeing a version asks the same per-object rights as seeing the object; restoring
    one asks the right to change the object as it is *now*.
    """

    object_history_template = "admin/history_with_compare.html"
    object_history_list_template = "admin/history_list.html"
    object_history_form_template = "admin/history_form.html"
    history_compare_template = "admin/history_compare.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return VietnameseChanges(self.model, historical_record)

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<int:pk>/history/compare/",
                self.admin_site.admin_view(self.history_compare_view),
                name=f"{opts.app_label}_{opts.model_name}_history_compare",
            ),
            *super().get_urls(),
        ]

    def _current_object(self, request, object_id):
        obj = self.get_object(request, unquote(str(object_id)))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def history_view_title(self, request, obj):
        return gettext("History of “%(object)s”") % {"object": obj}

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return gettext("A version of “%(object)s”") % {"object": obj}
        return gettext("Restore a version of “%(object)s”") % {"object": obj}

    def history_view(self, request, object_id, extra_context=None):
        self._current_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def revert_disabled(self, request, obj=None):
        if obj is not None and obj.pk is not None:
            current = self.model._default_manager.filter(pk=obj.pk).first()
            if current is not None:
                obj = current
        return super().revert_disabled(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        current = self._current_object(request, object_id)
        if request.method == "POST" and not self.has_change_permission(
            request, current
        ):
            raise PermissionDenied
        request._restoring_from = current
        response = super().history_form_view(
            request, object_id, version_id, extra_context
        )
        lost = getattr(request, "_restore_lost", [])
        if lost and request.method == "POST" and response.status_code == 302:
            self.message_user(
                request,
                gettext("Restored, except: %(fields)s (no longer exists).")
                % {"fields": ", ".join(lost)},
                messages.WARNING,
            )
        return response

    def get_form(self, request, obj=None, change=False, **kwargs):
        current = getattr(request, "_restoring_from", None)
        if current is not None and obj is not None:
            request._restoring_from = None
            request._restore_lost = self.repair_missing_relations(request, obj, current)
            self.prepare_version(request, obj, current)
        return super().get_form(request, obj, change, **kwargs)

    def prepare_version(self, request, version, current):
        """A hook: adjust the version about to be shown or restored."""

    def repair_missing_relations(self, request, version, current):
        """Point each relation of ``version`` whose row is gone at nothing, or at what
        the object points at now when the field is required; return their names."""
        lost = []
        for field in self.model._meta.concrete_fields:
            if not field.is_relation or not field.many_to_one:
                continue
            value = getattr(version, field.attname)
            if value is None:
                continue
            target = field.remote_field.model._base_manager
            if target.filter(**{field.target_field.attname: value}).exists():
                continue
            replacement = None if field.null else getattr(current, field.attname)
            setattr(version, field.attname, replacement)
            lost.append(str(field.verbose_name))
        if lost and request.method != "POST":
            self.message_user(
                request,
                gettext(
                    "This version refers to what no longer exists: %(fields)s. "
                    "Restoring it keeps the rest and leaves these empty, or as they "
                    "are now when they are required."
                )
                % {"fields": ", ".join(lost)},
                messages.WARNING,
            )
        return lost

    def history_compare_view(self, request, pk):
        """Two versions side by side, field by field: ``?a=<id>&b=<id>``."""
        obj = self._current_object(request, pk)
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        versions = self.model.history.filter(**{self.model._meta.pk.attname: obj.pk})
        try:
            chosen = [versions.get(history_id=int(request.GET[key])) for key in "ab"]
        except (KeyError, ValueError, self.model.history.model.DoesNotExist):
            raise Http404 from None
        old, new = sorted(chosen, key=lambda v: (v.history_date, v.history_id))
        delta = new.diff_against(old, foreign_keys_are_objs=True)
        # Whole values, not the history list's 100-character excerpts.
        helper = VietnameseChanges(
            self.model, new, max_displayed_delta_change_chars=100_000
        )
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Compare versions: %(object)s") % {"object": obj},
            "opts": opts,
            "app_label": opts.app_label,
            "object": obj,
            "old": old,
            "new": new,
            "changes": helper.context_for_delta_changes(delta),
        }
        return TemplateResponse(request, self.history_compare_template, context)
