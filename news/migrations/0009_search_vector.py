"""Full-text search on PostgreSQL: a tsvector of the words of ``search_text``, kept
by a trigger on every insert and update (saves, bulk inserts, imports, restores
alike), with a GIN index. Other databases keep the column empty and search with a
regex (news/search.py)."""

import django.contrib.postgres.search
from django.db import migrations

from news.search import INDEX_NAME, TRIGGER_SQL, UNTRIGGER_SQL


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(TRIGGER_SQL)
    # Existing rows: an update of itself fires the trigger.
    schema_editor.execute("UPDATE news_article SET search_text = search_text")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON news_article "
        "USING gin (search_vector)"
    )
    # Statistics of the new column, or the planner guesses (VACUUM, which also
    # restores index-only scans after the rewrite, cannot run in a migration's
    # transaction: autovacuum does it, or `VACUUM ANALYZE news_article` by hand).
    schema_editor.execute("ANALYZE news_article")


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")
    schema_editor.execute(UNTRIGGER_SQL)


class Migration(migrations.Migration):
    dependencies = [("news", "0008_article_list_indexes")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.RunPython(install, uninstall, elidable=False),
    ]
