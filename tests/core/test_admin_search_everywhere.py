"""Every admin list with a search box finds Vietnamese typed without tone marks,
on SQLite and on PostgreSQL: "dang uy" finds "Đảng ủy", "quyet dinh" finds
"Quyết định", whatever the list."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from contact.models import Message
from events.models import Attendee
from pages.models import IntroPage
from tests.documents.helpers import make_document
from tests.factories import (
    ArticleFactory,
    AttendeeFactory,
    AwardFactory,
    CampaignFactory,
    CategoryFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    PersonFactory,
    PhotoFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def guest(name):
    """An attendee without a person record: only their name as written."""
    return AttendeeFactory(person=None, name=name, role=Attendee.Role.GUEST)


# For each list: the row with tone marks in a searched field, a row without them
# (which must stay out), and the query typed without tone marks.
ROWS = {
    "auth.user": (
        lambda: UserFactory(first_name="Quyết", last_name="Định"),
        lambda: UserFactory(first_name="Tuyển", last_name="Cao Đẳng"),
        "quyet dinh",
    ),
    "auth.group": (
        lambda: Group.objects.create(name="Ban Đảng ủy"),
        lambda: Group.objects.create(name="Cao đẳng tuyển sinh"),
        "dang uy",
    ),
    "people.unit": (
        lambda: UnitFactory(name="Đảng ủy Trường"),
        lambda: UnitFactory(name="Phòng Tuyển sinh Cao đẳng"),
        "dang uy",
    ),
    "people.person": (
        lambda: PersonFactory(full_name="Nguyễn Quyết Định"),
        lambda: PersonFactory(full_name="Nguyễn Thị Quyên"),
        "quyet dinh",
    ),
    "events.meeting": (
        lambda: MeetingFactory(title="Hội nghị Ban Chấp hành Đảng ủy"),
        lambda: MeetingFactory(title="Hội nghị tuyển sinh Cao đẳng"),
        "dang uy",
    ),
    "events.attendee": (
        lambda: guest("Đại diện Đảng ủy khối"),
        lambda: guest("Đại diện Phòng Tuyển sinh Cao đẳng"),
        "dang uy",
    ),
    "events.meetingdocument": (
        lambda: MeetingDocumentFactory(title="Quyết định thành lập Ban tổ chức"),
        lambda: MeetingDocumentFactory(title="Kế hoạch tuyển sinh"),
        "quyet dinh",
    ),
    "events.photo": (
        lambda: PhotoFactory(caption="Đồng chí Bí thư Đảng ủy phát biểu"),
        lambda: PhotoFactory(caption="Sinh viên Cao đẳng tuyển sinh"),
        "dang uy",
    ),
    "news.category": (
        lambda: CategoryFactory(name="Hoạt động Đảng ủy"),
        lambda: CategoryFactory(name="Tuyển sinh Cao đẳng"),
        "dang uy",
    ),
    "news.article": (
        lambda: ArticleFactory(title="Trao Quyết định bổ nhiệm"),
        lambda: ArticleFactory(title="Thông báo tuyển sinh"),
        "quyet dinh",
    ),
    "awards.campaign": (
        lambda: CampaignFactory(name="Thi đua chào mừng Đại hội Đảng ủy"),
        lambda: CampaignFactory(name="Thi đua tuyển sinh Cao đẳng"),
        "dang uy",
    ),
    "awards.award": (
        lambda: AwardFactory(citation="Theo Quyết định của Hiệu trưởng"),
        lambda: AwardFactory(citation="Tuyển sinh giỏi"),
        "quyet dinh",
    ),
    "documents.document": (
        lambda: make_document(number="1/QĐ-CĐNGT", title="Quyết định thành lập Ban"),
        lambda: make_document(number="2/KH-CĐNGT", title="Kế hoạch tuyển sinh"),
        "quyet dinh",
    ),
    "contact.message": (
        lambda: Message.objects.create(
            name="Lan", email="lan@example.com", subject="Hỏi về Đảng ủy", text="?"
        ),
        lambda: Message.objects.create(
            name="Hà", phone="0912345678", subject="Tuyển sinh Cao đẳng", text="?"
        ),
        "dang uy",
    ),
    "pages.intropage": (
        lambda: IntroPage.objects.create(title="Chức năng của Đảng ủy", slug="a"),
        lambda: IntroPage.objects.create(title="Tuyển sinh Cao đẳng", slug="b"),
        "dang uy",
    ),
}


def searchable_lists():
    return {
        model._meta.label_lower
        for model, model_admin in admin.site._registry.items()
        if model_admin.search_fields
    }


def test_every_list_with_a_search_box_is_covered():
    """A list with a search box added later must join the table above."""
    assert searchable_lists() == set(ROWS)


@pytest.mark.parametrize("label", sorted(ROWS))
def test_a_search_without_tones_finds_the_row_with_them(staff_client, label):
    """The query without tone marks finds the row that has them, and not a row
    whose words merely contain its letters ("Cao đẳng", "tuyển")."""
    make, make_decoy, query = ROWS[label]
    row = make()
    decoy = make_decoy()
    app_label, model_name = label.split(".")
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    for typed in [query, query.upper()]:
        response = staff_client.get(url, {"q": typed})
        assert response.status_code == 200
        found = {obj.pk for obj in response.context["cl"].result_list}
        assert row.pk in found, (label, typed)
        assert decoy.pk not in found, (label, typed)


def test_a_meeting_is_found_by_a_guests_name(staff_client):
    """A guest without a person record finds their meeting, tone marks or not."""
    attendee = guest("Bà Trần Thị Quyết")
    MeetingFactory()
    url = reverse("admin:events_meeting_changelist")
    response = staff_client.get(url, {"q": "tran thi quyet"})
    assert [m.pk for m in response.context["cl"].result_list] == [attendee.meeting_id]


def test_a_document_is_found_by_its_number_as_typed(staff_client):
    """A number with slashes and Đ is found as typed and without the mark."""
    document = MeetingDocumentFactory(number="15/QĐ-CĐNGT")
    MeetingDocumentFactory(number="16/KH-CĐNGT")
    url = reverse("admin:events_meetingdocument_changelist")
    for typed in ["15/QĐ", "15/qd"]:
        response = staff_client.get(url, {"q": typed})
        assert [d.pk for d in response.context["cl"].result_list] == [document.pk]


def test_existing_rows_are_folded_by_the_migration():
    """Rows saved before the folded columns existed get them from the data
    migrations (their ``fill`` functions, run here on rows emptied by hand)."""
    from importlib import import_module

    from django.apps import apps

    from awards.models import Award, Campaign
    from events.models import MeetingDocument
    from news.models import Category

    award = AwardFactory(citation="Quyết định khen")
    campaign = CampaignFactory(name="Thi đua Đảng ủy")
    document = MeetingDocumentFactory(title="Quyết định")
    attendee = guest("Đảng ủy viên")
    category = CategoryFactory(name="Đảng ủy")
    Award.objects.update(search_text="")
    Campaign.objects.update(search_text="")
    MeetingDocument.objects.update(search_text="")
    Attendee.objects.update(search_text="")
    Category.objects.update(name_folded="")
    for module in [
        "awards.migrations.0002_search_text",
        "events.migrations.0007_own_rights_and_search_text",
        "news.migrations.0012_category_name_folded_and_roles",
    ]:
        import_module(module).fill(apps, None)
    for row in [award, campaign, document, attendee, category]:
        row.refresh_from_db()
    assert "quyet dinh" in award.search_text
    assert "dang uy" in campaign.search_text
    assert "quyet dinh" in document.search_text
    assert "dang uy" in attendee.search_text
    assert category.name_folded == "dang uy"
