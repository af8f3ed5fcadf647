"""Dates and times as Vietnamese offices write them, in and out of forms."""

import datetime
import importlib
import os
import zoneinfo

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format

from events.models import Meeting
from tests.factories import MeetingFactory

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
UTC = datetime.UTC


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def _render(template, **context):
    return Template(template).render(Context(context))


def test_project_settings_are_vietnamese():
    """The project's own settings module says vi and Asia/Ho_Chi_Minh."""
    project = importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    assert project.LANGUAGE_CODE == "vi"
    assert project.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert project.USE_TZ is True


def test_date_format_pads_day_and_month():
    """A date prints as 05/02/2024, not 5-2-2024."""
    day = datetime.date(2024, 2, 5)
    assert date_format(day) == "05/02/2024"
    assert date_format(day, "SHORT_DATE_FORMAT") == "05/02/2024"


def test_date_filter_uses_the_vietnamese_format():
    """{{ d|date }} renders 05/02/2024."""
    assert _render("{{ d|date }}", d=datetime.date(2024, 2, 5)) == "05/02/2024"


def test_year_month_and_month_day_formats():
    """Month and year read "tháng 01/2024"; day and month "31/01"."""
    day = datetime.date(2024, 1, 31)
    assert date_format(day, "YEAR_MONTH_FORMAT") == "tháng 01/2024"
    assert date_format(day, "MONTH_DAY_FORMAT") == "31/01"


def test_time_format_uses_h():
    """A time prints as 14h00."""
    assert time_format(datetime.time(14, 0)) == "14h00"
    assert time_format(datetime.time(8, 5)) == "08h05"


def test_datetime_format():
    """A meeting's start prints as "14h00 ngày 31/01/2024"."""
    starts = datetime.datetime(2024, 1, 31, 14, 0, tzinfo=HANOI)
    assert date_format(starts, "DATETIME_FORMAT") == "14h00 ngày 31/01/2024"
    assert date_format(starts, "SHORT_DATETIME_FORMAT") == "31/01/2024 14:00"


def test_templates_show_utc_values_in_local_time():
    """A value held in UTC renders in Asia/Ho_Chi_Minh time, 7 hours ahead."""
    stored = datetime.datetime(2024, 1, 31, 7, 0, tzinfo=UTC)
    assert _render("{{ t }}", t=stored) == "14h00 ngày 31/01/2024"
    assert _render("{{ t|date:'DATETIME_FORMAT' }}", t=stored) == (
        "14h00 ngày 31/01/2024"
    )
    # 23:30 UTC is already the next morning in Hanoi.
    late = datetime.datetime(2024, 1, 30, 23, 30, tzinfo=UTC)
    assert _render("{{ t|date }}", t=late) == "31/01/2024"


@pytest.mark.django_db
def test_meeting_start_read_back_from_the_database_renders_local_time():
    """A meeting at 14h00 Hanoi time reads back from the database and renders as
    "14h00 ngày 31/01/2024"."""
    meeting = MeetingFactory(
        starts_at=datetime.datetime(2024, 1, 31, 14, 0, tzinfo=HANOI)
    )
    stored = Meeting.objects.get(pk=meeting.pk).starts_at
    assert stored == datetime.datetime(2024, 1, 31, 7, 0, tzinfo=UTC)
    assert _render("{{ m.starts_at }}", m=Meeting.objects.get(pk=meeting.pk)) == (
        "14h00 ngày 31/01/2024"
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("31/01/2024", datetime.date(2024, 1, 31)),
        ("6/2/2023", datetime.date(2023, 2, 6)),
        ("05/02/2024", datetime.date(2024, 2, 5)),
        ("31-01-2024", datetime.date(2024, 1, 31)),
        ("2024-01-31", datetime.date(2024, 1, 31)),
    ],
)
def test_date_field_accepts_day_first(typed, expected):
    """A date field reads what an office types: day first, slashes or dashes, and
    the ISO form of date pickers."""
    assert forms.DateField().clean(typed) == expected


@pytest.mark.parametrize("typed", ["31/02/2024", "01/31/2024", "2024/31/01", "hôm qua"])
def test_date_field_rejects_impossible_dates_in_vietnamese(typed):
    """31/02/2024 (and a month-first date) is refused with a Vietnamese message."""
    with pytest.raises(forms.ValidationError) as error:
        forms.DateField().clean(typed)
    message = " ".join(error.value.messages)
    assert "hợp lệ" in message
    assert "valid" not in message


@pytest.mark.parametrize("typed", ["31/01/2024 14:00", "31/01/2024 14h00"])
def test_datetime_field_accepts_vietnamese_times(typed):
    """31/01/2024 14:00 and 31/01/2024 14h00 read as 14h00 in Asia/Ho_Chi_Minh."""
    value = forms.DateTimeField().clean(typed)
    assert timezone.is_aware(value)
    assert value == datetime.datetime(2024, 1, 31, 7, 0, tzinfo=UTC)
    assert value.utcoffset() == datetime.timedelta(hours=7)
    assert (value.hour, value.minute) == (14, 0)
    assert str(value.tzinfo) == "Asia/Ho_Chi_Minh"


def test_datetime_field_rejects_nonsense_in_vietnamese():
    """An impossible date and time is refused with a Vietnamese message."""
    with pytest.raises(forms.ValidationError) as error:
        forms.DateTimeField().clean("31/02/2024 14h00")
    message = " ".join(error.value.messages)
    assert "hợp lệ" in message
    assert "valid" not in message
