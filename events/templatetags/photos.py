"""The one way a page shows a photo: ``{% load photos %}``.

``{% photo photo %}`` renders a meeting photo as a ``<picture>``: WebP renditions for
browsers that take them, JPEG renditions and a JPEG ``src`` for the others, with
``srcset``/``sizes``, the master's width and height (no layout shift), lazy loading
and an alt text that is never empty. ``{% photo_url photo 1600 %}`` gives one JPEG
rendition's address, for a lightbox link or ``og:image``. ``{% gallery_figures
photos %}`` renders a gallery's figures, each photo linked to its 1600 px JPEG.

The markup of a photo is built once and kept in a small memo of this process, keyed
by everything it is made of (file name, renditions, size, alt text, focal point and
the arguments): a changed caption, a new rendition or a renamed meeting makes a new
key, so the page shows the change at once, and a stale entry merely ages out.
"""

from collections import OrderedDict
from threading import Lock

from django import template
from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.images import rendition_name

register = template.Library()

# The gallery grid (static/css/site.css): three columns of about 19rem inside the
# 60rem page, two of about half the viewport on a tablet, three square thumbnails
# on a phone (a third of the screen, a little more for a landscape photo cropped
# square), so a phone downloads the 320 or 640 px file, not the 1600.
GALLERY_SIZES = "(min-width: 60rem) 19rem, (min-width: 40rem) 45vw, 40vw"
# The width of the ``src`` for browsers that ignore ``srcset``.
FALLBACK_WIDTH = 640
# The gallery's links open this JPEG rendition (static/js/lightbox.js).
LARGE_WIDTH = 1600
# Markups kept per process (a figure is under 2 kB, so 4 MB at most): the
# galleries of the pages being read; the least recently used go.
MEMO_SIZE = 2048


class Memo:
    """A small least-recently-used map, safe for a threaded server."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = Lock()

    def get(self, key):
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key, value):
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value

    def clear(self):
        with self.lock:
            self.entries.clear()


MARKUP = Memo(MEMO_SIZE)


def _memo_key(photo, *args):
    """Everything ``photo``'s markup is made of, or None when its addresses may not
    be kept (a storage other than files on disk may sign or expire them)."""
    image = photo.image
    storage = image.storage
    base = getattr(storage, "base_url", None)
    if not isinstance(storage, FileSystemStorage) or not base:
        return None
    return (
        base,
        image.name,
        tuple(photo.renditions or ()),
        photo.width,
        photo.height,
        photo.alt_text,
        getattr(photo, "focus_class", ""),
        *args,
    )


@register.simple_tag
def photo(photo, sizes=GALLERY_SIZES, eager=False, css_class=""):
    """Render ``photo`` as ``<picture>`` with its WebP and JPEG renditions.

    ``sizes`` tells the browser how wide the image will be shown, so it downloads the
    smallest rendition that fills it. The default suits the gallery grid:
    ``"(min-width: 60rem) 19rem, (min-width: 40rem) 45vw, 40vw"`` (three columns
    on a desktop, two on a tablet, three thumbnails on a phone); a photo shown at the column's
    full width would pass ``sizes="(min-width: 60rem) 58rem, 100vw"``.

    ``eager=True`` is for the first photo on screen, the one that may be the largest
    content painted: it is loaded at once and with high priority. Every other photo
    is loaded lazily. ``css_class`` goes on the ``<img>``, with ``focus-top-left``…
    when the photo's focal point is not its centre.

    A photo processed before renditions existed shows its master alone (a plain
    ``<img>``); a photo without an image (a caption imported before its picture)
    shows nothing. Built in Python rather than an included template: a gallery of
    thirty photos renders it thirty times.
    """
    if not photo or not photo.image:
        return ""
    key = _memo_key(photo, "picture", sizes, bool(eager), css_class)
    if key is None:
        return _picture(photo, sizes, eager, css_class)
    return MARKUP.get(key) or MARKUP.put(key, _picture(photo, sizes, eager, css_class))


def _picture(photo, sizes, eager, css_class):
    widths = _widths(photo)
    url = _url_maker(photo)
    attrs = [("src", _closest_url(photo, widths, FALLBACK_WIDTH, url))]
    if widths:
        attrs += [("srcset", _srcset(widths, "jpg", url)), ("sizes", sizes)]
    if photo.width and photo.height:
        attrs += [("width", photo.width), ("height", photo.height)]
    attrs.append(("alt", photo.alt_text))
    # The focal point steers the crop of cards and thumbnails (static/css/site.css).
    focus = getattr(photo, "focus_class", "")
    classes = " ".join(name for name in (css_class, focus) if name)
    if classes:
        attrs.append(("class", classes))
    if eager:
        attrs += [("loading", "eager"), ("fetchpriority", "high")]
    else:
        attrs.append(("loading", "lazy"))
    attrs.append(("decoding", "async"))
    # One format_html for the whole tag, its placeholders named by the attributes
    # above: format_html_join would escape and join each attribute on its own, three
    # times the cost, for every photo of a gallery.
    names, values = zip(*attrs, strict=True)
    placeholders = "".join(f' {name}="{{}}"' for name in names)
    img = format_html(f"<img{placeholders}>", *values)
    if not widths:
        return img
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">{}</picture>',
        _srcset(widths, "webp", url),
        sizes,
        img,
    )


@register.simple_tag
def photo_url(photo, width):
    """The address of the JPEG rendition closest to ``width`` pixels.

    The master's address for a photo without renditions; empty for a photo without
    an image. ``{% photo_url photo 1600 as url %}`` keeps it in a variable.
    """
    if not photo or not photo.image:
        return ""
    # Not memoised: an address is cheap, and reads only the file's name and its
    # renditions (a feed's narrow query reads nothing else).
    return _closest_url(photo, _widths(photo), int(width))


@register.simple_tag
def gallery_figures(photos):
    """The figures of a gallery (events/includes/gallery.html), one per photo with
    an image: the photo linked to its 1600 px JPEG for the lightbox, its caption
    under it. The first of ``photos`` is loaded at once (it may be the largest
    painted). One tag for the grid: a template loop of thirty figures, each with
    its own tags, costs a gallery more than the figures' markup itself."""
    figures = []
    for number, photo in enumerate(photos):
        if not photo.image:
            continue
        eager = number == 0
        key = _memo_key(photo, "figure", eager, photo.caption)
        markup = MARKUP.get(key) if key is not None else None
        if markup is None:
            markup = _figure(photo, eager)
            if key is not None:
                MARKUP.put(key, markup)
        figures.append(markup)
    return mark_safe("".join(figures))


def _figure(photo, eager):
    large = _closest_url(photo, _widths(photo), LARGE_WIDTH)
    size = (
        format_html(' data-width="{}" data-height="{}"', photo.width, photo.height)
        if photo.width and photo.height
        else ""
    )
    caption = (
        format_html("<figcaption>{}</figcaption>", photo.caption)
        if photo.caption
        else ""
    )
    return format_html(
        '<figure><a href="{}" data-lightbox-src="{}" data-caption="{}"{}>{}</a>{}'
        "</figure>",
        large,
        large,
        photo.caption,
        size,
        _picture(photo, GALLERY_SIZES, eager, ""),
        caption,
    )


def _widths(photo):
    return sorted(int(width) for width in photo.renditions or [])


def _url_maker(photo):
    """A function giving a rendition's address: ``storage.url`` of its name.

    For files on disk that is the media URL followed by the quoted name, computed
    here directly: ``FileSystemStorage.url`` runs ``urljoin`` for every one of the
    dozen addresses of each photo of a gallery.
    """
    storage = photo.image.storage
    name = photo.image.name
    base = getattr(storage, "base_url", None)
    if isinstance(storage, FileSystemStorage) and base and base.endswith("/"):
        return lambda width, ext: (
            base + filepath_to_uri(rendition_name(name, width, ext)).lstrip("/")
        )
    return lambda width, ext: storage.url(rendition_name(name, width, ext))


def _srcset(widths, extension, url):
    return ", ".join(f"{url(w, extension)} {w}w" for w in widths)


def _closest_url(photo, widths, target, url=None):
    if not widths:
        return photo.image.url
    # On a tie the larger width wins: a little too sharp beats a little blurred.
    width = min(widths, key=lambda w: (abs(w - target), -w))
    return (url or _url_maker(photo))(width, "jpg")
