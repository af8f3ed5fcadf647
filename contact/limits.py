"""At most five messages an hour from one client address.

Counted from the stored messages themselves, so every server behind a load
balancer counts the same; the address is kept only as a keyed hash.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.crypto import salted_hmac

from contact.models import Message
from core.client import client_address

MESSAGES_PER_WINDOW = 5
WINDOW = timedelta(hours=1)


def sender_hash(request):
    """A keyed hash of the request's client address (the site's secret key is the
    key: the hashes of all addresses cannot be computed without it)."""
    address = client_address(request) or ""
    return salted_hmac("contact.sender", address).hexdigest()


def over_limit(sender):
    """Whether ``sender`` already sent as many messages as the window allows."""
    since = timezone.now() - WINDOW
    recent = Message.objects.filter(sender_hash=sender, received_at__gte=since)
    return recent.count() >= MESSAGES_PER_WINDOW
