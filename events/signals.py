"""Photo files leave storage with their row, once the deletion is committed."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from events.models import Photo
from ngt_portal.images import delete_files


@receiver(post_delete, sender=Photo)
def delete_photo_files(sender, instance, **kwargs):
    names = instance.file_names()
    if names:
        storage = instance.image.storage
        transaction.on_commit(lambda: delete_files(storage, names))
