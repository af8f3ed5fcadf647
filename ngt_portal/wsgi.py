"""WSGI entry point of the portal (gunicorn ngt_portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ngt_portal.settings")

application = get_wsgi_application()
