"""The portal's URLs plus its media, for browser tests: ``@pytest.mark.urls``.

The live server serves static files itself but not uploads, and ``static()`` adds
nothing with ``DEBUG`` off. The folder is read at each request, because every test
has its own ``MEDIA_ROOT``.
"""

from django.conf import settings
from django.urls import re_path

from core.documents import serve_media
from ngt_portal.urls import urlpatterns as portal_urlpatterns


def media(request, path):
    return serve_media(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    *portal_urlpatterns,
    re_path(r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")), media),
]
