"""Test settings: the project's settings with fast hashing, plain static storage and test captcha."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-" + "x" * 20)
os.environ.setdefault("ALLOWED_HOSTS", "*")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage")

from frontcms.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CAPTCHA_TEST_MODE = True
SITE_URL = "http://testserver"

import tempfile  # noqa: E402

# Each test run writes uploads to its own throw-away folder.
MEDIA_ROOT = tempfile.mkdtemp(prefix="frontcms-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="frontcms-test-static-")
# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the same
# tests are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
