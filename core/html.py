"""Cleaning rich text before it is stored.

Staff paste text from Word, e-mail and other sites into the editor. Whatever arrives,
what is stored is only what the editor's toolbar can make: paragraphs, headings, lists,
links, emphasis, quotes, tables, images from this site, figures with captions and
rules, plus YouTube players; no scripts, styles, forms, SVG or MathML, event handlers
or ``javascript:``/``data:`` addresses. Templates may then mark the stored body safe.

What Word's layout means and a reader should still see (a centred heading, an indented
paragraph, a table's borders) is kept as a few classes of the site's own
(``core.rich_styles``), never as a style attribute: the public pages' policy runs no
inline styles, and a class cannot carry ``url()`` or ``expression()``. An image whose
address cannot be kept (pasted from Word or from a computer, another site's, or one
that leads out of the media folder once decoded and resolved, as
``/media/../admin/logout/``) is removed whole, and ``clean_html_report`` says how many
were, so the editor can be told. A kept image's address is stored resolved.
"""

import json
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

import nh3
from django.conf import settings

from core.rich_styles import (
    STYLED_TAGS,
    classes_from_style,
    known_classes,
    table_border,
)

TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption", "hr",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "iframe",
}  # fmt: skip
# Word's picture in VML: allowed only so that it can be counted, then removed.
WORD_IMAGE = "v:imagedata"
# Removed together with what they contain, not just unwrapped.
CONTENT_TAGS = {"script", "style", "template", "noscript", "textarea", "title"}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "iframe": {"src", "width", "height", "title", "allow", "allowfullscreen"},
}
# Read on the way in (``style`` becomes classes); only ``class`` and a table's
# ``border`` are ever written out.
for _tag in STYLED_TAGS:
    ATTRIBUTES[_tag] = ATTRIBUTES.get(_tag, set()) | {"style", "class"}
ATTRIBUTES["table"] |= {"border"}
STORED_ATTRIBUTES = {tag: names - {"style"} for tag, names in ATTRIBUTES.items()}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# The only pages a frame may show: YouTube's embedded player.
VIDEO_SRC = re.compile(
    r"https://www\.youtube(?:-nocookie)?\.com/embed/[A-Za-z0-9_-]{1,64}"
    r"(?:\?[A-Za-z0-9_=&;.%-]*)?"
)
NUMBER = re.compile(r"[0-9]{1,4}%?")
FRAME_PERMISSIONS = {
    "accelerometer", "autoplay", "clipboard-write", "encrypted-media", "gyroscope",
    "picture-in-picture", "web-share", "fullscreen",
}  # fmt: skip
# nh3 escapes "<" and ">" in attribute values and text, so in its output "<iframe"
# only starts a real frame, and a frame's raw content ends at the first "</iframe>".
FRAME = re.compile(r"<iframe([^>]*)>.*?</iframe>", re.DOTALL)


# "%252e" decodes to "%2e", then to ".": decoded until nothing changes, a few times.
DECODINGS = 3
# Browsers drop tabs and line breaks inside an address; other controls have no
# business in one. An address holding any is not read, it is refused.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def resolved_path(path):
    """``path`` as the server will read it: percent-decoded, backslashes as slashes,
    ``.``, ``..`` and doubled slashes resolved. None when it is not an absolute path
    or cannot be read one way only (a control character, a "%" left after decoding).
    """
    for _ in range(DECODINGS):
        decoded = unquote(path)
        if decoded == path:
            break
        path = decoded
    if "%" in path or CONTROL.search(path):
        return None
    path = path.replace("\\", "/")
    if not path.startswith("/"):
        return None
    # normpath keeps a leading "//" (POSIX allows it); a browser would read a host.
    return "/" + posixpath.normpath(path).lstrip("/")


def _inside(path, prefix):
    """Is ``path`` a file under the folder address ``prefix`` ("/media/")?"""
    return path.startswith(prefix) and len(path) > len(prefix)


def _own_hosts():
    return {
        h.lower().strip("[]") for h in settings.ALLOWED_HOSTS if h and h[0] not in ".*"
    }


def site_image(src):
    """An image address as stored, or None when it is not this site's own file.

    The address is read as a browser would (surrounding spaces dropped, backslashes
    as slashes) and its path as the server would (``resolved_path``): it must name a
    file under MEDIA_URL or STATIC_URL, by path or on one of the site's host names.
    What is stored is that resolved address, so the page asks for the very file that
    was checked: ``/media/../admin/logout/`` or ``/media/%2e%2e/x`` lead out of the
    media folder and are refused, ``/media/./a.jpg`` is kept as ``/media/a.jpg``.
    Query and fragment are dropped: a stored file needs neither.
    """
    parts = urlsplit(src.strip().replace("\\", "/"))
    path = resolved_path(parts.path)
    own = (urlsplit(settings.MEDIA_URL).path, urlsplit(settings.STATIC_URL).path)
    if path is None or not any(_inside(path, prefix) for prefix in own):
        return None
    path = quote(path)
    if not parts.scheme and not parts.netloc:
        return path
    try:
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or host not in _own_hosts():
        return None
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}{f':{port}' if port else ''}{path}"


def frame_permissions(value):
    tokens = [token.strip() for token in value.split(";")]
    return "; ".join(token for token in tokens if token in FRAME_PERMISSIONS)


def filter_attribute(tag, attribute, value):
    """An attribute's value as stored, or None to drop the attribute."""
    if tag == "img" and attribute == "src":
        return site_image(value)
    if attribute == "style":
        return " ".join(classes_from_style(tag, value)) or None
    if attribute == "class":
        return " ".join(known_classes(tag, value)) or None
    if tag == "table" and attribute == "border":
        return table_border(value)
    if tag == "iframe":
        if attribute == "src":
            return value if VIDEO_SRC.fullmatch(value.strip()) else None
        if attribute in {"width", "height"}:
            return value if NUMBER.fullmatch(value.strip()) else None
        if attribute == "allow":
            return frame_permissions(value) or None
        if attribute == "allowfullscreen":
            return ""
    return value


def keep_video_frames(match):
    """A frame with an allowed player address, emptied; any other frame, gone."""
    attributes = match.group(1)
    if ' src="' not in attributes:
        return ""
    return f"<iframe{attributes}></iframe>"


# In nh3's output "<" only opens a real tag and attribute values are quoted with
# '"' escaped, so a start tag and its attributes can be read with these.
STYLED_NAMES = "|".join(sorted(STYLED_TAGS))
STYLED_START = re.compile(rf"<({STYLED_NAMES})((?: [^<>]*)?)>")
ATTRIBUTE = re.compile(r' ([a-z-]+)="([^"]*)"')
IMAGE = re.compile(r"<img((?: [^<>]*)?)>")
VML_IMAGE = re.compile(r"<v:imagedata(?: [^<>]*)?>(?:</v:imagedata>)?")


@dataclass(frozen=True)
class CleanedHtml:
    """Cleaned HTML, and how many images were removed from it because their
    address could not be kept (``data:``, ``file:``, ``blob:``, another site)."""

    html: str
    dropped_images: int


def merge_classes(match):
    """A styled start tag whose ``style`` (already turned into class names by
    ``filter_attribute``) is folded into its ``class``."""
    attributes = ATTRIBUTE.findall(match.group(2))
    classes = []
    kept = []
    for name, value in attributes:
        if name in {"class", "style"}:
            classes += [c for c in value.split() if c not in classes]
        else:
            kept.append((name, value))
    if classes:
        kept.append(("class", " ".join(classes)))
    rendered = "".join(f' {name}="{value}"' for name, value in kept)
    return f"<{match.group(1)}{rendered}>"


def keep_site_images(html):
    """``html`` without the images that lost their address; and how many those were."""
    dropped = 0

    def image(match):
        nonlocal dropped
        if ' src="' in match.group(1):
            return match.group(0)
        dropped += 1
        return ""

    html = IMAGE.sub(image, html)
    html, word_images = VML_IMAGE.subn("", html)
    return html, dropped + word_images


def clean_html(html):
    """``html`` reduced to the allow-list; links to other sites open no window handle."""
    return clean_html_report(html).html


def clean_html_report(html):
    """``clean_html``'s result with the number of images it had to remove."""
    if not html:
        return CleanedHtml("", 0)
    cleaned = nh3.clean(
        html,
        tags=TAGS | {WORD_IMAGE},
        clean_content_tags=CONTENT_TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    cleaned = FRAME.sub(keep_video_frames, cleaned)
    cleaned = STYLED_START.sub(merge_classes, cleaned)
    cleaned, dropped = keep_site_images(cleaned)
    return CleanedHtml(cleaned, dropped)


# A src or href attribute's value, quoted either way.
ADDRESS = re.compile(r"""(?:src|href)\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


def media_names_in(html):
    """The media files a body shows or links to, as storage names
    ("photos/2024/01/abc/1024.jpg"), from ``src``/``href`` addresses that resolve
    under MEDIA_URL (``resolved_path``), with or without a host: a link that
    reaches the media folder by another of the site's names still uses the file.
    For the links between bodies and photos (``news.Article.body_photos``), the
    media sweep and the backup's check of its files."""
    prefix = urlsplit(settings.MEDIA_URL).path or "/"
    names = set()
    for _quote, value in ADDRESS.findall(html or ""):
        parts = urlsplit(value.strip().replace("\\", "/"))
        if parts.scheme not in {"", "http", "https"}:
            continue
        path = resolved_path(parts.path)
        if path is not None and _inside(path, prefix):
            names.add(path[len(prefix) :])
    return names


# What must not appear raw inside a <script> element's text: < > & could end the
# element or open a comment; U+2028/U+2029 end a JavaScript string in old engines.
_SCRIPT_TEXT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def script_json(value, indent=None):
    """``value`` as JSON that is safe as the text of a ``<script>`` element
    (``application/ld+json`` data, a value a script reads): whatever a title or a
    visitor's question holds, it cannot close the element."""
    from django.utils.safestring import mark_safe

    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return mark_safe(text.translate(_SCRIPT_TEXT_ESCAPES))
