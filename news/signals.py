"""An article's search text names who signed it: a renamed person or unit is found
under the new name."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from news.models import Article
from people.models import Person, Unit


@receiver(post_save, sender=Person)
@receiver(post_save, sender=Unit)
def refold_signed_articles(sender, instance, raw=False, **kwargs):
    if raw:
        return
    field = "byline_person" if sender is Person else "byline_unit"
    articles = Article.objects.filter(**{field: instance}).select_related(
        "byline_person", "byline_unit"
    )
    for article in articles.iterator(chunk_size=200):
        before = article.search_text
        article.fold_search_text()
        if article.search_text != before:
            # The full-text index follows through its trigger (news/search.py).
            Article.objects.filter(pk=article.pk).update(
                search_text=article.search_text
            )
