"""Image addresses in a body resolve inside the site's media (or static) folder.

A stored body is marked safe and shown to every visitor, and its images are fetched
by every visitor's browser: ``<img src="/media/../admin/logout/">`` would make each
reader's browser ask for an admin address. The cleaner reads an address as the
browser and the server would (percent-decoding, backslashes, dot segments, doubled
slashes) and stores that resolved address, or removes the image and counts it.
"""

import posixpath
import re
from urllib.parse import unquote, urljoin, urlsplit

import hypothesis
import pytest
from hypothesis import strategies as st

from core.html import clean_html, clean_html_report, media_names_in, site_image

HOST = "cdngt.example"
PAGE = f"https://{HOST}/tin-tuc/hoi-nghi/tong-ket-2023/"
IMG_SRC = re.compile(r'<img src="([^"]*)"')


@pytest.fixture(autouse=True)
def _hosts(settings):
    settings.ALLOWED_HOSTS = [HOST, ".example.org"]


def cleaned(src):
    return clean_html_report(f'<p>Ảnh<img src="{src}" alt="Hội nghị"></p>')


# Every one of these leads outside /media/ and /static/, or to another site, or
# cannot be read one way only: the image goes, and is counted.
LEAVES = [
    "/media/../admin/logout/",
    "/media/../../admin/logout/",
    "/media/..",
    "/media/../",
    "/media/%2e%2e/admin/logout/",
    "/media/%2E%2E/admin/logout/",
    "/media/.%2e/admin/",
    "/media/%2e./admin/",
    "/media/%252e%252e/admin/",
    "/media/%25252e%25252e/admin/",
    "/media/..%2fadmin/logout/",
    "/media/..%2Fadmin/logout/",
    "/media/..%5cadmin/logout/",
    "/media/..\\admin\\logout\\",
    "\\media\\..\\admin\\",
    "/media/photos/../../admin/",
    "/media/./../admin/",
    "/media//../admin/",
    "/media/.\t./admin/",
    "/media/.\n./admin/",
    "/media/%00.jpg",
    "/media/%zz.jpg",
    "/media/",
    "/media",
    "/media/.",
    "/MEDIA/a.jpg",
    "/mediax/a.jpg",
    "media/a.jpg",
    "../media/a.jpg",
    "/static/../admin/",
    "//evil.example/media/a.jpg",
    "/\\evil.example/media/a.jpg",
    "\\\\evil.example/media/a.jpg",
    "https://evil.example/media/a.jpg",
    f"https://{HOST}.evil.example/media/a.jpg",
    f"https://{HOST}@evil.example/media/a.jpg",
    f"https://{HOST}/admin/logout/",
    f"https://{HOST}/media/../admin/logout/",
    f"https://{HOST}/media/%2e%2e/admin/logout/",
    f"https://{HOST}:99999/media/a.jpg",
    "https:/media/a.jpg",
    f"ftp://{HOST}/media/a.jpg",
    "javascript:alert(1)//media/a.jpg",
    "data:image/png;base64,iVBORw0KGgo=",
]

# Addresses that stay inside, and the resolved form stored for them.
STAYS = [
    ("/media/editor/a.jpg", "/media/editor/a.jpg"),
    ("/media/./editor/a.jpg", "/media/editor/a.jpg"),
    ("/media//editor//a.jpg", "/media/editor/a.jpg"),
    ("/media/photos/x/../../editor/a.jpg", "/media/editor/a.jpg"),
    ("/media/editor\\a.jpg", "/media/editor/a.jpg"),
    ("/media/%65ditor/a.jpg", "/media/editor/a.jpg"),
    ("/media/editor/a.jpg?v=2#anh", "/media/editor/a.jpg"),
    ("  /media/editor/a.jpg ", "/media/editor/a.jpg"),
    ("/media/editor/ảnh hội nghị.jpg", "/media/editor/%E1%BA%A3nh%20h%E1%BB%99i%20ngh%E1%BB%8B.jpg"),
    ("/static/img/logo.png", "/static/img/logo.png"),
    ("/static/../media/editor/a.jpg", "/media/editor/a.jpg"),
    (f"https://{HOST}/media/editor/a.jpg", f"https://{HOST}/media/editor/a.jpg"),
    (f"https://{HOST.upper()}/media/./a.jpg", f"https://{HOST}/media/a.jpg"),
    (f"http://{HOST}:8080/media/a.jpg", f"http://{HOST}:8080/media/a.jpg"),
    (f"https://user:pw@{HOST}/media/a.jpg", f"https://{HOST}/media/a.jpg"),
    (f"https:\\\\{HOST}\\media\\a.jpg", f"https://{HOST}/media/a.jpg"),
]  # fmt: skip


@pytest.mark.parametrize("src", LEAVES)
def test_an_image_leading_outside_is_removed_and_counted(src):
    report = cleaned(src)
    assert report.html == "<p>Ảnh</p>"
    assert report.dropped_images == 1
    assert site_image(src) is None


@pytest.mark.parametrize(("src", "stored"), STAYS)
def test_an_image_inside_is_kept_at_its_resolved_address(src, stored):
    report = cleaned(src)
    assert report.html == f'<p>Ảnh<img src="{stored}" alt="Hội nghị"></p>'
    assert report.dropped_images == 0
    assert clean_html(report.html) == report.html


def test_the_reported_count_covers_every_removed_image():
    html = "".join(f'<img src="{src}" alt="x">' for src in LEAVES[:7])
    html += '<img src="/media/editor/a.jpg" alt="x">'
    report = clean_html_report(html)
    assert report.dropped_images == 7
    assert report.html == '<img src="/media/editor/a.jpg" alt="x">'


def browser_path(src):
    """Where a browser on an article page fetches ``src`` (its own resolver, with
    the server's percent-decoding after it): (host, path), independent of the code
    under test."""
    parts = urlsplit(urljoin(PAGE, src))
    return parts.hostname, posixpath.normpath(unquote(parts.path))


def assert_safe(html):
    """Every image left in ``html`` is fetched from this site, inside media or
    static, and its address is already in its resolved form."""
    for src in IMG_SRC.findall(html):
        host, path = browser_path(src)
        assert host == HOST, src
        assert path.startswith(("/media/", "/static/")), src
        segments = urlsplit(src).path.split("/")[1:]
        assert not {".", "..", ""} & set(segments), src
        assert not re.search(r"\\|%2e|%2f|%5c|%25|\?|#", src, re.I), src
        assert clean_html(f'<img src="{src}">') == f'<img src="{src}">'


segment = st.one_of(
    st.sampled_from(
        ["..", ".", "", "%2e%2e", "%2E.", ".%2e", "%252e%252e", "..\\", "\\..",
         "%2f", "%5c", "%00", "\t", "admin", "logout", "photos", "a.jpg", "ảnh.jpg",
         "%", "%zz", "?x", "#y", "//evil.example", "\\\\evil.example"]
    ),
    st.text(alphabet="./\\%2eE5cfF0aé ", max_size=6),
)  # fmt: skip
prefix = st.sampled_from(
    ["/media/", "/static/", "/media", "\\media\\", "//", "/", "",
     f"https://{HOST}/media/", f"http://{HOST}/static/", f"https:\\\\{HOST}\\media\\",
     "https://evil.example/media/", f"https://{HOST}@evil.example/media/",
     "https:/media/", "/media/./", "/media//"]
)  # fmt: skip
addresses = st.builds(
    lambda start, parts, glue: start + glue.join(parts),
    prefix,
    st.lists(segment, max_size=6),
    st.sampled_from(["/", "\\", "/./", "//"]),
)

fuzz = hypothesis.settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture],
)


@fuzz
@hypothesis.given(addresses)
def test_no_address_leads_out_of_the_site_files(src):
    """Whatever the address, an image that survives is fetched inside /media/ or
    /static/ of this site; one that does not is counted."""
    report = cleaned(src.replace('"', ""))
    kept = IMG_SRC.findall(report.html)
    assert len(kept) + report.dropped_images == 1
    assert_safe(report.html)


@fuzz
@hypothesis.given(st.text(max_size=40))
def test_any_text_as_an_address_is_safe(src):
    report = cleaned(src.replace('"', "").replace("<", "").replace(">", ""))
    assert_safe(report.html)


@fuzz
@hypothesis.given(addresses)
def test_media_names_stay_inside_the_media_folder(src):
    """The names a body gives the media sweep and the backup never climb out of
    the media folder, whatever the address was."""
    src = src.replace('"', "")
    for html in (f'<a href="{src}">x</a>', f'<img src="{src}">'):
        for name in media_names_in(html):
            assert name and not name.startswith("/"), name
            assert ".." not in name.split("/"), name
            assert "\\" not in name and "//" not in name, name


def test_media_names_match_what_the_cleaner_keeps():
    """A kept image's name is the resolved one; a link out of media names nothing."""
    html = clean_html('<img src="/media/photos/x/../a/./1024.jpg" alt="a">')
    assert media_names_in(html) == {"photos/a/1024.jpg"}
    assert media_names_in('<a href="/media/../admin/logout/">x</a>') == set()
    assert media_names_in('<a href="/media/%2e%2e/secret.pdf">x</a>') == set()
    assert media_names_in(
        '<a href="/media/docs/k%E1%BA%BF.pdf?tai=1">x</a>'
        f"<a href='https://{HOST}/media//docs\\b.pdf'>y</a>"
    ) == {"docs/kế.pdf", "docs/b.pdf"}
