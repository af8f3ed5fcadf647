"""The visitor's address, for django-axes, with or without a proxy in front."""


def client_ip(request):
    """``REMOTE_ADDR``; behind ``NGT_PROXY_COUNT`` trusted proxies, the address they
    recorded in ``X-Forwarded-For``.

    Each proxy appends the address it received the request from, so with N proxies
    the client's address is the N-th from the right; anything further left was
    written by the client and is not trusted.
    """
    from django.conf import settings

    count = settings.NGT_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if len(addresses) >= count:
            return addresses[-count]
    return request.META.get("REMOTE_ADDR")
