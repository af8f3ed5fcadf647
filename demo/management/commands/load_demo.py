"""``manage.py load_demo``: the demo content a newcomer sees after ``make run``."""

from django.core.management.base import BaseCommand

from demo.content import load_demo


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: đơn vị, nhân sự, hai hội nghị với văn bản, người dự và "
        "ảnh, bài viết, khen thưởng (minh hoạ). Chạy lại nhiều lần không tạo thêm "
        "bản ghi hay tệp ảnh."
    )

    def handle(self, *args, **options):
        counts = load_demo()
        if options["verbosity"] < 1:
            return
        summary = ", ".join(f"{number} {label}" for label, number in counts)
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu: {summary}."))
