from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Helpers that know no domain app: Vietnamese text, rich-text cleaning, the
    image pipeline, pagination, admin building blocks, CSP and date formats."""

    name = "core"
    verbose_name = _("Shared helpers")
