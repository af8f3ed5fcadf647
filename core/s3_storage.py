"""S3 media storage whose documents are stored as downloads (core/documents.py).

Used only with DJANGO_MEDIA_STORAGE=s3, where django-storages is installed.
"""

from storages.backends.s3 import S3Storage

from core.documents import object_parameters


class DocumentS3Storage(S3Storage):
    """Sets Content-Type and Content-Disposition: attachment on each document object."""

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        params.update(object_parameters(name))
        return params
