"""The XSS corpus (``tests/data/xss_vectors.txt``) and a check that HTML is harmless.

The check parses the HTML with ``html.parser``, so attributes are judged after their
entities are decoded, not by searching the raw text.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "data" / "xss_vectors.txt"
ESCAPES = {"{TAB}": "\t", "{NL}": "\n", "{CR}": "\r"}

YOUTUBE = re.compile(r"https://www\.youtube(-nocookie)?\.com/embed/[A-Za-z0-9_-]+")
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "xlink:href", "background",
    "poster", "dynsrc", "lowsrc", "cite", "codebase", "srcset", "ping",
}  # fmt: skip
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")
# Elements that never belong in a stored body or inside a page built from one.
FORBIDDEN = {
    "script", "style", "svg", "math", "object", "embed", "form", "meta", "base",
    "link", "frame", "frameset", "applet", "portal", "template", "iframe", "input",
    "button", "textarea", "select", "keygen", "isindex", "noscript", "plaintext",
    "xmp", "noembed", "listing", "title", "video", "audio", "source", "body",
}  # fmt: skip


def load_vectors():
    """Every vector of the corpus, its escapes decoded."""
    vectors = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        for escape, character in ESCAPES.items():
            line = line.replace(escape, character)
        vectors.append(line)
    return vectors


def bad_url(value):
    """Whether a URL runs script or carries a document, as a browser reads it: control
    characters and spaces anywhere in it are ignored."""
    squeezed = "".join(ch for ch in value if ord(ch) > 0x20).lower()
    return squeezed.startswith(BAD_SCHEMES)


class Findings(HTMLParser):
    """What in a piece of HTML could run script or leave the page.

    ``page=True`` judges a whole page of the portal: its own head (meta, link, the
    site's script files and JSON-LD data blocks) and its icons are allowed there.
    """

    def __init__(self, page=False, allowed_tags=None):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.allowed_tags = allowed_tags
        self.found = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.allowed_tags is not None and tag not in self.allowed_tags:
            self.found.append(f"<{tag}> is not allowed")
        video = tag == "iframe" and YOUTUBE.fullmatch(attributes.get("src") or "")
        if tag in FORBIDDEN and not video and not self.allowed_in_page(tag, attributes):
            self.found.append(f"<{tag} {attributes}>")
        for name, value in attrs:
            if self.bad_attribute(name, value or ""):
                self.found.append(f"<{tag}> has {name}={value!r}")

    @staticmethod
    def bad_attribute(name, value):
        if name.startswith("on") or name in {"style", "srcdoc", "formaction"}:
            return True
        if name == "http-equiv":
            return True
        if name == "srcset":
            return any(bad_url(candidate) for candidate in value.split(","))
        return name in URL_ATTRIBUTES and bad_url(value)

    def allowed_in_page(self, tag, attributes):
        if not self.page:
            return False
        if tag == "script":
            return attributes.get("type") == "application/ld+json" or (
                attributes.get("src") or ""
            ).startswith("/static/")
        if tag == "link":
            return (attributes.get("href") or "").startswith(("/", "http"))
        # The page's own markup: head, icons, share and search controls.
        return tag in {"meta", "svg", "form", "input", "button", "title", "body"}


def findings(html, page=False, allowed_tags=None):
    """What is wrong with ``html``: an empty list when it is harmless."""
    parser = Findings(page=page, allowed_tags=allowed_tags)
    parser.feed(html)
    parser.close()
    return parser.found
