from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ngt_portal"
    verbose_name = _("Portal")

    def ready(self):
        from ngt_portal.cache import connect_signals

        connect_signals()
