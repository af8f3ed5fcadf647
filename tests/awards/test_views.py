"""The honour roll: awards by year, then by form, collectives apart from people."""

import pytest

from awards.models import Award
from demo import content as demo
from tests.factories import AwardFactory, PersonFactory, UnitFactory
from tests.helpers import FACULTY, add_honours, links, templates, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def honours(demo_content):
    """Every form of award on the roll: the demo's and the tests' own."""
    add_honours()


def test_the_honour_roll_page(client, demo_content, honours):
    """/khen-thuong/ answers with its template and names every recipient."""
    response = client.get("/khen-thuong/")
    page = text(response)

    assert response.status_code == 200
    assert "awards/honour_roll.html" in templates(response)
    for name in [demo.TCHC, demo.YOUTH, FACULTY, demo.HUONG, demo.THU, demo.MO]:
        assert name in page


def test_the_roll_is_grouped_by_kind_in_the_laws_order(client, demo_content, honours):
    """Within a year the forms follow the Law's order: Bằng khen, then Chiến sĩ thi
    đua cơ sở, then Tập thể lao động xuất sắc, then Lao động tiên tiến."""
    response = client.get("/khen-thuong/")
    page = text(response)
    ((year, kinds),) = response.context["roll"]

    assert year == 2023
    assert [label for label, _collectives, _people in kinds] == [
        "Bằng khen",
        "Chiến sĩ thi đua cơ sở",
        "Tập thể lao động xuất sắc",
        "Lao động tiên tiến",
    ]
    positions = [page.index(label) for label, _c, _p in kinds]
    assert positions == sorted(positions)


def test_each_recipient_is_under_its_kind(client, demo_content, honours):
    """A recipient is listed after its form's heading and before the next one."""
    page = text(client.get("/khen-thuong/"))
    merit = page.index("Bằng khen")
    fighter = page.index("Chiến sĩ thi đua cơ sở")
    excellent = page.index("Tập thể lao động xuất sắc")
    advanced = page.index("Lao động tiên tiến")

    assert merit < page.index(demo.TCHC) < fighter
    assert merit < page.index(demo.YOUTH) < fighter
    assert fighter < page.index(demo.HUONG) < excellent
    assert excellent < page.index(FACULTY) < advanced
    assert advanced < page.index(demo.THU)
    assert advanced < page.index(demo.MO)


def test_collectives_and_individuals_are_apart(client, demo_content, honours):
    """Each form lists its collectives and its individuals separately."""
    ((_year, kinds),) = client.get("/khen-thuong/").context["roll"]
    groups = {label: (collectives, people) for label, collectives, people in kinds}

    collectives, people = groups["Bằng khen"]
    assert {a.recipient_unit.name for a in collectives} == {demo.TCHC, demo.YOUTH}
    assert people == []
    collectives, people = groups["Lao động tiên tiến"]
    assert collectives == []
    assert {a.recipient_person.full_name for a in people} == {demo.THU, demo.MO}


def test_recipients_and_meetings_are_linked(client, demo_content, honours):
    """Each award links to its recipient's page and to the meeting where it was
    presented."""
    hrefs = links(client.get("/khen-thuong/"))

    assert "/don-vi/phong-to-chuc-hanh-chinh/" in hrefs
    assert "/nhan-su/nguyen-thi-huong/" in hrefs
    assert f"/su-kien/{demo.ANNUAL_REVIEW}/" in hrefs


def test_newer_years_come_first(client, demo_content):
    """Years are listed newest first, each with its own awards."""
    AwardFactory(
        year=2024,
        kind=Award.Kind.CERTIFICATE,
        recipient_person=None,
        recipient_unit=UnitFactory(name="Phòng Đào tạo mới"),
    )

    response = client.get("/khen-thuong/")
    page = text(response)

    assert [year for year, _kinds in response.context["roll"]] == [2024, 2023]
    assert page.index("Phòng Đào tạo mới") < page.index(demo.TCHC)
    assert "/khen-thuong/2024/" in links(response)


def test_one_year_of_the_roll(client, demo_content):
    """/khen-thuong/<year>/ shows that year's awards only."""
    AwardFactory(
        year=2024,
        kind=Award.Kind.CERTIFICATE,
        recipient_person=None,
        recipient_unit=UnitFactory(name="Phòng Đào tạo mới"),
    )

    response = client.get("/khen-thuong/2023/")
    page = text(response)

    assert response.status_code == 200
    assert "awards/honour_roll.html" in templates(response)
    assert "2023" in page
    assert demo.TCHC in page
    assert "Phòng Đào tạo mới" not in page


def test_a_year_without_awards_is_404(client, demo_content):
    """A year in which nobody was honoured has no page."""
    assert client.get("/khen-thuong/2019/").status_code == 404


def test_an_empty_roll_says_so(client, demo_content):
    """With no awards at all the roll still answers."""
    Award.objects.all().delete()

    response = client.get("/khen-thuong/")

    assert response.status_code == 200
    assert response.context["roll"] == []


@pytest.mark.usefixtures("warm_office")
def test_the_front_page_holds_the_latest_years_and_links_the_rest(
    client, demo_content, django_assert_num_queries
):
    """Five years of honours: /khen-thuong/ shows the last three, links the two
    before, and each of those has its own page."""
    from awards.views import RECENT_YEARS

    for year in (2019, 2020, 2021, 2022):
        AwardFactory(
            year=year,
            recipient_person=PersonFactory(full_name=f"Người được khen {year}"),
        )
    with django_assert_num_queries(2):
        response = client.get("/khen-thuong/")
    shown = [year for year, _kinds in response.context["roll"]]
    assert shown == [2023, 2022, 2021][:RECENT_YEARS]
    page = text(response)
    assert "Người được khen 2021" in page
    assert "Người được khen 2020" not in page
    assert "Các năm trước:" in page
    hrefs = links(response)
    assert "/khen-thuong/2020/" in hrefs and "/khen-thuong/2019/" in hrefs
    assert "Người được khen 2019" in text(client.get("/khen-thuong/2019/"))
