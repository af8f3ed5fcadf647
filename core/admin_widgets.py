"""One way to write a date and time in the admin: 31/01/2024 14:00.

Django's admin splits a date-time into two boxes, and a browser's own picker shows
its language's order (an English Chromium writes 01/31/2024). Staff here write
day first, and often "14h00": this field is one text box that shows
``31/01/2024 14:00`` and accepts what they type, whatever the browser's language.
``use_everywhere`` makes it the admin's widget for every ``DateTimeField``, in every
ModelAdmin and inline, so no admin class has to remember it.
"""

from django import forms
from django.contrib.admin import options
from django.db import models
from django.utils.translation import gettext_lazy as _

DISPLAY_FORMAT = "%d/%m/%Y %H:%M"
EXAMPLE = "31/01/2024 14:00"
# Day first; "14h00" and "14h" as Vietnamese write the time, the time before the
# date ("14h00 ngày 31/01/2024"), and the ISO forms a script or an older form sends.
# A date alone is refused, as the admin's two boxes refused a missing time.
INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %Hh%M",
    "%d/%m/%Y %Hh",
    "%d/%m/%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %Hh%M",
    "%Hh%M ngày %d/%m/%Y",
    "%H:%M ngày %d/%m/%Y",
    "%Hh%M %d/%m/%Y",
    "%H:%M %d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
]


class DayFirstDateTimeInput(forms.DateTimeInput):
    """A single text box showing ``31/01/2024 14:00``, with a "Now" link and a
    calendar that writes day first (``static/js/admin/datetime-box.js``).

    Not ``type=datetime-local``: that picker follows the browser's language. No
    numeric ``inputmode`` either: phones' number pads have no "/" or ":". An old
    two-box form (``name_0`` and ``name_1``) is still read, so a page opened before
    this widget existed saves as it did.
    """

    class Media:
        # Django admin's calendar, and the "Now" link and calendar beside the box.
        js = ["admin/js/calendar.js", "js/admin/datetime-box.js"]

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": EXAMPLE,
            "autocomplete": "off",
            "spellcheck": "false",
            "size": 18,
            "class": "vDayFirstDateTime",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DISPLAY_FORMAT)

    def value_from_datadict(self, data, files, name):
        if name not in data and f"{name}_0" in data:
            parts = (data.get(f"{name}_0", ""), data.get(f"{name}_1", ""))
            return " ".join(part.strip() for part in parts if part.strip())
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_0" not in data


class DayFirstDateTimeField(forms.DateTimeField):
    """Accepts 31/01/2024 14:00, 31/01/2024 14h00, 14h00 ngày 31/01/2024; refuses
    anything else with one Vietnamese sentence that shows the expected form."""

    widget = DayFirstDateTimeInput
    default_error_messages = {
        "invalid": _("Not a valid date and time: write it as day/month/year "
                     "hour:minute, for example 31/01/2024 14:00."),
    }  # fmt: skip

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", INPUT_FORMATS)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = " ".join(value.split()).replace("H", "h")
        return super().to_python(value)


ADMIN_DATETIME = {"form_class": DayFirstDateTimeField, "widget": DayFirstDateTimeInput}


def use_everywhere():
    """Make the day-first field the admin's default for ``DateTimeField``.

    Every ModelAdmin and inline copies ``FORMFIELD_FOR_DBFIELD_DEFAULTS`` when it is
    created, so this runs before the admin discovers the apps' admin modules
    (``core.admin_apps.PortalAdminConfig``).
    """
    options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DateTimeField] = ADMIN_DATETIME
