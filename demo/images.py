"""Photo-like placeholder JPEGs for the demo content, drawn with Pillow.

The demo needs meeting photos that look like the college's own (a hall with a red
backdrop, a head table, rows of people) so that galleries, renditions and the
lightbox can be tried on realistic sizes and colours. Shipping real photos would put
people's faces and several megabytes in the repository; fetching them would need
the network. Drawing them is fast, and the same seed always gives the same picture.
"""

import functools
import io
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

# The colours of the halls such meetings are held in: a red or blue backdrop, a
# cloth-covered head table, office shirts.
WALLS = [
    ((186, 176, 160), (232, 226, 212)),
    ((150, 168, 186), (214, 222, 230)),
    ((170, 180, 160), (226, 230, 214)),
]
BACKDROPS = [(150, 22, 28), (172, 30, 34), (128, 18, 40), (24, 70, 140)]
CLOTHS = [(236, 236, 240), (34, 76, 150), (170, 28, 36)]
SHIRTS = [
    (238, 238, 242),
    (222, 228, 240),
    (60, 74, 110),
    (40, 40, 48),
    (120, 140, 180),
    (180, 60, 70),
    (90, 110, 90),
    (200, 180, 150),
]
SKINS = [(224, 182, 150), (210, 166, 132), (232, 194, 164), (196, 150, 118)]
HAIRS = [(24, 20, 20), (36, 28, 24), (52, 40, 34), (70, 66, 64)]
WOOD = [(120, 78, 48), (98, 62, 40), (140, 96, 60)]
FLOORS = [(92, 84, 80), (110, 100, 92), (84, 86, 96)]

SCENES = ("podium", "award", "discussion")


# The same arguments always draw the same picture, so a process that loads the demo
# more than once (the test suite) draws each picture once.
@functools.lru_cache(maxsize=32)
def placeholder_jpeg(seed, scene="podium", size=(1600, 1200), quality=85):
    """JPEG bytes of a made-up meeting photo; ``seed`` fixes every random choice.

    ``scene`` chooses what is on the stage: a speaker at a lectern (``"podium"``),
    people lined up receiving certificates (``"award"``), or people around a table
    (``"discussion"``).
    """
    if scene not in SCENES:
        raise ValueError(f"Unknown scene {scene!r}; expected one of {SCENES}.")
    rng = random.Random(seed)
    width, height = size
    image = _gradient(size, *rng.choice(WALLS))
    draw = ImageDraw.Draw(image)
    _stage(draw, rng, width, height)
    if scene == "podium":
        _podium(draw, rng, width, height)
    elif scene == "award":
        _award_line(draw, rng, width, height)
    else:
        _discussion(draw, rng, width, height)
    _audience(draw, rng, width, height, rows=2 if scene == "discussion" else 3)
    image = image.filter(ImageFilter.GaussianBlur(radius=width / 1000))
    image = _vignette(_grain(image, rng))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def _gradient(size, top, bottom):
    # Resizing a 256-step ramp is much faster than drawing one line per row.
    ramp = Image.linear_gradient("L").resize(size)
    return ImageOps.colorize(ramp, black=top, white=bottom)


def _stage(draw, rng, width, height):
    """The red backdrop with its banner, and the stage floor in front of it."""
    left, right = width * 0.04, width * 0.96
    top, bottom = height * 0.06, height * 0.5
    backdrop = rng.choice(BACKDROPS)
    draw.rectangle((left, top, right, bottom), fill=backdrop)
    # Darker folds, as a fabric backdrop has.
    for _ in range(rng.randint(6, 10)):
        x = rng.uniform(left, right)
        shade = tuple(max(0, c - rng.randint(10, 25)) for c in backdrop)
        draw.rectangle(
            (x, top, x + width * rng.uniform(0.01, 0.03), bottom), fill=shade
        )
    # The banner's lines of text, as blocks: letters would need a font file.
    gold = (240, 214, 120)
    for line, line_height in ((0.13, 0.045), (0.21, 0.06), (0.3, 0.035)):
        text_width = width * rng.uniform(0.35, 0.7)
        x0 = (width - text_width) / 2
        y0 = height * line
        x = x0
        while x < x0 + text_width:
            word = width * rng.uniform(0.03, 0.09)
            draw.rectangle(
                (x, y0, min(x + word, x0 + text_width), y0 + height * line_height),
                fill=gold,
            )
            x += word + width * 0.012
    # The emblem at the top left of the backdrop.
    r = height * 0.05
    cx, cy = width * 0.12, height * 0.17
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=gold)
    draw.ellipse(
        (cx - r * 0.7, cy - r * 0.7, cx + r * 0.7, cy + r * 0.7), fill=backdrop
    )
    draw.rectangle((0, bottom, width, height * 0.62), fill=rng.choice(WOOD))
    # The hall floor where the audience sits, in shadow below the stage.
    floor = rng.choice(FLOORS)
    draw.rectangle((0, height * 0.62, width, height), fill=floor)
    draw.rectangle((0, height * 0.62, width, height * 0.64), fill=(40, 34, 30))


def _person(draw, rng, cx, head_y, r, facing="front", shirt=None):
    """Head and shoulders: a head of radius ``r`` centred at (``cx``, ``head_y``)."""
    shirt = shirt or rng.choice(SHIRTS)
    skin = rng.choice(SKINS)
    hair = rng.choice(HAIRS)
    shoulder_top = head_y + r * 1.05
    draw.ellipse(
        (cx - r * 2.1, shoulder_top, cx + r * 2.1, shoulder_top + r * 4.5), fill=shirt
    )
    draw.rectangle(
        (cx - r * 0.38, head_y + r * 0.5, cx + r * 0.38, shoulder_top + r * 0.3),
        fill=skin,
    )
    head = (cx - r * 0.82, head_y - r, cx + r * 0.82, head_y + r)
    if facing == "back":
        draw.ellipse(head, fill=hair)
        return
    draw.ellipse(head, fill=skin)
    # Hair: the top of the head, longer at the sides for some.
    draw.chord(
        (cx - r * 0.86, head_y - r * 1.06, cx + r * 0.86, head_y + r * 0.5),
        180,
        360,
        fill=hair,
    )
    if rng.random() < 0.4:
        draw.rectangle(
            (cx - r * 0.86, head_y - r * 0.3, cx - r * 0.6, head_y + r), fill=hair
        )
        draw.rectangle(
            (cx + r * 0.6, head_y - r * 0.3, cx + r * 0.86, head_y + r), fill=hair
        )


def _head_table(draw, rng, width, height, x0, x1, seats):
    """A long table with a cloth and flowers, people seated behind it."""
    r = height * 0.035
    step = (x1 - x0) / seats
    for seat in range(seats):
        cx = x0 + step * (seat + 0.5) + rng.uniform(-r, r) * 0.4
        _person(draw, rng, cx, height * 0.43 + rng.uniform(-r, r) * 0.2, r)
    top = height * 0.5
    draw.rectangle((x0, top, x1, height * 0.62), fill=rng.choice(CLOTHS))
    draw.rectangle((x0, top, x1, top + height * 0.012), fill=(250, 250, 250))
    for _ in range(max(2, seats // 2)):
        fx = rng.uniform(x0 + r, x1 - r)
        for _ in range(7):
            dx, dy, fr = rng.uniform(-r, r), rng.uniform(-r * 0.8, 0), r * 0.35
            colour = rng.choice([(230, 60, 80), (250, 200, 60), (250, 250, 250)])
            draw.ellipse(
                (fx + dx - fr, top + dy - fr, fx + dx + fr, top + dy + fr), fill=colour
            )


def _podium(draw, rng, width, height):
    """A speaker at a lectern on one side, the head table on the other."""
    on_left = rng.random() < 0.5
    lectern_x = width * (0.2 if on_left else 0.8)
    r = height * 0.04
    _person(draw, rng, lectern_x, height * 0.34, r, shirt=rng.choice(SHIRTS[:4]))
    wood = rng.choice(WOOD)
    draw.polygon(
        [
            (lectern_x - r * 2.6, height * 0.42),
            (lectern_x + r * 2.6, height * 0.42),
            (lectern_x + r * 2.0, height * 0.66),
            (lectern_x - r * 2.0, height * 0.66),
        ],
        fill=wood,
    )
    # The microphone.
    draw.line(
        (lectern_x, height * 0.42, lectern_x + r * 0.8, height * 0.37),
        fill=(30, 30, 30),
        width=max(2, int(r * 0.12)),
    )
    if on_left:
        x0, x1 = width * 0.36, width * 0.92
    else:
        x0, x1 = width * 0.08, width * 0.64
    _head_table(draw, rng, width, height, x0, x1, rng.randint(4, 6))


def _award_line(draw, rng, width, height):
    """People standing in a line on the stage, each holding a certificate."""
    count = rng.randint(5, 8)
    r = height * 0.032
    step = width * 0.84 / count
    for n in range(count):
        cx = width * 0.08 + step * (n + 0.5)
        head_y = height * 0.37 + rng.uniform(-r, r) * 0.3
        _person(draw, rng, cx, head_y, r)
        draw.rectangle(
            (cx - r * 1.5, head_y + r * 4.5, cx + r * 1.5, height * 0.6),
            fill=(40, 40, 56),
        )
        frame = (cx - r * 1.5, head_y + r * 2.4, cx + r * 1.5, head_y + r * 4.4)
        draw.rectangle(frame, fill=(200, 40, 40))
        draw.rectangle(
            (
                frame[0] + r * 0.2,
                frame[1] + r * 0.2,
                frame[2] - r * 0.2,
                frame[3] - r * 0.2,
            ),
            fill=(246, 232, 190),
        )


def _discussion(draw, rng, width, height):
    """A long meeting table across the room, people seated along it."""
    _head_table(draw, rng, width, height, width * 0.06, width * 0.94, rng.randint(7, 9))


def _audience(draw, rng, width, height, rows):
    """Rows of people seen from behind, larger as they come closer to the camera."""
    for row in range(rows):
        depth = row / max(1, rows - 1)
        r = height * (0.045 + 0.035 * depth)
        head_y = height * (0.7 + 0.22 * depth)
        x = rng.uniform(-r, r)
        while x < width + r:
            if rng.random() < 0.88:
                _person(
                    draw, rng, x, head_y + rng.uniform(-r, r) * 0.25, r, facing="back"
                )
            x += r * rng.uniform(3.4, 4.2)


def _grain(image, rng):
    """Soft, low-amplitude noise, drawn from ``rng`` so it is the same every time."""
    width, height = image.size
    small = (max(1, width // 4), max(1, height // 4))
    noise = Image.frombytes("L", small, rng.randbytes(small[0] * small[1]))
    # Centred on 128 and scaled down, so adding it (offset -128) shifts by ±8 at most.
    noise = noise.point(lambda v: 128 + (v - 128) // 16).resize(
        image.size, Image.BICUBIC
    )
    return ImageChops.add(image, Image.merge("RGB", (noise, noise, noise)), 1.0, -128)


def _vignette(image):
    """Darker corners, as a phone's lens gives."""
    mask = Image.radial_gradient("L").resize(image.size)
    mask = mask.point(lambda v: max(0, v - 110) * 255 // 145 * 2 // 3)
    darker = image.point(lambda v: v * 3 // 5)
    return Image.composite(darker, image, mask)
