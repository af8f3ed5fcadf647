"""Bad input never gives a 500 (issue 8, items 1 and 2, the public side).

A hypothesis sweep fills every public URL pattern with generated path parts and
query parameters: Vietnamese and other Unicode, control characters, NUL bytes,
values up to 10,000 characters, repeated parameters, malformed percent-encoding,
SQL and template-injection strings. Every answer must be under 500 and show no
traceback. The path is built by hand, so ``%zz`` or ``%`` reach Django as sent.

The test client re-raises a view's exception, so a would-be 500 fails with its
traceback. ``NGT_FUZZ_EXAMPLES`` sets the number of examples (150 by default, a
few seconds; a longer run uses more).
"""

import os
import re
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("NGT_FUZZ_EXAMPLES", "150"))
LEAKS = ("Traceback", "Exception Value", "django.db")

# Public patterns by name; the admin and the editor's upload are not public.
NOT_PUBLIC = ("admin", "ckeditor")


def public_routes():
    """Every public pattern of ngt_portal.urls as a route string with its
    ``<converter:name>`` parts, e.g. ``tin-tuc/<slug:category>/<slug:slug>/``."""
    routes = []

    def walk(patterns, prefix):
        for entry in patterns:
            route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                if getattr(entry, "app_name", None) == "admin":
                    continue
                walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern):
                full = prefix + route
                if not full.startswith(NOT_PUBLIC) and entry.name:
                    routes.append(full)

    walk(get_resolver("ngt_portal.urls").url_patterns, "")
    return sorted(set(routes))


ROUTES = public_routes()
PART = re.compile(r"<(?:(\w+):)?\w+>")


def test_the_sweep_covers_every_public_page():
    """The sweep knows every public page and none of the admin's."""
    expected = {
        "",
        "tin-tuc/",
        "tin-tuc/<slug:category>/",
        "tin-tuc/<slug:category>/<slug:slug>/",
        "su-kien/",
        "su-kien/<slug:slug>/",
        "khen-thuong/",
        "khen-thuong/<int:year>/",
        "nhan-su/<slug:slug>/",
        "don-vi/<slug:slug>/",
        "tim-kiem/",
        "rss/",
        "rss/<slug:category>/",
        "atom/",
        "atom/<slug:category>/",
        "sitemap.xml",
        "sitemap-<section>.xml",
        "robots.txt",
        "healthz",
        "readyz",
        "gioi-thieu/",
        "gioi-thieu/co-cau-to-chuc/",
        "gioi-thieu/<slug:slug>/",
        "lich-cong-tac/",
        "lich-cong-tac.ics",
        "lien-he/",
        "lien-he/da-gui/",
        "hoi-dap/",
        "tuyen-bo-tiep-can/",
        "van-ban/",
        "van-ban/<slug:slug>/",
        "en/",
        "en/about/<slug:slug>/",
        "en/organisation/",
        "en/contact/",
    }
    assert set(ROUTES) == expected


# Strings as they travel on the wire (already percent-encoded or broken).
RAW = [
    "",
    "%",
    "%zz",
    "%4",
    "%%",
    "%00",
    "a%00b",
    "%FF",
    "%C3%28",
    "%E1%BB",
    "..",
    "%2e%2e",
    "..%2F..%2Fetc%2Fpasswd",
    "%0d%0aSet-Cookie:%20x=1",
    "+",
    "%2B",
    ";",
]
# Text a visitor (or an attacker) might type; percent-encoded before sending.
NASTY = [
    "' OR 1=1--",
    '" UNION SELECT password FROM auth_user; --',
    "{{7*7}}",
    "{% debug %}",
    "{% load static %}{% static 'x' %}",
    "<script>alert(1)</script>",
    "Trường Cao đẳng Ngô Gia Tự",
    "Ho\u0302\u0323i nghi\u0323",
    "hội\x00nghị",
    "\x00",
    "\x01\x02\x1b[31m\x7f",
    "\r\n\t",
    "🎉🇻🇳",
    "مؤتمر",
    "\ufeff\u200b\u202e",
    "\ud7ff\U0010ffff",
    "%_%\\",
    "a" * 10_000,
    "hội nghị " * 1_100,
    "-1",
    "0",
    "9" * 5_000,
    "-" + "9" * 30,
    "1e309",
    "NaN",
    "2023.0",
]

# Text with no surrogates (they cannot be encoded as UTF-8).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
long_text = st.builds(
    lambda chunk, times: (chunk * times)[:10_000],
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=5),
    st.integers(min_value=1_000, max_value=10_000),
)
typed = st.one_of(any_text, long_text, st.sampled_from(NASTY))
numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
slugs = st.from_regex(r"[-a-zA-Z0-9_]{1,40}", fullmatch=True)

# What goes into a URL: typed text encoded properly, typed text with its "%"
# left alone (so it may be malformed), or a raw wire string.
wire = st.one_of(
    typed.map(lambda value: quote(value, safe="")),
    typed.map(lambda value: quote(value, safe="%")),
    numbers,
    slugs,
    st.sampled_from(RAW),
)
path_part = st.one_of(wire, st.sampled_from(["bao-cao", "tong-ket", "2023"]))
names = st.one_of(
    st.sampled_from(["page", "q", "loai", "nam", "p", "format", "lang"]), wire
)
query = st.lists(st.tuples(names, wire), max_size=6).map(
    lambda pairs: "&".join(f"{name}={value}" for name, value in pairs)
)
# Repeated parameters: the same name twice or more.
repeated = st.tuples(names, st.lists(wire, min_size=2, max_size=4)).map(
    lambda item: "&".join(f"{item[0]}={value}" for value in item[1])
)


@st.composite
def addresses(draw):
    route = draw(st.sampled_from(ROUTES))
    path = "/" + PART.sub(lambda _match: draw(path_part), route)
    params = [draw(query), draw(st.one_of(st.just(""), repeated))]
    params = "&".join(p for p in params if p)
    return f"{path}?{params}" if params else path


def assert_calm(response, address):
    """Under 500, and nothing of the machinery shown."""
    assert response.status_code < 500, address
    body = response.content.decode("utf-8", "replace")
    for leak in LEAKS:
        assert leak not in body, (leak, address)


@pytest.fixture
def client(demo_content, db):
    return Client()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(address=addresses())
@example(address="/tim-kiem/?q=%00")
@example(address="/tim-kiem/?q=h%E1%BB%99i%00ngh%E1%BB%8B&page=%00")
@example(address="/tin-tuc/?page=%zz&page=%&page=-1")
@example(address="/su-kien/?loai=%00&nam=%00&loai=x")
@example(address="/sitemap-%00.xml?p=%00")
@example(address="/sitemap-articles.xml?p=-1&p=99999999999999999999")
@example(address="/khen-thuong/" + "9" * 10_000 + "/")
@example(address="/nhan-su/%00/")
@example(address="/don-vi/..%2F..%2F/")
@example(address="/rss/%00/")
def test_any_public_address_answers_calmly(client, address):
    """Whatever the path parts and parameters, no 5xx and no traceback text."""
    assert_calm(client.get(address), address)


# The nastiest inputs, every run, whatever hypothesis draws.
NASTIEST = [
    "/?q=%zz&page=%",
    "/tim-kiem/?q=%00",
    "/tim-kiem/?q=%00%00%00&page=%00",
    "/tim-kiem/?q=' OR 1=1--",
    "/tim-kiem/?q=%27%20OR%201%3D1--",
    "/tim-kiem/?q=%7B%7B7*7%7D%7D%20%7B%25%20debug%20%25%7D",
    "/tim-kiem/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/tim-kiem/?q=%01%02%1B%7F%C2%80",
    "/tim-kiem/?q=%FF%FE&q=%C3%28",
    "/tim-kiem/?q=" + "a" * 10_000,
    "/tim-kiem/?q=" + quote("hội nghị " * 1_100),
    "/tim-kiem/?q=%E1%BB&page=%E1",
    "/tin-tuc/?page=" + "9" * 10_000,
    "/tin-tuc/?page=-99999999999999999999999&page=1",
    "/tin-tuc/%00/",
    "/tin-tuc/..%2F../",
    "/tin-tuc/bao-cao/%00/",
    "/tin-tuc/" + "a" * 10_000 + "/",
    "/su-kien/?nam=" + "9" * 10_000,
    "/su-kien/?nam=%C2%B2&loai=%00",
    "/su-kien/%00/",
    "/khen-thuong/-1/",
    "/khen-thuong/" + "9" * 5_000 + "/",
    "/nhan-su/nguy%E1%BB%85n/",
    "/don-vi/%2e%2e/",
    "/rss/?%zz=%zz",
    "/atom/%00/",
    "/sitemap.xml?p=%00",
    "/sitemap-%00.xml",
    "/sitemap-" + "a" * 10_000 + ".xml",
    "/sitemap-articles.xml?p=%zz",
    "/sitemap-articles.xml?p=0",
    "/robots.txt?%00=%00",
    "/tim-kiem/%0d%0a/",
]


@pytest.mark.parametrize("address", NASTIEST, ids=range(len(NASTIEST)))
def test_the_nastiest_inputs_answer_calmly(client, address):
    assert_calm(client.get(address), address)


def test_a_nul_byte_in_a_search_never_reaches_the_database(client):
    """NUL is not allowed in a PostgreSQL string: the query's words are folded to
    letters and digits first, so a query of NUL alone runs no search at all."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tim-kiem/?q=h%E1%BB%99i%00ngh%E1%BB%8B%00")
    assert_calm(response, "nul")
    assert response.status_code == 200
    assert not any("\x00" in str(q["sql"]) for q in queries.captured_queries)

    response = client.get("/tim-kiem/?q=%00")
    assert response.status_code == 200
    assert "page_obj" not in response.context


# Item 2: methods and sizes a public page does not take.
GET_ONLY = [
    "/",
    "/tin-tuc/",
    "/tin-tuc/bao-cao/",
    "/su-kien/",
    "/khen-thuong/",
    "/tim-kiem/?q=hoi+nghi",
    "/rss/",
    "/atom/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/robots.txt",
]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("address", GET_ONLY)
def test_other_methods_on_public_pages_are_refused(client, address, method):
    """A public page answers only GET and HEAD: other methods get 405 (or 404)."""
    response = getattr(client, method)(
        address, data="a=1", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code in (404, 405), address
    assert_calm(response, address)


@pytest.mark.parametrize("address", ["/", "/tim-kiem/", "/su-kien/"])
def test_a_post_without_csrf_token_is_refused(demo_content, db, address):
    """With CSRF checks on, as in production, a bare POST is 403, never a 500."""
    response = Client(enforce_csrf_checks=True).post(address, {"q": "x"})

    assert response.status_code in (403, 405)


def test_a_head_request_still_works(client):
    assert client.head("/tin-tuc/").status_code == 200


def test_a_megabyte_search_query_is_answered(client):
    """One parameter of a megabyte: cut to 500 characters and searched."""
    response = client.get("/tim-kiem/?q=" + "a" * 1_000_000)

    assert response.status_code == 200
    assert len(response.context["query"]) <= 500


def test_a_megabyte_of_parameters_is_a_bad_request(client):
    """More parameters than DATA_UPLOAD_MAX_NUMBER_FIELDS: 400, never a 500."""
    fields = "&".join(f"x{n}=1" for n in range(100_000))
    response = client.get("/tim-kiem/?" + fields)

    assert response.status_code == 400
    assert_calm(response, "fields")


@pytest.mark.parametrize("address", ["/", "/tim-kiem/", "/robots.txt"])
@pytest.mark.parametrize("csrf", [False, True])
def test_an_oversized_body_is_refused(demo_content, db, address, csrf, settings):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE to a public page is a 4xx."""
    body = "a=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = Client(enforce_csrf_checks=csrf).post(
        address, data=body, content_type="application/x-www-form-urlencoded"
    )

    assert 400 <= response.status_code < 500
    assert_calm(response, address)
