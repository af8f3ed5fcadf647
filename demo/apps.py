from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo content (``load_demo``) and its generated images."""

    name = "demo"
    verbose_name = _("Demo content")
