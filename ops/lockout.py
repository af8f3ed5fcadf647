"""The page a locked-out login gets from django-axes."""

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, credentials=None, *args, **kwargs):
    """Too many failed logins: say so in Vietnamese, and for how long (HTTP 429)."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(
        request,
        "axes/lockout.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
