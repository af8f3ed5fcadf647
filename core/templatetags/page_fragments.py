"""``{% fragment %}``: a part of a page stored on its own, under its objects' versions.

::

    {% load page_fragments %}
    {% fragment "article-gallery" meeting %} … {% endfragment %}

A page goes cold when anything it shows changes: an article page when its related
list moves, say. The expensive parts (a meeting's gallery of thirty photos, its
attendees, its awards) depend on the meeting alone, so they are stored under the
versions of the meeting's tags (core/dependencies.py) and the generation: the page
re-renders around them. A change to the meeting moves its tag, and the next render
finds no fragment under the new version. Fragments are used only while the page
itself is being rendered for the page cache (an anonymous visitor's request):
the staff's previews and logged-in pages always render in full.

The name says which markup of the object it is (the gallery on an article page
is not the gallery on a meeting page); the content must depend on nothing but the
objects given, the language and the site's address.
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import dependencies

register = template.Library()

FRAGMENT_KEY = "page-fragment:{}"


class FragmentNode(template.Node):
    def __init__(self, name, objects, nodelist):
        self.name = name
        self.objects = objects
        self.nodelist = nodelist

    def render(self, context):
        shown = dependencies.current()
        if shown is None:
            return self.nodelist.render(context)
        tags = set()
        for obj in self.objects:
            value = obj.resolve(context)
            if value is not None:
                tags |= dependencies.shown_by(value)
        if not tags:
            return self.nodelist.render(context)
        shown.tags |= tags
        # The page's own tags are read with them: one round trip for both.
        versions = shown.versions_of(sorted(tags | shown.page_tags()))
        request = context.get("request")
        # The site's address may be in it (an absolute link): one per host.
        origin = f"{request.scheme}://{request.get_host()}" if request else ""
        name = f"{self.name.resolve(context)}|{origin}"
        if all(versions[tag] is not None for tag in tags):
            stored = cache.get(self._key(name, shown.generation, tags, versions))
            if stored is not None:
                return mark_safe(stored)  # noqa: S308 -- our own template's output
        html = self.nodelist.render(context)
        versions = shown.storable_versions(sorted(tags))
        if versions is not None:
            key = self._key(name, shown.generation, tags, versions)
            cache.set(key, str(html), settings.PAGE_CACHE_SECONDS)
        return html

    @staticmethod
    def _key(name, generation, tags, versions):
        identity = "|".join(
            [
                name,
                get_language() or "",
                str(generation),
                *(f"{tag}={versions[tag]}" for tag in sorted(tags)),
            ]
        )
        return FRAGMENT_KEY.format(hashlib.sha256(identity.encode()).hexdigest())


@register.tag("fragment")
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            "{% fragment %} takes a name and at least one object"
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
        nodelist,
    )
