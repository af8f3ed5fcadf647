"""How long a phone photo takes to process at upload, and how much memory it needs.

Not a test (pytest does not collect it): a measurement to run by hand and write down
in docs/benchmarks.md. ``make bench-photos``, or::

    .venv/bin/python -m tests.bench.bench_photos --count 50

Each of ``--count`` photos is a 4000×3000 JPEG of about 5 MB at quality 92 with the
EXIF a phone writes (orientation, GPS position, camera, time taken), one in three of
them portrait. Each is drawn just before it is used, in a helper process, so drawing
is neither timed nor counted in this process's memory, and no two photos are held at
once. It then goes through the path an upload takes,
``Photo(image=SimpleUploadedFile(...)).save()``: validation, decoding, the upright
master without metadata, the WebP and JPEG renditions, storage and the database row.
The database is a throwaway SQLite file and media go to a temporary folder, both
removed at the end.

Printed: CPU and wall seconds per photo (mean, p95, max; landscape photos get all
four widths, portrait ones three), peak memory after 1, 10, 25 and all photos (it
should not grow with their number), the size of the files written, and the CPU
time of each step on a few more photos.
"""

import argparse
import concurrent.futures
import datetime
import io
import itertools
import multiprocessing
import os
import random
import resource
import statistics
import sys
import tempfile
import time

from PIL import Image, ImageChops, ImageDraw, ImageOps

# Under this many CPU seconds per photo, master and all renditions included.
TARGET_CPU_SECONDS = 0.3
SIZE = (4000, 3000)
QUALITY = 92
# Phones store the picture as the sensor saw it and say how to turn it: 1 is
# upright, 6 and 8 a quarter turn (portrait), 3 upside down.
ORIENTATIONS = (1, 6, 1, 8, 1, 3)
# Sensor noise: with this spread a 4000×3000 picture is about 5 MB at quality 92,
# as a phone's is.
NOISE_SIGMA = 12

EXIF_ORIENTATION = 0x0112
EXIF_MAKE = 0x010F
EXIF_MODEL = 0x0110
EXIF_IFD = 0x8769
GPS_IFD = 0x8825
EXIF_DATETIME_ORIGINAL = 36867


def orientation(seed):
    return ORIENTATIONS[seed % len(ORIENTATIONS)]


def is_portrait(seed):
    return orientation(seed) in (6, 8)


def phone_jpeg(seed):
    """A phone-sized JPEG with a phone's EXIF, the same for the same ``seed``."""
    rng = random.Random(seed)
    width, height = SIZE
    colours = [tuple(rng.randrange(256) for _ in range(3)) for _ in range(2)]
    image = ImageOps.colorize(
        Image.linear_gradient("L").resize(SIZE), black=colours[0], white=colours[1]
    )
    draw = ImageDraw.Draw(image)
    for _ in range(150):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        box = (x, y, x + rng.uniform(20, 800), y + rng.uniform(20, 800))
        fill = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=fill)
    noise = Image.merge(
        "RGB", [Image.effect_noise(SIZE, NOISE_SIGMA) for _ in range(3)]
    )
    image = ImageChops.add(image, noise, 1.0, -128)
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = orientation(seed)
    exif[EXIF_MAKE] = "samsung"
    exif[EXIF_MODEL] = "Galaxy A54 5G"
    exif.get_ifd(EXIF_IFD)[EXIF_DATETIME_ORIGINAL] = "2024:01:31 14:05:00"
    exif.get_ifd(GPS_IFD).update(
        {1: "N", 2: (21.0, 16.0, 24.5), 3: "E", 4: (106.0, 11.0, 52.3)}
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=QUALITY, exif=exif.tobytes())
    return buffer.getvalue()


def peak_rss_mb():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux counts kilobytes, macOS bytes.
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def current_rss_mb():
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
    except OSError:
        return float("nan")
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def p95(values):
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def upload_path(count, draw):
    """Save ``count`` photos as an upload does; return what was measured."""
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from events.models import Meeting, Photo

    meeting = Meeting.objects.create(
        title="Hội nghị đo hiệu năng xử lý ảnh",
        starts_at=datetime.datetime(2024, 1, 31, 7, tzinfo=datetime.UTC),
    )
    checkpoints = sorted({n for n in (1, 10, 25, count) if n <= count})
    cpu, system, wall, memory, input_mb, portrait = [], [], [], [], [], []
    file_kb = {}
    for number in range(1, count + 1):
        data = draw(number)
        input_mb.append(len(data) / 1_000_000)
        portrait.append(is_portrait(number))
        upload = SimpleUploadedFile(f"IMG_{number:04}.jpg", data, "image/jpeg")
        photo = Photo(meeting=meeting, image=upload)
        times_start, wall_start = os.times(), time.perf_counter()
        cpu_start = time.process_time()
        photo.save()
        cpu.append(time.process_time() - cpu_start)
        wall.append(time.perf_counter() - wall_start)
        system.append(os.times().system - times_start.system)
        names = photo.file_names()
        if number == 1:
            # What is public must carry no position and no camera.
            with default_storage.open(names[0]) as file, Image.open(file) as master:
                exif = master.getexif()
                assert not exif.get_ifd(GPS_IFD) and EXIF_MODEL not in exif, exif
        for name in names:
            key = "master" if name == names[0] else name.rsplit("/", 1)[1]
            file_kb.setdefault(key, []).append(default_storage.size(name) / 1024)
        del data, upload, photo
        if number in checkpoints:
            memory.append((number, peak_rss_mb(), current_rss_mb()))
    return cpu, system, wall, portrait, memory, input_mb, file_kb


def steps(samples, draw):
    """Median CPU seconds of each step of ``Photo.save()``, on ``samples`` photos.

    The functions of core.images (and Pillow's resize and EXIF transpose,
    which it calls) are wrapped with a timer while these photos are saved, so the
    steps measured are the upload path's own, not a copy of it.
    """
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core import images
    from events import models
    from events.models import Meeting, Photo

    times, running = {}, []

    def timer(owner, attribute, label):
        original = getattr(owner, attribute)

        def timed(*args, **kwargs):
            key = label(*args, **kwargs)
            running.append(key)
            start = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                times[key] = times.get(key, 0.0) + time.process_time() - start
                running.pop()

        return original, timed

    def encode_label(image, image_format, *args, **kwargs):
        if RENDITIONS not in running:
            return f"master: encode {image_format}"
        return f"  encode {image_format} {image.width}"

    def resize_label(image, size, *args, **kwargs):
        return f"  resize to {size[0]}"

    patches = [
        (images, "validate_image", lambda *a, **k: "validate"),
        (ImageOps, "exif_transpose", lambda *a, **k: DECODE),
        (images, "make_renditions", lambda *a, **k: RENDITIONS),
        # events.models imported it by name: that name is the one Photo.save uses.
        (models, "process_image", lambda *a, **k: "process_image"),
        (images, "_encode", encode_label),
        (Image.Image, "resize", resize_label),
    ]
    meeting = Meeting.objects.first()
    per_photo = []
    landscape = (n for n in itertools.count(1001) if not is_portrait(n))
    for number in itertools.islice(landscape, samples):
        upload = SimpleUploadedFile(f"IMG_{number}.jpg", draw(number))
        photo = Photo(meeting=meeting, image=upload)
        originals = []
        for owner, attribute, label in patches:
            original, timed = timer(owner, attribute, label)
            originals.append((owner, attribute, original))
            setattr(owner, attribute, timed)
        times.clear()
        try:
            start = time.process_time()
            photo.save()
            times["Photo.save()"] = time.process_time() - start
        finally:
            for owner, attribute, original in originals:
                setattr(owner, attribute, original)
        per_photo.append(dict(times))
    for measured in per_photo:
        measured["storage, database row, rest"] = (
            measured["Photo.save()"] - measured["process_image"]
        )
        measured["rest of process_image"] = measured["process_image"] - sum(
            measured[label]
            for label in ("validate", DECODE, "master: encode JPEG", RENDITIONS)
        )
    labels = sorted({label for m in per_photo for label in m}, key=_step_order)
    return {
        label: statistics.median(m.get(label, 0.0) for m in per_photo)
        for label in labels
    }


DECODE = "decode (draft scale), upright"
RENDITIONS = "renditions, all widths"
STEPS = [
    "Photo.save()",
    "process_image",
    "validate",
    DECODE,
    "master: encode JPEG",
    RENDITIONS,
    "rest of process_image",
    "storage, database row, rest",
]


def _step_order(label):
    """Steps in the order they happen; renditions widest first."""
    if label in STEPS:
        return (STEPS.index(label), 0, 0, 0)
    action, width = label.rsplit(" ", 1)
    kinds = ["  resize to", "  encode WEBP", "  encode JPEG"]
    return (STEPS.index(RENDITIONS), 1, -int(width), kinds.index(action))


def report(measured, step_times, samples):
    import PIL

    cpu, system, wall, portrait, memory, input_mb, file_kb = measured
    count = len(cpu)
    landscape_cpu = [t for t, upright in zip(cpu, portrait, strict=True) if not upright]
    portrait_cpu = [t for t, upright in zip(cpu, portrait, strict=True) if upright]
    print(f"Photo processing: {count} photos of {SIZE[0]}×{SIZE[1]}, JPEG q{QUALITY}")
    print(f"  input size        {statistics.mean(input_mb):.1f} MB on average")
    print(f"  Python {sys.version.split()[0]}, Pillow {PIL.__version__}")
    print()
    print("  seconds per photo           n     mean      p95      max")
    rows = [
        ("CPU, all photos", cpu),
        ("CPU, landscape (4 widths)", landscape_cpu),
        ("CPU, portrait (3 widths)", portrait_cpu),
        ("  of which system (kernel)", system),
        ("wall, all photos", wall),
    ]
    for label, values in rows:
        if values:
            print(
                f"  {label:25} {len(values):3}  {statistics.mean(values):7.3f}"
                f"  {p95(values):7.3f}  {max(values):7.3f}"
            )
    print()
    print("  RSS in MB     peak (ru_maxrss)   now")
    for number, peak, current in memory:
        print(f"  after {number:3}     {peak:16.0f}   {current:3.0f}")
    print()
    print("  file                 mean KB")
    for name, sizes in sorted(file_kb.items(), key=_file_order):
        print(f"  {name:18} {statistics.mean(sizes):9.0f}")
    if step_times:
        print()
        print(f"  step: median CPU s over {samples} more landscape photos")
        for label, seconds in step_times.items():
            print(f"  {label:30} {seconds:6.3f}")
    print()
    # Judged on the photos that get every width: portrait ones skip 1600.
    worst = landscape_cpu or cpu
    verdict = "met" if statistics.mean(worst) < TARGET_CPU_SECONDS else "NOT met"
    print(
        f"Target under {TARGET_CPU_SECONDS} s CPU per photo, all renditions: "
        f"{verdict} (landscape mean {statistics.mean(worst):.3f} s, "
        f"p95 {p95(worst):.3f} s)."
    )


def _file_order(item):
    name = item[0]
    if name == "master":
        return (0, 0, "")
    width, extension = name.split(".")
    return (1, -int(width), extension)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=50, help="photos to process")
    parser.add_argument(
        "--step-samples",
        type=int,
        default=5,
        help="photos on which each step is timed on its own",
    )
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    # Photos are drawn in a process of their own, so that this one's memory is the
    # upload path's alone; it waits for each photo, so they never compete for CPU.
    spawn = multiprocessing.get_context("spawn")
    with (
        tempfile.TemporaryDirectory(prefix="ngt-bench-") as folder,
        concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as drawer,
    ):

        def draw(seed):
            return drawer.submit(phone_jpeg, seed).result()

        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ["DJANGO_MEDIA_ROOT"] = f"{folder}/media"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ngt_portal.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        measured = upload_path(args.count, draw)
        step_times = steps(args.step_samples, draw) if args.step_samples else {}
        report(measured, step_times, args.step_samples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
