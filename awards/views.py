"""The honour roll: awards by year, then by form, collectives apart from people."""

from itertools import groupby

from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from awards.models import Award

# /khen-thuong/ shows this many of the latest years; each year has its own page.
RECENT_YEARS = 3


@require_safe
def honour_roll(request, year=None):
    """The latest years' awards, or one year's (404 for a year with none).

    Fifteen years of a college's honours are several hundred names: too long a page
    for a phone, so the roll's front page holds the last ``RECENT_YEARS`` and links
    to every earlier year.
    """
    awards = Award.objects.public().select_related(
        "recipient_person", "recipient_unit", "meeting", "campaign"
    )
    years = list(
        Award.objects.public()
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    if year is not None:
        if year not in years:
            raise Http404
        awards = awards.filter(year=year)
    else:
        awards = awards.filter(year__in=years[:RECENT_YEARS])
    context = {
        "years": years,
        "year": year,
        "older_years": [] if year is not None else years[RECENT_YEARS:],
        "roll": group_awards(awards),
    }
    return TemplateResponse(request, "awards/honour_roll.html", context)


def group_awards(awards):
    """[(year, [(kind label, collectives, individuals)])], newest year first.

    Kinds follow the order of the Law's forms (``Award.Kind``), highest first;
    collectives as recorded, individuals in the Vietnamese order of their given
    names (``Person.sort_key``: "Dũng", "Đức", "Hương").
    """
    rank = {value: index for index, value in enumerate(Award.Kind.values)}

    def order(award):
        person = award.recipient_person
        name = (person.sort_key, person.full_name) if person else ("", "")
        return (-award.year, rank.get(award.kind, 99), name, award.pk)

    ordered = sorted(awards, key=order)
    roll = []
    for year, in_year in groupby(ordered, key=lambda a: a.year):
        kinds = []
        for _kind, of_kind in groupby(in_year, key=lambda a: a.kind):
            of_kind = list(of_kind)
            kinds.append(
                (
                    of_kind[0].get_kind_display(),
                    [a for a in of_kind if a.is_collective],
                    [a for a in of_kind if not a.is_collective],
                )
            )
        roll.append((year, kinds))
    return roll
