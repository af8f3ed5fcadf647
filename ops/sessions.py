"""Sessions whose keys sign themselves (``SESSION_ENGINE = "ops.sessions"``).

The page cache serves stored pages to requests without a session, and must tell a
session the portal made from a made-up ``sessionid`` cookie (which would otherwise
skip the cache and force a full render) without asking the database on every page
(docs/decisions/0012).
"""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac

RANDOM_LENGTH = 24
SIGNATURE_LENGTH = 16


def _key_signature(random_part):
    # The salt predates this module's name: changing it would end every session.
    return salted_hmac("ops.page_cache.session-key", random_part).hexdigest()[
        :SIGNATURE_LENGTH
    ]


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, with keys that sign themselves.

    A key is 24 random characters and 16 of their HMAC with the secret key, so the
    page cache tells a session the portal made from a made-up cookie by computing.
    """

    def _get_new_session_key(self):
        while True:
            random_part = get_random_string(RANDOM_LENGTH, VALID_KEY_CHARS)
            session_key = random_part + _key_signature(random_part)
            if not self.exists(session_key):
                return session_key


def made_here(session_key):
    """Whether ``session_key`` is one this portal's secret key signed."""
    return len(
        session_key
    ) == RANDOM_LENGTH + SIGNATURE_LENGTH and constant_time_compare(
        session_key[RANDOM_LENGTH:], _key_signature(session_key[:RANDOM_LENGTH])
    )
