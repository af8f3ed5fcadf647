"""``manage.py backup PATH``: the database and every uploaded file in one archive."""

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, create_backup, summary


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và mọi tệp tải lên (thư mục media) vào một tệp .tar "
        "kèm manifest có tổng kiểm tra SHA-256. Chạy được khi trang đang hoạt động."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            help=(
                "Thư mục (tệp sẽ tên ngt-backup-YYYYMMDD-HHMMSS.tar) hoặc tên tệp "
                "(.tar, hoặc .tar.gz để nén)."
            ),
        )

    def handle(self, *args, path, verbosity, **options):
        log = self.stdout.write if verbosity else None
        try:
            target, manifest = create_backup(path, log=log)
        except BackupError as error:
            raise CommandError(f"Sao lưu không thành công: {error}") from error
        if verbosity:
            for line in summary(manifest):
                self.stdout.write(f"  {line}")
            self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {target}"))
