"""The content tables as a whole: emptying them, counting their rows, and refreshing
the statistics the query planner reads."""

from django.db import connection, transaction

from awards.models import Award, Campaign
from core.images import delete_files, image_file_names
from demo.content import counts
from events.models import Attendee, Meeting, MeetingDocument, Photo
from news.models import Article, ArticleEvent, Category, ImportedSource
from ops import page_cache
from people.models import Person, Position, Unit


def content_models():
    """Every content model, children before parents: the order rows are deleted in."""
    through = Photo.people.through
    # The versions of deleted content go with it.
    history = [model.history.model for model in (Article, Meeting, Attendee, Photo)]
    return [
        ImportedSource,
        ArticleEvent,
        through,
        Award,
        Campaign,
        Article,
        Photo,
        Attendee,
        MeetingDocument,
        Meeting,
        Category,
        Position,
        Person,
        Unit,
        *history,
    ]


def reset_content(log=print):
    """Delete every content row and the files they name; users and groups stay.

    One ``DELETE`` per table: deleting row by row (what ``QuerySet.delete()`` does
    when signals listen) would take minutes on bench data and write a version of
    every row to the history tables. The files go once the deletion is committed.
    """
    storage = Photo._meta.get_field("image").storage
    names = set()
    for image, widths in Photo.objects.values_list("image", "renditions").iterator():
        names.update(image_file_names(image, widths))
    for model, field in (
        (Article, "cover"),
        (Person, "portrait"),
        (MeetingDocument, "file"),
    ):
        names.update(model.objects.exclude(**{field: ""}).values_list(field, flat=True))
    names.discard("")
    with transaction.atomic(), connection.cursor() as cursor:
        for model in content_models():
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (a model's table)
            if cursor.rowcount:
                log(f"  xoá {cursor.rowcount} dòng của {model._meta.db_table}")
        transaction.on_commit(lambda: delete_files(storage, sorted(names)))
        transaction.on_commit(page_cache.bump_generation)


def analyse():
    """Refresh the planner's statistics: plans on fresh bulk data are otherwise
    guesses. On PostgreSQL, VACUUM also sets the visibility map that index-only
    scans need; it cannot run inside a transaction, and here it does not."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            tables = [model._meta.db_table for model in content_models()]
            for table in tables:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
        else:
            cursor.execute("ANALYZE")


def row_counts():
    """(label, rows) for every content table, the demo's labels first."""
    return [
        *counts(),
        ("ảnh – người", Photo.people.through.objects.count()),
    ]
