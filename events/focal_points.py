"""Where a photo's subject is, so crops keep it in view (``Photo.focal_point``)."""

from django.db import models
from django.utils.translation import pgettext_lazy


class FocalPoint(models.TextChoices):
    """The part of a photo that must stay in view when a card or thumbnail crops it.

    Cards, phone thumbnails and the home page crop photos to fixed shapes
    (``object-fit: cover``), which keeps the centre: a speaker standing at the left
    of a wide shot would be cut off. Nine points of a 3×3 grid are enough to steer
    those crops, and each maps to a class (``focus-top-left``…) the stylesheets
    turn into ``object-position``: the public pages allow no inline styles.
    """

    CENTER = "center", pgettext_lazy("focal point", "Centre")
    TOP_LEFT = "top-left", pgettext_lazy("focal point", "Top left")
    TOP = "top", pgettext_lazy("focal point", "Top")
    TOP_RIGHT = "top-right", pgettext_lazy("focal point", "Top right")
    LEFT = "left", pgettext_lazy("focal point", "Left")
    RIGHT = "right", pgettext_lazy("focal point", "Right")
    BOTTOM_LEFT = "bottom-left", pgettext_lazy("focal point", "Bottom left")
    BOTTOM = "bottom", pgettext_lazy("focal point", "Bottom")
    BOTTOM_RIGHT = "bottom-right", pgettext_lazy("focal point", "Bottom right")


# The 3×3 grid row by row, as the caption grid's control lays the points out.
FOCAL_GRID = [
    FocalPoint.TOP_LEFT,
    FocalPoint.TOP,
    FocalPoint.TOP_RIGHT,
    FocalPoint.LEFT,
    FocalPoint.CENTER,
    FocalPoint.RIGHT,
    FocalPoint.BOTTOM_LEFT,
    FocalPoint.BOTTOM,
    FocalPoint.BOTTOM_RIGHT,
]
