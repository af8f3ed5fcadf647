"""What Word's layout means survives cleaning as the site's classes; nothing else of a
style does, and images that cannot be kept are removed and counted."""

import pytest

from core.html import clean_html, clean_html_report
from core.rich_styles import CLASSES
from tests.core.test_sanitizer import assert_harmless
from tests.xss import findings

# What Word puts on the clipboard for a centred heading, an indented paragraph and a
# bordered table (trimmed), with its two kinds of picture.
WORD_HTML = (
    '<h2 style="text-align:center;mso-line-height-alt:12pt">Hội nghị viên chức</h2>'
    '<p class="MsoNormal" style="margin-left:36.0pt;text-indent:-18pt">Khoa Sư phạm</p>'
    '<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" '
    'style="border-collapse:collapse;border:none;mso-yfti-tbllook:1184">'
    '<tr><td width="200" style="border:solid windowtext 1.0pt;padding:0 5.4pt">'
    '<p class="MsoNormal" style="text-align:justify">Đơn vị</p></td>'
    '<td style="border:solid windowtext 1.0pt;border-left:none">95</td></tr></table>'
    '<p><img width="320" height="200" src="file:///C:/Users/a/AppData/Local/Temp/'
    'msohtmlclip1/01/clip_image001.png" alt="Toàn cảnh">'
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="Ảnh dán"></p>'
)


def test_word_layout_becomes_classes():
    """A centred heading, an indented paragraph and a bordered table keep their
    meaning as classes; Word's own styles and classes are gone."""
    cleaned = clean_html(WORD_HTML)
    assert '<h2 class="align-center">Hội nghị viên chức</h2>' in cleaned
    assert '<p class="indent-1">Khoa Sư phạm</p>' in cleaned
    assert '<table border="1" class="border-off">' in cleaned
    assert '<td class="border-on">' in cleaned
    assert '<p class="align-justify">Đơn vị</p>' in cleaned
    assert "style=" not in cleaned
    assert "mso" not in cleaned.lower()
    assert "<img" not in cleaned
    assert_harmless(cleaned)


def test_word_images_are_counted():
    """The file:/// and data: pictures are removed and counted; the text stays."""
    report = clean_html_report(WORD_HTML)
    assert report.dropped_images == 2
    assert "Khoa Sư phạm" in report.html


@pytest.mark.parametrize(
    "src",
    ["blob:http://localhost/1f2e", "file:///C:/x.png", "data:image/gif;base64,R0lG"],
)
def test_each_unkeepable_source_is_counted(src):
    """blob:, file: and data: images are each one dropped image."""
    report = clean_html_report(f'<p>a<img src="{src}">b</p>')
    assert report == type(report)("<p>ab</p>", 1)


def test_vml_picture_is_counted_and_removed():
    """Word's VML picture outside a conditional comment counts as one image."""
    report = clean_html_report(
        '<p>x<v:imagedata src="file:///C:/clip.png" o:title=""></v:imagedata></p>'
    )
    assert report.html == "<p>x</p>"
    assert report.dropped_images == 1


def test_site_images_are_not_counted():
    """An image from the site's media is kept and not reported."""
    report = clean_html_report('<p><img src="/media/editor/a.jpg" alt="a"></p>')
    assert report.dropped_images == 0
    assert report.html == '<p><img src="/media/editor/a.jpg" alt="a"></p>'


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<p style="text-align: center; background:url(javascript:alert(1))">x</p>',
            '<p class="align-center">x</p>',
        ),
        ('<p style="margin-left: expression(alert(1))">x</p>', "<p>x</p>"),
        ('<p style="margin-left: 99999999px">x</p>', "<p>x</p>"),
        ('<p style="margin-left: 5000px">x</p>', '<p class="indent-6">x</p>'),
        ('<p style="margin-left: -40px">x</p>', "<p>x</p>"),
        ('<p style="text-align: center</style><script>x()</script>">x</p>', "<p>x</p>"),
        ('<p style="text-align:\\63 enter">x</p>', "<p>x</p>"),
        ('<p style="position:fixed;top:0;z-index:9">x</p>', "<p>x</p>"),
        ('<td style="border: 1px solid url(https://x.example/a.png)">x</td>', "x"),
        (
            '<table><tr><td style="border:1px solid rgb(0,0,0)">x</td></tr></table>',
            '<table><tbody><tr><td class="border-on">x</td></tr></tbody></table>',
        ),
        (
            '<table border="1 onmouseover=x()"><tr><td>x</td></tr></table>',
            "<table><tbody><tr><td>x</td></tr></tbody></table>",
        ),
        ('<table border="500"><tr><td>x</td></tr></table>', "<table><tbody>"),
        (
            '<p class="align-center evil indent-9 border-on">x</p>',
            '<p class="align-center">x</p>',
        ),
        ('<strong style="text-align:center">x</strong>', "<strong>x</strong>"),
        (
            '<h3 style="text-align:CENTER !important">x</h3>',
            '<h3 class="align-center">x</h3>',
        ),
    ],
)
def test_hostile_or_unknown_styles_leave_nothing_but_known_classes(html, expected):
    """Only the allowed meaning of a style is kept; url(), expression(), positions,
    escapes, huge or negative lengths and unknown classes are dropped."""
    cleaned = clean_html(html)
    assert cleaned.startswith(expected)
    assert "style=" not in cleaned
    assert findings(cleaned) == []
    for value in cleaned.split('class="')[1:]:
        assert set(value.split('"')[0].split()) <= set(CLASSES)


def test_cleaning_twice_changes_nothing():
    """The stored body is stable: cleaning the cleaned Word HTML gives it back."""
    cleaned = clean_html(WORD_HTML)
    assert clean_html(cleaned) == cleaned


def test_editor_output_with_classes_survives():
    """What the editor sends back after a save (classes, table border) is kept."""
    html = (
        '<h2 class="align-center">A</h2><p class="indent-2 align-right">B</p>'
        '<table border="1" class="border-on"><tbody><tr>'
        '<th class="align-center">C</th><td class="border-off">D</td>'
        "</tr></tbody></table>"
    )
    assert clean_html(html) == html
