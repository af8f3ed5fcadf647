"""How the rich-text editor expects its upload to be answered.

django-ckeditor's own upload view trusts the file's name, answers in English and
fails with an error page when the form has no file. The portal's view
(``events.editor_uploads``) makes each image a photo of the library and answers
with ``answer`` here, which error pages for the same address use too
(core.responses).
"""

import re

from django.http import HttpResponse, JsonResponse

from core.html import script_json


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
    """A JSON string safe inside ``<script>`` (core.html.script_json)."""
    return script_json(value)
