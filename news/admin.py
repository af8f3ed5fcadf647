from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from news.models import Article, Category
from news.views import article_context
from ngt_portal.admin_tools import FoldedSearchMixin, month_filter, thumbnail


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        # The admin's fieldsets choose what shows; the form takes every editable field.
        fields = "__all__"  # noqa: DJ007

    def clean(self):
        cleaned = super().clean()
        # An editor who publishes without a date means "now".
        if cleaned.get("status") == Article.Status.PUBLISHED and not cleaned.get(
            "published_at"
        ):
            cleaned["published_at"] = timezone.now()
        return cleaned


@admin.register(Article)
class ArticleAdmin(FoldedSearchMixin, admin.ModelAdmin):
    form = ArticleForm
    list_display = ["title", "category", "status", "published_at", "featured", "author"]
    list_filter = ["status", "category", month_filter("published_at"), "featured"]
    search_fields = ["title", "summary"]
    folded_search_fields = ["title_folded"]
    autocomplete_fields = ["meeting", "byline_person", "byline_unit"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["category", "author"]
    readonly_fields = [
        "preview_link",
        "cover_preview",
        "author",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "body"]}),
        (_("Cover"), {"fields": ["cover", "cover_preview"]}),
        (
            _("Meeting and byline"),
            {"fields": ["meeting", "byline_person", "byline_unit", "byline_text"]},
        ),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "featured",
                    "preview_link",
                    "author",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("preview"))
    def preview_link(self, article):
        if article.pk is None:
            return _("Save the article first.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("admin:news_article_preview", args=[article.pk]),
            _("Open the preview"),
        )

    @admin.display(description=_("cover preview"))
    def cover_preview(self, article):
        return thumbnail(article.cover, 240)

    def get_urls(self):
        return [
            path(
                "<int:pk>/xem-truoc/",
                self.admin_site.admin_view(self.preview_view),
                name="news_article_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        """The article as a visitor will read it, drafts included, for staff only."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        article = get_object_or_404(
            Article.objects.select_related(
                "category", "meeting__organizer", "byline_person", "byline_unit"
            ),
            pk=pk,
        )
        context = {**article_context(article), "is_preview": True}
        return TemplateResponse(request, "news/article_detail.html", context)
