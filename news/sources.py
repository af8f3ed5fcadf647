"""Old articles as a school office keeps them, read into one normal form of text.

Offices keep their old articles as text files saved by whatever editor was at hand
(UTF-8 with or without a byte-order mark, UTF-16 from Notepad's "Unicode", Windows-1258
from old Vietnamese Windows, Unicode in decomposed form from some Mac editors, CRLF or
bare CR line ends), as Word documents (.docx) and as web pages saved from Word or an
old site (.html). ``read_source`` turns any of them into the same text: Unicode in
composed form (NFC), one paragraph per line, ``\\n`` line ends. Everything after it
(news.importer) sees only that text, so no rule has to know where an article came
from. A file it cannot read raises ``SourceError`` with a Vietnamese reason.
"""

import codecs
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

# Byte-order marks, longest first: UTF-32's LE mark begins with UTF-16's.
BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# Single-byte encodings Vietnamese text was saved in that Python can decode. (TCVN3
# and VNI are font encodings, not character sets: no detector tells them apart from
# Western text, and they are refused as not Vietnamese below.)
LEGACY = ["cp1258"]
# Letters only Vietnamese has: a decoding that yields none of them in a long text
# was the wrong one.
VIETNAMESE = re.compile(
    r"[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]"
)
HTML_SUFFIXES = {".html", ".htm"}
DOCX_SUFFIX = ".docx"
BLOCKS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "table", "ul", "ol", "section", "article", "header", "footer",
}  # fmt: skip


class SourceError(ValueError):
    """A file that is not an article the importer can read; the message says why."""


@dataclass(frozen=True)
class Source:
    text: str
    # What was read: "UTF-8", "UTF-16", "Windows-1258", "Word (.docx)", "HTML (UTF-8)"…
    form: str


def read_source(raw, name=""):
    """The article in the bytes ``raw`` of a file called ``name``, as ``Source``."""
    if not raw.strip():
        raise SourceError("tệp rỗng.")
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == DOCX_SUFFIX or raw[:4] == b"PK\x03\x04":
        return Source(normal(docx_text(raw)), "Word (.docx)")
    text, encoding = decode(raw)
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        return Source(normal(html_text(text)), f"HTML ({encoding})")
    return Source(normal(text), encoding)


def decode(raw):
    """``(text, name of its encoding)``: the byte-order mark if any, else UTF-8 if
    it decodes, else the legacy encoding that yields Vietnamese."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding), encoding_name(encoding)
            except UnicodeDecodeError as error:
                raise SourceError("tệp hỏng: có byte không đúng bảng mã.") from error
    if b"\x00" in raw:
        # Valid UTF-8 may hold NULs, but no text file does: UTF-16 or UTF-32.
        return decode_wide(raw)
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    for encoding in LEGACY:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if is_vietnamese(text):
            return text, encoding_name(encoding)
    raise SourceError(
        "không nhận ra bảng mã: hãy lưu tệp dưới dạng UTF-8 (Unicode) rồi nhập lại."
    )


def decode_wide(raw):
    """UTF-16 or UTF-32 without a byte-order mark; anything else with NUL bytes is
    not text.

    In such text most characters (spaces, digits, Latin letters, even most
    Vietnamese letters: U+00C0–U+1EF9) have a zero high byte, so the zeros fall at
    fixed places in each code unit: where they fall says the width and byte order.
    """
    for encoding in wide_candidates(raw):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        plain = all(char.isprintable() or char in "\r\n\t" for char in text)
        if is_vietnamese(text) or (text.isascii() and plain):
            return text, encoding_name(encoding)
    raise SourceError("không phải tệp văn bản.")


def wide_candidates(raw):
    def zeros(offset, step):
        units = raw[offset::step]
        return sum(1 for byte in units if byte == 0) / max(1, len(units))

    candidates = []
    if len(raw) % 4 == 0 and zeros(2, 4) > 0.9:
        candidates += ["utf-32-le"] if zeros(3, 4) > 0.9 else []
        candidates += ["utf-32-be"] if zeros(0, 4) > 0.9 and zeros(1, 4) > 0.9 else []
    if len(raw) % 2 == 0:
        if zeros(1, 2) > 0.3 and zeros(0, 2) < 0.05:
            candidates.append("utf-16-le")
        if zeros(0, 2) > 0.3 and zeros(1, 2) < 0.05:
            candidates.append("utf-16-be")
    return candidates


def is_vietnamese(text):
    composed = unicodedata.normalize("NFC", text)
    letters = sum(1 for char in composed if char.isalpha())
    return letters > 0 and (
        VIETNAMESE.search(composed) is not None or letters < 40 and composed.isascii()
    )


def encoding_name(encoding):
    encoding = encoding.lower().replace("_", "-")
    if encoding.startswith("utf"):
        return encoding.upper().removesuffix("-LE").removesuffix("-BE")
    if encoding == "cp1258":
        return "Windows-1258"
    return encoding


def normal(text):
    """NFC, ``\\n`` line ends, no NUL or stray control characters, no trailing
    spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(
        char for char in text if char in "\n\t" or unicodedata.category(char) != "Cc"
    )
    # Non-breaking and other odd spaces Word and web pages write.
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]", " ", text)
    text = text.replace("\u200b", "").replace("\ufeff", "")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


# ---------------------------------------------------------------- Word


def docx_text(raw):
    """The paragraphs of a .docx, one per line, tables row by row."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise SourceError("tệp Word hỏng hoặc không phải tệp .docx.") from error
    lines = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(node.text or "" for node in child.iter(_W_T)))
        elif tag == "tbl":
            for row in child.iter(_W_TR):
                cells = [
                    "".join(node.text or "" for node in cell.iter(_W_T)).strip()
                    for cell in row.iter(_W_TC)
                ]
                lines.append(" – ".join(cell for cell in cells if cell))
    return "\n".join(lines)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_T, _W_TR, _W_TC = f"{_W}t", f"{_W}tr", f"{_W}tc"


# ---------------------------------------------------------------- HTML


def looks_like_html(text):
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or (
        "<body" in head and "</" in text
    )


def html_text(markup):
    """The text of a web page, a line per block, without scripts, styles or Word's
    hidden markup."""
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        tree = lxml_html.document_fromstring(markup)
    except (ParserError, ValueError) as error:
        raise SourceError("trang HTML không đọc được.") from error
    for element in tree.xpath("//script|//style|//head|//noscript|//comment()"):
        parent = element.getparent()
        if parent is not None:
            if element.tail:
                previous = element.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + element.tail
                else:
                    parent.text = (parent.text or "") + element.tail
            parent.remove(element)
    parts = []
    _walk(tree.body if tree.body is not None else tree, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(element, parts):
    tag = element.tag if isinstance(element.tag, str) else ""
    block = tag.lower() in BLOCKS
    if block:
        parts.append("\n")
    elif tag.lower() in ("td", "th"):
        parts.append(" ")
    if element.text:
        parts.append(_spaced(element.text))
    for child in element:
        _walk(child, parts)
        if child.tail:
            parts.append(_spaced(child.tail))
    if block:
        parts.append("\n")


def _spaced(text):
    # A line break inside a paragraph's source is a space, as a browser shows it.
    return text.replace("\r", " ").replace("\n", " ")
