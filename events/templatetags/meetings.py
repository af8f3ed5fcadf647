"""What a meeting's facts show: ``{% load meetings %}``."""

from django import template
from django.utils.translation import gettext, gettext_noop

register = template.Library()

# The groups of attendees, in the order the facts list them: a group's heading, the
# roles it gathers, and whether each one's role is named beside them.
ATTENDEE_GROUPS = (
    (gettext_noop("Chair"), ("chair",), False),
    (gettext_noop("Reports and speeches"), ("reporter", "speaker", "announcer"), True),
    (gettext_noop("Guest"), ("guest",), False),
    (gettext_noop("Participant"), ("participant",), False),
)


@register.filter
def attendee_groups(attendees):
    """``attendees`` as [(heading, show_role, members)], only the groups that have
    someone, the editor's order kept inside each: one pass over the attendees
    instead of one loop per group in the template."""
    members = {roles: [] for _heading, roles, _show in ATTENDEE_GROUPS}
    group_of = {
        role: roles for _heading, roles, _show in ATTENDEE_GROUPS for role in roles
    }
    for attendee in attendees:
        roles = group_of.get(attendee.role)
        if roles is not None:
            members[roles].append(attendee)
    return [
        (gettext(heading), show_role, members[roles])
        for heading, roles, show_role in ATTENDEE_GROUPS
        if members[roles]
    ]
