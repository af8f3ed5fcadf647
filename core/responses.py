"""The answer to a request the portal refuses: Vietnamese, in the caller's shape.

A page gets an error page, the meeting photo upload's script a JSON ``{"error": …}``,
CKEditor's upload frame the script it reads. The request limits (ops), the admin's
all-or-nothing saves (core.admin_safety) and the CSRF failure page all answer here.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from core.csp import is_editor_path
from core.editor import answer

# Endpoints whose page script reads ``{"error": "…"}`` from a JSON answer.
JSON_ENDPOINTS = {
    "admin:events_meeting_upload_photo",
    # The caption grid's endpoints (events/caption_grid_api.py).
    "admin:events_meeting_captions_order",
    "admin:events_meeting_captions_batch",
    "admin:events_meeting_caption_save",
    "admin:events_meeting_caption_cover",
    "admin:events_meeting_caption_delete",
    "admin:events_meeting_caption_replace",
    "admin:events_meeting_discard_photo",
}
# CKEditor's upload, which reads its own answer (core/editor.py).
EDITOR_UPLOAD_ENDPOINTS = {"ckeditor_upload"}


def error_titles():
    return {
        400: _("The request could not be handled"),
        403: _("The form has expired"),
        405: _("This kind of request is not accepted"),
        413: _("Too much data was sent"),
        415: _("This kind of data is not accepted"),
        503: _("Not saved"),
    }


def view_name(request):
    """The URL name of the address asked for, or "" when it has none."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return ""
    return match.view_name


def json_error(message, status=400, **extra):
    """A refusal as the admin's page scripts read it: ``{"error": "…"}``, in
    Vietnamese, with any ``extra`` fields (a conflict's current values)."""
    return JsonResponse({"error": str(message), **extra}, status=status)


def error_response(request, status, message, template_name="400.html"):
    """``message`` with ``status`` in the form the endpoint's caller reads."""
    name = view_name(request)
    if name in EDITOR_UPLOAD_ENDPOINTS:
        return answer(request, message=str(message), status=status)
    if name in JSON_ENDPOINTS:
        return json_error(message, status)
    context = {
        "status": status,
        "title": error_titles()[status],
        "message": message,
        "in_admin": is_editor_path(request.path),
        "admin_url": "/" + settings.ADMIN_URL,
    }
    # No request context: like the 500 page, this page must render when the request
    # itself is what went wrong.
    return HttpResponse(loader.render_to_string(template_name, context), status=status)
