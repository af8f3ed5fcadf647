"""An admin save is all or nothing, and a failed one gives the editor their form back.

Django's admin saves a change form (the object and its inlines) in one transaction,
so a failure half way leaves no rows; but files written on the way (a photo's master
and renditions, a document, a cover) are not rows. ``SafeSaveAdminMixin`` deletes
them too, and instead of a bare 500 shows the same form again, filled with what the
editor sent, with a message saying nothing was saved.
"""

import logging

from django.db import DatabaseError, router
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from core.images import files_removed_on_failure
from core.responses import error_response
from core.storage import FileWriteError

logger = logging.getLogger(__name__)


def not_saved_message(request, error=None):
    if isinstance(error, FileWriteError):
        message = str(error)
    else:
        message = _(
            "Not saved: the database could not complete the save. Nothing has "
            "changed; please try saving again."
        )
    if request.FILES:
        message = " ".join(
            [message, _("Choose the files (photos, documents) again before saving.")]
        )
    return message


class SafeSaveAdminMixin:
    """For a ModelAdmin whose change form writes files or many rows at once.

    Only database errors (a lost connection, a deadlock, a constraint another
    editor's save broke first) and files that could not be written (a full disk:
    ``core.storage.FileWriteError``) are turned into the form again: anything else
    is a bug and still a 500, its files deleted all the same.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        written = None
        try:
            with files_removed_on_failure(
                using=router.db_for_write(self.model)
            ) as written:
                return super().changeform_view(
                    request, object_id, form_url, extra_context
                )
        except (DatabaseError, FileWriteError) as error:
            if written is not None and written.committed:
                raise  # saved: a later on-commit hook failed, not the save
            logger.exception(
                "Saving %s %s failed; nothing was saved",
                self.model._meta.label,
                object_id or "(new)",
            )
            failure = error
        message = not_saved_message(request, failure)
        # The form again, bound to what was sent and invalid, so nothing is saved;
        # files cannot be put back into a file input, so they are left out.
        request._ngt_not_saved = message
        request._files = MultiValueDict()
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DatabaseError:
            # The database is gone altogether: a page that says so, at least.
            logger.exception("Showing the unsaved form again failed")
            return error_response(request, 503, message)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        message = getattr(request, "_ngt_not_saved", None)
        if message is None:
            return form

        def clean(self):
            cleaned = form.clean(self)
            self.add_error(None, message)
            return cleaned

        return type(form.__name__, (form,), {"clean": clean})
