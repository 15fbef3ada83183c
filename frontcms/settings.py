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


# Demo mode (`scripts/demo.sh`): the portal as readers get it in production (DEBUG off, so the
# real Vietnamese error pages and hashed static files) but on plain http://127.0.0.1:8000, with
# uploads served by Django. Loopback only; production never sets DEMO (see the end of this file).
DEMO = env_bool("DEMO", False)
DEBUG = env_bool("DEBUG", not DEMO)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG=0.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

LOOPBACK_HOSTS = "127.0.0.1,localhost,[::1]"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", LOOPBACK_HOSTS if DEBUG or DEMO else "")
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
    # Three third-party apps through configs that give them Vietnamese names (third_party_apps.py).
    "frontcms.third_party_apps.EasyThumbnailsConfig",
    "reversion",
    "taggit",
    "frontcms.third_party_apps.AxesConfig",
    "frontcms.third_party_apps.CaptchaConfig",
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
    # English under /en/ (frontcms/languages.py): before anything that renders a page.
    "frontcms.languages.PathLanguageMiddleware",
    # Serves cached anonymous pages before sessions, CSRF and auth run, and stores them
    # (frontcms/page_cache.py): it sees the cookies every inner middleware set.
    "frontcms.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "frontcms.middleware.UploadRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "frontcms.middleware.ConditionalGetMiddleware",  # Django's, with a faster ETag
    # A 404 for an imported old site's address becomes a 301 to its new page (frontcms/legacy_paths.py).
    "frontcms.legacy_paths.LegacyPathRedirectMiddleware",
    # Views failing on an unreachable database: readers wait DB_OUTAGE_WAIT seconds, others get 503.
    "frontcms.middleware.DatabaseOutageMiddleware",
]

ROOT_URLCONF = "frontcms.urls"
WSGI_APPLICATION = "frontcms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Django's cached loader over the project's and the apps' templates, as APP_DIRS gives,
            # with each template's blocks found once (frontcms/template_loaders.py).
            "loaders": [
                (
                    "frontcms.template_loaders.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
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
    # "database is locked" errors under concurrent view counting. Connections are kept between
    # requests as for PostgreSQL (DB_CONN_MAX_AGE): opening one runs these pragmas and registers
    # Django's SQL functions, about 2 ms of every request that touches the database.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = env("CACHE_URL") or env("REDIS_URL")
if _cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            # Django's Redis backend, failing soft: Redis down means cache misses, not 500s.
            "BACKEND": "frontcms.cache_backends.FailSoftRedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "frontcms"),
            "OPTIONS": {
                # A hung or unreachable Redis must not hold a worker for long.
                "socket_connect_timeout": 1,
                "socket_timeout": 1,
                # Copies of kept values and generations each process may hold, kept in step by
                # Redis's invalidation messages (frontcms/cache_backends.py); 0 turns them off.
                "near_copies_bytes": env_int("CACHE_NEAR_COPIES_MB", 32) * 1024 * 1024,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "frontcms.cache_backends.LocalMemoryCache",
            "LOCATION": "frontcms",
            # Django's default of 300 entries is the kept parts of a few dozen pages with their
            # generations: past it, pages would be put together from scratch.
            "OPTIONS": {"MAX_ENTRIES": env_int("LOCAL_CACHE_ENTRIES", 5000)},
        }
    }
# Whole pages for anonymous readers (frontcms/page_cache.py): each process keeps those it rendered
# in its own memory, never in Redis; what they show is checked against the shared generations on
# every hit, and they are put together again from the shared kept parts. About 30 KB a page.
PAGE_CACHE_ENTRIES = env_int("PAGE_CACHE_ENTRIES", 1000)

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

# Reverse proxies in front of the app, each appending to X-Forwarded-For (nginx: 1). The client
# address is then read from that header by frontcms.engagement.privacy.client_address.
PROXY_COUNT = env_int("PROXY_COUNT", 0)

# django-axes: five failed logins from one address for one user name lock that pair for an hour.
# The address is the portal's own (behind the proxy, the client's, not the proxy's), so a guesser
# locks out only itself.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "errors/lockout.html"
AXES_CLIENT_IP_CALLABLE = "frontcms.engagement.privacy.client_address"

# --- internationalisation -----------------------------------------------------------------------
# Vietnamese, whatever the browser asks for (no LocaleMiddleware). Requests under /en/ run in
# English (frontcms.languages.PathLanguageMiddleware), with the interface from locale/en.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("Tiếng Anh"))]
# The project's catalogue first (scripts/update-catalogue.sh regenerates it from the source), then
# the hand-kept Vietnamese for Django's and third-party apps' English strings (locale/thirdparty).
# Both override the apps' own catalogues. Keep locale/thirdparty inside locale/: makemessages files
# the project's strings under the first LOCALE_PATHS entry whose parent folder holds them.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "thirdparty"]
# dd/mm/yyyy and the 24-hour clock in the admin's inputs, lists and calendar (frontcms/formats/vi).
FORMAT_MODULE_PATH = ["frontcms.formats"]
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
# Memory one decoded image may take (Pillow keeps 4 bytes a pixel for colour, 1 for grey or palette),
# checked from the header before any pixel is decoded: colour pictures stop at 26 megapixels
# (JPEGs, decoded at a reduced scale, at twice MAX_IMAGE_PIXELS: frontcms.images.largest_picture).
MAX_IMAGE_DECODE_BYTES = env_int("MAX_IMAGE_DECODE_BYTES", 100 * 1024 * 1024)
# Longest side, in pixels, of an uploaded picture as stored (larger ones are scaled down): twice the
# widest column a page shows it in, for sharp photos on high-density screens.
MAX_IMAGE_STORED_SIDE = env_int("MAX_IMAGE_STORED_SIDE", 2560)
# Files one staff user may upload (CKEditor and admin forms) per UPLOAD_RATE_MINUTES.
UPLOAD_RATE = env_int("UPLOAD_RATE", 60)
UPLOAD_RATE_MINUTES = env_int("UPLOAD_RATE_MINUTES", 10)
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
# Contributors browse only their own uploads; superusers see all. Each user's folder is named by
# an opaque key (frontcms.upload_urls.upload_folder), never by the user name.
CKEDITOR_RESTRICT_BY_USER = "upload_folder"
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
        # image2 (captioned images as <figure>) replaces the bundled image plugin.
        "extraPlugins": "image2",
        "removePlugins": "exportpdf,image",
        "format_tags": "p;h2;h3;h4",
        # Vietnamese letters as they are, not as &agrave;… entities, in the stored HTML and in Source.
        "entities": False,
        "disallowedContent": "script; *[on*]; *{*}",
        # The content filter (allowedContent), image2's classes and the image dialog's labels are
        # added by frontcms.richtext.RichTextField from the sanitiser's allow-list.
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

# --- tags (django-taggit): typed and shown as a plain comma-separated list ---------------------------
TAGGIT_TAGS_FROM_STRING = "frontcms.text.split_tags"
TAGGIT_STRING_FROM_TAGS = "frontcms.text.join_tags"

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

# Demo mode: plain http on loopback, so no TLS-only cookies, redirect or HSTS. Refused for any other
# host, so that a forgotten DEMO=1 cannot weaken a server reachable from outside.
if DEMO:
    if not set(ALLOWED_HOSTS) <= set(LOOPBACK_HOSTS.split(",")):
        raise ImproperlyConfigured(
            f"DEMO=1 is for http://127.0.0.1 only; ALLOWED_HOSTS must be loopback, got {ALLOWED_HOSTS}."
        )
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = False
    SECURE_HSTS_SECONDS = 0
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = False
    SECURE_PROXY_SSL_HEADER = None

# --- portal behaviour -----------------------------------------------------------------------------
# Longest life, in seconds, of a cached page or kept value (each is also forgotten as soon as
# something it shows changes: frontcms.cache).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Seconds a GET waits for an unreachable database (restart, failover) before a 503 (frontcms.middleware).
DB_OUTAGE_WAIT = env_int("DB_OUTAGE_WAIT", 5)
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000" if DEBUG or DEMO else "")
# Reader engagement (frontcms.engagement): one counted view per reader per object per window;
# hashed client addresses are erased after the retention period by `purge_engagement_data`.
ENGAGEMENT_VIEW_WINDOW_MINUTES = env_int("ENGAGEMENT_VIEW_WINDOW_MINUTES", 30)
ENGAGEMENT_RETENTION_DAYS = env_int("ENGAGEMENT_RETENTION_DAYS", 180)
# Per-address limits (an IPv4 address, or an IPv6 /64); the README's "Security" section says why
# each is set where it is. Ratings of one item or votes in one poll, per address per day:
ENGAGEMENT_VOTES_PER_OBJECT_PER_DAY = env_int("ENGAGEMENT_VOTES_PER_OBJECT_PER_DAY", 5)
# All ratings and votes of one address per hour, across the portal:
ENGAGEMENT_VOTES_PER_HOUR = env_int("ENGAGEMENT_VOTES_PER_HOUR", 40)
# Counted views of one item per address per day (each reader once per view window):
ENGAGEMENT_VIEWS_PER_OBJECT_PER_DAY = env_int("ENGAGEMENT_VIEWS_PER_OBJECT_PER_DAY", 20)
# New visitors counted per address per day (visit statistics and "online now"):
ENGAGEMENT_VISITS_PER_DAY = env_int("ENGAGEMENT_VISITS_PER_DAY", 100)
ENGAGEMENT_COMMENT_RATE = env_int("ENGAGEMENT_COMMENT_RATE", 3)
ENGAGEMENT_COMMENT_RATE_MINUTES = env_int("ENGAGEMENT_COMMENT_RATE_MINUTES", 10)
ENGAGEMENT_FEEDBACK_RATE = env_int("ENGAGEMENT_FEEDBACK_RATE", 5)
ENGAGEMENT_FEEDBACK_RATE_MINUTES = env_int("ENGAGEMENT_FEEDBACK_RATE_MINUTES", 60)

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
        # fontTools (used by the demo's PDF documents) logs every table it merges or subsets.
        "fontTools": {"level": "WARNING"},
    },
}
