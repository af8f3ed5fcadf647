"""Awards go to exactly one recipient: a person or a collective."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from awards.models import Award
from tests.factories import AwardFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

ONE_RECIPIENT = "An award goes to one person or one collective: choose exactly one."


def test_award_to_both_a_person_and_a_unit_is_refused():
    """The database refuses an award with two recipients."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.create(
            kind=Award.Kind.CERTIFICATE_OF_MERIT,
            year=2023,
            recipient_person=PersonFactory(),
            recipient_unit=UnitFactory(),
        )


def test_award_to_nobody_is_refused():
    """The database refuses an award with no recipient."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.create(kind=Award.Kind.CERTIFICATE, year=2023)


def test_update_cannot_add_a_second_recipient_or_remove_the_only_one():
    """Updates that bypass save() meet the same rule."""
    award = AwardFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.filter(pk=award.pk).update(recipient_unit=UnitFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.filter(pk=award.pk).update(recipient_person=None)


def test_bulk_created_award_without_recipient_is_refused():
    """bulk_create cannot slip in an award without a recipient."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.bulk_create([Award(kind=Award.Kind.CERTIFICATE, year=2023)])


def test_award_to_one_person():
    """An award to a person alone is kept; it is not collective."""
    person = PersonFactory(full_name="Ngô Thị Yến")
    award = Award.objects.create(
        kind=Award.Kind.GRASSROOTS_FIGHTER, year=2023, recipient_person=person
    )
    award.full_clean()
    assert award.recipient == person
    assert not award.is_collective


def test_award_to_one_collective():
    """An award to a unit alone is kept; it is collective."""
    unit = UnitFactory(name="Phòng Tổ chức – Hành chính")
    award = Award.objects.create(
        kind=Award.Kind.EXCELLENT_COLLECTIVE, year=2023, recipient_unit=unit
    )
    award.full_clean()
    assert award.recipient == unit
    assert award.is_collective


def test_award_year_out_of_range_is_refused():
    """The database refuses years before 1950 or after 2100."""
    for year in (1949, 2101):
        with pytest.raises(IntegrityError), transaction.atomic():
            Award.objects.create(
                kind=Award.Kind.CERTIFICATE, year=year, recipient_person=PersonFactory()
            )


def _recipient_errors(award):
    with pytest.raises(ValidationError) as error:
        award.full_clean()
    return error.value.message_dict[NON_FIELD_ERRORS]


@pytest.mark.parametrize("recipients", ["both", "none"])
def test_full_clean_explains_the_rule(recipients):
    """full_clean refuses two recipients or none with the constraint's message, in
    the active language."""
    award = Award(kind=Award.Kind.CERTIFICATE, year=2023)
    if recipients == "both":
        award.recipient_person = PersonFactory()
        award.recipient_unit = UnitFactory()

    with translation.override("en"):
        assert _recipient_errors(award) == [ONE_RECIPIENT]
    with translation.override("vi"):
        assert _recipient_errors(award) == [translation.gettext(ONE_RECIPIENT)]
        [message] = _recipient_errors(award)
    assert message != ONE_RECIPIENT, "the Vietnamese catalogue translates the rule"
    assert "tập thể" in message
