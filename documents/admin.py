from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_filters import SearchRelatedFilter
from core.admin_safety import SafeSaveAdminMixin
from core.admin_tools import FoldedSearchMixin, year_filter
from documents.models import Document


@admin.register(Document)
class DocumentAdmin(SafeSaveAdminMixin, FoldedSearchMixin, admin.ModelAdmin):
    """The library: every field Decree 42 lists, the file checked by its content
    (documents.models.validate_library_file), the number found as typed."""

    list_display = [
        "number",
        "kind",
        "issued_on",
        "title",
        "issuer_display",
        "is_public",
    ]
    list_filter = [
        "kind",
        year_filter("issued_on"),
        ("issuer", SearchRelatedFilter),
        "field",
        "is_public",
    ]
    search_fields = ["number", "title"]
    folded_search_fields = ["search_text"]
    # Numbers as typed, slashes and all ("10/KH-CĐNGT").
    typed_search_fields = ["number"]
    autocomplete_fields = ["issuer", "signer_person"]
    list_select_related = ["issuer"]
    date_hierarchy = "issued_on"
    fieldsets = [
        (None, {"fields": ["kind", "number", "title", "field"]}),
        (
            _("Issued by"),
            {"fields": ["issuer", "issuer_name", "signer", "signer_person"]},
        ),
        (_("Dates"), {"fields": ["issued_on", "effective_on"]}),
        (None, {"fields": ["file", "is_public", "slug"]}),
    ]

    @admin.display(description=_("issuing body"), ordering="issuer__name")
    def issuer_display(self, document):
        return document.issuer_label
