"""The one way a page shows a photo: ``{% load photos %}``.

``{% photo photo %}`` renders a meeting photo as a ``<picture>``: WebP renditions for
browsers that take them, JPEG renditions and a JPEG ``src`` for the others, with
``srcset``/``sizes``, the master's width and height (no layout shift), lazy loading
and an alt text that is never empty. ``{% photo_url photo 1600 %}`` gives one JPEG
rendition's address, for a lightbox link or ``og:image``.
"""

from django import template
from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri
from django.utils.html import format_html

from core.images import rendition_name

register = template.Library()

# The gallery grid (static/css/site.css): three columns of about 19rem inside the
# 60rem page, two of about half the viewport on a tablet, three square thumbnails
# on a phone (a third of the screen, a little more for a landscape photo cropped
# square), so a phone downloads the 320 or 640 px file, not the 1600.
GALLERY_SIZES = "(min-width: 60rem) 19rem, (min-width: 40rem) 45vw, 40vw"
# The width of the ``src`` for browsers that ignore ``srcset``.
FALLBACK_WIDTH = 640


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
    return _closest_url(photo, _widths(photo), int(width))


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
