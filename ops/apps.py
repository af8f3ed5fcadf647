from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the portal: backup and restore, health, logs, request limits, error
    pages, the page cache and the database's time limits."""

    name = "ops"
    verbose_name = _("Operations")

    def ready(self):
        from ops import db_limits, page_cache

        page_cache.connect_signals()
        db_limits.connect_signals()
