"""A trigram index for search on PostgreSQL; SQLite scans, which is fine at its size.

Search looks for each folded word anywhere in ``search_text`` (``LIKE '%word%'``);
a GIN trigram index answers that without reading every article.
"""

from django.db import migrations

from core.text import fold, plain_text

INDEXES = [
    ("news_article", "news_article_search_trgm"),
    ("events_meeting", "events_meeting_search_trgm"),
]


def backfill(apps, schema_editor):
    """Rows saved before search_text existed get it now."""
    Article = apps.get_model("news", "Article")
    for article in Article.objects.filter(search_text="").iterator():
        text = f"{article.title}\n{article.summary}\n{plain_text(article.body)}"
        Article.objects.filter(pk=article.pk).update(search_text=fold(text))
    Meeting = apps.get_model("events", "Meeting")
    for meeting in Meeting.objects.filter(search_text="").iterator():
        text = f"{meeting.title}\n{meeting.summary}\n{meeting.location}"
        Meeting.objects.filter(pk=meeting.pk).update(search_text=fold(text))


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, name in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            "USING gin (search_text gin_trgm_ops)"
        )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS people_person_name_trgm ON people_person "
        "USING gin (name_folded gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in [*INDEXES, ("people_person", "people_person_name_trgm")]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_search_text"),
        ("events", "0002_search_text"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(create, drop, elidable=False),
    ]
