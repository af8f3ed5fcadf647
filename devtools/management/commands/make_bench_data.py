"""``manage.py make_bench_data``: years of content for load tests and query plans."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devtools.bench_data import (
    DEFAULT_SEED,
    bench_urls,
    make_bench_data,
    non_negative_int,
    row_counts,
)


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu lớn để đo hiệu năng: bài viết, hội nghị với văn bản, người dự "
        "và ảnh, nhân sự, đơn vị, khen thưởng. Cùng một --seed cho cùng một dữ liệu. "
        "--reset xoá toàn bộ nội dung trước (không xoá tài khoản, nhóm)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=non_negative_int,
            default=1000,
            help="Số bài viết (1000).",
        )
        parser.add_argument(
            "--meetings", type=non_negative_int, default=100, help="Số hội nghị (100)."
        )
        parser.add_argument(
            "--photos",
            type=non_negative_int,
            default=30,
            help="Số ảnh mỗi hội nghị (30).",
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Hạt giống ngẫu nhiên."
        )
        parser.add_argument(
            "--any-database",
            action="store_true",
            help="Cho phép ghi vào cơ sở dữ liệu có tên không chứa “bench” hay "
            "“test” (mặc định bị từ chối, để không bao giờ ghi nhầm vào trang thật).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Xoá mọi bài viết, hội nghị, nhân sự, đơn vị, khen thưởng, "
            "chuyên mục và lịch sử của chúng trước khi tạo.",
        )

    def handle(self, *args, **options):
        if options["meetings"] < 1 or options["photos"] < 1:
            raise CommandError("Cần ít nhất 1 hội nghị và 1 ảnh mỗi hội nghị.")
        name = str(connection.settings_dict["NAME"] or "")
        if not options["any_database"] and not any(
            word in name.lower() for word in ("bench", "test", "memory")
        ):
            raise CommandError(
                f"Cơ sở dữ liệu “{name}” không phải cơ sở dữ liệu đo hiệu năng: lệnh "
                "này ghi hàng trăm nghìn bài giả (và --reset xoá mọi nội dung). Hãy "
                "dùng một cơ sở dữ liệu có tên chứa “bench”, hoặc thêm --any-database "
                "nếu chắc chắn."
            )
        quiet = options["verbosity"] < 1

        def log(message):
            if not quiet:
                self.stdout.write(message)

        started = time.monotonic()
        timings = make_bench_data(
            articles=options["articles"],
            meetings=options["meetings"],
            photos=options["photos"],
            seed=options["seed"],
            reset=options["reset"],
            log=log,
        )
        if quiet:
            return
        elapsed = time.monotonic() - started
        self.stdout.write("Số dòng mỗi bảng:")
        for label, number in row_counts():
            self.stdout.write(f"  {label}: {number}")
        self.stdout.write("Thời gian từng bước (giây):")
        for step, seconds in timings:
            self.stdout.write(f"  {step}: {seconds:.1f}")
        self.stdout.write("Địa chỉ để đo:")
        for name, path in bench_urls().items():
            self.stdout.write(f"  {name}: {path}")
        self.stdout.write(
            self.style.SUCCESS(f"Đã tạo dữ liệu đo hiệu năng trong {elapsed:.1f} giây.")
        )
