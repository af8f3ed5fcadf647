"""Awards in the admin: one recipient, clear messages, useful filters."""

import pytest
from django.urls import reverse

from awards.models import Award
from tests.factories import AwardFactory, CampaignFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

ONE_RECIPIENT = "Mỗi khen thưởng dành cho một cá nhân hoặc một tập thể"


def award_form(**overrides):
    data = {
        "kind": Award.Kind.CERTIFICATE_OF_MERIT,
        "title": "Đã có thành tích xuất sắc năm 2023",
        "year": "2023",
        "recipient_person": "",
        "recipient_unit": "",
        "decision_number": "",
        "decision_date": "",
        "issuer": "",
        "citation": "",
        "campaign": "",
        "meeting": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("both", [True, False], ids=["both", "neither"])
def test_award_needs_exactly_one_recipient(staff_client, both):
    """Both recipients, or none, get one Vietnamese message and nothing is saved."""
    data = award_form()
    if both:
        data.update(
            recipient_person=PersonFactory().pk, recipient_unit=UnitFactory().pk
        )
    response = staff_client.post(reverse("admin:awards_award_add"), data)
    assert response.status_code == 200
    assert ONE_RECIPIENT in response.content.decode()
    assert not Award.objects.exists()


def test_award_to_a_collective_saves(staff_client):
    """A Bằng khen to a unit with a Vietnamese decision date saves."""
    unit = UnitFactory(name="Phòng Tổ chức – Hành chính")
    response = staff_client.post(
        reverse("admin:awards_award_add"),
        award_form(recipient_unit=unit.pk, decision_date="25/01/2024"),
    )
    assert response.status_code == 302
    award = Award.objects.get()
    assert award.recipient == unit
    assert award.decision_date.isoformat() == "2024-01-25"


def test_impossible_decision_date_is_refused(staff_client):
    """31/02/2024 is refused with a message."""
    response = staff_client.post(
        reverse("admin:awards_award_add"),
        award_form(recipient_person=PersonFactory().pk, decision_date="31/02/2024"),
    )
    assert response.status_code == 200
    assert "decision_date" in response.context["adminform"].form.errors
    assert not Award.objects.exists()


def test_filters_by_year_kind_and_campaign(staff_client):
    """The honour roll's admin list filters by year, kind and movement."""
    campaign = CampaignFactory()
    wanted = AwardFactory(
        year=2023, kind=Award.Kind.GRASSROOTS_FIGHTER, campaign=campaign
    )
    AwardFactory(year=2022, kind=Award.Kind.ADVANCED_WORKER)
    url = reverse("admin:awards_award_changelist")
    for query in [
        {"year": "2023"},
        {"kind__exact": Award.Kind.GRASSROOTS_FIGHTER},
        {"campaign__id__exact": campaign.pk},
    ]:
        response = staff_client.get(url, query)
        assert list(response.context["cl"].result_list) == [wanted], query
