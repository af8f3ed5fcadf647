"""A list filter for a relation with too many rows to list: found by typing.

Django's filter for a foreign key lists every row it can point to: the photo list
wrote out all the college's meetings (2,000 of them, 400 KB of HTML) on every view.
``SearchRelatedFilter`` shows the row chosen and a search box: the words typed
(or a row's number) find up to ``LIMIT`` rows with the related model's own admin
search (tones ignored), each a link that filters the list. It works without
JavaScript, and keeps Django's parameter (``?meeting__id__exact=12``), so links
made elsewhere still filter the list.

Use it as ``list_filter = [("meeting", SearchRelatedFilter)]``.
"""

from urllib.parse import parse_qsl, urlencode

from django.contrib.admin import RelatedFieldListFilter
from django.contrib.admin.views.main import ERROR_FLAG, PAGE_VAR
from django.utils.translation import gettext_lazy as _

LIMIT = 15
MAX_TERM = 100


def label_of(row):
    """A meeting with its date, a person with their positions: what the pickers
    show (``autocomplete_label``), else the row's name."""
    label = getattr(row, "autocomplete_label", None)
    return label() if label is not None else str(row)


class SearchRelatedFilter(RelatedFieldListFilter):
    template = "admin/filter_search.html"
    not_found = _("Nothing found: try other words or the number.")

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.search_parameter = f"tim_{field_path}"
        term = params.get(self.search_parameter) or [""]
        term = term[-1] if isinstance(term, list) else term
        self.term = " ".join(str(term).split())[:MAX_TERM]
        super().__init__(field, request, params, model, model_admin, field_path)

    def expected_parameters(self):
        return [*super().expected_parameters(), self.search_parameter]

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        self.used_parameters.pop(self.search_parameter, None)
        return super().queryset(request, queryset)

    def field_choices(self, field, request, model_admin):
        related = field.remote_field.model
        related_admin = model_admin.admin_site._registry.get(related)
        rows = related._default_manager.all()
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            rows = rows.order_by(*ordering)
        to_field = field.target_field.attname
        choices = []
        chosen = [value for value in (self.lookup_val or []) if str(value).isdigit()]
        if chosen and to_field == "id":
            choices += [(row.pk, label_of(row)) for row in rows.filter(pk__in=chosen)]
        self.searched = bool(self.term)
        if self.term:
            known = {pk for pk, _label in choices}
            found = []
            if self.term.isdigit() and to_field == "id":
                found += list(rows.filter(pk=int(self.term)))
            if related_admin is not None:
                matching, _dups = related_admin.get_search_results(
                    request, rows, self.term
                )
                found += list(matching[:LIMIT])
            for row in found[:LIMIT]:
                value = getattr(row, to_field)
                if value not in known:
                    known.add(value)
                    choices.append((value, label_of(row)))
        self.found_nothing = self.searched and len(choices) == len(chosen)
        return choices

    def choices(self, changelist):
        skip = {self.search_parameter, PAGE_VAR, ERROR_FLAG}
        self.other_parameters = [
            (name, value)
            for name, value in changelist.params.items()
            if name not in skip
        ]
        for choice in super().choices(changelist):
            choice["query_string"] = self._without_term(choice["query_string"])
            yield choice

    def _without_term(self, query_string):
        """``query_string`` (``?a=1&…``) without this filter's search words: a
        row chosen, the box is empty again."""
        pairs = parse_qsl(query_string.lstrip("?"), keep_blank_values=True)
        return "?" + urlencode([(k, v) for k, v in pairs if k != self.search_parameter])
