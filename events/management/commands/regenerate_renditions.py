"""Make every photo's renditions again, e.g. after NGT_PHOTO_WIDTHS changed.

The master's hash, sharpness and brightness are measured again on the way.
``--measures`` only measures the photos stored before they were measured at
upload, and leaves their renditions alone.
"""

from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from PIL import Image

from core.image_quality import measure
from core.images import (
    delete_files,
    image_file_names,
    make_renditions,
    write_renditions,
)
from core.signals import content_changed
from events.models import Photo


class Command(BaseCommand):
    help = "Tạo lại các cỡ ảnh (WebP và JPEG) của mọi ảnh sự kiện từ ảnh gốc đã lưu."

    def add_arguments(self, parser):
        parser.add_argument(
            "--meeting", help="Chỉ các ảnh của sự kiện có đường dẫn (slug) này."
        )
        parser.add_argument(
            "--measures",
            action="store_true",
            help=(
                "Chỉ đo mã nhận dạng, độ nét và độ sáng của các ảnh chưa được đo; "
                "không tạo lại các cỡ ảnh."
            ),
        )

    def handle(self, *args, meeting=None, measures=False, **options):
        photos = Photo.objects.exclude(image="").order_by("pk")
        if meeting:
            photos = photos.filter(meeting__slug=meeting)
        work = self._regenerate
        if measures:
            photos = photos.filter(phash="")
            work = self._measure
        total = photos.count()
        done = failed = 0
        for photo in photos.iterator(chunk_size=100):
            try:
                work(photo)
                done += 1
            except (OSError, ValueError) as error:
                failed += 1
                self.stderr.write(f"\nẢnh #{photo.pk} ({photo.image.name}): {error}")
            self._progress(done + failed, total, options["verbosity"])
        if options["verbosity"]:
            verb = "đo" if measures else "tạo lại"
            self.stdout.write(f"\nĐã {verb} {done} ảnh; {failed} ảnh lỗi.")
        if failed:
            raise CommandError(f"{failed} ảnh không xử lý được.")

    def _regenerate(self, photo):
        storage = photo.image.storage
        with storage.open(photo.image.name, "rb") as file, Image.open(file) as master:
            master.load()
            icc_profile = master.info.get("icc_profile")
            image = master.convert("RGB")
            renditions = make_renditions(image, icc_profile=icc_profile)
            measures = measure(image)
        old = set(image_file_names(photo.image.name, photo.renditions))
        written = write_renditions(storage, photo.image.name, renditions)
        widths = sorted({width for width, _ext in renditions})
        with transaction.atomic():
            Photo.objects.filter(pk=photo.pk).update(
                renditions=widths, **asdict(measures)
            )
            # The pages' srcset lists changed; update() sends no signal.
            content_changed.send(sender=Photo)
        stale = old - set(written) - {photo.image.name}
        delete_files(storage, sorted(stale))

    def _measure(self, photo):
        storage = photo.image.storage
        with storage.open(photo.image.name, "rb") as file, Image.open(file) as master:
            measures = measure(master)
        # Measures show on no public page: no signal for the page cache.
        Photo.objects.filter(pk=photo.pk).update(**asdict(measures))

    def _progress(self, current, total, verbosity):
        if not verbosity or not total:
            return
        width = 30
        filled = width * current // total
        bar = "#" * filled + "-" * (width - filled)
        self.stdout.write(f"\r[{bar}] {current}/{total}", ending="")
        self.stdout.flush()
