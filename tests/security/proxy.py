"""Requests as they reach gunicorn behind the documented nginx (PROXY_COUNT=1): from the proxy's
address, with X-Forwarded-For holding whatever the client sent followed by the client's address."""

from __future__ import annotations

import itertools

from django.test import Client

PROXY_ADDRESS = "127.0.0.1"
_agents = itertools.count()


def forwarded(client_ip: str, spoofed: str = "") -> dict[str, str]:
    """The META nginx's `proxy_add_x_forwarded_for` produces for a client at `client_ip`."""
    return {
        "REMOTE_ADDR": PROXY_ADDRESS,
        "HTTP_X_FORWARDED_FOR": f"{spoofed}, {client_ip}" if spoofed else client_ip,
    }


def new_agent() -> str:
    """A User-Agent never sent before: what a stuffing script rotates on every request."""
    return f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/{120 + next(_agents)}.0"


def scripted_client(client_ip: str, **extra) -> Client:
    """A fresh client (no cookies) with a new User-Agent, coming through the proxy."""
    return Client(HTTP_USER_AGENT=new_agent(), **forwarded(client_ip), **extra)


def reader_browser(client_ip: str, **extra) -> Client:
    """A reader's browser (it keeps its cookies) behind the proxy."""
    return Client(
        HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36",
        **forwarded(client_ip),
        **extra,
    )
