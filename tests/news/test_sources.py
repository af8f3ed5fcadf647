"""Old articles in every form an office keeps them read into the same text."""

import codecs
import io
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from news.sources import SourceError, read_source
from tests.data.articles.make_binary import to_cp1258

ARTICLE = (
    "HỘI NGHỊ VIÊN CHỨC NĂM HỌC 2024 – 2025\n"
    "Vào hồi 7 giờ 30 phút ngày 20/11/2024, tại Hội trường A, Trường Cao đẳng "
    "Ngô Gia Tự Bắc Giang tổ chức Lễ kỷ niệm ngày Nhà giáo Việt Nam.\n"
    "Tới dự có đồng chí ThS. Đỗ Văn Đức – Phó Hiệu trưởng.\n"
    "Tin, ảnh: Lương Thị Hường – Phòng TCHC\n"
)


@pytest.mark.parametrize(
    ("raw", "form"),
    [
        (ARTICLE.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "UTF-16"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "UTF-16"),
        (ARTICLE.encode("utf-16"), "UTF-16"),
        (ARTICLE.encode("utf-32"), "UTF-32"),
        (to_cp1258(ARTICLE), "Windows-1258"),
        (unicodedata.normalize("NFD", ARTICLE).encode("utf-8"), "UTF-8"),
        (ARTICLE.replace("\n", "\r\n").encode("utf-8"), "UTF-8"),
        (ARTICLE.replace("\n", "\r").encode("utf-8"), "UTF-8"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf16-python",
        "utf32",
        "windows-1258",
        "nfd",
        "crlf",
        "cr",
    ],
)
def test_every_encoding_gives_the_same_text(raw, form):
    source = read_source(raw, "bai.txt")
    assert source.text == ARTICLE
    assert source.form == form
    assert unicodedata.is_normalized("NFC", source.text)


def test_utf16_without_a_byte_order_mark_is_read():
    source = read_source(ARTICLE.encode("utf-16-le"), "bai.txt")
    assert source.text == ARTICLE and source.form == "UTF-16"


def test_a_word_document_is_read_paragraph_by_paragraph():
    from docx import Document

    document = Document()
    for line in ARTICLE.strip().split("\n"):
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Ảnh 1"
    table.cell(0, 1).text = "Quang cảnh buổi Lễ"
    buffer = io.BytesIO()
    document.save(buffer)
    source = read_source(buffer.getvalue(), "bai-cu.docx")
    assert source.form == "Word (.docx)"
    assert source.text == ARTICLE + "Ảnh 1 – Quang cảnh buổi Lễ\n"


def test_a_page_saved_from_word_is_read_without_its_markup():
    page = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
        '<meta charset="utf-8"><title>Bài cũ</title><style>p.MsoNormal{margin:0}</style>'
        "</head><body>"
        '<p class="MsoNormal"><b>HỘI NGHỊ VIÊN CHỨC NĂM HỌC 2024 – 2025</b><o:p></o:p></p>'
        '<p class="MsoNormal">Vào hồi 7 giờ 30 phút ngày 20/11/2024, tại Hội trường A,'
        "\n Trường Cao đẳng Ngô Gia Tự Bắc Giang tổ chức Lễ kỷ niệm ngày Nhà giáo"
        "&nbsp;Việt Nam.</p>"
        "<script>alert(1)</script>"
        "<p>Tới dự có đồng chí ThS. Đỗ Văn Đức – Phó Hiệu trưởng.</p>"
        "<div>Tin, ảnh: Lương Thị Hường – Phòng TCHC</div>"
        "</body></html>"
    )
    source = read_source(page.encode("utf-8"), "bai.htm")
    assert source.text == ARTICLE
    assert source.form == "HTML (UTF-8)"
    assert "alert" not in source.text


@pytest.mark.parametrize(
    ("raw", "name", "message"),
    [
        (b"", "a.txt", "tệp rỗng"),
        (b"  \n\r\n ", "a.txt", "tệp rỗng"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.txt", "không phải tệp văn bản"),
        (b"H\x81i ngh\x8d \x8e\x8f\x90", "a.txt", "không nhận ra bảng mã"),
        (b"PK\x03\x04 not really a zip", "a.docx", "tệp Word hỏng"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "a.txt", "tệp hỏng"),
    ],
    ids=["empty", "blank", "png", "garbled", "broken-docx", "broken-utf16"],
)
def test_unreadable_files_are_refused_with_a_reason(raw, name, message):
    with pytest.raises(SourceError, match=message):
        read_source(raw, name)


@given(st.text(min_size=1, max_size=300))
def test_any_utf8_text_reads_back_normalised(text):
    """Whatever the text, reading never fails with anything but ``SourceError`` and
    what it gives is NFC with ``\\n`` line ends."""
    try:
        source = read_source(text.encode("utf-8"), "a.txt")
    except SourceError:
        return
    assert unicodedata.is_normalized("NFC", source.text)
    assert "\r" not in source.text


def test_english_text_in_utf16_without_a_mark_is_read():
    text = "Notice\r\nClasses resume on 03/02/2025.\r\n"
    assert read_source(text.encode("utf-16-be"), "a.txt").text == (
        "Notice\nClasses resume on 03/02/2025.\n"
    )
