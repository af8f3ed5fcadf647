from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the portal: backup and restore, health, logs, request limits, error
    pages and the page cache."""

    name = "ops"
    verbose_name = _("Operations")

    def ready(self):
        from ops.page_cache import connect_signals

        connect_signals()
