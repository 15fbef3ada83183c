"""Login lockout behind the reverse proxy (PROXY_COUNT=1): django-axes keys on the portal's one
client-address function, so a password guesser locks out only itself and an editor at another
address still logs in; a forged X-Forwarded-For neither frees the guesser nor frames anyone."""

from __future__ import annotations

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from frontcms.engagement.privacy import client_address, client_hash
from tests.security.proxy import forwarded

PASSWORD = "Mat-khau-thu-123"
GUESSER = "203.0.113.66"
EDITOR = "198.51.100.20"

behind_one_proxy = override_settings(PROXY_COUNT=1)


def _login(client: Client, username: str, password: str, client_ip: str, spoofed: str = ""):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/quan-tri/"},
        **forwarded(client_ip, spoofed),
    )


def _is_locked(response) -> bool:
    used = [t.name for t in (response.templates or [])]
    return response.status_code == 429 or (
        response.status_code == 403 and settings.AXES_LOCKOUT_TEMPLATE in used
    )


@pytest.mark.django_db
@behind_one_proxy
def test_guesser_behind_the_proxy_locks_out_only_itself(admin_user):
    guesser = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(guesser, admin_user.username, f"doan-mo-{attempt}", GUESSER)
    assert _is_locked(_login(guesser, admin_user.username, PASSWORD, GUESSER))
    # The editor whose account it is, at another address, still logs in.
    editor = Client()
    response = _login(editor, admin_user.username, PASSWORD, EDITOR)
    assert response.status_code == 302, response.status_code
    assert editor.session.get("_auth_user_id") == str(admin_user.pk)
    # What axes recorded is the guesser's address, not the proxy's.
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {GUESSER}


@pytest.mark.django_db
@behind_one_proxy
def test_forged_forwarded_for_does_not_free_the_guesser(admin_user):
    guesser = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(guesser, admin_user.username, f"doan-mo-{attempt}", GUESSER, spoofed=f"10.9.8.{attempt}")
    for spoofed in ("10.9.8.200", EDITOR, "10.0.0.1, 10.0.0.2", "khong-phai-dia-chi"):
        response = _login(Client(), admin_user.username, PASSWORD, GUESSER, spoofed=spoofed)
        assert _is_locked(response), spoofed


@pytest.mark.django_db
@behind_one_proxy
def test_forged_forwarded_for_cannot_lock_out_someone_else(admin_user):
    """Writing the editor's address into X-Forwarded-For does not spend the editor's attempts."""
    for attempt in range(settings.AXES_FAILURE_LIMIT + 2):
        _login(Client(), admin_user.username, f"doan-mo-{attempt}", GUESSER, spoofed=EDITOR)
    assert _login(Client(), admin_user.username, PASSWORD, EDITOR).status_code == 302


@pytest.mark.django_db
@behind_one_proxy
def test_an_ipv6_guesser_cannot_escape_by_changing_address_within_its_subnet(admin_user):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), admin_user.username, f"doan-mo-{attempt}", f"2001:db8:7:1::{attempt + 1:x}")
    assert _is_locked(_login(Client(), admin_user.username, PASSWORD, "2001:db8:7:1:ffff::9"))
    assert _login(Client(), admin_user.username, PASSWORD, "2001:db8:7:2::1").status_code == 302


# --- the one client-address function -----------------------------------------------------------------
def _request(client_ip: str = "", spoofed: str = "", **meta):
    return RequestFactory().get("/", **(forwarded(client_ip, spoofed) if client_ip else {}), **meta)


def test_axes_asks_the_portal_for_the_client_address():
    assert settings.AXES_CLIENT_IP_CALLABLE == "frontcms.engagement.privacy.client_address"
    with override_settings(PROXY_COUNT=1):
        request = _request(GUESSER, spoofed="10.1.1.1")
        assert get_client_ip_address(request) == client_address(request) == GUESSER


@pytest.mark.parametrize(
    "proxies,meta,expected",
    [
        (1, forwarded(GUESSER), GUESSER),
        (1, forwarded(GUESSER, spoofed="10.1.1.1, 10.2.2.2"), GUESSER),
        (1, {"REMOTE_ADDR": "198.51.100.5"}, "198.51.100.5"),  # came without the proxy's header
        (0, forwarded(GUESSER), "127.0.0.1"),  # without a proxy the header is the client's own claim
        (
            2,
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9, 10.0.0.1"},
            "203.0.113.9",
        ),
        (1, forwarded("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::"),  # an IPv6 client is its /64
        (1, forwarded("::ffff:203.0.113.7"), "203.0.113.7"),
        (1, forwarded("khong-hop-le"), ""),
    ],
)
def test_client_address_trusts_only_what_the_proxies_wrote(settings, proxies, meta, expected):
    settings.PROXY_COUNT = proxies
    assert client_address(RequestFactory().get("/", **meta)) == expected


def test_the_user_agent_is_no_part_of_a_client(settings):
    settings.PROXY_COUNT = 1
    first = _request(GUESSER, HTTP_USER_AGENT="Mozilla/5.0 Firefox/130.0")
    second = _request(GUESSER, spoofed="10.3.3.3", HTTP_USER_AGENT="Mozilla/5.0 Chrome/131.0")
    assert client_hash(first) == client_hash(second)
    assert client_hash(first) != client_hash(_request(EDITOR))
    assert GUESSER not in client_hash(first)
