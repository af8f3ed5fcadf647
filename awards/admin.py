from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from awards.models import Award, Campaign
from core.admin_tools import FoldedSearchMixin


@admin.register(Campaign)
class CampaignAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "period", "launched_by"]
    list_filter = ["period"]
    search_fields = ["name", "period"]
    folded_search_fields = ["search_text"]
    typed_search_fields = []
    autocomplete_fields = ["launched_by"]
    list_select_related = ["launched_by"]


@admin.register(Award)
class AwardAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["kind", "year", "recipient_display", "decision_number", "campaign"]
    list_filter = ["year", "kind", "campaign"]
    search_fields = ["title", "decision_number", "citation", "recipient_unit__name"]
    folded_search_fields = [
        "search_text",
        "recipient_person__name_folded",
        "recipient_unit__name_folded",
    ]
    # Decision numbers as typed, slashes and all ("12/QĐ-UBND").
    typed_search_fields = ["decision_number"]
    autocomplete_fields = ["recipient_person", "recipient_unit", "campaign", "meeting"]
    list_select_related = ["recipient_person", "recipient_unit", "campaign"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "year"]}),
        (
            _("Recipient"),
            {
                "fields": ["recipient_person", "recipient_unit"],
                "description": _("Choose one: a person or a collective, not both."),
            },
        ),
        (
            _("Decision"),
            {"fields": ["decision_number", "decision_date", "issuer", "citation"]},
        ),
        (None, {"fields": ["campaign", "meeting"]}),
    ]

    @admin.display(description=_("recipient"))
    def recipient_display(self, award):
        return award.recipient
