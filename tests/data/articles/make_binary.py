"""Rebuild the corpus files that are not plain UTF-8 from their UTF-8 sources.

Offices keep old articles in whatever form their editor saved: UTF-8 with a
byte-order mark, Notepad's "Unicode" (UTF-16), Windows-1258, decomposed Unicode from
a Mac, CRLF or bare CR line ends, Word documents, pages saved from Word or copied
off the old web site. The importer must read them all. Binary and re-encoded files
cannot be reviewed in a diff, so each is written here from a plain UTF-8 text in
``sources/`` (same name, ``.txt``): a reviewer reads the source, the file beside it
is what the importer gets.

    python tests/data/articles/make_binary.py [--out FOLDER]

The output is the same byte for byte on every run: the Word documents get fixed
properties and fixed times inside their zip, so the committed files can be checked
against a fresh build.
"""

import argparse
import codecs
import datetime
import html
import io
import textwrap
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"

# Output file → (form, line end). The source is sources/<stem>.txt.
FORMS = {
    "05-le-khai-giang-nam-hoc-2024-2025.txt": ("utf-8-bom", "\r\n"),
    "06-tong-ket-cong-tac-nam-2024.txt": ("utf-8-bom", "\n"),
    "07-dai-hoi-doan-truong-nhiem-ky-2024-2027.txt": ("utf-16-le-bom", "\r\n"),
    "08-dai-hoi-hoi-sinh-vien-khoa-vi.txt": ("utf-16-be", "\n"),
    "09-dai-hoi-cong-doan-nhiem-ky-2023-2028.txt": ("windows-1258", "\r\n"),
    "10-tong-ket-cong-doan-nam-hoc-2023-2024.txt": ("windows-1258", "\n"),
    "11-sinh-hoat-chuyen-de-chi-bo-khoa-tieu-hoc-quy-1-2025.txt": ("nfd", "\n"),
    "12-hoi-thao-day-hoc-tieng-viet-o-tieu-hoc.txt": ("nfd", "\n"),
    "13-doan-cong-tac-so-giao-duc-lam-viec.txt": ("utf-8", "\r\n"),
    "14-hoi-thi-giao-vien-day-gioi-cap-truong-2024-2025.txt": ("utf-8", "\r"),
    "15-le-trao-bang-tot-nghiep-khoa-42.docx": ("docx", ""),
    "16-thong-bao-tuyen-sinh-cao-dang-2025.docx": ("docx", ""),
    "17-tong-ket-cong-tac-hssv-nam-hoc-2023-2024.html": ("word-html", "\r\n"),
    "18-le-ra-quan-chien-dich-tinh-nguyen-he-2023.html": ("site-html", "\n"),
    "22-so-ket-tu-danh-gia-chat-luong-2025.txt": ("utf-8", "\r\n"),
}

# Grave, acute, tilde, hook above, dot below: the five tone marks.
TONES = "\u0300\u0301\u0303\u0309\u0323"
# One fixed moment for everything a Word document stamps.
STAMP = datetime.datetime(2024, 7, 1, 8, 0, tzinfo=datetime.UTC)


def source_of(name):
    return SOURCES / (name.rsplit(".", 1)[0] + ".txt")


def paragraphs(text):
    """The source's lines that hold text, without their indentation."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# ---------------------------------------------------------------- plain text


def to_cp1258(text):
    """Windows-1258 as old Vietnamese Windows wrote it: precomposed vowels where the
    code page has them, tone marks as combining characters after them."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in TONES)
        base = unicodedata.normalize(
            "NFC", "".join(c for c in decomposed if c not in TONES)
        )
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def encoded(text, form):
    if form == "utf-8":
        return text.encode("utf-8")
    if form == "utf-8-bom":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if form == "utf-16-le-bom":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if form == "utf-16-be":
        return text.encode("utf-16-be")
    if form == "windows-1258":
        return to_cp1258(text)
    if form == "nfd":
        return unicodedata.normalize("NFD", text).encode("utf-8")
    raise ValueError(form)


# ---------------------------------------------------------------- Word


def docx(text):
    """A Word document as an office typed it: a centred bold heading, indented
    paragraphs split into runs where Word splits them, the signature on the right."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    lines = paragraphs(text)
    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(lines[0]).bold = True
    for line in lines[1:-1]:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(36)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        head, dash, tail = line.partition(" – ")
        paragraph.add_run(head + dash)
        if tail:
            paragraph.add_run(tail)
    signature = document.add_paragraph()
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.add_run(lines[-1]).italic = True
    properties = document.core_properties
    properties.author = properties.last_modified_by = "Phòng Đào tạo"
    properties.title = lines[0]
    properties.created = properties.modified = STAMP.replace(tzinfo=None)
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue())


def fixed_zip(raw):
    """The same zip with every member dated 1980-01-01, so a rebuild is identical."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- web pages


WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<title>{title}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>Phong CTHSSV</o:Author>
  <o:Revision>3</o:Revision>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0cm;
	margin-bottom:.0001pt;
	font-size:13.0pt;
	font-family:"Times New Roman",serif;}
p.MsoCaption
	{margin-bottom:6.0pt;
	font-size:11.0pt;
	font-style:italic;}
@page WordSection1
	{size:595.3pt 841.9pt;
	margin:2.0cm 2.0cm 2.0cm 3.0cm;}
div.WordSection1
	{page:WordSection1;}
-->
</style>
</head>

<body lang=EN-US style='tab-interval:36.0pt'>

<div class=WordSection1>
"""
WORD_EMPTY = "<p class=MsoNormal><o:p>&nbsp;</o:p></p>"


def word_markup(text):
    # Word writes the en dash as a character reference and wraps its source lines.
    escaped = html.escape(text, quote=False).replace("–", "&#8211;")
    return "\n".join(
        textwrap.wrap(escaped, 72, break_long_words=False, break_on_hyphens=False)
    )


def word_html(text):
    """A page saved from Word ("Web Page"): MsoNormal paragraphs, <o:p>, empty
    paragraphs of a no-break space, pictures before their captions."""
    lines = paragraphs(text)
    out = [WORD_HEAD.replace("{title}", html.escape(lines[0]))]
    out.append(
        "<p class=MsoNormal align=center style='text-align:center'><b>"
        f"<span lang=VI style='font-size:14.0pt'>{word_markup(lines[0])}</span></b>"
        "<o:p></o:p></p>"
    )
    gallery = False
    for number, line in enumerate(lines[1:-1], start=1):
        out.append(WORD_EMPTY)
        if gallery:
            out.append(
                f"<p class=MsoNormal align=center style='text-align:center'>"
                f'<img width=602 height=401 src="bai_files/image{number:03}.jpg" '
                f'v:shapes="Picture_x0020_{number}"></p>'
            )
            out.append(
                "<p class=MsoCaption align=center style='text-align:center'>"
                f"<span lang=VI>{word_markup(line)}</span><o:p></o:p></p>"
            )
            continue
        gallery = line.startswith("Dưới đây là")
        out.append(
            "<p class=MsoNormal style='text-align:justify;text-indent:36.0pt'>"
            f"<span lang=VI>{word_markup(line)}<o:p></o:p></span></p>"
        )
    out.append(WORD_EMPTY)
    out.append(
        "<p class=MsoNormal align=right style='text-align:right'><b><i>"
        f"<span lang=VI>{word_markup(lines[-1])}</span></i></b><o:p></o:p></p>"
    )
    out.append("\n</div>\n\n</body>\n\n</html>\n")
    return "\n".join(out)


SITE_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{title} - Trường Cao đẳng Ngô Gia Tự Bắc Giang</title>
<link href="/templates/ngt/css/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/js/jquery-1.4.2.min.js"></script>
</head>
<body>
<div id="wrapper">
<div id="header"><a href="/"><img src="/images/banner.jpg" \
alt="Trường Cao đẳng Ngô Gia Tự Bắc Giang" /></a></div>
<ul id="nav">
<li><a href="/">Trang chủ</a></li>
<li><a href="/gioi-thieu.html">Giới thiệu</a></li>
<li><a href="/tin-tuc.html">Tin tức - Sự kiện</a></li>
<li><a href="/tuyen-sinh.html">Tuyển sinh</a></li>
<li><a href="/lien-he.html">Liên hệ</a></li>
</ul>
<div id="main">
<div id="content">
<h1 class="title">{title}</h1>
<div class="date">Ngày đăng: 04/07/2023 10:15 | Lượt xem: 1254</div>
"""
SITE_FOOT = """</div>
<div id="sidebar">
<h3>Tin mới</h3>
<ul>
<li><a href="/tin-tuc/le-be-giang-nam-2023.html">Lễ bế giảng và trao bằng tốt \
nghiệp năm 2023</a></li>
<li><a href="/tuyen-sinh/thong-bao-tuyen-sinh-2023.html">Thông báo tuyển sinh \
năm 2023</a></li>
</ul>
</div>
</div>
<div id="footer">
<p>Bản quyền &copy; 2012 Trường Cao đẳng Ngô Gia Tự Bắc Giang</p>
<p>Địa chỉ: thành phố Bắc Giang, tỉnh Bắc Giang</p>
</div>
</div>
<script type="text/javascript">
var _gaq = _gaq || []; _gaq.push(['_setAccount', 'UA-0000000-1']);
</script>
</body>
</html>
"""


def site_html(text):
    """A page of the college's old site: the article in <div id="content"> between
    the menu, a list of recent news and the footer."""
    lines = paragraphs(text)
    out = [SITE_HEAD.replace("{title}", html.escape(lines[0]))]
    for number, line in enumerate(lines[1:-1], start=1):
        markup = html.escape(line, quote=False)
        if line.startswith("Ảnh:"):
            out.append(
                f'<p style="text-align: center;"><img src="/uploads/news/2023_07/'
                f'ra-quan-{number}.jpg" alt="" width="500" /></p>'
            )
            out.append(f'<p style="text-align: center;"><em>{markup}</em></p>')
        else:
            out.append(f"<p>{markup}</p>")
    out.append(
        f'<p style="text-align: right;"><strong>{html.escape(lines[-1])}</strong></p>'
    )
    out.append(SITE_FOOT)
    return "\n".join(out)


# ---------------------------------------------------------------- build


def build(name):
    """The bytes of the corpus file ``name``."""
    form, newline = FORMS[name]
    text = source_of(name).read_text(encoding="utf-8")
    if form == "docx":
        return docx(text)
    if form == "word-html":
        return word_html(text).replace("\n", newline).encode("utf-8")
    if form == "site-html":
        return site_html(text).encode("utf-8")
    return encoded(text.replace("\n", newline), form)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder")
    out = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    for name in FORMS:
        (out / name).write_bytes(build(name))
        print(out / name)


if __name__ == "__main__":
    main()
