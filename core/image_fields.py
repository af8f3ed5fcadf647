"""One image pipeline for every image field, whatever path a file takes.

A photo, an article's cover, a person's portrait and an image put into an article's
body are all ``ProcessedImageField``s. Whichever way a file reaches one — an admin
form, the upload endpoints, the importer, ``field.save(name, content)`` in a script
or the shell — it goes through ``FieldFile.save``, which this field's file class
replaces: the content is checked (``core.images.validate_image``), turned upright,
stripped of GPS and camera data, stored as a JPEG master under a generated name
(never the original file name) and, for photos, given its renditions. Nothing is ever
written to storage as uploaded.

The row learns what processing found through the model's ``image_processed(field,
processed, original_name)`` method, if it has one (a photo keeps its size, renditions,
shooting time and quality measures). ``ProcessedImagesMixin`` removes the files of a
save that fails, and the files an image replaced once the new row is committed.

Generated names are unguessable (a random UUID: 122 random bits) and media folders are not listed
(docs/deploy.md), so a draft's images cannot be found before it is published.
"""

import os

from django.db import models, transaction
from django.db.models.fields.files import ImageFieldFile
from django.db.models.signals import post_delete
from django.utils import timezone

from core.images import (
    delete_files,
    image_file_names,
    process_image,
    store_processed,
    validate_image,
)


class ProcessedImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        """Process ``content`` and store the result; ``name`` is kept only as the
        original file name the row may record."""
        self.store(content, name)
        if save:
            self.instance.save()

    def process(self):
        """Process a pending upload now (before a transaction, say); return the
        names written, or [] when the file is already stored."""
        if not self or self._committed:
            return []
        upload = self.file
        try:
            return self.store(upload, self.name)
        finally:
            upload.close()

    def store(self, content, original_name):
        field = self.field
        processed = process_image(content, renditions=field.renditions)
        written = store_processed(self.storage, field.folder(), processed)
        self.name = written[0]
        self._committed = True
        # Forget the upload: reading the field again opens the stored master, and
        # the upload's bytes are freed now.
        if hasattr(self, "_file"):
            del self.file
        setattr(self.instance, field.attname, self.name)
        new_files(self.instance).extend(written)
        hook = getattr(self.instance, "image_processed", None)
        if hook is not None:
            hook(field, processed, os.path.basename(original_name or "")[-255:])
        return written


def validate_pending_image(value):
    """Form validation of a new upload, with the portal's Vietnamese messages."""
    if value and not getattr(value, "_committed", True):
        validate_image(value.file)


class ProcessedImageField(models.ImageField):
    """An ``ImageField`` whose files are always processed (see the module).

    ``folder`` is where masters go ("covers" → covers/2024/01/<random>.jpg);
    ``renditions`` makes the WebP and JPEG widths a gallery needs, and
    ``renditions_field`` names the model field that lists their widths.
    """

    attr_class = ProcessedImageFieldFile

    def __init__(
        self, *args, folder="images", renditions=False, renditions_field=None, **kwargs
    ):
        self.folder_name = folder
        self.renditions = renditions
        self.renditions_field = renditions_field
        kwargs.setdefault("upload_to", f"{folder}/")
        kwargs.setdefault("validators", [validate_pending_image])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["folder"] = self.folder_name
        if self.renditions:
            kwargs["renditions"] = True
        if self.renditions_field:
            kwargs["renditions_field"] = self.renditions_field
        if kwargs.get("upload_to") == f"{self.folder_name}/":
            del kwargs["upload_to"]
        if kwargs.get("validators") == [validate_pending_image]:
            del kwargs["validators"]
        return name, path, args, kwargs

    def folder(self):
        return f"{self.folder_name}/{timezone.now():%Y/%m}"

    def stored_names(self, instance, name=None):
        """Every file of ``instance``'s image: the master and its renditions."""
        widths = (
            getattr(instance, self.renditions_field) if self.renditions_field else []
        )
        return image_file_names(
            name if name is not None else getattr(instance, self.attname).name,
            widths or [],
        )


def new_files(instance):
    """The files written for ``instance`` and not yet known to be saved with it."""
    return instance.__dict__.setdefault("_new_image_files", [])


def processed_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, ProcessedImageField)
    ]


class ProcessedImagesMixin(models.Model):
    """A model with ``ProcessedImageField``s: a failed save leaves no file, and a
    replaced image's files go once the new row is committed."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        fields = processed_fields(type(self))
        previous = self._stored_image_names(fields)
        storage = fields[0].storage if fields else None
        try:
            super().save(*args, **kwargs)
        except BaseException:
            delete_files(storage, new_files(self))
            new_files(self).clear()
            raise
        new_files(self).clear()
        current = {name for field in fields for name in field.stored_names(self)}
        stale = [name for name in previous if name not in current]
        if stale:
            # A rollback keeps the old row, so its files stay until the commit.
            transaction.on_commit(lambda: delete_files(storage, stale))

    def _stored_image_names(self, fields):
        if self.pk is None or not fields:
            return []
        columns = [field.attname for field in fields]
        columns += [f.renditions_field for f in fields if f.renditions_field]
        stored = type(self)._base_manager.filter(pk=self.pk).values(*columns).first()
        if stored is None:
            return []
        return [
            name
            for field in fields
            for name in image_file_names(
                stored[field.attname],
                stored[field.renditions_field] if field.renditions_field else [],
            )
        ]

    def image_files(self):
        """Every file this row's images have in storage."""
        return [
            name
            for field in processed_fields(type(self))
            for name in field.stored_names(self)
        ]


def delete_image_files(sender, instance, **kwargs):
    """A deleted row's image files leave storage once the deletion is committed
    (a queryset's ``delete()`` included: it sends this signal for each row)."""
    if not isinstance(instance, ProcessedImagesMixin):
        return
    names = instance.image_files()
    if names:
        storage = processed_fields(type(instance))[0].storage
        transaction.on_commit(lambda: delete_files(storage, names))


post_delete.connect(delete_image_files, dispatch_uid="core.image_fields.delete_files")
