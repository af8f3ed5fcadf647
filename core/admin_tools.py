"""Admin pieces the apps share: tone-insensitive search, year and month filters, and
inline formsets whose rows can swap unique values (order numbers, the cover photo)."""

import re

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.contrib.admin.views.main import (
    ERROR_FLAG,
    PAGE_VAR,
    SEARCH_VAR,
    ChangeList,
)
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Max, Min, Q
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
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

    ``fulltext_search``, when set, is ``function(queryset, terms)`` giving the same
    rows from a PostgreSQL full-text index (``news.search.matching``); it is used
    there when the folded fields are one column and no typed field is searched.
    A field across a relation that has many rows per row (a meeting's attendees)
    is searched in a subquery, so the list needs no ``DISTINCT`` over the table.

    The list of a search counts its rows up to ``CappedAdminPaginator.cap`` ("more
    than 1,000 results") and never counts the whole table beside it.
    """

    folded_search_fields = ()
    typed_search_fields = None
    fulltext_search = None
    show_full_result_count = False
    # Long columns the list never shows (an article's body and search text).
    list_defer = ()
    # Rendering a row costs Django's admin more than finding it: fifty a page.
    list_per_page = 50

    def get_changelist(self, request, **kwargs):
        return DeferringChangeList

    @admin.display(description=mark_safe('<input type="checkbox" id="action-toggle">'))
    def action_checkbox(self, obj):
        """Django's row checkbox, written directly: rendering a form widget's
        template for each of a hundred rows cost the list a third of its time."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext("Select this object for an action - {}"), obj),
        )

    def get_search_results(self, request, queryset, search_term):
        typed = (
            self.search_fields
            if self.typed_search_fields is None
            else self.typed_search_fields
        )
        if not search_term.split():
            return queryset, False
        fulltext = self.fulltext_search
        if (
            fulltext is not None
            and connection.vendor == "postgresql"
            and len(self.folded_search_fields) == 1
            and not typed
        ):
            terms = [
                term for word in search_term.split()[:10] for term in search_terms(word)
            ]
            return (fulltext(queryset, terms) if terms else queryset), False
        queryset = folded_search(
            queryset, search_term, self.folded_search_fields, typed
        )
        return queryset, False

    def get_paginator(self, request, queryset, per_page, orphans=0, **kwargs):
        if request.GET.get(SEARCH_VAR, "").split():
            return CappedAdminPaginator(queryset, per_page, orphans, **kwargs)
        return super().get_paginator(request, queryset, per_page, orphans, **kwargs)


class DeferringChangeList(ChangeList):
    """The list's rows without their ModelAdmin's ``list_defer`` columns."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        defer = getattr(self.model_admin, "list_defer", ())
        return queryset.defer(*defer) if defer else queryset


class CappedAdminPaginator(Paginator):
    """Counts the rows of a search up to ``cap`` only: "more than 1,000 results"
    tells an editor to narrow the search as well as 25,212 would, and counting
    every article with a common word cost the search most of its time. The pages
    stop at the cap."""

    cap = 1000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.capped = False

    @cached_property
    def count(self):
        # Unordered, and without the list's annotations (a meeting's counts of
        # photos): the database stops at the first cap + 1 rows it finds.
        found = self.object_list.order_by().values("pk")[: self.cap + 1].count()
        self.capped = found > self.cap
        return min(found, self.cap)


def _in_subquery(queryset, field, condition):
    """``condition`` on ``field`` as a ``pk__in`` subquery when ``field`` crosses a
    relation with many rows per row (no duplicate rows, no ``DISTINCT``)."""
    if not lookup_spawns_duplicates(queryset.model._meta, field):
        return condition
    model = queryset.model
    return Q(pk__in=model._default_manager.filter(condition).values("pk"))


def folded_search(queryset, search_term, folded_fields, typed_fields=()):
    """Rows where every word of ``search_term`` (the first ten) begins a word of
    one of ``folded_fields`` (tone marks, đ and case ignored) or appears, as typed,
    in one of ``typed_fields``. The admin's search and the media library's.

    Never gives a row twice: fields across a relation with many rows per row are
    matched in a subquery."""
    for word in search_term.split()[:10]:
        terms = search_terms(word)
        condition = Q()
        for field in folded_fields if terms else ():
            match = Q()
            for term in terms:
                match &= starts_a_word(field, term)
            condition |= _in_subquery(queryset, field, match)
        for field in typed_fields:
            condition |= _in_subquery(
                queryset, field, Q(**{f"{field}__icontains": word})
            )
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
    """A list filter offering every year from the first to the last in
    ``field_name`` (a date or a year): one ``MIN``/``MAX`` query, which an index
    on the field answers without reading the table."""

    class YearFilter(admin.SimpleListFilter):
        parameter_name = "nam"

        def lookups(self, request, model_admin):
            field = model_admin.model._meta.get_field(field_name)
            bounds = (
                model_admin.model._default_manager.order_by()
                .filter(**{f"{field_name}__isnull": False})
                .aggregate(first=Min(field_name), last=Max(field_name))
            )
            first, last = bounds["first"], bounds["last"]
            if first is None or last is None:
                return []
            if field.get_internal_type() == "DateTimeField":
                first, last = timezone.localtime(first), timezone.localtime(last)
            if field.get_internal_type() in {"DateField", "DateTimeField"}:
                first, last = first.year, last.year
            return [(str(y), str(y)) for y in range(last, first - 1, -1) if y]

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


RECENT_MONTHS = 12


def parse_month(value):
    """(year, month) from ``2024-01`` (a month box) or ``01/2024`` (as written
    here), or None."""
    value = (value or "").strip()
    if "/" in value:
        month, _slash, year = value.partition("/")
    else:
        year, _dash, month = value.partition("-")
    if not (year.isdigit() and month.isdigit() and len(year) == 4):
        return None
    if not 1 <= int(month) <= 12 or int(year) < 1900:
        return None
    return int(year), int(month)


def month_value(year, month):
    """The filter's value for a month: ``2024-01``."""
    return f"{year:04d}-{month:02d}"


def recent_months(today, count=RECENT_MONTHS):
    """The ``count`` months up to ``today``'s, newest first."""
    year, month = today.year, today.month
    months = []
    for _step in range(count):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


def month_filter(field_name, title=_("month")):
    """A list filter offering the last twelve months (``01/2024``) and a box for
    any other month. It asks the database nothing: listing the months that occur
    in the field read the whole table on every view of the list."""

    class MonthFilter(admin.SimpleListFilter):
        parameter_name = "thang"
        template = "admin/filter_month.html"

        def lookups(self, request, model_admin):
            months = recent_months(timezone.localdate())
            chosen = parse_month(self.value())
            if chosen is not None:
                # "01/2024" typed in the box is the list's "2024-01".
                self.used_parameters[self.parameter_name] = month_value(*chosen)
                if chosen not in months:
                    months = [chosen, *months]
            return [(month_value(y, m), f"{m:02d}/{y:04d}") for y, m in months]

        def choices(self, changelist):
            self.other_parameters = [
                (name, value)
                for name, value in changelist.params.items()
                if name not in {self.parameter_name, PAGE_VAR, ERROR_FLAG}
            ]
            yield from super().choices(changelist)

        def typed(self):
            """The chosen month as the box shows it: ``01/2024``."""
            chosen = parse_month(self.value())
            return f"{chosen[1]:02d}/{chosen[0]:04d}" if chosen else ""

        def queryset(self, request, queryset):
            value = self.value() or ""
            if not value:
                return queryset
            chosen = parse_month(value)
            if chosen is None:
                return queryset.none()
            year, month = chosen
            return queryset.filter(
                **{f"{field_name}__year": year, f"{field_name}__month": month}
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
