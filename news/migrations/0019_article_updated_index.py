"""Articles are indexed by when they last changed: the sitemap index dates the
articles from the end of the index instead of reading all of them."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0018_roles_for_elected_bodies"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["updated_at"], name="article_updated"),
        ),
    ]
