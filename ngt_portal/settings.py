"""Settings for the NGT portal.

Production is configured by environment variables alone (see README.md). Without
any, the portal runs for development: an embedded SQLite database in the project
folder, debug off unless ``DJANGO_DEBUG=1``, and a local-memory cache.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- environment


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DJANGO_DEBUG", False)
# A real secret key with debug off is production: HTTPS settings, hashed static files,
# no developer tools. Tests and `make run` set no key.
PRODUCTION = not DEBUG and bool(os.environ.get("DJANGO_SECRET_KEY"))

# The fallback is for development only; its prefix makes `check --deploy` refuse it.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or (
    "django-insecure-development-only-key-for-the-ngt-portal-0123456789"
)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")


# ---------------------------------------------------------------- applications

INSTALLED_APPS = [
    # Django's admin, with one day-first date-time field everywhere.
    "core.admin_apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ckeditor",
    "ckeditor_uploader",
    "core",
    "core.django_vi",
    "people",
    "events",
    "news",
    "awards",
    "documents",
    "contact",
    "pages",
    "ops",
    "demo",
    "axes",
    "simple_history",
]
# Benchmark data and query plans (make_bench_data, explain_pages): for development and
# tests; production leaves them out unless DJANGO_DEVTOOLS=1 says otherwise.
if env_bool("DJANGO_DEVTOOLS", not PRODUCTION):
    INSTALLED_APPS.append("devtools")

MIDDLEWARE = [
    # First: every log line of the request carries its id (ops/observability.py).
    "ops.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from STATIC_ROOT, before anything that touches sessions or the db.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors' pages, before sessions and the database (ops/page_cache.py).
    "ops.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.csp.PortalCSPMiddleware",
    # Versions (django-simple-history) record who made them.
    "simple_history.middleware.HistoryRequestMiddleware",
    # A body too large, a wrong method or content type: 4xx in Vietnamese, before
    # any view or CSRF check reads the body (ops/request_errors.py).
    "ops.request_errors.RequestLimitsMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ngt_portal.urls"
WSGI_APPLICATION = "ngt_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "contact.context_processors.office",
            ],
        },
    },
]


# ---------------------------------------------------------------- database


def env_milliseconds(name, default_seconds):
    """A duration the environment gives in seconds (decimals allowed, 0: no limit),
    in milliseconds as PostgreSQL takes it."""
    seconds = float(os.environ.get(name) or default_seconds)
    if not seconds >= 0:
        raise ImproperlyConfigured(f"{name} must be a number of seconds, 0 or more")
    return round(seconds * 1000)


# On PostgreSQL, how long one statement may run and how long it may wait for a lock,
# by who is asking (ops/db_limits.py); a query past either fails, and a visitor gets
# the 503 page (ops/errors.py). The lock wait is the shorter, so that a lock held by
# a migration, a restore or a LOCK TABLE is reported as such.
DATABASE_TIMEOUTS = {
    # Visitors: a page's queries take milliseconds (docs/benchmarks.md). Within a
    # few seconds the visitor has the 503 page and the worker is free, long before
    # gunicorn kills it at GUNICORN_TIMEOUT (30 s) with no answer at all.
    "request": {
        "statement_timeout": env_milliseconds("DJANGO_DB_STATEMENT_TIMEOUT", 5),
        "lock_timeout": env_milliseconds("DJANGO_DB_LOCK_TIMEOUT", 3),
    },
    # Staff under the admin's address: long lists, a meeting saved with all its
    # photos. Still under gunicorn's 30 s, or the page would end with no answer.
    "admin": {
        "statement_timeout": env_milliseconds("DJANGO_DB_ADMIN_STATEMENT_TIMEOUT", 20),
        "lock_timeout": env_milliseconds("DJANGO_DB_ADMIN_LOCK_TIMEOUT", 10),
    },
    # Management commands (migrate, import_articles, backup, restore, the shell): no
    # page waits, so an index build may take its time; a lock wait still ends, so a
    # migration stuck behind a long transaction fails (run it again) instead of
    # holding every page behind it.
    "command": {
        "statement_timeout": env_milliseconds(
            "DJANGO_DB_COMMAND_STATEMENT_TIMEOUT", 3600
        ),
        "lock_timeout": env_milliseconds("DJANGO_DB_COMMAND_LOCK_TIMEOUT", 60),
    },
}

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # With the server gone, a request gives up within seconds (and gets the 503 page)
    # instead of hanging; ?connect_timeout= in DATABASE_URL takes precedence.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "3"))
    )
    # Every connection starts with the visitors' limits; options given in
    # DATABASE_URL (?options=-c …) come after them, so they take precedence.
    DATABASES["default"]["OPTIONS"]["options"] = " ".join(
        [f"-c {name}={value}" for name, value in DATABASE_TIMEOUTS["request"].items()]
        + [DATABASES["default"]["OPTIONS"].get("options", "")]
    ).strip()
# SQLite has no such limits: a write waits up to 5 s for another one to finish (the
# driver's default `timeout`), then fails like a lock timeout.
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# ---------------------------------------------------------------- cache

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's Redis backend, failing soft: with Redis down, pages are
            # rendered without the cache instead of failing (ops/cache_backend.py).
            "BACKEND": "ops.cache_backend.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "ngt",
            # A Redis that hangs must not hang the page: give up within half a second.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache for anonymous visitors (ops/page_cache.py). Its content generation
# lives in the cache, so it must be shared by every process: on by default with Redis,
# off with the per-process local-memory cache; NGT_PAGE_CACHE=1/0 decides otherwise.
PAGE_CACHE_ENABLED = env_bool(
    "NGT_PAGE_CACHE", default=bool(os.environ.get("REDIS_URL"))
)
# How long a stored page lives at most, whatever happens behind the ORM's back.
PAGE_CACHE_SECONDS = int(os.environ.get("NGT_PAGE_CACHE_SECONDS", "60"))
# s-maxage for a CDN in front; 0: it revalidates every time (docs/deploy.md).
PAGE_CACHE_SHARED_SECONDS = int(os.environ.get("NGT_PAGE_CACHE_SHARED_SECONDS", "0"))
# The query parameters pages read (pagination, search, the meetings' filters, the
# sitemap's pages); any other is dropped from anonymous requests before a view sees
# it, so it cannot make new stored pages. A view reading a new one adds it here.
PAGE_CACHE_QUERY_PARAMETERS = frozenset(
    {
        "page",
        "sau",
        "truoc",
        "q",
        "loai",
        "nam",
        "p",
        "tuan",
        "chu-de",
        "co-quan",
        "linh-vuc",
    }
)
# At most this many query strings of one path are stored a minute (?q=, ?page=).
PAGE_CACHE_VARIANTS = int(os.environ.get("NGT_PAGE_CACHE_VARIANTS", "100"))
# When a page goes cold, one request renders it and the others asking for it wait
# this long at most for it, rather than all rendering it (docs/decisions/0013).
PAGE_CACHE_HERD_WAIT = float(os.environ.get("NGT_PAGE_CACHE_HERD_WAIT", "2"))
# Session keys that sign themselves: the page cache tells a real session from a
# made-up cookie without the database (ops/sessions.py, docs/decisions/0012).
SESSION_ENGINE = "ops.sessions"


# ---------------------------------------------------------------- passwords

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        # Vietnamese pass phrases without tone marks are long but easy to type.
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# ---------------------------------------------------------------- login protection

# django-axes checks every login first and refuses a locked-out user name + address.
AUTHENTICATION_BACKENDS = [
    "ops.auth_backends.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("DJANGO_AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
# Minutes a user name + address stays locked.
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("DJANGO_AXES_COOLOFF_MINUTES", "30"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "ops.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# The version banner on every manage.py command is noise in logs and cron mail.
AXES_VERBOSE = False
# Locks are lifted with `manage.py axes_reset` (or axes_reset_username); the admin
# does not list django-axes' tables, so the editors' menu stays as it was.
AXES_ENABLE_ADMIN = False
# Behind a reverse proxy every request comes from the proxy's address. With
# DJANGO_PROXY_COUNT=1 (one proxy in front, which sets X-Forwarded-For) the client's
# address is read from that header instead; off by default, because a visitor can
# write the header themselves when no proxy overwrites it.
NGT_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "core.client.client_address"


# ---------------------------------------------------------------- language, dates

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
FORMAT_MODULE_PATH = ["core.formats"]


# ---------------------------------------------------------------- static and media

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# Hashed, compressed static files (WhiteNoise) in production: the same signal as the
# HTTPS settings below, a real secret key with debug off, or DJANGO_STATIC_MANIFEST=1.
# Tests and `make run` set no key, so they keep the plain storage, which needs no
# `collectstatic` (the manifest storage refuses every {% static %} without its
# staticfiles.json). DJANGO_STATIC_MANIFEST=0 turns it off explicitly.
STATIC_MANIFEST = env_bool("DJANGO_STATIC_MANIFEST", PRODUCTION)
# Files with a hash in their name are cached for ten years ("immutable") by WhiteNoise
# itself; this is for the few without one (e.g. referenced by a fixed address).
WHITENOISE_MAX_AGE = 0 if DEBUG else int(os.environ.get("DJANGO_STATIC_MAX_AGE", 3600))

# Uploads go to MEDIA_ROOT, served by the front web server, never by Django; or, with
# DJANGO_MEDIA_STORAGE=s3, to S3-compatible object storage through django-storages
# (installed separately: `pip install "django-storages[s3]"`, docs/deploy.md).
if os.environ.get("DJANGO_MEDIA_STORAGE", "").strip().lower() == "s3":
    MEDIA_STORAGE = {
        "BACKEND": "core.s3_storage.DocumentS3Storage",
        "OPTIONS": {
            key: value
            for key, value in {
                "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME"),
                "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL"),
                "region_name": os.environ.get("AWS_S3_REGION_NAME"),
                "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN"),
                # Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read from
                # the environment by django-storages and boto3 themselves.
                "file_overwrite": False,
            }.items()
            if value not in (None, "")
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "core.storage.MediaStorage"}

# A meeting document's largest size (core/documents.py).
NGT_DOCUMENT_MAX_BYTES = int(os.environ.get("NGT_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))

STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Request limits: anything over them is answered 400/413 with a Vietnamese message
# (ops/request_errors.py). The form fields other than files, together: an
# article's body is rarely over 1 MB of HTML; 10 MB leaves room for pasted tables.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# A meeting form posts about ten fields per attendee and per photo (plus one per
# person tagged): 5000 fits a meeting of a hundred photos and a hundred attendees.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
# Files in one form; many photos go through the upload page, one request each.
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# Images: the largest file and the most pixels an upload may have.
NGT_IMAGE_MAX_BYTES = int(os.environ.get("NGT_IMAGE_MAX_BYTES", 20 * 1024 * 1024))
NGT_IMAGE_MAX_PIXELS = int(os.environ.get("NGT_IMAGE_MAX_PIXELS", 60_000_000))
# A whole request body, files included: one photo at the limit plus the form around
# it, as the front web server allows (docs/deploy.md); refused unread above this.
NGT_REQUEST_MAX_BYTES = int(
    os.environ.get("NGT_REQUEST_MAX_BYTES", NGT_IMAGE_MAX_BYTES + 1024 * 1024)
)
# Photos are kept at most this many pixels on their long edge (the public master),
# with renditions at these widths for srcset.
NGT_PHOTO_MASTER_EDGE = int(os.environ.get("NGT_PHOTO_MASTER_EDGE", 2000))
NGT_PHOTO_WIDTHS = (320, 640, 1024, 1600)


# ---------------------------------------------------------------- rich text editor

CKEDITOR_UPLOAD_PATH = "editor/"
CKEDITOR_IMAGE_BACKEND = "pillow"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_RESTRICT_BY_USER = False
CKEDITOR_BROWSE_SHOW_DIRS = True
CKEDITOR_CONFIGS = {
    "default": {
        "language": "vi",
        "height": 420,
        "width": "100%",
        "toolbar": "Portal",
        "toolbar_Portal": [
            ["Format", "Bold", "Italic", "Underline", "RemoveFormat"],
            ["JustifyLeft", "JustifyCenter", "JustifyRight", "JustifyBlock"],
            ["NumberedList", "BulletedList", "Outdent", "Indent", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table", "HorizontalRule"],
            ["Undo", "Redo"],
            ["Source", "Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        # The image dialog's "Browse server" opens the media library, which hands
        # back a rendition's address and the caption as alternative text.
        "filebrowserImageBrowseUrl": reverse_lazy("admin:events_photo_library"),
        "filebrowserWindowWidth": 1100,
        "filebrowserWindowHeight": 760,
        # Alignment, indents and table borders are stored as the classes of
        # core/rich_styles.py; what Word pastes as styles is let into the editor
        # so that the server can turn it into those classes on saving.
        "justifyClasses": [
            "align-left",
            "align-center",
            "align-right",
            "align-justify",
        ],
        "indentClasses": [f"indent-{level}" for level in range(1, 7)],
        "extraAllowedContent": (
            "p h2 h3 h4 td th{text-align,margin-left,padding-left}"
            "(align-left,align-center,align-right,align-justify,"
            "indent-1,indent-2,indent-3,indent-4,indent-5,indent-6);"
            "table[border]{border,border-collapse}(border-on,border-off);"
            "td th{border,border-top,border-right,border-bottom,border-left}"
            "(border-on,border-off)"
        ),
        "contentsCss": [
            STATIC_URL + "ckeditor/ckeditor/contents.css",
            STATIC_URL + "css/editor-content.css",
        ],
        # Pasted pictures are not uploaded behind the editor's back (django-ckeditor's
        # upload address does not take uploadimage's query): they are removed, and
        # static/js/admin/editor-paste.js asks for a proper upload.
        "removePlugins": "exportpdf,uploadimage",
        "versionCheck": False,
    }
}
# django-ckeditor bundles CKEditor 4, whose free line has ended. The college asked
# for this editor; every body is sanitized on the server when saved, so what the
# editor lets through never reaches a visitor unchecked (docs/decisions).
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]


# ---------------------------------------------------------------- security

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A refused form (stale token) says in Vietnamese that nothing was saved.
CSRF_FAILURE_VIEW = "ops.request_errors.csrf_failure"

if env_bool("DJANGO_SECURE", PRODUCTION):
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)


# Content Security Policy (django-csp). Public pages run only the site's own script
# files: no inline script, no eval, no inline style. The admin and the editor's
# upload views get ADMIN_CONTENT_SECURITY_POLICY instead (core/csp.py),
# because CKEditor 4 writes inline scripts and styles.
VIDEO_FRAMES = ["https://www.youtube.com", "https://www.youtube-nocookie.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-src": VIDEO_FRAMES,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-src": [SELF, *VIDEO_FRAMES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}


# ---------------------------------------------------------------- mail

# The contact form's notifications (contact/notify.py). Development prints mail on
# the console; production sends through the SMTP server of DJANGO_EMAIL_HOST.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")
# Who is told of a visitor's message; empty: the e-mail of the office's details.
NGT_CONTACT_EMAIL = env_list("NGT_CONTACT_EMAIL")


# ---------------------------------------------------------------- admin, logging

ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
# Paths under the looser policy: the admin and django-ckeditor's views.
NGT_EDITOR_PATHS = ("/" + ADMIN_URL, "/ckeditor/")

# One JSON object per line on stdout, each with the request id (ngt_portal/
# observability.py); DJANGO_LOG_FORMAT=text gives plain lines for development.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "json").strip().lower()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "ops.observability.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "ops.observability.JsonFormatter"},
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request"],
            "formatter": "text" if LOG_FORMAT == "text" else "json",
        }
    },
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    },
}
