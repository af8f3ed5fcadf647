"""Who else has this change form open: "Bài viết này đang được Nguyễn Văn An sửa
(từ 21:03)".

A refused save (core.admin_concurrency) tells an editor after the fact; this warns
them before they start. The change form's script (static/js/admin/presence.js)
says "still here" every 30 seconds; each object's editors are kept in the cache for
a little longer than that, so a closed tab drops out within two minutes. It is a
courtesy, never a lock: with the cache down nobody is listed, and nothing else
changes.
"""

import datetime
import logging
import time

from django.contrib.admin.utils import unquote
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.responses import json_error

logger = logging.getLogger(__name__)

# The script says "still here" this often; an editor not heard from for
# ``GONE_AFTER`` seconds has closed the form.
HEARTBEAT_SECONDS = 30
GONE_AFTER = 75
# Editors listed per object at most: the notice is a line, not a roster.
MOST = 10


def cache_key(obj):
    return f"editing:{obj._meta.label_lower}:{obj.pk}"


def _read(obj):
    try:
        entries = cache.get(cache_key(obj)) or {}
    except Exception:  # The cache is an accelerator: its failure is no error.
        logger.warning("Could not read who is editing %s", cache_key(obj))
        return {}
    now = time.time()
    return {
        user_id: entry
        for user_id, entry in entries.items()
        if now - entry.get("seen", 0) < GONE_AFTER
    }


def _write(obj, entries):
    try:
        cache.set(cache_key(obj), entries, GONE_AFTER)
    except Exception:
        logger.warning("Could not note who is editing %s", cache_key(obj))


def name_of(user):
    return user.get_full_name() or user.get_username()


def note_editing(obj, user):
    """``user`` has ``obj``'s change form open; since when is kept."""
    entries = _read(obj)
    now = time.time()
    entry = entries.get(user.pk) or {"since": now}
    entries[user.pk] = {**entry, "name": name_of(user), "seen": now}
    if len(entries) > MOST:
        newest = sorted(entries.items(), key=lambda item: -item[1]["seen"])[:MOST]
        entries = dict(newest)
    _write(obj, entries)


def note_leaving(obj, user):
    entries = _read(obj)
    if entries.pop(user.pk, None) is not None:
        _write(obj, entries)


def notices(obj, user):
    """One sentence per other editor who has ``obj``'s form open, earliest first."""
    others = sorted(
        (entry for user_id, entry in _read(obj).items() if user_id != user.pk),
        key=lambda entry: entry["since"],
    )
    return [
        _("%(object)s is being edited by %(user)s (since %(time)s).")
        % {
            "object": capfirst(
                _("this %(object)s") % {"object": obj._meta.verbose_name}
            ),
            "user": entry["name"],
            "time": _clock(entry["since"]),
        }
        for entry in others
    ]


def _clock(seconds):
    moment = datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)
    return timezone.localtime(moment).strftime("%H:%M")


class PresenceAdminMixin:
    """For a ModelAdmin whose change form shows who else has it open.

    Its change form template includes ``admin/ngt_presence.html``.
    """

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/dang-sua/",
                self.admin_site.admin_view(self.presence_view),
                name=f"{opts.app_label}_{opts.model_name}_presence",
            ),
            *super().get_urls(),
        ]

    def presence_view(self, request, object_id):
        """POST "still here" (or ``leaving=1``): the notices about the others."""
        if request.method != "POST":
            return json_error(_("This kind of request is not accepted"), 405)
        try:
            obj = self.get_object(request, unquote(object_id))
        except PermissionDenied:
            obj = False
        if obj is False or (obj and not self.has_change_permission(request, obj)):
            return json_error(_("You may not edit this item."), 403)
        if obj is None:
            return json_error(_("This item no longer exists."), 404)
        if request.POST.get("leaving"):
            note_leaving(obj, request.user)
            return JsonResponse({"notices": []})
        note_editing(obj, request.user)
        return JsonResponse({"notices": notices(obj, request.user)})

    def render_change_form(self, request, context, *args, **kwargs):
        obj = context.get("original")
        change = kwargs.get("change", args[1] if len(args) > 1 else False)
        if change and obj is not None and self.has_change_permission(request, obj):
            note_editing(obj, request.user)
            context["presence"] = {
                "notices": notices(obj, request.user),
                "interval": HEARTBEAT_SECONDS,
            }
        return super().render_change_form(request, context, *args, **kwargs)
