"""Refusing cross-site writes on the endpoints that cannot carry a CSRF token.

Rating and poll forms sit on page-cached pages, so their endpoints are CSRF-exempt. A page on
another site could still make its visitors' browsers post to them. Browsers say where a request
comes from: `Sec-Fetch-Site` (every current browser) and `Origin` (on every cross-origin POST).
A request that says "cross-site", or names an origin other than this site's own or one of
CSRF_TRUSTED_ORIGINS, is refused; a client that sends neither header (an old browser, a form
submitted without them) is let through, and the per-address limits still apply to it.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.utils.http import is_same_domain


def _trusted_origin(request: HttpRequest, origin: str) -> bool:
    try:
        own = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        own = None
    if origin == own:
        return True
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    for trusted in getattr(settings, "CSRF_TRUSTED_ORIGINS", []):
        if origin == trusted:
            return True
        trusted_parts = urlsplit(trusted)
        if (
            "*" in trusted_parts.netloc
            and parts.scheme == trusted_parts.scheme
            and is_same_domain(parts.netloc, trusted_parts.netloc.replace("*", "", 1))
        ):
            return True
    return False


def is_cross_site(request: HttpRequest) -> bool:
    """Whether the browser says this request was sent by a page of another site."""
    if request.META.get("HTTP_SEC_FETCH_SITE", "").lower() == "cross-site":
        return True
    origin = request.META.get("HTTP_ORIGIN")
    return origin is not None and not _trusted_origin(request, origin)


def same_site_only(refuse):
    """View decorator: POSTs sent from another site get `refuse(request, *args, **kwargs)` instead."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and is_cross_site(request):
                return refuse(request, *args, **kwargs)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
