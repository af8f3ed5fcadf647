"""Articles' search text now names who signed them (news.models.search_text_of)."""

from django.db import migrations


def refold(apps, schema_editor):
    from news.models import search_text_of

    Article = apps.get_model("news", "Article")
    articles = Article.objects.select_related("byline_person", "byline_unit")
    for article in articles.iterator(chunk_size=500):
        text = search_text_of(
            article.title,
            article.summary,
            article.body,
            article.byline_person.full_name if article.byline_person_id else "",
            article.byline_text,
            article.byline_unit.name if article.byline_unit_id else "",
            article.byline_unit.short_name if article.byline_unit_id else "",
        )
        if text != article.search_text:
            Article.objects.filter(pk=article.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("news", "0014_processed_images")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
