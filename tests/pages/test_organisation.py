"""The organisation page (/gioi-thieu/co-cau-to-chuc/): the unit tree, each unit's
leaders by rank then given name, their contacts with consent; and the orders a unit's
page, the honour roll and a meeting's awards give people."""

import datetime
import re

import pytest

from people.models import Unit
from tests.factories import (
    AwardFactory,
    MeetingFactory,
    PersonFactory,
    PositionFactory,
    UnitFactory,
)
from tests.helpers import json_ld, links, templates, text

pytestmark = pytest.mark.django_db

ORGANISATION = "/gioi-thieu/co-cau-to-chuc/"


@pytest.fixture
def college():
    """The school, its board (head and deputies whose names sort the other way),
    and three units of the same order whose names code-point order misplaces."""
    Unit.objects.all().delete()
    school = UnitFactory(
        name="Trường Cao đẳng Ngô Gia Tự Bắc Giang",
        kind=Unit.Kind.SCHOOL,
        order=0,
        phone="0204 3854 195",
        email="cdngt@bacgiang.edu.vn",
    )
    board = UnitFactory(
        name="Ban Giám hiệu",
        name_en="Board of Rectors",
        kind=Unit.Kind.BOARD,
        parent=school,
        order=10,
        phone="0204 3854 000",
        email="bgh@bacgiang.edu.vn",
    )
    for name in ["Hội Sinh viên", "Đoàn Thanh niên", "Công đoàn"]:
        UnitFactory(name=name, parent=school, order=50)
    people = {
        "head": PersonFactory(full_name="Vũ Thị Yến", honorific="TS."),
        "duc": PersonFactory(full_name="Nguyễn Văn Đức"),
        "huong": PersonFactory(full_name="Lê Thị Hương"),
        "dung": PersonFactory(full_name="Trần Văn Dũng"),
        "staff": PersonFactory(full_name="Đặng Văn An"),
    }
    PositionFactory(person=people["duc"], unit=board, title="Phó Hiệu trưởng")
    PositionFactory(person=people["huong"], unit=board, title="Phó Hiệu trưởng")
    PositionFactory(person=people["dung"], unit=board, title="Phó Hiệu trưởng")
    PositionFactory(person=people["head"], unit=board, title="Hiệu trưởng")
    PositionFactory(person=people["staff"], unit=board, title="Chuyên viên")
    return {"school": school, "board": board, **people}


def test_the_tree_of_units(client, college):
    response = client.get(ORGANISATION)
    page = text(response)

    assert response.status_code == 200
    assert "pages/organisation.html" in templates(response)
    assert "<h1>Cơ cấu tổ chức</h1>" in response.text
    assert '<h2 class="org-unit-name">' in response.text
    assert (
        '<h3 class="org-unit-name"><a href="/don-vi/ban-giam-hieu/">Ban Giám hiệu</a>'
        in response.text
    )
    # Same order: the Vietnamese alphabet, Đ after D and before H.
    assert page.index("Công đoàn") < page.index("Đoàn Thanh niên")
    assert page.index("Đoàn Thanh niên") < page.index("Hội Sinh viên")
    assert page.index("Ban Giám hiệu") < page.index("Công đoàn")
    assert "Board of Rectors" not in page


def test_a_unit_under_a_unit_is_nested_below_it(client, college):
    cell = UnitFactory(name="Chi bộ Khoa Sư phạm", parent=college["board"])

    response = client.get(ORGANISATION)

    board_item = response.text.split("/don-vi/ban-giam-hieu/")[1]
    assert cell.get_absolute_url() in board_item.split("/don-vi/cong-doan/")[0]
    assert '<h4 class="org-unit-name">' in response.text


def test_the_head_comes_before_the_deputies_whatever_their_names(client, college):
    """Hiệu trưởng first, then the Phó Hiệu trưởng by given name: Dũng, Đức, Hương
    (code-point order would put Đức after Hương)."""
    page = text(client.get(ORGANISATION))

    order = [
        page.index(name)
        for name in [
            "TS. Vũ Thị Yến",
            "Trần Văn Dũng",
            "Nguyễn Văn Đức",
            "Lê Thị Hương",
        ]
    ]
    assert order == sorted(order)
    assert "Hiệu trưởng TS. Vũ Thị Yến" in page
    # Staff who lead nothing are on the unit's own page, not here.
    assert "Đặng Văn An" not in page


def test_past_positions_are_not_leaders(client, college):
    PositionFactory(
        person=PersonFactory(full_name="Hoàng Văn Cũ"),
        unit=college["board"],
        title="Hiệu trưởng",
        start=datetime.date(2010, 1, 1),
        end=datetime.date(2015, 1, 1),
    )

    assert "Hoàng Văn Cũ" not in text(client.get(ORGANISATION))


def test_without_consent_a_leader_shows_the_units_contacts(client, college):
    head = college["head"]
    head.phone, head.email = "0912 345 678", "yen.rieng@example.com"
    head.save()

    response = client.get(ORGANISATION)

    assert "0912 345 678" not in response.text
    assert "yen.rieng@example.com" not in response.text
    assert "tel:02043854000" in links(response)
    assert "mailto:bgh@bacgiang.edu.vn" in links(response)


def test_with_consent_a_leader_shows_their_own_contacts(client, college):
    head = college["head"]
    head.phone, head.email = "0912.345.678", "yen.rieng@example.com"
    head.contacts_public = True
    head.save()

    response = client.get(ORGANISATION)
    leader = response.text.split("TS. Vũ Thị Yến")[1].split("</li>")[0]

    assert 'href="tel:0912345678"' in leader
    assert 'href="mailto:yen.rieng@example.com"' in leader
    assert ">0912.345.678</a>" in leader
    # The deputies, who gave no consent, keep the board's.
    deputy = response.text.split("Trần Văn Dũng")[1].split("</li>")[0]
    assert 'href="tel:02043854000"' in deputy


def test_a_unit_without_leaders_shows_its_own_contacts(client, college):
    response = client.get(ORGANISATION)
    school_item = response.text.split("Trường Cao đẳng Ngô Gia Tự Bắc Giang</a>")[1]

    assert 'href="tel:02043854195"' in school_item.split("<ul")[0]


def test_the_structured_data(client, college):
    [data] = [d for d in json_ld(client.get(ORGANISATION)) if d["@type"] != "AboutPage"]

    assert data["@type"] == "CollegeOrUniversity"
    assert data["name"] == "Trường Cao đẳng Ngô Gia Tự Bắc Giang"
    assert data["contactPoint"]["telephone"] == "0204 3854 195"
    departments = {d["name"]: d for d in data["department"]}
    assert set(departments) == {
        "Ban Giám hiệu",
        "Công đoàn",
        "Đoàn Thanh niên",
        "Hội Sinh viên",
    }
    assert departments["Ban Giám hiệu"]["contactPoint"]["email"] == (
        "bgh@bacgiang.edu.vn"
    )
    assert departments["Ban Giám hiệu"]["url"].endswith("/don-vi/ban-giam-hieu/")


def test_a_name_cannot_close_the_structured_data_script(client, college):
    UnitFactory(name="Khoa </script><script>alert(1)</script>", parent=None)

    response = client.get(ORGANISATION)

    assert "<script>alert(1)" not in response.text
    assert json_ld(response)[0]["department"]


@pytest.mark.usefixtures("warm_office")
def test_the_query_count_is_fixed(client, college, django_assert_num_queries):
    """Units, leaders and the menu's pages: three queries for a few units or many."""
    with django_assert_num_queries(3):
        assert client.get(ORGANISATION).status_code == 200
    for number in range(15):
        unit = UnitFactory(parent=college["school"], phone=f"0204 000 {number:03}")
        for title in ["Trưởng khoa", "Phó Trưởng khoa", "Phó Trưởng khoa"]:
            PositionFactory(unit=unit, title=title)
    with django_assert_num_queries(3):
        response = client.get(ORGANISATION)
    assert text(response).count("Phó Trưởng khoa") == 30


def test_no_units_yet(client):
    Unit.objects.all().delete()

    response = client.get(ORGANISATION)

    assert response.status_code == 200
    assert "Chưa có đơn vị nào được ghi nhận." in text(response)


# ---------------------------------------------------------------- a unit's page


def test_a_unit_page_shows_the_vietnamese_name_only(client, college):
    response = client.get(college["board"].get_absolute_url())

    assert "Ban Giám hiệu" in text(response)
    assert "Board of Rectors" not in response.text


def test_a_unit_page_lists_its_people_by_rank_then_given_name(client, college):
    page = text(client.get(college["board"].get_absolute_url()))

    order = [
        page.index(name)
        for name in [
            "TS. Vũ Thị Yến",
            "Trần Văn Dũng",
            "Nguyễn Văn Đức",
            "Lê Thị Hương",
            "Đặng Văn An",
        ]
    ]
    assert order == sorted(order)


def test_a_unit_page_lists_its_subunits_in_vietnamese_order(client, college):
    page = text(client.get(college["school"].get_absolute_url()))
    section = page.split("Đơn vị trực thuộc")[1]

    assert section.index("Công đoàn") < section.index("Đoàn Thanh niên")
    assert section.index("Đoàn Thanh niên") < section.index("Hội Sinh viên")


# ---------------------------------------------------------------- awards


def awards_to(names, **extra):
    for name in names:
        AwardFactory(recipient_person=PersonFactory(full_name=name), **extra)


def test_the_honour_roll_lists_people_in_vietnamese_order(client):
    awards_to(["Lê Thị Hương", "Nguyễn Văn Đức", "Trần Văn Dũng"])

    page = text(client.get("/khen-thuong/"))

    assert page.index("Trần Văn Dũng") < page.index("Nguyễn Văn Đức")
    assert page.index("Nguyễn Văn Đức") < page.index("Lê Thị Hương")


def test_awards_at_a_meeting_list_people_in_vietnamese_order(client):
    meeting = MeetingFactory()
    awards_to(["Lê Thị Hương", "Nguyễn Văn Đức", "Trần Văn Dũng"], meeting=meeting)

    response = client.get(f"/su-kien/{meeting.slug}/")
    section = text(response).split("Khen thưởng được trao")[-1]

    assert response.status_code == 200
    assert re.search(r"Dũng.*Đức.*Hương", section)
