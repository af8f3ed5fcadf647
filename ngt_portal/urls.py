"""The portal's URLs. Public pages are Vietnamese and unaccented (DESIGN.md)."""

from ckeditor_uploader import views as editor_views
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from awards import urls as awards_urls
from events import urls as events_urls
from news import urls as news_urls
from news.feeds import LatestArticles, LatestArticlesAtom
from ngt_portal import editor, health, views
from ngt_portal.sitemaps import SITEMAPS
from people import urls as people_urls

admin.site.site_header = "Cổng thông tin Trường Cao đẳng Ngô Gia Tự Bắc Giang"
admin.site.site_title = _("NGT portal administration")
admin.site.index_title = _("Content administration")

urlpatterns = [
    path("", views.home, name="home"),
    path("tin-tuc/", include(news_urls)),
    path("su-kien/", include(events_urls)),
    path("khen-thuong/", include(awards_urls)),
    path("", include(people_urls)),
    path("tim-kiem/", views.search, name="search"),
    path("rss/", require_safe(LatestArticles()), name="feed"),
    path("rss/<slug:category>/", require_safe(LatestArticles()), name="category_feed"),
    path("atom/", require_safe(LatestArticlesAtom()), name="atom_feed"),
    path(
        "atom/<slug:category>/",
        require_safe(LatestArticlesAtom()),
        name="category_atom_feed",
    ),
    # An index of sections, so a sitemap stays within 50,000 addresses.
    path(
        "sitemap.xml",
        require_safe(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        require_safe(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("ckeditor/upload/", editor.upload_image, name="ckeditor_upload"),
    path(
        "ckeditor/browse/",
        never_cache(staff_member_required(editor_views.browse)),
        name="ckeditor_browse",
    ),
]

handler500 = "ngt_portal.errors.server_error"

handler400 = "ngt_portal.request_errors.bad_request"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
