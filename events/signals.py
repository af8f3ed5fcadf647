"""Photo files leave storage with their row, once the deletion is committed."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from core.images import delete_files
from events.models import Photo


@receiver(post_delete, sender=Photo)
def delete_photo_files(sender, instance, **kwargs):
    names = instance.file_names()
    if names:
        storage = instance.image.storage
        transaction.on_commit(lambda: delete_files(storage, names))
