"""Put images stored before every image field was processed through the pipeline.

Covers and portraits used to be stored as uploaded, with their GPS position, camera
and original file name. This finds every image whose name is not one the pipeline
generates (``folder/YYYY/MM/<32 hex digits>.jpg``), processes its file as an upload
would be (core.image_fields) and removes the original once the row is saved. A file
that is missing or not an image is named and left alone. Run once after upgrading;
running it again finds nothing.
"""

import os
import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction

from core.image_fields import processed_fields

GENERATED = re.compile(r"^[\w-]+/\d{4}/\d{2}/[0-9a-f]{32}\.jpg$")


class Command(BaseCommand):
    help = (
        "Xử lý lại các ảnh đã lưu nguyên bản (ảnh bìa, ảnh chân dung…): xoay đúng "
        "chiều, bỏ vị trí GPS và thông tin máy ảnh, đặt tên mới."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ liệt kê các ảnh sẽ được xử lý, không thay đổi gì.",
        )

    def handle(self, *args, dry_run=False, **options):
        done = failed = 0
        for model in apps.get_models():
            for field in processed_fields(model):
                rows = model._base_manager.exclude(**{field.attname: ""})
                for row in rows.iterator():
                    name = getattr(row, field.attname).name
                    if GENERATED.match(name):
                        continue
                    if dry_run:
                        self.stdout.write(f"Sẽ xử lý: {name}")
                        done += 1
                    elif self.process(row, field, name):
                        done += 1
                    else:
                        failed += 1
        verb = "Sẽ xử lý" if dry_run else "Đã xử lý"
        self.stdout.write(f"{verb} {done} ảnh; {failed} ảnh không xử lý được.")

    def process(self, row, field, name):
        file = getattr(row, field.attname)
        try:
            with file.storage.open(name, "rb") as stored:
                content = ContentFile(stored.read())
        except OSError:
            self.stderr.write(f"Không có tệp: {name}")
            return False
        try:
            with transaction.atomic():
                file.save(os.path.basename(name), content)
        except ValidationError as error:
            self.stderr.write(
                f"Không phải ảnh dùng được: {name} ({' '.join(error.messages)})"
            )
            return False
        self.stdout.write(f"{name} → {file.name}")
        return True
