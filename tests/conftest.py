"""Shared fixtures: users in each role, a real headless Chromium against the live server."""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.db import connections

from frontcms.roles import ADMINS, CONTRIBUTORS, EDITORS

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def clear_caches():
    """Empty the shared cache and this process's pages."""
    from django.core.cache import cache

    from frontcms.page_cache import kept_pages

    cache.clear()
    kept_pages().clear()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Every test starts with empty caches, whatever the backend."""
    clear_caches()
    yield
    clear_caches()


def _staff_user(django_user_model, username: str, group: str | None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password="Mat-khau-thu-123", is_staff=True, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def admin_user(django_user_model):
    return _staff_user(django_user_model, "quantri-test", ADMINS, is_superuser=True)


@pytest.fixture
def editor_user(django_user_model):
    return _staff_user(django_user_model, "bientap", EDITORS)


@pytest.fixture
def contributor_user(django_user_model):
    return _staff_user(django_user_model, "congtacvien", CONTRIBUTORS)


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


@pytest.fixture
def contributor_client(client, contributor_user, ward):
    """The test client logged in as a contributor of the test module's `ward` fixture."""
    from tests.factories import StaffAssignmentFactory

    StaffAssignmentFactory(user=contributor_user, organization=ward)
    client.force_login(contributor_user)
    return client


# --- terms of the test module's `ward` and `other_ward` --------------------------------------------
@pytest.fixture(name="ward_terms")
def ward_terms_fixture(ward):
    """The last two terms of the test module's `ward`, oldest first (tests.factories.ward_terms)."""
    from tests.factories import ward_terms

    return ward_terms(ward)


@pytest.fixture
def other_term(other_ward):
    """The current term (Khóa XVIII) of the test module's `other_ward`."""
    from tests.factories import ward_terms

    return ward_terms(other_ward)[1]


# --- real browser ---------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright. Missing Chromium is a failure, never a skip."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: run scripts/test.sh, which installs Debian's chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # While Playwright's event loop runs in this thread, Django keeps this thread's database
        # connections apart from those opened before it started (asgiref's thread-critical Local
        # turns into a context variable): close both sets, or one would outlive the test database.
        connections.close_all()
    connections.close_all()


class PageProblems:
    """What a page did that a reader's browser would complain about."""

    def __init__(self):
        self.external_requests: list[str] = []
        self.js_errors: list[str] = []
        self.console_errors: list[str] = []

    def assert_clean(self):
        assert not self.external_requests, f"requests to other hosts: {self.external_requests}"
        assert not self.js_errors, f"JavaScript errors: {self.js_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


@pytest.fixture
def browser_page(chromium, live_server, request):
    """A fresh page on the live server. Fails the test on any request to another host or JS error."""
    marker = request.node.get_closest_marker("viewport")
    width, height = marker.args if marker else (1280, 900)
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}, locale="vi-VN"
    )
    problems = PageProblems()
    own_host = urlsplit(live_server.url).netloc

    def route(route_obj):
        url = route_obj.request.url
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"} or parts.netloc == own_host:
            route_obj.continue_()
        else:
            problems.external_requests.append(url)
            route_obj.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda exc: problems.js_errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: problems.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    page.problems = problems
    yield page
    context.close()
    problems.assert_clean()


def pytest_configure(config):
    config.addinivalue_line("markers", "viewport(width, height): browser viewport for browser_page")
