"""One date-time box in the admin: shows and takes 31/01/2024 14:00, whatever the
browser's language, and refuses what is not a date and time in Vietnamese."""

import datetime
import zoneinfo

import pytest
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from core.admin_widgets import DayFirstDateTimeField, DayFirstDateTimeInput
from events.models import Meeting, MeetingDocument, Photo
from news.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"), timezone.override(HANOI):
        yield


@pytest.mark.parametrize(
    "typed",
    [
        "31/01/2024 14:00",
        "31/01/2024 14h00",
        "31/01/2024 14H00",
        "31/01/2024 14h",
        "  31/01/2024   14:00 ",
        "31/1/2024 14:00",
        "31-01-2024 14:00",
        "14h00 ngày 31/01/2024",
        "14:00 31/01/2024",
        "2024-01-31T14:00",
    ],
)
def test_day_first_time_is_read_in_hanoi_time(typed):
    """Each way staff write 14h00 on 31 January 2024 gives that moment in Hanoi."""
    value = DayFirstDateTimeField().clean(typed)
    assert value == datetime.datetime(2024, 1, 31, 14, 0, tzinfo=HANOI)


@pytest.mark.parametrize(
    "typed",
    [
        "31/02/2024 14:00",
        "01/31/2024 14:00",
        "31/01/2024 25:00",
        "31/01/2024",
        "mai",
        "2024-31-01 14:00",
        "31/01/2024 14:00 <script>",
    ],
)
def test_nonsense_is_refused_in_vietnamese(typed):
    """A date that does not exist, month first, no time, or words: one Vietnamese
    sentence that shows the way to write it."""
    with pytest.raises(ValidationError) as refused:
        DayFirstDateTimeField().clean(typed)
    assert refused.value.messages == [
        "Ngày giờ không hợp lệ: hãy viết theo dạng ngày/tháng/năm giờ:phút, "
        "ví dụ 31/01/2024 14:00."
    ]


def test_the_box_shows_day_first_in_hanoi_time():
    """A stored UTC moment shows as 05/02/2024 14:30 in one text box with an
    example, never a browser picker."""
    moment = datetime.datetime(2024, 2, 5, 7, 30, tzinfo=datetime.UTC)
    field = DayFirstDateTimeField()
    html = field.widget.render("published_at", field.prepare_value(moment))
    assert 'type="text"' in html
    assert 'value="05/02/2024 14:30"' in html
    assert 'placeholder="31/01/2024 14:00"' in html
    assert "datetime-local" not in html


def test_a_form_with_two_boxes_is_still_read():
    """A page opened before the change sends name_0 and name_1: still saved."""
    widget = DayFirstDateTimeInput()
    data = {"published_at_0": "05/02/2024", "published_at_1": "14:30"}
    assert widget.value_from_datadict(data, {}, "published_at") == "05/02/2024 14:30"
    assert not widget.value_omitted_from_data(data, {}, "published_at")
    assert widget.value_omitted_from_data({}, {}, "published_at")


def editable_datetime_fields(model):
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, models.DateTimeField) and field.editable
    ]


def test_every_datetime_in_every_admin_uses_the_one_box(admin_user):
    """Article.published_at, Meeting.starts_at, Photo.taken_at and every other
    editable date-time of every admin form get the day-first field."""
    request = RequestFactory().get("/")
    request.user = admin_user
    seen = set()
    for model, model_admin in admin.site._registry.items():
        form = model_admin.get_form(request)
        for field in editable_datetime_fields(model):
            if field.name in form.base_fields:
                assert isinstance(form.base_fields[field.name], DayFirstDateTimeField)
                assert isinstance(
                    form.base_fields[field.name].widget, DayFirstDateTimeInput
                )
                seen.add(f"{model._meta.label}.{field.name}")
    assert {"news.Article.published_at", "events.Meeting.starts_at",
            "events.Photo.taken_at"} <= seen  # fmt: skip


def test_dates_keep_the_admin_calendar_and_show_day_first(admin_user):
    """A DateField keeps the admin's date box (with its calendar), day first."""
    request = RequestFactory().get("/")
    request.user = admin_user
    form = admin.site._registry[MeetingDocument].get_form(request)
    widget = form.base_fields["date"].widget
    assert isinstance(widget, AdminDateWidget)
    html = widget.render("date", datetime.date(2024, 2, 5))
    assert 'value="05/02/2024"' in html


def test_article_form_has_one_publication_box(admin_client):
    """The article form shows published_at as one box, 05/02/2024 14:30."""
    article = ArticleFactory(
        published_at=datetime.datetime(2024, 2, 5, 14, 30, tzinfo=HANOI)
    )
    page = admin_client.get(
        reverse("admin:news_article_change", args=[article.pk])
    ).content.decode()
    assert 'name="published_at" value="05/02/2024 14:30"' in page
    assert "published_at_0" not in page


def test_article_saved_with_14h30_is_stored_in_hanoi_time(admin_client):
    """Typing 05/02/2024 14h30 stores 5 February 2024 at 14:30 in Hanoi."""
    from tests.news.test_admin import article_form

    data = article_form(status="published", published_at="05/02/2024 14h30")
    del data["published_at_0"], data["published_at_1"]
    response = admin_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 302
    stored = Article.objects.get().published_at
    assert stored == datetime.datetime(2024, 2, 5, 14, 30, tzinfo=HANOI)


def test_meeting_with_a_nonsense_time_is_refused(admin_client):
    """A meeting whose start is "mai 2h" is not saved; the form says why."""
    from tests.events.test_admin import meeting_form

    data = meeting_form(starts_at="mai 2h")
    data.pop("starts_at_0", None)
    data.pop("starts_at_1", None)
    response = admin_client.post(reverse("admin:events_meeting_add"), data)
    assert response.status_code == 200
    assert "starts_at" in response.context["adminform"].form.errors
    assert not Meeting.objects.exists()
    assert Photo.objects.count() == 0
