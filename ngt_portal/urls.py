"""The portal's URLs. Public pages are Vietnamese and unaccented (docs/architecture.md).

Each app mounts its own addresses; ``pages`` adds the pages that show several apps to
the sections' namespaces (pages/urls.py).
"""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from awards import urls as awards_urls
from contact import urls as contact_urls
from core.documents import serve_media
from documents import urls as documents_urls
from events import editor_uploads
from news.feeds import LatestArticles, LatestArticlesAtom
from ops import health
from pages import english
from pages import urls as pages_urls

admin.site.site_header = "Cổng thông tin Trường Cao đẳng Ngô Gia Tự Bắc Giang"
admin.site.site_title = _("NGT portal administration")
admin.site.index_title = _("Content administration")

urlpatterns = [
    path("", include(pages_urls)),
    # The English versions of the introduction, organisation and contacts.
    path("en/", include(english)),
    path("tin-tuc/", include(pages_urls.news)),
    path("su-kien/", include(pages_urls.events)),
    path("khen-thuong/", include(awards_urls)),
    path("van-ban/", include(documents_urls)),
    path("", include(contact_urls)),
    path("", include(pages_urls.people)),
    path("rss/", require_safe(LatestArticles()), name="feed"),
    path("rss/<slug:category>/", require_safe(LatestArticles()), name="category_feed"),
    path("atom/", require_safe(LatestArticlesAtom()), name="atom_feed"),
    path(
        "atom/<slug:category>/",
        require_safe(LatestArticlesAtom()),
        name="category_atom_feed",
    ),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path(settings.ADMIN_URL, admin.site.urls),
    # The editor's image upload and "Browse server" use the media library.
    path("ckeditor/upload/", editor_uploads.upload_image, name="ckeditor_upload"),
    path("ckeditor/browse/", editor_uploads.browse_images, name="ckeditor_browse"),
]

handler500 = "ops.errors.server_error"

handler400 = "ops.request_errors.bad_request"

handler403 = "ops.refusals.permission_denied"

if settings.DEBUG:
    # Documents as downloads, as the front server serves them (docs/deploy.md).
    urlpatterns += static(settings.MEDIA_URL, view=serve_media)
