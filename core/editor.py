"""The rich-text editor's image upload, checked like every other image.

django-ckeditor's own upload view trusts the file's name, answers in English and
fails with an error page when the form has no file. This view checks the content with
``validate_image``, stores the file under a generated name, and answers the editor
in Vietnamese. Only staff who may write articles can use it.
"""

import json
import re
import uuid

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from core.images import process_image

UPLOAD_FOLDER = "editor"


def answer(request, url="", message="", status=None):
    """The answer CKEditor expects: a script for its upload frame, else JSON.

    A refusal (``message``) is a 400 in JSON and a 200 for the frame, whose script
    shows it; ``status`` overrides both (a 413 from ops/request_errors.py).
    """
    func_num = request.GET.get("CKEditorFuncNum", "")
    if re.fullmatch(r"\d{1,10}", func_num):
        script = f"window.parent.CKEDITOR.tools.callFunction({func_num}, {_js(url)}, {_js(message)});"
        return HttpResponse(f"<script>{script}</script>", status=status or 200)
    if message:
        return JsonResponse(
            {"uploaded": 0, "error": {"message": message}}, status=status or 400
        )
    return JsonResponse({"uploaded": 1, "url": url, "fileName": url.rsplit("/", 1)[-1]})


def _js(value):
    """A JSON string safe inside ``<script>``: no ``</script>``, no HTML, no line
    separators that end a JavaScript string."""
    text = json.dumps(value)
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


@xframe_options_sameorigin
@staff_member_required
@require_POST
def upload_image(request):
    if not (
        request.user.has_perm("news.add_article")
        or request.user.has_perm("news.change_article")
    ):
        return HttpResponseForbidden(_("You may not upload images for articles."))
    uploaded = request.FILES.get("upload")
    if uploaded is None:
        return answer(request, message=_("Choose an image to upload."))
    try:
        # The same checks and cleaning as meeting photos: upright, no GPS or camera
        # data, at most the master's size; stored as JPEG under a generated name.
        processed = process_image(uploaded, renditions=False)
    except ValidationError as error:
        return answer(request, message=" ".join(error.messages))
    name = f"{UPLOAD_FOLDER}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.jpg"
    stored = default_storage.save(name, ContentFile(processed.master))
    return answer(request, url=default_storage.url(stored))
