"""django-axes' check, for logins that come with a request."""

from axes.backends import AxesStandaloneBackend


class LoginLockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out user name + address; leaves other backends to log in.

    Every login over HTTP (the admin's form) passes the request. Code that checks a
    password without one, such as a management command or a test, has no address
    to lock and is not a login attempt: it is let through to the next backend
    instead of raising, as django-axes' own backend does.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
