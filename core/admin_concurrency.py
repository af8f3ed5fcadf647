"""Two editors, one object: the second save never silently undoes the first.

A change form carries the version it was opened on (the object's ``updated_at``, to
the microsecond). Saving checks it against the row, read with ``SELECT … FOR UPDATE``
inside the save's transaction, so two saves cannot both pass; a form opened on an
older version is shown again, with what its editor typed and a message naming who
changed the object, when, and a link to what changed. Nothing is saved.

The rows of an inline (a meeting's photos and attendees) are merged instead: each
row remembers the values it was shown with (Django's hidden initial values), writes
only the fields its editor changed, and reports a conflict only when another editor
changed one of those same fields since.
"""

import datetime
import functools

from django import forms
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import router, transaction
from django.forms.models import BaseModelFormSet, InlineForeignKeyField, model_to_dict
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The hidden field of a change form that holds the version it was opened on.
VERSION_FIELD = "ngt_version"


def version_of(value):
    """``updated_at`` (or an object that has one) as a version token: UTC, to the
    microsecond, so equal tokens mean the same save on SQLite and PostgreSQL."""
    if hasattr(value, "updated_at"):
        value = value.updated_at
    if value is None:
        return ""
    return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def local_time(moment):
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def last_change(obj):
    """(who, when) of the object's latest version, in words for a message."""
    record = obj.history.first() if hasattr(obj, "history") else None
    user = getattr(record, "history_user", None)
    who = (user.get_full_name() or user.get_username()) if user else None
    when = local_time(record.history_date) if record else None
    return who or _("another editor"), when


class VersionCheckedForm(forms.ModelForm):
    """A change form that refuses to save over a newer version of its object.

    The admin (``ConcurrencyAdminMixin``) builds it: ``opened_on`` is the version
    shown, ``find_conflict(form)`` reads the row's version under a lock and, when
    it is newer, returns the message, the newer version and the data to show again;
    otherwise None.
    """

    ngt_version = forms.CharField(
        label=gettext_lazy("version opened"), widget=forms.HiddenInput, required=False
    )
    opened_on = ""
    find_conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[VERSION_FIELD].initial = self.opened_on

    def clean(self):
        cleaned = super().clean()
        conflict = self.find_conflict(self) if self.find_conflict else None
        if conflict is not None:
            message, current, data = conflict
            self.add_error(None, message)
            # Shown again on the version it now knows about: a second save, made
            # after reading the message, replaces the other editor's version in
            # the fields this editor changed, and keeps theirs in the others.
            self.data = data
            self.data[self.add_prefix(VERSION_FIELD)] = current
        return cleaned


class ConcurrencyAdminMixin:
    """For a ModelAdmin of a model with ``updated_at`` (auto_now) and versions.

    Put it first among the bases. A form sent without a version (from a script, or
    one older than this check) is saved as before. Restoring a version (the history
    pages) is checked the same way, against the object as it was when the restore
    page was opened: restoring replaces the whole object, so replacing a save made
    meanwhile, unseen, is exactly the loss this prevents.
    """

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.pk is None:
            return fieldsets
        if not self.has_change_permission(request, obj):
            return fieldsets
        (name, options), *rest = fieldsets
        fields = [*options["fields"], VERSION_FIELD]
        return [(name, {**options, "fields": fields}), *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        current = getattr(request, "_restoring_from", None)
        fields = kwargs.get("fields")
        if "fields" not in kwargs and obj is not None:
            # The restore page asks for the form without naming its fields.
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        if fields is not None:
            kwargs["fields"] = [name for name in fields if name != VERSION_FIELD]
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None or obj.pk is None:
            return form
        attrs = {
            "opened_on": version_of(current or obj),
            "find_conflict": functools.partial(self.version_conflict, request),
        }
        return type(form.__name__, (VersionCheckedForm, form), attrs)

    def get_object(self, request, object_id, from_field=None):
        # Lock the row before the inlines load theirs: every save of this object
        # then waits for the one before it, and always in the same order.
        using = router.db_for_write(self.model)
        if (
            request.method == "POST"
            and transaction.get_connection(using).in_atomic_block
        ):
            try:
                rows = self.model._default_manager.using(using)
                list(rows.select_for_update().filter(pk=unquote(str(object_id))))
            except (ValueError, ValidationError):
                pass
        return super().get_object(request, object_id, from_field)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "POST":
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )
        request._ngt_restoring = True
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )

    # A list with editable columns (a meeting's photos: caption, order) merges its
    # rows as an inline does.

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)
        return type(form.__name__, (TouchedFieldsFormMixin, form), {})

    def get_changelist_formset(self, request, **kwargs):
        kwargs.setdefault("formset", LockedRowsModelFormSet)
        return super().get_changelist_formset(request, **kwargs)

    def changelist_view(self, request, extra_context=None):
        if request.method != "POST" or "_save" not in request.POST:
            return super().changelist_view(request, extra_context)
        # Django validates the rows outside its save's transaction: the rows'
        # locks must last from the comparison to the save.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        restoring = getattr(request, "_ngt_restoring", False)
        if change and not restoring and not form.has_changed():
            # Only inline rows changed: the object keeps its version, so a form
            # another editor has open on it is not made stale by a caption.
            return
        super().save_model(request, obj, form, change)

    def version_conflict(self, request, form):
        """(message, current version, data to show again) when the row is newer
        than the version the form was opened on; None otherwise."""
        sent = form.data.get(form.add_prefix(VERSION_FIELD))
        if not sent:
            return None
        rows = self.model._default_manager.using(router.db_for_write(self.model))
        current = (
            rows.select_for_update()
            .filter(pk=form.instance.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        if current is None or version_of(current) == sent:
            return None
        obj = rows.get(pk=form.instance.pk)
        data = merged_data(form, obj, self.opened_record(obj, sent))
        message = self.conflict_message(obj, sent)
        if form.files:
            # A file input cannot be filled in again.
            message = format_html(
                "{} {}",
                message,
                _("Choose the files (photos, documents) again before saving."),
            )
        return message, version_of(current), data

    def opened_record(self, obj, sent):
        """The historical record of the version a form was opened on, if kept."""
        try:
            opened_on = datetime.datetime.fromisoformat(sent)
        except ValueError:
            return None
        if timezone.is_naive(opened_on):
            return None
        return obj.history.filter(updated_at=opened_on).order_by("-history_id").first()

    def conflict_message(self, obj, sent):
        who, when = last_change(obj)
        text = _(
            "Not saved: %(user)s changed this %(object)s at %(time)s, after you "
            "opened it. What you typed is still in the form below; the fields you "
            "did not change now show their version. Look at what they changed, "
            "then save again."
        ) % {
            "user": who,
            "object": obj._meta.verbose_name,
            "time": when or local_time(obj.updated_at),
        }
        return format_html(
            '<span class="ngt-conflict">{} <a href="{}">{}</a></span>',
            text,
            self.changes_url(obj, sent),
            _("See what changed"),
        )

    def changes_url(self, obj, sent):
        """The comparison of the version the form was opened on with the latest one,
        or the object's history when that version cannot be found."""
        opts = obj._meta
        history = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]
        )
        opened, latest = self.opened_record(obj, sent), obj.history.first()
        if opened is None or latest is None or opened.pk == latest.pk:
            return history
        try:
            compare = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history_compare",
                args=[obj.pk],
            )
        except NoReverseMatch:
            return history
        return f"{compare}?a={opened.history_id}&b={latest.history_id}"


def merged_data(form, current, opened):
    """What ``form`` sent, except the fields its editor left as they were shown
    (the ``opened`` historical record): those take ``current``'s values."""
    data = form.data.copy()
    if opened is None:
        return data
    names = [field.name for field in current._meta.concrete_fields]
    shown = model_to_dict(opened.instance, fields=names)
    now = form.__class__(instance=current, prefix=form.prefix)
    for name, field in form.fields.items():
        if name not in shown or field.disabled or name not in now.fields:
            continue
        if not field.has_changed(shown[name], _unix_newlines(form[name].data)):
            _put(data, now[name])
    return data


def _put(data, bound_field):
    """Write a bound field's initial value into ``data`` as a browser sends it."""
    widget = bound_field.field.widget
    widget = getattr(widget, "widget", widget)  # the admin's related-field wrapper
    name, value = bound_field.html_name, bound_field.value()
    if isinstance(widget, forms.CheckboxInput):
        if value:
            data[name] = "on"
        else:
            data.pop(name, None)
    elif isinstance(widget, forms.SelectMultiple | forms.MultipleHiddenInput):
        data.setlist(name, [str(item) for item in value or []])
    elif isinstance(widget, forms.Select):
        data[name] = "" if value is None else str(value)
    elif isinstance(widget, forms.MultiWidget):
        parts = widget.decompress(value)
        for suffix, part, sub in zip(
            widget.widgets_names, parts, widget.widgets, strict=False
        ):
            data[name + suffix] = sub.format_value(part) or ""
    elif not isinstance(widget, forms.FileInput):
        data[name] = widget.format_value(value) or ""


# ---------------------------------------------------------------- inline rows


def _unix_newlines(raw):
    """What a browser sends has CRLF line ends; what is stored has LF."""
    if isinstance(raw, str):
        return raw.replace("\r\n", "\n")
    if isinstance(raw, list | tuple):
        return [_unix_newlines(item) for item in raw]
    return raw


class TouchedFieldsFormMixin:
    """A row of an inline formset that saves only the fields its editor changed.

    Each field of a saved row carries the value it was shown with, so "changed"
    means changed by this editor, not "differs from the database": another editor's
    caption, saved meanwhile, is not undone by a reorder here. When this editor
    changed a field another editor also changed since, the row is refused with a
    message, and shown again ready to replace their value on the next save.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None or not self._initials_sent():
            return
        for field in self.fields.values():
            if not isinstance(field, forms.FileField | InlineForeignKeyField):
                field.show_hidden_initial = True

    def _initials_sent(self):
        # A form posted without the values it was shown with (a script, an older
        # page) is compared with the database, as Django does.
        if not self.is_bound:
            return True
        start = self.add_initial_prefix("")
        return any(key.startswith(start) for key in self.data)

    def clean(self):
        before = dict(self.cleaned_data)
        cleaned = super().clean()
        # What clean() filled in itself (people named in a new caption) is
        # written too.
        self.derived_fields = [
            name
            for name, value in (cleaned or {}).items()
            if name in before and value is not before[name]
        ]
        if self.instance.pk is not None:
            clashes = self.clashing_fields()
            if clashes:
                self.report_clashes(clashes)
        return cleaned

    @property
    def written_fields(self):
        return {*self.changed_data, *getattr(self, "derived_fields", [])}

    def clashing_fields(self):
        """The fields this editor changed that someone else changed since too (to
        something else)."""
        if not self.changed_data:
            return []
        now = model_to_dict(self.instance, fields=self.changed_data)
        clashes = []
        for name in self.changed_data:
            field = self.fields[name]
            if name not in now or not field.show_hidden_initial:
                continue
            shown = field.hidden_widget().value_from_datadict(
                self.data, self.files, self.add_initial_prefix(name)
            )
            sent = self[name].data
            if field.has_changed(now[name], _unix_newlines(shown)) and (
                field.has_changed(now[name], _unix_newlines(sent))
            ):
                clashes.append(name)
        return clashes

    def report_clashes(self, names):
        who, when = last_change(self.instance)
        labels = ", ".join(self._label(name) for name in names)
        self.add_error(
            None,
            _(
                "Not saved: %(user)s changed %(fields)s of this row at %(time)s, "
                "after you opened the page. Your version is still here; saving "
                "again replaces theirs."
            )
            % {"user": who, "fields": labels, "time": when or "—"},
        )
        # The next save is based on their version.
        now = model_to_dict(self.instance, fields=names)
        self.data = self.data.copy()
        for name in names:
            key = self.add_initial_prefix(name)
            value = self.fields[name].prepare_value(now[name])
            if isinstance(value, list | tuple):
                self.data.setlist(key, [str(item) for item in value])
            else:
                self.data[key] = "" if value is None else str(value)

    def _label(self, name):
        try:
            return str(self.instance._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return str(self.fields[name].label)

    def _post_clean(self):
        if self.instance.pk is None:
            return super()._post_clean()
        with self._only_written():
            super()._post_clean()

    def _save_m2m(self):
        if self.instance.pk is None:
            return super()._save_m2m()
        with self._only_written():
            super()._save_m2m()

    def _only_written(self):
        return _RestrictedCleanedData(self)


class _RestrictedCleanedData:
    """Within it, the form's cleaned_data holds only the fields it writes: Django
    puts on the row (and its many-to-many fields) exactly what cleaned_data has."""

    def __init__(self, form):
        self.form = form

    def __enter__(self):
        self.full = self.form.cleaned_data
        written = self.form.written_fields
        self.form.cleaned_data = {
            name: value for name, value in self.full.items() if name in written
        }

    def __exit__(self, *exc):
        self.form.cleaned_data = self.full


class LockedRowsFormSetMixin:
    """An inline formset whose saved rows are read with ``SELECT … FOR UPDATE``
    when a save is being validated: what a row compares with is what it
    overwrites."""

    def get_queryset(self):
        using = router.db_for_write(self.model)
        locking = self.is_bound and transaction.get_connection(using).in_atomic_block
        if locking and not hasattr(self, "_queryset") and self.queryset is not None:
            self.queryset = self.queryset.select_for_update(of=("self",))
        return super().get_queryset()


class LockedRowsModelFormSet(LockedRowsFormSetMixin, BaseModelFormSet):
    """The change list's editable rows, locked while a save compares them."""
