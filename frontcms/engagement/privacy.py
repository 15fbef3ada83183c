"""Client identity without storing it: keyed hashes of addresses, visitor cookies, bot detection.

A client address is only ever kept as an HMAC keyed with a secret derived from SECRET_KEY, so the
stored value cannot be reversed by guessing addresses without the key.
"""

from __future__ import annotations

import ipaddress
import re
import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

VISITOR_COOKIE = "fc_vid"
VISITOR_COOKIE_AGE = 365 * 24 * 3600

# Crawlers, link previewers, monitors and scripted clients: they are not readers.
BOT_RE = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|pingdom|uptime|"
    r"lighthouse|headless|phantomjs|curl|wget|python-|httpclient|okhttp|go-http-client|java/|"
    r"libwww|scrapy|axios|node-fetch|zgrab|masscan",
    re.IGNORECASE,
)


def keyed_hash(*parts: str) -> str:
    """HMAC-SHA256 (hex) of the parts with a key derived from SECRET_KEY."""
    value = "\x1f".join(parts)
    return salted_hmac("frontcms.engagement.client", value, algorithm="sha256").hexdigest()


def client_address(request: HttpRequest) -> str:
    """The client's address; with PROXY_COUNT trusted proxies, taken from X-Forwarded-For."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    address = request.META.get("REMOTE_ADDR", "")
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return ""


def user_agent(request: HttpRequest) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:512]


def client_hash(request: HttpRequest) -> str:
    """Hashed address plus browser: one "client" in the sense of the one-vote and rate rules."""
    return keyed_hash("client", client_address(request), user_agent(request))


def is_bot(request: HttpRequest) -> bool:
    agent = user_agent(request)
    return not agent or bool(BOT_RE.search(agent))


def visitor_id(request: HttpRequest) -> tuple[str, bool]:
    """The visitor cookie's value and whether it is new (then call `remember_visitor`)."""
    value = request.COOKIES.get(VISITOR_COOKIE, "")
    if re.fullmatch(r"[A-Za-z0-9_-]{16,64}", value):
        return value, False
    return secrets.token_urlsafe(24), True


def voter_hash(visitor: str) -> str:
    return keyed_hash("voter", visitor)


def remember_visitor(response: HttpResponse, request: HttpRequest, visitor: str) -> None:
    response.set_cookie(
        VISITOR_COOKIE,
        visitor,
        max_age=VISITOR_COOKIE_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
