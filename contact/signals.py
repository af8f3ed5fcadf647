"""What a change of the contact app does to the pages visitors see.

The office's details are in every page's footer: a save empties their cached copy
and the page cache. A message changes a page only while it is (or was) on the
questions page; a visitor's new message must not empty the page cache. The app
cannot import the page cache (it sits above every app), so it sends
``core.signals.content_changed``, which the page cache hears.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from contact.models import OFFICE_CACHE_KEY, Message, Office
from core.signals import content_changed


def _office_changed(sender, using=None, **kwargs):
    transaction.on_commit(lambda: cache.delete(OFFICE_CACHE_KEY), using=using)
    content_changed.send(sender=sender, using=using)


def _remember_if_public(sender, instance, raw=False, using=None, **kwargs):
    instance._public_before_save = bool(
        instance.pk
        and Message.objects.using(using).filter(pk=instance.pk).published().exists()
    )


def _message_changed(sender, instance, using=None, **kwargs):
    if instance.is_public or getattr(instance, "_public_before_save", False):
        content_changed.send(sender=sender, using=using)


def connect_signals():
    """Called once from ContactConfig.ready()."""
    for signal in (post_save, post_delete):
        signal.connect(_office_changed, sender=Office, dispatch_uid=f"office-{signal}")
        signal.connect(
            _message_changed, sender=Message, dispatch_uid=f"message-{signal}"
        )
    pre_save.connect(_remember_if_public, sender=Message, dispatch_uid="message-pre")
