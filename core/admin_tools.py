"""Admin pieces the apps share: tone-insensitive search, year and month filters, and
inline formsets whose rows can swap unique values (order numbers, the cover photo)."""

import re

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Max, Q
from django.db.models.functions import ExtractYear
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.search import starts_a_word
from core.text import fold, search_terms


class FoldedSearchMixin:
    """Admin search, and the autocomplete pickers built on it, that ignore tone marks,
    đ and case, and match whole syllables from their start.

    ``folded_search_fields`` name columns that hold ``fold()``-ed text: a word of the
    query matches one when a word there begins with it, so "yến" finds "Ngô Thị
    Yến" and not every "Nguyễn", and "quang canh" finds "Quang cảnh".
    ``typed_search_fields`` name ordinary columns searched as typed, anywhere in
    them (decision numbers, "10/KH-CĐNGT"): only those no folded column covers, or
    "uy" would find every "Tuyển". Left as None, they are ``search_fields``. Every
    word of the query must match one of them, so "nguyen huong" finds "Nguyễn Thị
    Hương". ``search_fields`` still names what the search box is for.
    """

    folded_search_fields = ()
    typed_search_fields = None

    def get_search_results(self, request, queryset, search_term):
        typed = (
            self.search_fields
            if self.typed_search_fields is None
            else self.typed_search_fields
        )
        if not search_term.split():
            return queryset, False
        queryset = folded_search(
            queryset, search_term, self.folded_search_fields, typed
        )
        joins = any("__" in field for field in (*self.folded_search_fields, *typed))
        return queryset, joins


def folded_search(queryset, search_term, folded_fields, typed_fields=()):
    """Rows where every word of ``search_term`` (the first ten) begins a word of
    one of ``folded_fields`` (tone marks, đ and case ignored) or appears, as typed,
    in one of ``typed_fields``. The admin's search and the media library's."""
    for word in search_term.split()[:10]:
        terms = search_terms(word)
        condition = Q()
        for field in folded_fields if terms else ():
            match = Q()
            for term in terms:
                match &= starts_a_word(field, term)
            condition |= match
        for field in typed_fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


class FoldedInPythonSearchMixin:
    """The same search for Django's own small tables (accounts, groups), which
    have no folded column and get none: a college has tens of accounts, so their
    ``search_fields`` are read and folded here. Every word of the query must begin a
    word of one of them.
    """

    def get_search_results(self, request, queryset, search_term):
        patterns = [
            re.compile(rf"(^|[^a-z0-9]){re.escape(term)}")
            for term in search_terms(search_term)
        ]
        if not patterns:
            return queryset, False
        fields = list(self.search_fields)
        matching = [
            pk
            for pk, *values in queryset.values_list("pk", *fields)
            if all(
                any(pattern.search(fold(value)) for value in values)
                for pattern in patterns
            )
        ]
        return queryset.filter(pk__in=matching), False


def year_filter(field_name, title=_("year")):
    """A list filter offering the years that occur in ``field_name`` (a date or a year)."""

    class YearFilter(admin.SimpleListFilter):
        parameter_name = "nam"

        def lookups(self, request, model_admin):
            queryset = model_admin.get_queryset(request)
            field = model_admin.model._meta.get_field(field_name)
            if field.get_internal_type() in {"DateField", "DateTimeField"}:
                years = queryset.annotate(_year=ExtractYear(field_name)).values_list(
                    "_year", flat=True
                )
            else:
                years = queryset.values_list(field_name, flat=True)
            return [
                (str(y), str(y)) for y in sorted({y for y in years if y}, reverse=True)
            ]

        def queryset(self, request, queryset):
            value = self.value()
            if not value:
                return queryset
            if not value.isdigit():
                return queryset.none()
            field = queryset.model._meta.get_field(field_name)
            if field.get_internal_type() in {"DateField", "DateTimeField"}:
                return queryset.filter(**{f"{field_name}__year": int(value)})
            return queryset.filter(**{field_name: int(value)})

    YearFilter.title = title
    return YearFilter


def month_filter(field_name, title=_("month")):
    """A list filter offering the months (``01/2024``) that occur in a date field."""

    class MonthFilter(admin.SimpleListFilter):
        parameter_name = "thang"

        def lookups(self, request, model_admin):
            months = model_admin.get_queryset(request).dates(
                field_name, "month", order="DESC"
            )
            return [(f"{m:%Y-%m}", f"{m:%m/%Y}") for m in months]

        def queryset(self, request, queryset):
            value = self.value() or ""
            if not value:
                return queryset
            year, _dash, month = value.partition("-")
            if not (year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
                return queryset.none()
            return queryset.filter(
                **{f"{field_name}__year": int(year), f"{field_name}__month": int(month)}
            )

    MonthFilter.title = title
    return MonthFilter


def thumbnail(image_field, size=96):
    """A small preview of an image field's file, or a dash when there is none."""
    if not image_field:
        return "—"
    return format_html(
        '<img src="{}" alt="" style="max-width:{}px;max-height:{}px;object-fit:cover">',
        image_field.url,
        size,
        size,
    )


class SwapSafeInlineFormSet(BaseInlineFormSet):
    """An inline formset whose rows may exchange values that must stay unique.

    The database checks uniqueness row by row while a formset saves one row at a time,
    so swapping two attendees' order numbers, or moving the cover mark from one photo
    to another, would fail half way. Rows whose unique value changes are first moved
    out of the way (``park``), then saved normally. Uniqueness across the rows is
    checked here, with a message in the editor's language, instead of per row against
    the database (which still holds the old values).

    Subclasses set ``swap_fields`` and implement ``park(field, row, index)``.
    """

    swap_fields = ()
    duplicate_messages = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form in self.forms:
            form._get_validation_exclusions = self._exclusions(
                form._get_validation_exclusions
            )

    def _exclusions(self, original):
        def exclusions():
            return set(original()) | set(self.swap_fields)

        return exclusions

    def kept_forms(self):
        return [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk is not None
            if not self._should_delete_form(form) and form.is_valid()
        ]

    def clean(self):
        super().clean()
        for field in self.swap_fields:
            seen = {}
            for form in self.kept_forms():
                value = form.cleaned_data.get(field)
                if value in (None, "", False):
                    continue
                if value in seen:
                    raise ValidationError(
                        self.duplicate_messages[field] % {"value": value}
                    )
                seen[value] = form

    def save_existing_objects(self, commit=True):
        if commit:
            model = self.model
            for index, form in enumerate(self.initial_forms):
                row = form.instance
                if row.pk is None:
                    continue
                moving = [
                    field
                    for field in self.swap_fields
                    if field in form.changed_data or self._should_delete_form(form)
                ]
                if moving:
                    model._default_manager.filter(pk=row.pk).update(
                        **{field: self.park(field, row, index) for field in moving}
                    )
        return super().save_existing_objects(commit)

    def park(self, field, row, index):
        raise NotImplementedError


class OrderedInlineFormSet(SwapSafeInlineFormSet):
    """Rows numbered by an ``order`` field unique within the parent."""

    swap_fields = ("order",)
    duplicate_messages = {"order": _("Two rows have the same order number %(value)s.")}

    def park(self, field, row, index):
        siblings = self.model._default_manager.filter(**{self.fk.name: self.instance})
        return (siblings.aggregate(top=Max("order"))["top"] or 0) + 1 + index
