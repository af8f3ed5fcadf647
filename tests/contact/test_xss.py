"""Whatever a visitor types reaches no page as markup: the questions page, the
footer, the form sent back with its errors, the admin's list and form."""

import re

import pytest
from django.core.cache import cache

from contact.models import Message, Office
from tests.contact.conftest import published
from tests.helpers import json_ld
from tests.xss import findings, load_vectors

pytestmark = pytest.mark.django_db

VECTORS = load_vectors()
# A vector with one of these could open an element or leave an attribute.
MARKUP = set("<>\"'")


JSON_LD = re.compile(r'(?is)<script type="application/ld\+json">(.*?)</script>')


def raw_vectors(html, vectors):
    """The vectors found as typed in ``html`` outside its JSON-LD (checked on its
    own): escaping would have changed them."""
    html = JSON_LD.sub("", html)
    return [v for v in vectors if MARKUP & set(v) and v in html]


@pytest.fixture
def everywhere(db):
    """Every vector in every field of a published message, and one in each of the
    office's details."""
    for vector in VECTORS:
        published(
            name=vector[:100],
            subject=vector[:200],
            text=vector,
            answer=vector,
            email="",
            phone="0912345678",
        )
    Office.objects.filter(pk=Office.SINGLETON_PK).update(
        address=VECTORS[0],
        phone=VECTORS[1][:40],
        office_hours=VECTORS[2],
        content_officer_name=VECTORS[3][:150],
        content_officer_position=VECTORS[4],
    )
    cache.clear()


def test_the_questions_pages_stay_harmless(client, everywhere):
    pages = Message.objects.count() // 12 + 1
    for number in range(1, pages + 1):
        response = client.get(f"/hoi-dap/?page={number}")
        html = response.content.decode()
        assert findings(html, page=True) == [], number
        assert raw_vectors(html, VECTORS) == [], number
        # The JSON-LD holds the questions as data: no "<" can end its element.
        (script,) = JSON_LD.findall(html)
        assert "<" not in script
        questions = json_ld(response)[0]["mainEntity"]
        assert {q["acceptedAnswer"]["text"] for q in questions} <= set(VECTORS)


def test_the_footer_and_statement_stay_harmless(client, everywhere):
    for path in ["/", "/tuyen-bo-tiep-can/", "/lien-he/da-gui/"]:
        html = client.get(path).content.decode()
        assert findings(html, page=True) == [], path
        assert raw_vectors(html, VECTORS[:5]) == [], path


@pytest.mark.parametrize("vector", [v for v in VECTORS if MARKUP & set(v)][:40])
def test_the_form_sent_back_stays_harmless(client, db, vector):
    """A refused form shows what was typed, escaped."""
    response = client.post(
        "/lien-he/",
        {
            "name": vector,
            "email": vector,
            "phone": vector,
            "subject": vector,
            "text": vector,
        },
        REMOTE_ADDR="203.0.113.9",
    )

    assert response.status_code == 400
    assert vector not in response.content.decode()


def test_a_payload_is_stored_as_typed_and_shown_as_text(client, db):
    vector = '<img src=x onerror="window.__xss=1">'
    client.post(
        "/lien-he/",
        {
            "name": "Khách",
            "email": "khach@example.com",
            "subject": vector,
            "text": vector,
        },
        REMOTE_ADDR="203.0.113.9",
    )
    message = Message.objects.get()
    assert message.subject == vector

    message.answer = vector
    message.is_published = True
    message.save()
    html = client.get("/hoi-dap/").content.decode()
    assert "&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;" in html


def test_the_admin_list_stays_harmless(staff_client, everywhere):
    pages = Message.objects.count() // 50 + 1
    for number in range(pages):
        html = staff_client.get(f"/admin/contact/message/?p={number}").content.decode()
        assert raw_vectors(html, VECTORS) == [], number


def test_the_admin_form_stays_harmless(staff_client, everywhere):
    for message in Message.objects.order_by("pk")[:: max(1, len(VECTORS) // 30)]:
        html = staff_client.get(
            f"/admin/contact/message/{message.pk}/change/"
        ).content.decode()
        assert raw_vectors(html, [message.text]) == [], message.text
    html = staff_client.get("/admin/contact/office/1/change/").content.decode()
    assert raw_vectors(html, VECTORS[:5]) == []
