"""Signals sent by the domain apps for the layers above them to hear.

A domain app cannot import the page cache (it sits in ``ops``, above every app), yet
some of its work changes what visitors see without saving a model, so no
``post_save`` tells anyone: rewriting every photo's renditions, for one. It sends
``content_changed`` instead; the page cache listens (ops/page_cache.py).
"""

from django.dispatch import Signal

# Sent after a change visitors can see that no model signal reports; ``using`` names
# the database alias.
content_changed = Signal()
