"""Django's admin, with the portal's defaults set before it finds the apps' admin
modules (listed in INSTALLED_APPS in place of ``django.contrib.admin``)."""

from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """The admin with one day-first date-time field everywhere
    (``core.admin_widgets``)."""

    def ready(self):
        from core.admin_widgets import use_everywhere

        use_everywhere()
        super().ready()
