"""What a stored page shows, and which stored pages a change makes old.

The page cache (ops/page_cache.py) used to forget every stored page on any change:
on a results day one correction made the whole site cold at once. Now a change
moves on only the *tags* of what it touches, and a stored page carries the tags it
was rendered from, each with the version it had then (docs/decisions/0013):

- ``article:<pk>``: one article's own page (its title, body, byline, cover …);
- ``category:<pk>``: the published articles of a category (its list, the
  "related articles" of each of its articles);
- ``meeting:<pk>``: a meeting and what hangs on it (attendees, photos and their
  captions, documents, elected bodies, its awards);
- ``reports:<pk>``: the published articles reporting a meeting (its page lists
  them; its gallery does not, and stays stored when one of them is corrected);
- ``photo:<pk>``: one photo (a library photo used as an article's cover);
- ``people``: any person, unit or position (names are shown on many pages);
- ``awards``: any award or campaign;
- ``any``: moved on by every change: the tag of every page that does not say
  what it shows (the home page, lists, search, feeds …), which therefore behave
  as before.

A page says what it shows with ``depends_on`` while it renders; a page that says
nothing depends on ``any``. A change whose model is not mapped here (a category, a
document, an introduction page, the office's details) moves the content generation
on instead, which every stored page depends on: the safe default for what is rare.

A tag's version is a number from one counter, the *change sequence*, taken when it
is moved (each move takes the next number, after its transaction has committed).
A request reads the sequence before it renders, with the generation and the stored
page (one round trip), and stores what it rendered only if every tag it shows has
a version not above that number: a change moved on later may have committed after
the render read the database, so its page is not stored, rather than stored under
the new version with the old content. A change moved on before committed before
the request began, and the render saw it. A tag never moved (or forgotten) is
started, where still absent, at the request's number: a change moving it
meanwhile wins.
"""

import contextvars
import time

from django.core.cache import cache

TAG_KEY = "page-cache:tag:{}"
SEQUENCE_KEY = "page-cache:sequence"
ANY = "any"
PEOPLE = "people"
AWARDS = "awards"
# How long a tag's version is kept: far longer than any stored page or fragment, so
# a page's tags are all there while it lives (a tag lost is a page not served).
TAG_SECONDS = 7 * 24 * 3600

# Staff-only rows of the content apps: no visitor sees them, no page changes.
_STAFF_ONLY = {
    ("news", "articleevent"),
    ("news", "importedsource"),
    ("news", "importsuggestion"),
}


def article_tag(pk):
    return f"article:{pk}"


def category_tag(pk):
    return f"category:{pk}"


def meeting_tag(pk):
    return f"meeting:{pk}"


def reports_tag(meeting_pk):
    return f"reports:{meeting_pk}"


def photo_tag(pk):
    return f"photo:{pk}"


def changed_tags(model, instance, before=None):
    """The tags a saved or deleted ``instance`` of ``model`` moves on: a set, empty
    for rows no visitor sees, ``None`` for "everything" (the generation).

    ``before`` holds what the row pointed at before the save (``category_id``,
    ``meeting_id``), so an article moved to another category or meeting leaves
    the old one's pages too.
    """
    app, name = model._meta.app_label, model._meta.model_name
    if (app, name) in _STAFF_ONLY:
        return set()
    if app == "people":
        return {PEOPLE, ANY}
    if app == "awards":
        return {AWARDS, ANY, *_meeting_tags(instance, before)}
    if (app, name) == ("news", "article"):
        tags = {ANY, article_tag(instance.pk)}
        for source in (instance, before or {}):
            meeting = _get(source, "meeting_id")
            if meeting is not None:
                tags.add(reports_tag(meeting))
        for source in (instance, before or {}):
            category = _get(source, "category_id")
            if category is not None:
                tags.add(category_tag(category))
        return tags
    if app == "events":
        if name == "meeting":
            return {ANY, meeting_tag(instance.pk)}
        if name == "photo":
            return {ANY, photo_tag(instance.pk), *_meeting_tags(instance, before)}
        meetings = _meeting_tags(instance, before)
        if meetings:  # attendees, documents, elected bodies
            return {ANY, *meetings}
    return None


def meeting_shown(pk):
    """What showing a meeting's facts, photos or awards depends on: the meeting
    (its rows), the people and units they name, the awards."""
    return {meeting_tag(pk), PEOPLE, AWARDS}


def article_shown(pk, cover_photo_id=None):
    """What showing an article depends on: its own row, the people and units its
    byline names, its cover if it is a photo of the library."""
    tags = {article_tag(pk), PEOPLE}
    if cover_photo_id:
        tags.add(photo_tag(cover_photo_id))
    return tags


def shown_by(value):
    """The tags of what a page or a fragment shows of ``value``: a meeting, an
    article, or a tag given as it is. Anything else is refused (a fragment of it
    would not know when it changes)."""
    if isinstance(value, str):
        return {value}
    meta = getattr(value, "_meta", None)
    name = meta and (meta.app_label, meta.model_name)
    if name == ("events", "meeting"):
        return meeting_shown(value.pk)
    if name == ("news", "article"):
        return article_shown(value.pk, value.cover_photo_id)
    raise TypeError(f"no tags for {value!r}")


def m2m_changed_tags(instance):
    """The tags a many-to-many change seen from ``instance`` moves on; ``None`` for
    everything (a change made from the other side, whose rows are not at hand)."""
    app, name = instance._meta.app_label, instance._meta.model_name
    if (app, name) == ("news", "article"):
        return changed_tags(type(instance), instance)
    if (app, name) == ("events", "photo"):  # people shown in a photo
        return changed_tags(type(instance), instance) | {PEOPLE}
    return None


def _get(source, name):
    if isinstance(source, dict):
        return source.get(name)
    return getattr(source, name, None)


def _meeting_tags(instance, before):
    return {
        meeting_tag(meeting)
        for meeting in (_get(instance, "meeting_id"), _get(before or {}, "meeting_id"))
        if meeting is not None
    }


# ------------------------------------------------------------------ versions


def _next_number():
    """The change sequence moved on: its new number, or None when the cache did
    not take it. A lost sequence starts again from the clock, above any number
    given before."""
    advance = getattr(cache, "advance", None)
    if advance is not None:
        # Redis: tried even while the backend backs off (ops/cache_backend.py).
        return advance(SEQUENCE_KEY) or None
    try:
        return cache.incr(SEQUENCE_KEY)
    except ValueError:
        number = time.time_ns()
        cache.set(SEQUENCE_KEY, number, None)
        return number


def start_sequence():
    """Start the change sequence where it is missing (from the clock), and give its
    number now (None when the cache does not answer)."""
    cache.add(SEQUENCE_KEY, time.time_ns(), None)
    return cache.get(SEQUENCE_KEY)


def stamp(tags):
    """Move ``tags`` on; False when the cache did not take it (the caller then owes
    a move of the generation, which covers every tag)."""
    number = _next_number()
    if number is None:
        return False
    keys = [TAG_KEY.format(tag) for tag in sorted(tags)]
    stamp_many = getattr(cache, "stamp", None)
    if stamp_many is not None:
        return stamp_many(keys, number, TAG_SECONDS)
    cache.set_many(dict.fromkeys(keys, number), TAG_SECONDS)
    return True


def read_versions(tags):
    """``{tag: version or None}`` for ``tags``, in one round trip."""
    keys = {TAG_KEY.format(tag): tag for tag in tags}
    found = cache.get_many(list(keys))
    return {tag: found.get(key) for key, tag in keys.items()}


# ------------------------------------------------------------------ collecting


class Dependencies:
    """What the page being rendered for the page cache shows (one per request)."""

    def __init__(self, generation, sequence):
        self.generation = generation
        # The change sequence's number when the request began (None: unknown,
        # nothing is stored).
        self.sequence = sequence
        self.tags = set()
        # Whether the view said what the page shows; if not, it shows "anything".
        self.declared = False
        self.versions = {}

    def page_tags(self):
        return self.tags if self.declared else self.tags | {ANY}

    def versions_of(self, tags):
        """The versions of ``tags``, each read once per request."""
        missing = [tag for tag in tags if tag not in self.versions]
        if missing:
            self.versions.update(read_versions(missing))
        return {tag: self.versions[tag] for tag in tags}

    def storable_versions(self, tags):
        """The versions to store a render under, or None when it must not be
        stored: a tag was moved on after this request began (what the render read
        may be older than the change), or the cache does not answer."""
        if self.sequence is None:
            return None
        versions = self.versions_of(tags)
        missing = [tag for tag, version in versions.items() if version is None]
        if missing:
            # Never moved (or forgotten): started at this request's number, but
            # only where no change has moved it meanwhile (``add``).
            for tag in missing:
                cache.add(TAG_KEY.format(tag), self.sequence, TAG_SECONDS)
            self.versions.update(read_versions(missing))
            versions = {tag: self.versions[tag] for tag in tags}
            if any(version is None for version in versions.values()):
                return None
        if any(version > self.sequence for version in versions.values()):
            return None
        return versions


_current = contextvars.ContextVar("page_dependencies", default=None)


def start(generation, sequence):
    """Collect what the page rendered now shows; returns the token for ``stop``."""
    return _current.set(Dependencies(generation, sequence))


def stop(token):
    _current.reset(token)


def current():
    """The dependencies of the page being rendered for the page cache, or None when
    it is not (a logged-in user's page, the page cache off or not trusted now)."""
    return _current.get()


def depends_on(*tags):
    """Say what the page being rendered shows, completely: it is then stored with
    those tags only, and another change leaves it stored. Call it from the view
    with every object whose change must show on the page (docs/decisions/0013)."""
    dependencies = _current.get()
    if dependencies is not None:
        dependencies.declared = True
        dependencies.tags.update(tag for tag in tags if tag)
