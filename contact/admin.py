"""The office's contact details (one row) and visitors' messages in the admin."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contact.models import Message, Office
from core.admin_tools import FoldedSearchMixin


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    """One form: the list and the add page lead to it, and a second row is refused."""

    # A map link typed without its scheme is taken as https, as browsers do.
    formfield_overrides = {
        models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}
    }

    fieldsets = [
        (None, {"fields": ["address", "phone", "email", "office_hours", "map_url"]}),
        (
            _("Responsible for the portal's content"),
            {"fields": ["content_officer_name", "content_officer_position"]},
        ),
        (
            _("For the English contact page"),
            {"fields": ["address_en", "office_hours_en"]},
        ),
    ]

    def has_add_permission(self, request):
        return (
            super().has_add_permission(request)
            and not Office.objects.filter(pk=Office.SINGLETON_PK).exists()
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if Office.objects.filter(pk=Office.SINGLETON_PK).exists():
            return redirect("admin:contact_office_change", Office.SINGLETON_PK)
        return redirect("admin:contact_office_add")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        office = self.get_object(request, object_id)
        if request.method == "GET" and office is not None:
            self._warn_missing(request, office)
        return super().change_view(request, object_id, form_url, extra_context)

    def _warn_missing(self, request, office):
        missing = office.missing_fields()
        if missing:
            messages.warning(
                request,
                gettext(
                    "Still to be filled in by the office (left out of the public "
                    "pages until then): %(fields)s."
                )
                % {"fields": ", ".join(str(name) for name in missing)},
            )

    def response_post_save_change(self, request, obj):
        return redirect("admin:contact_office_change", obj.pk)


class MessageAnswerForm(forms.ModelForm):
    """The office's part of a message: publishing needs an answer."""

    class Meta:
        model = Message
        fields = ["answer", "status", "is_published"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_published") and not (cleaned.get("answer") or "").strip():
            self.add_error(
                "is_published", gettext("Write the answer before publishing.")
            )
        return cleaned


@admin.register(Message)
class MessageAdmin(FoldedSearchMixin, admin.ModelAdmin):
    """Visitors' messages, new ones first; the office answers, closes, publishes.

    What the visitor wrote is shown, never changed; nothing here is rendered as
    HTML (the admin escapes every value).
    """

    form = MessageAnswerForm
    list_display = ["subject", "name", "received_at", "status", "is_published"]
    list_filter = ["status", "is_published"]
    search_fields = ["name", "email", "phone", "subject", "text"]
    folded_search_fields = ["search_text"]
    # E-mail addresses and phone numbers as typed ("@", "+84").
    typed_search_fields = ["email", "phone"]
    ordering = ["-received_at", "-pk"]
    date_hierarchy = "received_at"
    list_per_page = 50
    readonly_fields = [
        "name",
        "email",
        "phone",
        "subject",
        "text",
        "received_at",
        "answered_at",
        "answered_by",
    ]
    fieldsets = [
        (
            _("From the visitor"),
            {"fields": ["received_at", "name", "email", "phone", "subject", "text"]},
        ),
        (
            _("The office's answer"),
            {
                "fields": [
                    "answer",
                    "status",
                    "is_published",
                    "answered_at",
                    "answered_by",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        # Messages come from visitors, through the contact page.
        return False

    def save_model(self, request, obj, form, change):
        if "answer" in form.changed_data and obj.answer:
            obj.answered_at = timezone.now()
            obj.answered_by = request.user
            if obj.status == Message.Status.NEW:
                obj.status = Message.Status.ANSWERED
        super().save_model(request, obj, form, change)
