"""Full-text search on PostgreSQL: a tsvector of the words of ``search_text``, kept
by a trigger on every insert and update (saves, bulk inserts, imports, restores
alike), with a GIN index. Other databases keep the column empty and search with a
regex (news/search.py)."""

import django.contrib.postgres.search
from django.db import migrations

INDEX_NAME = "news_article_search_vector"

# Written out here, not imported: what this migration does must not change later.
TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION news_article_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector := to_tsvector(
        'simple',
        regexp_replace(left(coalesce(NEW.search_text, ''), 500000), '[^a-z0-9]+', ' ', 'g')
    );
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS news_article_search_vector ON news_article;
CREATE TRIGGER news_article_search_vector
    BEFORE INSERT OR UPDATE ON news_article
    FOR EACH ROW EXECUTE FUNCTION news_article_search_vector();
"""

UNTRIGGER_SQL = """
DROP TRIGGER IF EXISTS news_article_search_vector ON news_article;
DROP FUNCTION IF EXISTS news_article_search_vector();
"""


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
