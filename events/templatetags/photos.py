"""The one way a page shows a photo: ``{% load photos %}``.

``{% photo photo %}`` renders a meeting photo as a ``<picture>``: WebP renditions for
browsers that take them, JPEG renditions and a JPEG ``src`` for the others, with
``srcset``/``sizes``, the master's width and height (no layout shift), lazy loading
and an alt text that is never empty. ``{% photo_url photo 1600 %}`` gives one JPEG
rendition's address, for a lightbox link or ``og:image``.
"""

from django import template

from ngt_portal.images import rendition_name

register = template.Library()

# The gallery grid (static/css/site.css): three columns of about 19rem inside the
# 60rem page, two of about half the viewport on a tablet, one on a phone.
GALLERY_SIZES = "(min-width: 60rem) 19rem, (min-width: 40rem) 45vw, 100vw"
# The width of the ``src`` for browsers that ignore ``srcset``.
FALLBACK_WIDTH = 640


@register.inclusion_tag("events/includes/photo.html")
def photo(photo, sizes=GALLERY_SIZES, eager=False, css_class=""):
    """Render ``photo`` as ``<picture>`` with its WebP and JPEG renditions.

    ``sizes`` tells the browser how wide the image will be shown, so it downloads the
    smallest rendition that fills it. The default suits the gallery grid:
    ``"(min-width: 60rem) 19rem, (min-width: 40rem) 45vw, 100vw"`` (three columns
    on a desktop, two on a tablet, one on a phone); a photo shown at the column's
    full width would pass ``sizes="(min-width: 60rem) 58rem, 100vw"``.

    ``eager=True`` is for the first photo on screen, the one that may be the largest
    content painted: it is loaded at once and with high priority. Every other photo
    is loaded lazily. ``css_class`` goes on the ``<img>``.

    A photo processed before renditions existed shows its master alone; a photo
    without an image (a caption imported before its picture) shows nothing.
    """
    if not photo or not photo.image:
        return {"photo": None}
    widths = _widths(photo)
    context = {
        "photo": photo,
        "alt": photo.alt_text,
        "css_class": css_class,
        "eager": eager,
        "sizes": sizes,
        "src": _closest_url(photo, widths, FALLBACK_WIDTH),
        "webp_srcset": "",
        "jpg_srcset": "",
    }
    if widths:
        context["webp_srcset"] = _srcset(photo, widths, "webp")
        context["jpg_srcset"] = _srcset(photo, widths, "jpg")
    return context


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


def _url(photo, width, extension):
    storage = photo.image.storage
    return storage.url(rendition_name(photo.image.name, width, extension))


def _srcset(photo, widths, extension):
    return ", ".join(f"{_url(photo, w, extension)} {w}w" for w in widths)


def _closest_url(photo, widths, target):
    if not widths:
        return photo.image.url
    # On a tie the larger width wins: a little too sharp beats a little blurred.
    width = min(widths, key=lambda w: (abs(w - target), -w))
    return _url(photo, width, "jpg")
