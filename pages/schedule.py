"""The weekly work schedule from the meetings, and its iCalendar feed.

Vietnamese offices publish a "lịch công tác tuần": each day of the week, Monday to
Sunday, with the hour, the business, the place, the organising unit and who chairs.
Here it is read from the meetings themselves, planned ones included (a meeting ahead
shows in the schedule long before the news sections list it: ``on_the_news()``).
Every meeting links to its page, which is public from the moment it is entered: the
schedule publishes the same facts.

A meeting whose source gives only the date (``time_known`` unticked) shows under its
day without an hour, and is an all-day event in the feed.
"""

import datetime
import re
import zoneinfo
from dataclasses import dataclass

import icalendar
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_safe

from core.html import script_json
from events.models import Attendee, Meeting

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")

# The weeks a visitor can open. Past them there is nothing to show, and the links
# from week to week must end somewhere for crawlers that follow them.
FIRST_YEAR = 2000
LAST_YEAR = 2099
# "2024-W05": an ISO 8601 week, as HTML's <input type="week"> writes it.
WEEK_PARAMETER = re.compile(r"(?P<year>[0-9]{4})-W(?P<number>[0-9]{2})")

# The feed: from four weeks back to twelve weeks ahead of the current week.
FEED_WEEKS_BEFORE = 4
FEED_WEEKS_AFTER = 12
# Meetings have no end time; calendars need one.
DEFAULT_DURATION = datetime.timedelta(hours=2)
FEED_FILENAME = "lich-cong-tac.ics"
# Subscribed calendars ask again this often (RFC 7986, and Outlook's own name).
FEED_REFRESH = datetime.timedelta(hours=1)

WEEKDAYS = [
    pgettext_lazy("weekday", "Monday"),
    pgettext_lazy("weekday", "Tuesday"),
    pgettext_lazy("weekday", "Wednesday"),
    pgettext_lazy("weekday", "Thursday"),
    pgettext_lazy("weekday", "Friday"),
    pgettext_lazy("weekday", "Saturday"),
    pgettext_lazy("weekday", "Sunday"),
]

# JSON inside a <script> must not close it nor open a comment.


@dataclass(frozen=True)
class Week:
    """An ISO 8601 week (Monday to Sunday), known by its Monday."""

    monday: datetime.date

    @classmethod
    def containing(cls, day):
        return cls(day - datetime.timedelta(days=day.weekday()))

    @classmethod
    def current(cls):
        return cls.containing(timezone.localdate(timezone=HANOI))

    @classmethod
    def parse(cls, value):
        """The week ``2024-W05`` names, or None when it names none we show
        (2024-W60, 2023-W53, 2024-W00, a year out of range, anything else)."""
        match = WEEK_PARAMETER.fullmatch(value)
        if match is None:
            return None
        year, number = int(match["year"]), int(match["number"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return None
        try:
            return cls(datetime.date.fromisocalendar(year, number, 1))
        except ValueError:
            return None

    @property
    def year(self):
        return self.monday.isocalendar().year

    @property
    def number(self):
        return self.monday.isocalendar().week

    @property
    def parameter(self):
        return f"{self.year}-W{self.number:02d}"

    @property
    def sunday(self):
        return self.monday + datetime.timedelta(days=6)

    @property
    def days(self):
        return [self.monday + datetime.timedelta(days=n) for n in range(7)]

    def shifted(self, weeks):
        """The week ``weeks`` later (earlier when negative), None out of range."""
        week = Week(self.monday + datetime.timedelta(weeks=weeks))
        return week if FIRST_YEAR <= week.year <= LAST_YEAR else None

    def start(self):
        """Monday 00:00 in Hanoi."""
        return datetime.datetime.combine(self.monday, datetime.time(), tzinfo=HANOI)

    def end(self):
        """The next Monday 00:00 in Hanoi (Vietnam keeps no summer time)."""
        return self.start() + datetime.timedelta(weeks=1)

    def label(self):
        """ "Tuần 05 (29/01/2024 – 04/02/2024)"."""
        return _("Week %(number)s (%(start)s – %(end)s)") % {
            "number": f"{self.number:02d}",
            "start": date_format(self.monday, "SHORT_DATE_FORMAT"),
            "end": date_format(self.sunday, "SHORT_DATE_FORMAT"),
        }

    def url(self):
        return f"{reverse('schedule')}?tuan={self.parameter}"


@dataclass
class Day:
    date: datetime.date
    name: str
    meetings: list
    is_today: bool


def meetings_between(start, end):
    """Meetings from ``start`` to before ``end``, with their organiser and chairs:
    two queries whatever their number (one when there is none). A meeting an import
    made waits for its article's publication (news.import_people)."""
    chairs = Attendee.objects.filter(role=Attendee.Role.CHAIR).select_related("person")
    return (
        Meeting.objects.filter(
            starts_at__gte=start, starts_at__lt=end, pending_import=False
        )
        .select_related("organizer")
        .prefetch_related(Prefetch("attendees", queryset=chairs, to_attr="chairs"))
        .order_by("starts_at", "pk")
    )


def local_day(meeting):
    return timezone.localtime(meeting.starts_at, HANOI).date()


def week_days(week, meetings):
    """The seven days, each with its meetings: those known only by their date
    first, then by the hour."""
    today = timezone.localdate(timezone=HANOI)
    days = []
    for number, date in enumerate(week.days):
        on_day = [m for m in meetings if local_day(m) == date]
        on_day.sort(key=lambda m: (m.time_known, m.starts_at, m.pk))
        days.append(Day(date, str(WEEKDAYS[number]), on_day, date == today))
    return days


def event_data(request, meeting):
    """A schema.org Event for the week's JSON-LD."""
    site_name = _("Ngo Gia Tu College, Bac Giang")
    place = meeting.location or (
        meeting.organizer.name if meeting.organizer else site_name
    )
    start = timezone.localtime(meeting.starts_at, HANOI)
    return {
        "@type": "Event",
        "name": meeting.title,
        "startDate": start.isoformat() if meeting.time_known else str(start.date()),
        "url": request.build_absolute_uri(meeting.get_absolute_url()),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": place,
            "address": {
                "@type": "PostalAddress",
                "addressRegion": _("Bac Giang province"),
                "addressCountry": "VN",
            },
        },
        "organizer": {
            "@type": "Organization",
            "name": meeting.organizer.name if meeting.organizer else site_name,
        },
    }


def week_json_ld(request, title, meetings):
    """An ItemList of the week's meetings, ready for a ld+json script."""
    data = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": title,
        "numberOfItems": len(meetings),
        "itemListElement": [
            {"@type": "ListItem", "position": n, "item": event_data(request, m)}
            for n, m in enumerate(meetings, start=1)
        ],
    }
    return script_json(data)


@require_safe
def schedule(request):
    """The week ``?tuan=2024-W05`` (this week in Hanoi without it), day by day.

    A week that does not exist or lies out of range is a 404.
    """
    this_week = Week.current()
    value = request.GET.get("tuan", "")
    week = Week.parse(value) if value else this_week
    if week is None:
        raise Http404(_("There is no such week."))
    meetings = list(meetings_between(week.start(), week.end()))
    title = _("Work schedule") + " – " + week.label()
    feed = reverse("schedule_ics")
    context = {
        "week": week,
        "title": title,
        "days": week_days(week, meetings),
        "meetings": meetings,
        "previous": week.shifted(-1),
        "next": week.shifted(1),
        "is_this_week": week == this_week,
        # A given week's address is its own; this week's is the plain one.
        "page_path": reverse("schedule") if not value else week.url(),
        "feed_url": feed,
        "webcal_url": f"webcal://{request.get_host()}{feed}",
        "json_ld": week_json_ld(request, title, meetings) if meetings else "",
    }
    return TemplateResponse(request, "pages/schedule.html", context)


# ---------------------------------------------------------------- the feed


def feed_description(meeting, url):
    """The event's text: kind, place, organiser, chairs, summary and address,
    plain text (calendars show no HTML)."""
    lines = [f"{_('Kind')}: {meeting.get_kind_display()}"]
    if meeting.location:
        lines.append(f"{_('Place')}: {meeting.location}")
    if meeting.organizer:
        lines.append(f"{_('Organised by')}: {meeting.organizer.name}")
    if meeting.chairs:
        names = "; ".join(chair_name(chair) for chair in meeting.chairs)
        lines.append(f"{_('Chair')}: {names}")
    if meeting.summary:
        lines += ["", meeting.summary]
    lines += ["", url]
    return "\n".join(lines)


def chair_name(attendee):
    """ "TS. Nguyễn Hoàng Quỳnh – Hiệu trưởng", as the page writes it."""
    if attendee.position_at_time:
        return f"{attendee.display_name} – {attendee.position_at_time}"
    return attendee.display_name


def feed_event(request, meeting, domain):
    """One VEVENT; its UID stays the same for as long as the meeting exists."""
    url = request.build_absolute_uri(meeting.get_absolute_url())
    event = icalendar.Event()
    event.add("uid", f"meeting-{meeting.pk}@{domain}")
    # Without METHOD, DTSTAMP is when the event last changed (RFC 5545 3.8.7.2),
    # so the feed's bytes change only when a meeting does.
    event.add("dtstamp", meeting.updated_at)
    event.add("last-modified", meeting.updated_at)
    start = timezone.localtime(meeting.starts_at, HANOI)
    if meeting.time_known:
        event.add("dtstart", start)
        event.add("dtend", start + DEFAULT_DURATION)
    else:
        event.add("dtstart", start.date())
        event.add("dtend", start.date() + datetime.timedelta(days=1))
    event.add("summary", meeting.title)
    if meeting.location:
        event.add("location", meeting.location)
    event.add("description", feed_description(meeting, url))
    event.add("categories", [meeting.get_kind_display()])
    event.add("url", url)
    return event


@require_safe
def schedule_ics(request):
    """The meetings from four weeks back to twelve ahead, as an iCalendar file
    (RFC 5545) that phones and calendar programs subscribe to."""
    this_week = Week.current()
    start = this_week.start() - datetime.timedelta(weeks=FEED_WEEKS_BEFORE)
    end = this_week.end() + datetime.timedelta(weeks=FEED_WEEKS_AFTER)
    domain, _port = split_domain_port(request.get_host())
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Truong Cao dang Ngo Gia Tu Bac Giang//Lich cong tac//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    name = _("Work schedule") + " – " + _("Ngo Gia Tu College, Bac Giang")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", HANOI.key)
    calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(FEED_REFRESH))
    # The zone's rules for the years the site shows, fixed so that the file's bytes
    # do not change from one day to the next; before the events that name it.
    calendar.add_component(
        icalendar.Timezone.from_tzid(
            HANOI.key,
            first_date=datetime.date(FIRST_YEAR, 1, 1),
            last_date=datetime.date(LAST_YEAR + 1, 1, 1),
        )
    )
    for meeting in meetings_between(start, end):
        calendar.add_component(feed_event(request, meeting, domain))
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{FEED_FILENAME}"'
    return response


urlpatterns = [
    path("lich-cong-tac/", schedule, name="schedule"),
    path("lich-cong-tac.ics", schedule_ics, name="schedule_ics"),
]
