"""What a photo looks like, in three numbers measured once, at processing.

- ``phash``: a 64-bit difference hash (dHash) as 16 hex digits. Two files of the
  same shot (the same photo sent twice, or resized and re-encoded by a chat app)
  have hashes a few bits apart; different shots are some twenty bits or more apart.
- ``sharpness``: the variance of a Laplacian filter on a grayscale copy about
  512 px wide. A blurred photo has soft edges, and the filter answers little.
- ``brightness``: the mean luminance of that copy, 0 (black) to 255 (white).

The thresholds below were measured on real photographs and on blurred and darkened
copies of them (docs/decisions/0009-photo-measures.md); they are the one place the
words "blurred", "dark" and "the same photo" are decided.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFilter, ImageStat

# The grayscale copy the measures are taken on: the same size whatever the master's,
# so a threshold means the same for a 2000 px photo and a 640 px one.
MEASURE_EDGE = 512
# Sharp photographs measured 175 to 3600; blurred copies (Gaussian, 2 px at this
# size, about 8 px on a 2000 px master) 5 to 70, a few flat ones up to 127.
BLURRED_BELOW = 100
# Photographs in normal light measured 60 to 170; the same at a quarter of their
# exposure 15 to 43.
DARK_BELOW = 45
# Resized and re-encoded copies of a photo measured 0 to 4 bits from it (7 for a
# 200 px copy at JPEG quality 40); different photographs 11 bits and more (11 for
# the two views of a stereo pair), 32 on average.
SAME_SHOT_MAX_DISTANCE = 6
# Flat pictures (a slide, a plain wall) all hash alike: two of them are the same
# shot only if they are also about as bright.
SAME_SHOT_MAX_BRIGHTNESS_GAP = 12

# The 4-neighbour Laplacian; the offset keeps negative answers (L is 0–255).
_LAPLACIAN = ImageFilter.Kernel(
    (3, 3), [0, 1, 0, 1, -4, 1, 0, 1, 0], scale=1, offset=128
)


@dataclass(frozen=True)
class Measures:
    phash: str
    sharpness: float
    brightness: float


def measure(image):
    """The ``Measures`` of a Pillow image (any mode)."""
    gray = image.convert("L")
    if max(gray.size) > MEASURE_EDGE:
        gray.thumbnail(
            (MEASURE_EDGE, MEASURE_EDGE), Image.Resampling.BILINEAR, reducing_gap=2.0
        )
    return Measures(
        phash=difference_hash(gray),
        sharpness=round(ImageStat.Stat(gray.filter(_LAPLACIAN)).var[0], 1),
        brightness=round(ImageStat.Stat(gray).mean[0], 1),
    )


def difference_hash(gray):
    """64 bits, one per pair of neighbours in a 9×8 copy: is the left one brighter?

    Resizing to 9×8 keeps only the picture's broad shapes, which survive resizing,
    re-encoding and small changes of colour.
    """
    small = gray.resize((9, 8), Image.Resampling.LANCZOS)
    pixels = small.tobytes()
    bits = 0
    for row in range(8):
        for column in range(8):
            left = pixels[row * 9 + column]
            bits = bits << 1 | (left > pixels[row * 9 + column + 1])
    return f"{bits:016x}"


def hash_distance(first, second):
    """How many of the 64 bits differ (Hamming distance); None if one is missing."""
    if not first or not second:
        return None
    return (int(first, 16) ^ int(second, 16)).bit_count()


def same_shot(first, second):
    """Whether two photos' (phash, brightness) say they are one shot.

    Returns the hash distance when they are, else None.
    """
    distance = hash_distance(first[0], second[0])
    if distance is None or distance > SAME_SHOT_MAX_DISTANCE:
        return None
    brightness = (first[1], second[1])
    if None not in brightness and abs(brightness[0] - brightness[1]) > (
        SAME_SHOT_MAX_BRIGHTNESS_GAP
    ):
        return None
    return distance


def quality_warnings(sharpness, brightness):
    """The warnings an editor reads about a photo's measures, in Vietnamese."""
    warnings = []
    if sharpness is not None and sharpness < BLURRED_BELOW:
        warnings.append(_("The photo looks blurred"))
    if brightness is not None and brightness < DARK_BELOW:
        warnings.append(_("The photo is too dark"))
    return warnings
