"""``manage.py restore PATH``: bring back a backup onto an empty database and media."""

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore_backup, summary


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu (cơ sở dữ liệu và thư mục media) vào cơ sở dữ "
        "liệu và thư mục media trống. Mọi tổng kiểm tra được xem trước; tệp hỏng "
        "bị từ chối và không có gì thay đổi."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Tệp sao lưu do lệnh backup tạo ra.")
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Khôi phục cả khi cơ sở dữ liệu đã có nội dung hoặc thư mục media "
                "đã có tệp: dữ liệu hiện có bị thay bằng dữ liệu trong bản sao lưu."
            ),
        )

    def handle(self, *args, path, force, verbosity, **options):
        log = self.stdout.write if verbosity else None
        try:
            report = restore_backup(path, force=force, log=log)
        except BackupError as error:
            raise CommandError(f"Không khôi phục: {error}") from error
        if verbosity:
            for line in summary(report.manifest):
                self.stdout.write(f"  {line}")
        if report.problems:
            listed = "\n".join(f"  - {problem}" for problem in report.problems)
            raise CommandError(
                f"Đã khôi phục nhưng kết quả không khớp bản sao lưu:\n{listed}"
            )
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã khôi phục {report.rows} bản ghi và {report.files} tệp; số "
                    "bản ghi mỗi bảng và tổng kiểm tra mọi tệp khớp với bản sao lưu."
                )
            )
