"""Logins throttled and locked out (django-axes), passwords validated, production settings strict
(`check --deploy`, cookies, HSTS), and every public page sent with headers it satisfies."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.security.support import public_pages

BASE_DIR = Path(settings.BASE_DIR)
PASSWORD = "Mat-khau-thu-123"


# --- lockout -----------------------------------------------------------------------------------------
def _login(client, username, password):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": "/quan-tri/"}
    )


def _is_locked(response) -> bool:
    used = [t.name for t in (response.templates or [])]
    return response.status_code == 429 or (
        response.status_code == 403 and settings.AXES_LOCKOUT_TEMPLATE in used
    )


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, admin_user):
    assert settings.AXES_FAILURE_LIMIT == 5
    for attempt in range(4):
        response = _login(client, admin_user.username, f"sai-mat-khau-{attempt}")
        assert response.status_code == 200 and not _is_locked(response), attempt
    response = _login(client, admin_user.username, "sai-mat-khau-5")
    assert _is_locked(response), response.status_code
    response = _login(client, admin_user.username, PASSWORD)
    assert _is_locked(response), "the right password got through a lockout"
    assert settings.AXES_LOCKOUT_TEMPLATE in [t.name for t in response.templates]
    assert "_auth_user_id" not in client.session
    # The lockout page is a page of this site, in Vietnamese, and is never cached.
    assert "<html" in response.content.decode() and 'lang="vi"' in response.content.decode()


@pytest.mark.django_db
def test_lockout_holds_for_that_user_only(client, admin_user, editor_user):
    for attempt in range(5):
        _login(client, admin_user.username, f"sai-{attempt}")
    response = _login(client, editor_user.username, PASSWORD)
    assert response.status_code == 302, "another account from the same address must still log in"


@pytest.mark.django_db
def test_success_before_the_limit_resets_the_count(client, admin_user):
    for attempt in range(4):
        _login(client, admin_user.username, f"sai-{attempt}")
    assert _login(client, admin_user.username, PASSWORD).status_code == 302
    client.logout()
    for attempt in range(4):
        assert not _is_locked(_login(client, admin_user.username, f"sai-lan-hai-{attempt}"))


# --- passwords ----------------------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    "password", ["12345678901", "matkhau", "password123", "Password1", "quantri-test-1", "0987654321"]
)
def test_weak_passwords_are_refused(admin_user, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=admin_user)


@pytest.mark.django_db
def test_a_strong_password_is_accepted(admin_user):
    validate_password("Hoa-sen-no-tren-dam-2024", user=admin_user)


@pytest.mark.django_db
def test_admin_password_change_refuses_a_weak_password(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200 and response.context["form"].errors
    admin_user.refresh_from_db()
    assert admin_user.check_password(PASSWORD)


# --- production settings -----------------------------------------------------------------------------
TEST_ONLY_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "STATICFILES_BACKEND",
    "DJANGO_SETTINGS_MODULE",
    "CAPTCHA_TEST_MODE",
    "DATABASE_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _production_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="mttq.example.vn",
        DJANGO_SETTINGS_MODULE="frontcms.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    )
    return env


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_are_strict(tmp_path):
    names = [
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "X_FRAME_OPTIONS",
        "DEBUG",
        "CAPTCHA_TEST_MODE",
    ]
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False and values["CAPTCHA_TEST_MODE"] is False
    assert values["SESSION_COOKIE_SECURE"] is True and values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] in {"Lax", "Strict"}
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["SECURE_REFERRER_POLICY"] in {
        "strict-origin-when-cross-origin",
        "same-origin",
        "no-referrer",
    }
    assert values["X_FRAME_OPTIONS"] == "DENY"


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = _production_env(tmp_path)
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


# --- headers of public pages -------------------------------------------------------------------------
def _csp_directives(header: str) -> dict[str, str]:
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in header.split(";")
        if part.strip()
    }


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<style\b|<[a-z][^>]*\sstyle\s*=", re.I)


@pytest.mark.django_db
def test_every_public_page_sends_strict_headers_and_satisfies_its_csp(client):
    pages, skipped = public_pages()
    assert len(pages) >= 15, (pages, skipped)
    failures = []
    for url in pages:
        response = client.get(url)
        if response.status_code >= 500:
            failures.append((url, response.status_code))
            continue
        csp = response.headers.get("Content-Security-Policy", "")
        directives = _csp_directives(csp)
        script_src = directives.get("script-src", directives.get("default-src", ""))
        if not csp or "'unsafe-inline'" in script_src or "'unsafe-eval'" in script_src or "*" in script_src:
            failures.append((url, "CSP", csp))
        if (
            "'none'" not in directives.get("frame-ancestors", "")
            and response.headers.get("X-Frame-Options") != "DENY"
        ):
            failures.append((url, "clickjacking", response.headers.get("X-Frame-Options")))
        if response.headers.get("X-Content-Type-Options") != "nosniff":
            failures.append((url, "nosniff"))
        if not response.headers.get("Referrer-Policy"):
            failures.append((url, "Referrer-Policy"))
        if "text/html" in response.headers.get("Content-Type", ""):
            html = response.content.decode()
            for name, pattern in (("inline script", INLINE_SCRIPT), ("inline handler", INLINE_HANDLER)):
                found = pattern.search(html)
                if found:
                    failures.append((url, name, found.group(0)[:120]))
            style_src = directives.get("style-src", "")
            found = INLINE_STYLE.search(html)
            if found and "'unsafe-inline'" not in style_src:
                failures.append((url, "inline style blocked by the CSP", found.group(0)[:120]))
    assert not failures, failures


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_httponly_and_samesite(client, admin_user):
    response = _login(client, admin_user.username, PASSWORD)
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] in ("Lax", "Strict")
