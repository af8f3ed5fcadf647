from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from events.usage import register
        from news import signals  # noqa: F401
        from news.usage import article_uses

        # The media library, in events, lists the articles that use each photo.
        register(article_uses)
