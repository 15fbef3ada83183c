"""Django settings for FrontCMS.

Everything that differs between a laptop and production comes from the environment through the
small reader below. Development defaults are harmless (DEBUG on, SQLite file, local-memory cache,
console e-mail); with DEBUG=0 the defaults turn strict and missing secrets are an error.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


# --- the environment reader ---------------------------------------------------------------------
def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = env(name)
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG=0.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The admin lives at /quan-tri/ unless ADMIN_URL says otherwise (no leading slash).
ADMIN_URL = env("ADMIN_URL", "quan-tri/").strip("/") + "/"

# --- applications ---------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "ckeditor",
    "ckeditor_uploader",
    "django_filters",
    "easy_thumbnails",
    "reversion",
    "taggit",
    "axes",
    "captcha",
    "frontcms",
    "frontcms.engagement",
    "committees",
    "events",
    "news",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "frontcms.middleware.RejectMalformedRequestMiddleware",
    "frontcms.middleware.SecurityHeadersMiddleware",
    # Serves cached anonymous pages before sessions, CSRF and auth run (frontcms/page_cache.py).
    "frontcms.page_cache.PageCacheServeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # A 404 for an imported old site's address becomes a 301 to its new page (frontcms/legacy_paths.py).
    "frontcms.legacy_paths.LegacyPathRedirectMiddleware",
    # Views failing on an unreachable database: readers wait DB_OUTAGE_WAIT seconds, others get 503.
    "frontcms.middleware.DatabaseOutageMiddleware",
    # Innermost, so that it sees whether the page used a CSRF token before CsrfViewMiddleware.
    "frontcms.page_cache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "frontcms.urls"
WSGI_APPLICATION = "frontcms.wsgi.application"

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
                "frontcms.context_processors.site",
            ],
        },
    },
]

# --- data -----------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the single writer work at the same time; a busy timeout instead of
    # "database is locked" errors under concurrent view counting.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = env("CACHE_URL") or env("REDIS_URL")
if _cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            # Django's Redis backend, failing soft: Redis down means cache misses, not 500s.
            "BACKEND": "frontcms.redis_cache.FailSoftRedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "frontcms"),
            # A hung or unreachable Redis must not hold a worker for long.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "frontcms",
        }
    }

# --- authentication -------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# django-axes: five failed logins from one address for one user name lock that pair for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "errors/lockout.html"
AXES_IPWARE_PROXY_COUNT = env_int("PROXY_COUNT", 0)

# --- internationalisation -----------------------------------------------------------------------
# Always Vietnamese, whatever the browser asks for (no LocaleMiddleware): the English pages under
# /en/ are content edited in English, not a translation of the interface.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("Tiếng Anh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

# --- static files and uploads ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": env("STATICFILES_BACKEND", "frontcms.static_storage.StaticFilesStorage")},
}
WHITENOISE_MAX_AGE = 3600  # unhashed files; hashed ones are cached for a year by whitenoise
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Largest image an editor may upload (bytes) and largest side in pixels before it is refused.
MAX_IMAGE_UPLOAD_SIZE = env_int("MAX_IMAGE_UPLOAD_SIZE", 10 * 1024 * 1024)
MAX_IMAGE_PIXELS = 40_000_000
MAX_DOCUMENT_UPLOAD_SIZE = env_int("MAX_DOCUMENT_UPLOAD_SIZE", 25 * 1024 * 1024)

# --- rich text (django-ckeditor) ----------------------------------------------------------------
# CKEditor 4 runs only in the staff's browser. Whatever it sends is sanitised on the server with an
# allow-list (frontcms.richtext) before it is stored, so readers never receive the editor's output
# unfiltered; the version of the editor therefore does not decide readers' safety.
CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_IMAGE_BACKEND = "ckeditor_uploader.backends.PillowBackend"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_BROWSE_SHOW_DIRS = True
CKEDITOR_RESTRICT_BY_DATE = True
# Contributors browse only their own uploads; superusers see all.
CKEDITOR_RESTRICT_BY_USER = True
CKEDITOR_CONFIGS = {
    "default": {
        "language": "vi",
        "height": 400,
        "width": "100%",
        "toolbar": "Custom",
        "toolbar_Custom": [
            ["Format", "Bold", "Italic", "Underline", "Strike", "RemoveFormat"],
            ["NumberedList", "BulletedList", "Blockquote", "Outdent", "Indent"],
            ["Link", "Unlink", "Image", "Table", "HorizontalRule", "SpecialChar"],
            ["Undo", "Redo", "Maximize", "Source"],
        ],
        "extraPlugins": "image2",
        "removePlugins": "exportpdf",
        "format_tags": "p;h2;h3;h4",
        "image2_captionedClass": "figure",
        "disallowedContent": "script; *[on*]; *{*}",
    }
}
# ckeditor.W001: django-ckeditor bundles CKEditor 4.22.1, which is out of support. It is used only
# inside the staff-only admin, and every stored value is sanitised server-side (see above and README).
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

# --- thumbnails (easy-thumbnails) -----------------------------------------------------------------
THUMBNAIL_ALIASES = {
    "": {
        "card": {"size": (480, 270), "crop": "smart", "quality": 82},
        "card_2x": {"size": (960, 540), "crop": "smart", "quality": 78},
        "detail": {"size": (960, 0), "crop": False, "quality": 85},
        "og": {"size": (1200, 630), "crop": "smart", "quality": 85},
        "admin": {"size": (96, 64), "crop": "smart"},
        "portrait": {"size": (240, 300), "crop": "smart"},
    }
}
THUMBNAIL_PRESERVE_EXTENSIONS = ("png",)
THUMBNAIL_CACHE_DIMENSIONS = True

# --- captcha (django-simple-captcha, works offline) ----------------------------------------------
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 10
CAPTCHA_FONT_SIZE = 28
CAPTCHA_IMAGE_SIZE = (150, 48)
CAPTCHA_TEST_MODE = env_bool("CAPTCHA_TEST_MODE", False)

# --- e-mail ---------------------------------------------------------------------------------------
_email_url = env("EMAIL_URL")
if _email_url:
    from urllib.parse import unquote, urlparse

    _email = urlparse(_email_url)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 25
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = _email.scheme in {"smtp+tls", "submission"}
    EMAIL_USE_SSL = _email.scheme == "smtps"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "no-reply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- security -------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # The reverse proxy terminates TLS and says so in this header (see deploy/nginx.conf).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # /suc-khoe/ is polled over plain HTTP by load balancers.
    SECURE_REDIRECT_EXEMPT = [r"^suc-khoe/$"]

# --- portal behaviour -----------------------------------------------------------------------------
# Seconds an anonymous page may be served from the cache (it is also cleared on every change).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Seconds a GET waits for an unreachable database (restart, failover) before a 503 (frontcms.middleware).
DB_OUTAGE_WAIT = env_int("DB_OUTAGE_WAIT", 5)
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")
# Reader engagement (frontcms.engagement): one counted view per reader per object per window;
# hashed client addresses are erased after the retention period by `purge_engagement_data`.
ENGAGEMENT_VIEW_WINDOW_MINUTES = env_int("ENGAGEMENT_VIEW_WINDOW_MINUTES", 30)
ENGAGEMENT_RETENTION_DAYS = env_int("ENGAGEMENT_RETENTION_DAYS", 180)

# --- logging: everything to stderr, where systemd/journald or the container runtime collects it --
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
