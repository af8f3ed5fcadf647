"""Django strings whose Vietnamese translation is wrong or missing where only the
project's catalogue can fix it.

Django's own catalogues take precedence over an app's, so these corrections live in
``locale/vi/LC_MESSAGES/django.po``; listing them here keeps ``makemessages`` from
dropping them. Review them when Django is upgraded.
"""

from django.utils.translation import gettext_noop

CORRECTED = [
    gettext_noop("log entry"),  # Django's vi says "đăng nhập" ("log in")
    gettext_noop("log entries"),
    gettext_noop("Password reset unsuccessful"),  # Django's vi says the opposite
    gettext_noop("History"),  # Django's vi says "Bản ghi nhớ" ("memo")
    gettext_noop("LogEntry Object"),
    gettext_noop("session key"),
    gettext_noop("session data"),
    gettext_noop("variety"),
    gettext_noop("version"),
    gettext_noop("memory cost"),
    gettext_noop("time cost"),
    gettext_noop("parallelism"),
    gettext_noop("block size"),
]
