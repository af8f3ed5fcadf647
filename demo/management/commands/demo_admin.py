"""``manage.py demo_admin``: an administrator account to try the admin with.

The password is generated each time it is set and printed once: a fixed demo
password would end up on a server sooner or later.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"
ADMIN_ADDRESS = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = (
        "Tạo tài khoản quản trị “admin” với mật khẩu ngẫu nhiên và in địa chỉ trang "
        "quản trị, tên đăng nhập, mật khẩu. Nếu tài khoản đã có, mật khẩu giữ "
        "nguyên, trừ khi dùng --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Đặt mật khẩu mới (ngẫu nhiên) cho tài khoản đã có.",
        )

    def handle(self, *args, **options):
        User = get_user_model()
        user = User._default_manager.filter(**{User.USERNAME_FIELD: USERNAME}).first()
        if user is not None and not options["reset"]:
            self.stdout.write(
                f"Tài khoản quản trị “{USERNAME}” đã có; mật khẩu không thay đổi. "
                "Dùng --reset để đặt mật khẩu mới."
            )
            self.stdout.write(f"Trang quản trị: {self.admin_url()}")
            return
        password = secrets.token_urlsafe(12)
        if user is None:
            User._default_manager.create_superuser(
                **{User.USERNAME_FIELD: USERNAME, "email": "", "password": password}
            )
            self.stdout.write(self.style.SUCCESS("Đã tạo tài khoản quản trị."))
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(self.style.SUCCESS("Đã đặt mật khẩu mới."))
        self.stdout.write(f"Trang quản trị: {self.admin_url()}")
        self.stdout.write(f"Tên đăng nhập: {USERNAME}")
        self.stdout.write(f"Mật khẩu: {password}")
        self.stdout.write("Hãy ghi lại mật khẩu này: nó chỉ được in ra một lần.")

    def admin_url(self):
        return ADMIN_ADDRESS + settings.ADMIN_URL.lstrip("/")
