"""The office's details for every page's footer."""

from django.utils.functional import SimpleLazyObject

from contact.models import Office


def office(request):
    """``office``: read from the cache when a template first uses it (one query
    when the cache is cold, none when warm), not at all on a page that does not."""
    return {"office": SimpleLazyObject(Office.current)}
