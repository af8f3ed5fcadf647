from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevtoolsConfig(AppConfig):
    """Benchmark data and query plans: installed by development and test settings
    only, never in production."""

    name = "devtools"
    verbose_name = _("Developer tools")
