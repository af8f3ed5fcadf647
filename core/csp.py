"""Two Content Security Policies: a strict one for visitors, a looser one for staff.

Public pages run only the site's own script files. The admin and django-ckeditor's
upload and browse views load CKEditor 4, which writes inline scripts and styles and
compiles templates with ``new Function``; they get
``settings.ADMIN_CONTENT_SECURITY_POLICY`` instead.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings


def is_editor_path(path):
    """Whether a path belongs to the admin or the editor's own views."""
    return path.startswith(tuple(settings.NGT_EDITOR_PATHS))


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under the editor paths."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_editor_path(request.path):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
