"""The visitor's address, read the same way wherever the portal needs it."""

from django.conf import settings


def client_address(request):
    """``REMOTE_ADDR``; behind ``NGT_PROXY_COUNT`` trusted proxies, the address they
    recorded in ``X-Forwarded-For``.

    Each proxy appends the address it received the request from, so with N proxies
    the client's address is the N-th from the right; anything further left was
    written by the client and is not trusted.
    """
    count = settings.NGT_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if len(addresses) >= count:
            return addresses[-count]
    return request.META.get("REMOTE_ADDR")
