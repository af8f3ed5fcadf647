"""The portal's URLs. Public pages are Vietnamese and unaccented (DESIGN.md)."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = "Cổng thông tin Trường Cao đẳng Ngô Gia Tự Bắc Giang"
admin.site.site_title = _("NGT portal administration")
admin.site.index_title = _("Content administration")

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("ckeditor/", include("ckeditor_uploader.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
