from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_tools import FoldedSearchMixin
from pages.models import IntroPage


@admin.register(IntroPage)
class IntroPageAdmin(FoldedSearchMixin, admin.ModelAdmin):
    """The introduction's pages, in the order the menu lists them."""

    list_display = ["title", "order", "is_published", "in_english", "updated_at"]
    list_editable = ["order", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "title_en"]
    folded_search_fields = ["title_folded"]
    typed_search_fields = []
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "body", "order", "is_published"]}),
        (_("English version"), {"fields": ["title_en", "body_en"]}),
    ]

    @admin.display(description=_("in English"), boolean=True)
    def in_english(self, page):
        return page.has_english
