"""``manage.py verify_backup PATH``: is an archive whole? Changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, summary, verify_archive


class Command(BaseCommand):
    help = (
        "Kiểm tra một bản sao lưu: đọc mọi tệp bên trong, so tổng kiểm tra SHA-256 "
        "với manifest và xem mọi tệp mà bản ghi trỏ tới có trong bản sao lưu. Không "
        "thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Tệp sao lưu do lệnh backup tạo ra.")

    def handle(self, *args, path, verbosity, **options):
        try:
            archive = verify_archive(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if not verbosity:
            return
        for line in summary(archive.manifest):
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Tệp sao lưu {archive.path} nguyên vẹn ({archive.size / 1e6:.1f} MB): "
                "mọi tổng kiểm tra khớp với manifest."
            )
        )
