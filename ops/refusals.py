"""``handler403``: a refusal in Vietnamese that says what the user may do instead.

Django's own answer to ``PermissionDenied`` is a bare English "403 Forbidden" with
no way back. In the admin, staff get the admin's frame instead: what their roles
allow, the sections they can open, a link back to where they came from. Elsewhere,
the site's frame and its home page.
"""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme

from core.csp import is_editor_path
from news.roles import ROLE_DUTIES


def permission_denied(request, exception=None):
    in_admin = is_editor_path(request.path) and getattr(request.user, "is_staff", False)
    if in_admin:
        response = TemplateResponse(
            request, "admin/403.html", admin_context(request), status=403
        )
    else:
        response = TemplateResponse(request, "403.html", status=403)
    add_never_cache_headers(response)
    # Rendered here: an exception's answer is not rendered later like a view's.
    return response.render()


def admin_context(request):
    roles = [
        (group.name, ROLE_DUTIES.get(group.name))
        for group in request.user.groups.order_by("name")
    ]
    return {
        **admin.site.each_context(request),
        "roles": roles,
        "sections": [
            (app["name"], model["name"], model["admin_url"])
            for app in admin.site.get_app_list(request)
            for model in app["models"]
            if model.get("admin_url")
        ],
        "back_url": back_url(request),
    }


def back_url(request):
    """Where the user came from, when that is this site; else the admin's home."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return reverse("admin:index")
