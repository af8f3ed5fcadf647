"""Accounts in the admin, with the few texts Django keeps in English put in Vietnamese.

Permission names are stored in English by Django's migrations ("Can add article");
the selectors show them as "Tin tức | bài viết | Thêm" instead. The password page's
warning is not marked for translation in Django 5.2, so the form here supplies it.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin_tools import FoldedInPythonSearchMixin

ACTIONS = {
    "add": _("Add"),
    "change": _("Change"),
    "delete": _("Delete"),
    "view": _("View"),
}


def permission_label(permission):
    """ "Tin tức | bài viết | Thêm" for the permission "news.add_article"."""
    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:
        return gettext(permission.name)
    action, _sep, model_name = permission.codename.partition("_")
    verb = ACTIONS.get(action) if model_name == model._meta.model_name else None
    app = model._meta.app_config.verbose_name
    # A model's own permissions ("Can publish…") were stored in English and are
    # in the catalogue under that text.
    return f"{app} | {model._meta.verbose_name} | {verb or gettext(permission.name)}"


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


class PermissionLabelsMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name in {"permissions", "user_permissions"}:
            kwargs["form_class"] = PermissionChoiceField
            kwargs["queryset"] = db_field.remote_field.model.objects.select_related(
                "content_type"
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PasswordChangeForm(AdminPasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "usable_password" in self.fields:
            self.fields["usable_password"].help_text = (
                SetUnusablePasswordMixin.usable_password_help_text
                + '<ul id="id_unusable_warning" class="messagelist"><li class="warning">'
                + str(
                    _("If disabled, the current password for this user will be lost.")
                )
                + "</li></ul>"
            )


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """The admin's pickers with what tells near-identical rows apart: a meeting's
    date, a person's positions. A model says it with ``autocomplete_label()``; its
    ModelAdmin names what that reads in ``autocomplete_prefetch``, so a page of
    results stays one or two queries."""

    def get_queryset(self):
        queryset = super().get_queryset()
        prefetch = getattr(self.model_admin, "autocomplete_prefetch", ())
        return queryset.prefetch_related(*prefetch) if prefetch else queryset

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(obj, "autocomplete_label", None)
        if label is not None:
            result["text"] = label()
        return result


def autocomplete_view(request):
    return LabelledAutocompleteJsonView.as_view(admin_site=admin.site)(request)


admin.site.autocomplete_view = autocomplete_view

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class PortalUserAdmin(FoldedInPythonSearchMixin, PermissionLabelsMixin, UserAdmin):
    change_password_form = PasswordChangeForm


@admin.register(Group)
class PortalGroupAdmin(FoldedInPythonSearchMixin, PermissionLabelsMixin, GroupAdmin):
    pass
