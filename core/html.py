"""Cleaning rich text before it is stored.

Staff paste text from Word, e-mail and other sites into the editor. Whatever arrives,
what is stored is only what the editor's toolbar can make: paragraphs, headings, lists,
links, emphasis, quotes, tables, images from this site, figures with captions and
rules, plus YouTube players; no scripts, styles, forms, SVG or MathML, event handlers
or ``javascript:``/``data:`` addresses. Templates may then mark the stored body safe.
"""

import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings

TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption", "hr",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "iframe",
}  # fmt: skip
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


def site_image(src):
    """Whether an image address is this site's own: its media or static files, by
    path or on one of the site's host names."""
    parts = urlsplit(src.strip())
    own_paths = (settings.MEDIA_URL, settings.STATIC_URL)
    if not parts.scheme and not parts.netloc:
        return parts.path.startswith(own_paths)
    hosts = {h.lower() for h in settings.ALLOWED_HOSTS if h and h[0] not in ".*"}
    return (
        parts.scheme in {"http", "https"}
        and (parts.hostname or "") in hosts
        and parts.path.startswith(own_paths)
    )


def frame_permissions(value):
    tokens = [token.strip() for token in value.split(";")]
    return "; ".join(token for token in tokens if token in FRAME_PERMISSIONS)


def filter_attribute(tag, attribute, value):
    """An attribute's value as stored, or None to drop the attribute."""
    if tag == "img" and attribute == "src":
        return value if site_image(value) else None
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


def clean_html(html):
    """``html`` reduced to the allow-list; links to other sites open no window handle."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=CONTENT_TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return FRAME.sub(keep_video_frames, cleaned)
