"""Client identity without storing it: the client address, keyed hashes, visitor cookies, bots.

`client_address` is the portal's one answer to "who is this client": django-axes (login lockout),
comments, ratings, poll votes, view counts, visits and feedback all use it. An address is only
ever kept as an HMAC keyed with a secret derived from SECRET_KEY, so the stored value cannot be
reversed by guessing addresses without the key. The User-Agent never takes part in identity: a
script changes it at will.
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
# An IPv6 subscriber is handed a whole /64 and can pick any address in it: the prefix is the client.
IPV6_CLIENT_PREFIX = 64

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
    """The client's address as the portal tells clients apart ("" when there is none).

    Behind PROXY_COUNT reverse proxies, each of which appends the address it received the request
    from to X-Forwarded-For, the client is the PROXY_COUNT-th entry from the right: entries further
    left were written by the client itself and prove nothing. Without the header (a request that
    did not pass the proxies) it is REMOTE_ADDR. IPv4 addresses are kept whole; an IPv6 address
    stands for its /64, since one subscriber can rotate through all of it.
    """
    proxies = int(getattr(settings, "PROXY_COUNT", 0) or 0)
    address = request.META.get("REMOTE_ADDR", "")
    if proxies > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return ""
    if parsed.version == 6:
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_CLIENT_PREFIX}", strict=False).network_address)
    return str(parsed)


def user_agent(request: HttpRequest) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:512]


def client_hash(request: HttpRequest) -> str:
    """The hashed client address: what records keep, and the key of every per-address limit."""
    return keyed_hash("client", client_address(request))


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


def reader_keys(request: HttpRequest, visitor: str, is_new: bool) -> list[str]:
    """The hashed keys of one reader, the one that decides first.

    A reader is its visitor cookie. A browser that came without one (and is given `visitor` now)
    is known by its address first, so that a client which never keeps cookies counts once per
    address; its new cookie's key follows, to be marked as seen too. A script can invent cookies,
    so whatever is keyed on this is also capped per address (frontcms.engagement.limits)."""
    own = voter_hash(visitor)
    return [keyed_hash("reader", client_address(request)), own] if is_new else [own]


def remember_visitor(response: HttpResponse, request: HttpRequest, visitor: str) -> None:
    response.set_cookie(
        VISITOR_COOKIE,
        visitor,
        max_age=VISITOR_COOKIE_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
