"""The portal's URLs. Public pages are Vietnamese and unaccented (DESIGN.md)."""

from ckeditor_uploader import views as editor_views
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from ngt_portal import editor

admin.site.site_header = "Cổng thông tin Trường Cao đẳng Ngô Gia Tự Bắc Giang"
admin.site.site_title = _("NGT portal administration")
admin.site.index_title = _("Content administration")

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("ckeditor/upload/", editor.upload_image, name="ckeditor_upload"),
    path(
        "ckeditor/browse/",
        never_cache(staff_member_required(editor_views.browse)),
        name="ckeditor_browse",
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
