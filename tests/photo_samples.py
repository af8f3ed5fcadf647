"""Photographs made up for tests: scenes of shapes and grain, different per seed.

A flat colour is a poor stand-in for a photo when what is tested is how a photo
looks: its hash is all zeros and it has no edges. These scenes have broad shapes
(what a perceptual hash sees), sharp edges and grain (what a sharpness measure
sees), and a normal exposure.
"""

import io
import random

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter


def scene(seed, size=(1200, 900)):
    """A made-up photo: a gradient, forty shapes in colour, film grain."""
    rng = random.Random(seed)
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image = Image.blend(image, Image.new("RGB", size, _colour(rng)), 0.6)
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = (
            rng.randrange(width // 20, width // 3),
            rng.randrange(height // 20, height // 3),
        )
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape([x, y, x + w, y + h], fill=_colour(rng), outline=_colour(rng), width=3)
    grain = Image.effect_noise(size, 40).convert("RGB")
    return Image.blend(image, grain, 0.12)


def blurred(image, radius=None):
    """The same scene out of focus: a Gaussian blur of about 1/150 of its width."""
    return image.filter(ImageFilter.GaussianBlur(radius or image.width / 150))


def darkened(image, factor=0.25):
    """The same scene at a quarter of its exposure."""
    return ImageEnhance.Brightness(image).enhance(factor)


def jpeg(image, quality=90):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def _colour(rng):
    return tuple(rng.randrange(40, 256) for _ in range(3))
