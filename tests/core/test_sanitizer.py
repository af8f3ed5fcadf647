"""Rich text is cleaned to what the editor's toolbar makes, whatever is pasted."""

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape

from core.html import STORED_ATTRIBUTES, TAGS, clean_html, clean_html_report
from tests.factories import ArticleFactory
from tests.xss import findings, load_vectors

VECTORS = load_vectors()
SAFE_ATTRIBUTES = {tag: names | {"rel"} for tag, names in STORED_ATTRIBUTES.items()}

# What CKEditor 4 writes with the portal's toolbar (format, bold, italic, underline,
# lists, quote, table, image, rule), as the stored body should keep it.
TOOLBAR_HTML = (
    "<h2>Hội nghị viên chức năm 2024</h2>\n"
    "<p>Sáng ngày 31/01, <strong>Trường Cao đẳng Ngô Gia Tự</strong> tổ chức "
    "<em>Hội nghị</em> <u>viên chức</u>&nbsp;năm 2024.<br>Dòng thứ hai.</p>\n"
    "<h3>Nội dung</h3>\n<h4>Chi tiết</h4>\n"
    '<ol start="2"><li>Báo cáo tổng kết</li><li>Thảo luận</li></ol>\n'
    "<ul><li>Khoa Sư phạm</li><li>Phòng Đào tạo</li></ul>\n"
    "<blockquote><p>Đoàn kết – Kỷ cương – Chất lượng.</p></blockquote>\n"
    '<table><caption>Kết quả</caption><thead><tr><th scope="col">Đơn vị</th>'
    '<th scope="col">Điểm</th></tr></thead><tbody><tr><td>Khoa Tin học</td>'
    '<td>95</td></tr><tr><td colspan="2">Tổng</td></tr></tbody></table>\n'
    '<figure><img alt="Toàn cảnh hội nghị" height="480" '
    'src="/media/editor/2024/01/hoi-nghi.jpg" width="640">'
    "<figcaption>Toàn cảnh hội nghị</figcaption></figure>\n"
    "<hr>\n<p>H<sub>2</sub>O, m<sup>2</sup>, <s>bỏ</s>, <b>b</b>, <i>i</i>.</p>"
)


def assert_harmless(html):
    assert findings(html, allowed_tags=TAGS) == []
    lowered = html.lower()
    for fragment in ("<script", "<svg", "<math", "<style", "<object", "<embed",
                     "<form", "<meta", "<base", "javascript:", "vbscript:", "data:"):  # fmt: skip
        assert fragment not in lowered, fragment
    for tag, attributes in _tags_and_attributes(html):
        assert set(attributes) <= SAFE_ATTRIBUTES.get(tag, set()) | {"title", "lang"}, (
            tag,
            attributes,
        )


def _tags_and_attributes(html):
    from html.parser import HTMLParser

    seen = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            seen.append((tag, [name for name, _ in attrs]))

    Collector().feed(html)
    return seen


def test_corpus_is_large_enough():
    """The corpus holds at least 100 vectors, marker payloads among them."""
    assert len(VECTORS) >= 100
    assert any("window.__xss=1" in vector for vector in VECTORS)
    assert len(set(VECTORS)) == len(VECTORS)


@pytest.mark.parametrize("vector", VECTORS)
def test_vector_comes_out_harmless(vector):
    """Every vector of the corpus is cleaned to harmless HTML."""
    cleaned = clean_html(vector)
    assert_harmless(cleaned)
    # Cleaning what is already clean changes nothing: the stored body is stable.
    assert clean_html(cleaned) == cleaned


def test_the_checker_catches_what_it_should():
    """The check itself finds handlers, script URLs and forbidden elements."""
    assert findings('<img src=x onerror="x()">')
    assert findings('<a href="jav&#x09;ascript:x()">')
    assert findings("<svg></svg>")
    assert findings('<iframe src="https://xss.example/"></iframe>')
    assert not findings('<iframe src="https://www.youtube.com/embed/abc"></iframe>')


def test_toolbar_output_survives_unchanged():
    """What the toolbar makes is stored exactly as written."""
    assert clean_html(TOOLBAR_HTML) == TOOLBAR_HTML


def test_links_keep_their_address_and_gain_rel():
    """Links keep href and title and get rel="noopener noreferrer"."""
    html = (
        '<p><a href="https://moet.gov.vn/" title="Bộ GD&amp;ĐT">Bộ</a> '
        '<a href="/tin-tuc/">tin</a> <a href="mailto:cdngt@example.com">thư</a></p>'
    )
    assert clean_html(html) == (
        '<p><a href="https://moet.gov.vn/" title="Bộ GD&amp;ĐT" '
        'rel="noopener noreferrer">Bộ</a> '
        '<a href="/tin-tuc/" rel="noopener noreferrer">tin</a> '
        '<a href="mailto:cdngt@example.com" rel="noopener noreferrer">thư</a></p>'
    )


@pytest.mark.parametrize(
    "src",
    [
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=30",
    ],
)
def test_youtube_player_survives(src):
    """A YouTube player keeps its address and its fixed set of attributes."""
    html = (
        f'<iframe src="{src}" width="560" height="315" title="Video" '
        'allow="autoplay; encrypted-media" allowfullscreen frameborder="0" '
        'style="border:0" onload="x()"></iframe>'
    )
    assert clean_html(html) == (
        f'<iframe src="{src}" width="560" height="315" title="Video" '
        'allow="autoplay; encrypted-media" allowfullscreen=""></iframe>'
    )


@pytest.mark.parametrize(
    "src",
    [
        "https://xss.example/embed/abc",
        "https://www.youtube.com.xss.example/embed/abc",
        "http://www.youtube.com/embed/abc",
        "https://www.youtube.com/watch?v=abc",
        "javascript:alert(1)",
    ],
)
def test_other_frames_are_removed(src):
    """A frame from anywhere else is removed with what it contains."""
    html = f'<p>a</p><iframe src="{src}">inside <b>x</b></iframe><p>b</p>'
    assert clean_html(html) == "<p>a</p><p>b</p>"


def test_images_only_from_this_site(settings):
    """Images keep their address only when it is this site's media or static files;
    the others are removed whole, not left as empty frames."""
    settings.ALLOWED_HOSTS = ["cdngt.example", ".example.org"]
    html = (
        '<img src="/media/editor/a.jpg">'
        '<img src="https://cdngt.example/media/editor/b.jpg">'
        '<img src="https://xss.example/c.jpg">'
        '<img src="//xss.example/media/d.jpg">'
        '<img src="https://cdngt.example/admin/e.jpg">'
        '<img src="editor/f.jpg">'
    )
    assert clean_html(html) == (
        '<img src="/media/editor/a.jpg">'
        '<img src="https://cdngt.example/media/editor/b.jpg">'
    )
    assert clean_html_report(html).dropped_images == 4


def test_empty_body_stays_empty():
    assert clean_html("") == ""
    assert clean_html(None) == ""


@pytest.mark.django_db
@pytest.mark.parametrize("vector", VECTORS)
def test_article_page_with_vector_is_harmless(client, vector):
    """An article whose title, summary and body are a vector is stored clean and its
    page shows the title and summary as text."""
    article = ArticleFactory(
        title=vector,
        summary=vector,
        body=vector,
        status="published",
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    article.refresh_from_db()
    assert_harmless(article.body)

    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert findings(page, page=True) == []
    assert f"<h1>{escape(article.title)}</h1>" in page
    assert f'<p class="lead">{escape(article.summary)}</p>' in page
