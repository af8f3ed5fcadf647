"""Writing the awards and elected lists an old article announces (news.grammar).

``write_awards`` makes one ``awards.Award`` per recipient read and
``write_elected`` one ``events.ElectedBody`` per list with its members. Who a name
is stays the importer's decision: both take its resolvers (``resolve_person(name,
honorific)`` → Person or None, ``resolve_unit(name)`` → Unit or None), so that an
award's recipient and an attendee of the same name are matched by one rule. Every
award made waits for the editor (``pending_import``) like the article's other rows.
Both return the rows made and what the editor must check, in Vietnamese.

The awards app sits beside news, so its model is reached through the meeting's
relation to it, as events reaches the articles (events.models.MeetingQuerySet).
"""

from events.models import ElectedBody, ElectedMember, Meeting


def award_model():
    return Meeting._meta.get_field("awards").related_model


def award_year(parsed, meeting):
    """The year an award is filed under: its decision's, else the last year the text
    gives it ("2023–2024" → 2024), else its meeting's; None when nothing says."""
    if parsed.decision_date:
        return parsed.decision_date.year
    if parsed.year:
        return int(parsed.year[-4:])
    return meeting.starts_at.year if meeting and meeting.starts_at else None


def write_awards(parsed_awards, meeting, resolve_person, resolve_unit):
    """One pending award per recipient of each parsed award; an award already
    recorded (same form, title, year, decision and recipient) is not made twice."""
    Award = award_model()
    rows, checks = [], []
    for parsed in parsed_awards:
        checks += [f"Khen thưởng “{parsed.title}”: {doubt}." for doubt in parsed.doubts]
        year = award_year(parsed, meeting)
        if year is None:
            checks.append(f"Khen thưởng “{parsed.title}”: không rõ năm, chưa ghi.")
            continue
        for recipient in parsed.recipients:
            who = recipient_of(recipient, resolve_person, resolve_unit)
            if who is None:
                checks.append(
                    f"Khen thưởng “{parsed.title}”: chưa xác định được "
                    f"“{recipient.source}”."
                )
                continue
            award, created = Award.objects.get_or_create(
                kind=parsed.kind,
                title=parsed.title[:300],
                year=year,
                decision_number=parsed.decision_number[:60],
                **who,
                defaults={
                    "decision_date": parsed.decision_date,
                    "issuer": parsed.issuer[:200],
                    "meeting": meeting,
                    "pending_import": True,
                },
            )
            if created:
                rows.append(award)
    return rows, checks


def recipient_of(recipient, resolve_person, resolve_unit):
    """The award's recipient fields for a parsed recipient, or None if unresolved."""
    if recipient.is_person:
        person = resolve_person(recipient.person, recipient.honorific)
        return {"recipient_person": person, "recipient_unit": None} if person else None
    unit = resolve_unit(recipient.unit)
    return {"recipient_person": None, "recipient_unit": unit} if unit else None


def write_elected(parsed_bodies, meeting, resolve_person):
    """Each elected list as a body of ``meeting`` with its members in order; a body
    the meeting already has (same name and term) is left as it is."""
    rows, checks = [], []
    if not parsed_bodies:
        return rows, checks
    if meeting is None:
        return rows, ["Có danh sách bầu nhưng không có sự kiện: chưa ghi danh sách."]
    start = meeting.elected_bodies.count()
    for order, parsed in enumerate(parsed_bodies, start=start + 1):
        checks += [
            f"Danh sách bầu “{parsed.body}”: {doubt}." for doubt in parsed.doubts
        ]
        if meeting.elected_bodies.filter(name=parsed.name, term=parsed.term).exists():
            checks.append(f"“{parsed.body}” đã có trong sự kiện: giữ nguyên.")
            continue
        body = ElectedBody.objects.create(
            meeting=meeting, name=parsed.name[:300], term=parsed.term[:40], order=order
        )
        ElectedMember.objects.bulk_create(
            member_row(body, number, member, resolve_person)
            for number, member in enumerate(parsed.members, start=1)
        )
        rows.append(body)
    return rows, checks


def member_row(body, order, member, resolve_person):
    person = resolve_person(member.person, member.honorific)
    return ElectedMember(
        body=body,
        person=person,
        name="" if person else member.person[:200],
        position=member.position[:250],
        role=member.office[:100],
        order=order,
    )
