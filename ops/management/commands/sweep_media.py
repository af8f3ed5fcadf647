"""``manage.py sweep_media [--dry-run] [--older-than HOURS]``: orphan media files.

The logic is in ``ops.media_sweep``; this prints one line per file and a summary, and
exits 1 when a file could not be deleted.
"""

from django.core.management.base import BaseCommand, CommandError

from ops.media_sweep import sweep

MINIMUM_HOURS = 1


def size_text(size):
    """1234567 → "1,2 MB", 48213 → "48,2 kB", in the Vietnamese way."""
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB".replace(".", ",")
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


class Command(BaseCommand):
    help = (
        "Xóa các tệp trong thư mục media mà không bản ghi nào (kể cả phiên bản cũ) "
        "dùng đến và cũ hơn một ngày. --dry-run chỉ liệt kê, không xóa."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ liệt kê các tệp sẽ xóa, không xóa gì.",
        )
        parser.add_argument(
            "--older-than",
            type=int,
            default=24,
            metavar="HOURS",
            help="Chỉ xóa tệp cũ hơn số giờ này (mặc định 24, ít nhất 1).",
        )

    def handle(self, *args, dry_run, older_than, verbosity, **options):
        if older_than < MINIMUM_HOURS:
            raise CommandError(
                "--older-than phải từ 1 giờ trở lên: một tệp vừa ghi có thể thuộc "
                "một lượt tải lên chưa lưu xong bản ghi."
            )
        verb = "Sẽ xóa" if dry_run else "Đã xóa"

        def report(name, size, error):
            if error is not None:
                self.stderr.write(f"Không xóa được {name}: {error}")
            elif verbosity:
                self.stdout.write(f"{verb} {name} ({size_text(size)})")

        result = sweep(older_than_hours=older_than, dry_run=dry_run, report=report)
        if verbosity:
            self._summary(result, verb, older_than, dry_run)
        if result.failed:
            raise CommandError(
                f"Không xóa được {len(result.failed)} tệp (xem các dòng trên)."
            )

    def _summary(self, result, verb, older_than, dry_run):
        megabytes = f"{result.removed_bytes / 1_000_000:.1f}".replace(".", ",")
        line = (
            f"{verb} {len(result.removed)} tệp ({megabytes} MB) không thuộc bản ghi "
            f"nào; giữ lại {result.recent} tệp mới hơn {older_than} giờ."
        )
        self.stdout.write(self.style.SUCCESS(line))
        self.stdout.write(
            f"Giữ lại {result.kept_for_history} tệp chỉ phiên bản cũ còn dùng, để khôi "
            "phục một phiên bản không bao giờ trỏ vào tệp đã mất."
        )
        if dry_run:
            self.stdout.write("Chạy thử: chưa xóa tệp nào.")
