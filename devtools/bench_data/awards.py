"""Emulation campaigns and awards: each school year, a few dozen staff and units
honoured, mostly with the common titles and now and then a state one."""

import datetime

from awards.models import Award, Campaign
from devtools.bench_data.common import bulk, weighted
from events.models import Meeting
from people.models import Unit

INDIVIDUAL_AWARDS = [
    (Award.Kind.ADVANCED_WORKER, 60),
    (Award.Kind.GRASSROOTS_FIGHTER, 15),
    (Award.Kind.CERTIFICATE, 15),
    (Award.Kind.CERTIFICATE_OF_MERIT, 6),
    (Award.Kind.PROVINCIAL_FIGHTER, 3),
    (Award.Kind.PM_CERTIFICATE, 1),
]
COLLECTIVE_AWARDS = [
    (Award.Kind.ADVANCED_COLLECTIVE, 50),
    (Award.Kind.EXCELLENT_COLLECTIVE, 30),
    (Award.Kind.CERTIFICATE_OF_MERIT, 12),
    (Award.Kind.EMULATION_FLAG, 6),
    (Award.Kind.ORDER_OF_LABOUR, 2),
]
ISSUERS = {
    Award.Kind.ORDER_OF_LABOUR: "Chủ tịch nước",
    Award.Kind.PM_CERTIFICATE: "Thủ tướng Chính phủ",
    Award.Kind.CERTIFICATE_OF_MERIT: "Chủ tịch UBND tỉnh Bắc Giang",
    Award.Kind.EMULATION_FLAG: "Chủ tịch UBND tỉnh Bắc Giang",
    Award.Kind.PROVINCIAL_FIGHTER: "Chủ tịch UBND tỉnh Bắc Giang",
}


class AwardSteps:
    """The generator's step for awards.

    Uses ``rng``, ``log``, ``start``, ``end``, ``units``, ``school``, ``people`` and
    ``meetings`` (an award is presented at the next year's annual review).
    """

    def make_awards(self):
        annual = {}
        for meeting in self.meetings:
            if meeting.kind == Meeting.Kind.ANNUAL_REVIEW:
                annual.setdefault(meeting.starts_at.year, meeting)
        collectives = [u for u in self.units if u.kind != Unit.Kind.SCHOOL]
        rows = []
        for year in range(self.start.year, self.end.year):
            campaign, _ = Campaign.objects.get_or_create(
                name=f"Phong trào thi đua năm học {year - 1}–{year}",
                defaults={"period": str(year), "launched_by": self.school},
            )
            meeting = annual.get(year + 1)
            decision = datetime.date(year, 12, self.rng.randint(10, 28))
            title = f"Đã có thành tích xuất sắc trong năm học {year - 1}–{year}"
            individuals = self.rng.sample(
                self.people, min(40, max(3, len(self.people) // 20))
            )
            units = self.rng.sample(
                collectives, min(10, max(2, len(self.meetings) // 50))
            )
            recipients = [(p, None, INDIVIDUAL_AWARDS) for p in individuals]
            recipients += [(None, u, COLLECTIVE_AWARDS) for u in units]
            for person, unit, kinds in recipients:
                kind = weighted(self.rng, kinds)
                rows.append(
                    Award(
                        kind=kind,
                        title=title,
                        year=year,
                        recipient_person=person,
                        recipient_unit=unit,
                        decision_number=f"{self.rng.randint(100, 999)}/QĐ-CĐNGT",
                        decision_date=decision,
                        issuer=ISSUERS.get(
                            kind, "Hiệu trưởng Trường Cao đẳng Ngô Gia Tự Bắc Giang"
                        ),
                        campaign=campaign,
                        meeting=meeting,
                    )
                )
        bulk(Award, rows, self.log)
