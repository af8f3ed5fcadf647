"""Inline rows whose autocomplete pickers cost one query per field, not per row.

Django's autocomplete widget reads the rows it shows as chosen with a query of its
own: a meeting with 30 photos, each tagged with people, asked the database for
those people 30 times (and 30 more for the tags themselves). Here every picker of
an inline formset reads from one ``SharedSelection`` per field, which loads the
rows chosen in all of the formset's forms at once, the first time one is drawn.
"""

from django.contrib.admin.widgets import (
    AutocompleteSelect,
    AutocompleteSelectMultiple,
)


class SharedSelection:
    """The rows chosen in one field across every form of a formset, read once."""

    def __init__(self, formset, name):
        self.formset = formset
        self.name = name
        self._rows = None

    def rows(self, widget):
        """The chosen rows in the picker's order: ``[(value, label), …]``."""
        if self._rows is None:
            chosen = set()
            for form in self.formset.forms:
                if self.name not in form.fields:
                    continue
                value = form[self.name].value()
                values = value if isinstance(value, (list, tuple)) else [value]
                chosen.update(str(v) for v in values if v not in (None, ""))
            chosen.discard("")
            self._rows = list(widget.selected_rows(chosen)) if chosen else []
        return self._rows


class SharedSelectionWidgetMixin:
    """An autocomplete widget that takes its chosen rows from a SharedSelection."""

    shared_selection = None

    def selected_rows(self, values):
        field = self.field
        to_field = getattr(
            field.remote_field, "field_name", field.remote_field.model._meta.pk.attname
        )
        to_field = field.remote_field.model._meta.get_field(to_field).attname
        label = self.choices.field.label_from_instance
        rows = self.choices.queryset.using(self.db).filter(
            **{f"{to_field}__in": values}
        )
        return ((getattr(row, to_field), label(row)) for row in rows)

    def optgroups(self, name, value, attr=None):
        if self.shared_selection is None:
            return super().optgroups(name, value, attr)
        default = (None, [], 0)
        selected = {
            str(v) for v in value if str(v) not in self.choices.field.empty_values
        }
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        if not selected:
            return [default]
        has_selected = False
        for option_value, option_label in self.shared_selection.rows(self):
            if str(option_value) not in selected:
                continue
            chosen = has_selected is False or self.allow_multiple_selected
            has_selected |= chosen
            default[1].append(
                self.create_option(
                    name, option_value, option_label, selected, len(default[1])
                )
            )
        return [default]


class SharedAutocompleteSelect(SharedSelectionWidgetMixin, AutocompleteSelect):
    pass


class SharedAutocompleteSelectMultiple(
    SharedSelectionWidgetMixin, AutocompleteSelectMultiple
):
    pass


class SharedSelectionFormSetMixin:
    """Gives every autocomplete picker of the formset's forms its field's
    SharedSelection."""

    def _shared_selection(self, name):
        shared = self.__dict__.setdefault("_shared_selections", {})
        if name not in shared:
            shared[name] = SharedSelection(self, name)
        return shared[name]

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # in its wrapper
            if isinstance(widget, SharedSelectionWidgetMixin):
                widget.shared_selection = self._shared_selection(name)
        return form


class SharedSelectionInlineMixin:
    """For an InlineModelAdmin: its autocomplete pickers share their chosen rows
    across the formset's forms (one query per field for the whole page)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = SharedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = SharedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if issubclass(formset, SharedSelectionFormSetMixin):
            return formset
        return type(formset.__name__, (SharedSelectionFormSetMixin, formset), {})
