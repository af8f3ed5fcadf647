"""Requests the portal cannot take, answered 4xx with a message in Vietnamese.

A body too large, a form sent as something other than a form, a method a page does
not take, a broken multipart body, too many fields or files, a stale CSRF token: each
gets its status (400, 403, 405, 413, 415) and a sentence the editor can act on, never
a 500, and nothing is saved. The endpoints that answer JSON (the meeting photo upload
and the editor's image upload) get their error in the shape their script reads.
"""

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http.multipartparser import MultiPartParserError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.csp import is_editor_path
from core.responses import error_response, view_name

# What the admin and the editor's views accept: pages are read with GET (HEAD), forms
# and uploads are sent with POST, nothing else.
EDITOR_METHODS = ("GET", "HEAD", "POST")
FORM_CONTENT_TYPES = {"multipart/form-data", "application/x-www-form-urlencoded"}

# Endpoints that check a body's length and type themselves, before reading it, with
# messages of their own (events/uploads.py: "Tệp quá lớn", "Hãy chọn ảnh").
SELF_CHECKING_ENDPOINTS = {"admin:events_meeting_upload_photo"}


def too_large_message(length, limit):
    return _("The data sent is too large (%(size)s); the limit is %(max)s.") % {
        "size": filesizeformat(length),
        "max": filesizeformat(limit),
    }


def refusal(request):
    """The error answer for a request refused before any view reads it, or None."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return error_response(request, 400, _("The request's length is not valid."))
    if request.method == "POST" and view_name(request) in SELF_CHECKING_ENDPOINTS:
        return None
    limit = settings.NGT_REQUEST_MAX_BYTES
    if length > limit:
        message = too_large_message(length, limit)
        if is_editor_path(request.path):
            hint = _(
                "To add many photos, use the meeting's photo upload page, "
                "which sends them one at a time."
            )
            message = f"{message} {hint}"
        return error_response(request, 413, message)
    if not is_editor_path(request.path):
        # Public views choose their own methods (GET and HEAD only).
        return None
    if request.method not in EDITOR_METHODS:
        response = error_response(request, 405, method_message(request))
        response["Allow"] = ", ".join(EDITOR_METHODS)
        return response
    if request.method == "POST" and request.content_type not in FORM_CONTENT_TYPES:
        return error_response(
            request,
            415,
            _("This address accepts only what a form sends, not “%(type)s”.")
            % {"type": request.content_type or _("no content type")},
        )
    if request.method == "POST":
        # Read the form now, as the CSRF check would: a body Django refuses to parse
        # (too large, too many fields or files, a broken multipart) raises here, is
        # answered by ``bad_request``, and no view runs with half a form.
        request.POST  # noqa: B018
    return None


def method_message(request):
    return _("This address does not accept the %(method)s method.") % {
        "method": request.method[:20]
    }


class RequestLimitsMiddleware:
    """Refuses what no view should read, and puts words in a bare 405.

    Sits after the CSRF middleware in the list, so it runs before any view, CSRF
    check included (those run in ``process_view``), and its answers still pass
    through the security and CSP headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = refusal(request)
        if response is not None:
            return response
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not response.streaming
            and not response.content
        ):
            allowed = response.get("Allow")
            response = error_response(request, 405, method_message(request))
            if allowed:
                response["Allow"] = allowed
        return response


def bad_request(request, exception):
    """``handler400``: what Django raises for a body it refuses to read."""
    if isinstance(exception, RequestDataTooBig):
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return error_response(
            request,
            413,
            _("The form's text is too large; the limit is %(max)s.")
            % {"max": filesizeformat(limit)}
            if length <= limit
            else too_large_message(length, limit),
        )
    if isinstance(exception, TooManyFieldsSent):
        message = _(
            "The form has too many fields (the limit is %(max)s); save it in "
            "smaller steps."
        ) % {"max": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
    elif isinstance(exception, TooManyFilesSent):
        message = _("Too many files were sent at once (the limit is %(max)s).") % {
            "max": settings.DATA_UPLOAD_MAX_NUMBER_FILES
        }
    elif isinstance(exception, MultiPartParserError):
        message = _("The upload did not arrive whole; please try again.")
    else:
        message = _("The request could not be understood; go back and try again.")
    return error_response(request, 400, message)


def csrf_failure(request, reason=""):
    """``CSRF_FAILURE_VIEW``: the form was sent with a stale or missing token.

    Most often the form stayed open while its editor signed in again elsewhere.
    Nothing was saved; the admin's forms keep their text in the browser
    (``static/admin/js/ngt-draft-keeper.js``), so going back and reloading loses
    nothing.
    """
    if not request.COOKIES.get(settings.CSRF_COOKIE_NAME):
        message = _(
            "Your browser did not send this site's security cookie. Allow cookies "
            "for this site, then reload the form and send it again."
        )
    else:
        message = _(
            "The form was open too long, or you signed in again in another tab, so "
            "it was not accepted and nothing was saved. Go back, reload the page and "
            "send it again."
        )
    return error_response(request, 403, message, template_name="403_csrf.html")
