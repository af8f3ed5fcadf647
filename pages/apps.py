from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The public pages that show several apps at once: home, search, the article,
    meeting, person and unit pages, and the sitemaps."""

    name = "pages"
    verbose_name = _("Public pages")
