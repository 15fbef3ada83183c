"""Whole-page cache for anonymous readers, which never serves a stale page.

- Only GET/HEAD from visitors without a session (not logged in, no pending messages) are
  cached, only 200 responses, never the admin or previews, never a page that rendered a CSRF
  token (it would leak one visitor's token to others).
- The key holds the content version (frontcms.cache), which every save/delete bumps, so
  publishing, editing, unpublishing, menu or settings changes make older entries unreachable at
  once, on every server that shares the cache (Redis).
- Entries expire no later than the next time-driven change (a scheduled article going live, an
  event starting, midnight for the header date).
- Browsers get `Cache-Control: no-cache` plus an ETag: they revalidate every time and receive a
  cheap 304 when nothing changed, so they never show a stale page either.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control

from .cache import content_version, seconds_until_next_change

SKIP_PREFIXES = ("/ckeditor/", "/captcha/", "/suc-khoe/", "/tin-tuc/xem-truoc/", "/tuong-tac/")


def _anonymous_read(request) -> bool:
    """A GET/HEAD of a public page by a visitor without a session (so certainly not logged in)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith((f"/{settings.ADMIN_URL}", *SKIP_PREFIXES)):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


def _cacheable_request(request) -> bool:
    return _anonymous_read(request) and not request.user.is_authenticated


def _cached_response(request, key: str):
    """The stored response for `key` if it is still correct now (a 304 when the browser has it), else None."""
    cached = cache.get(key)
    # Entries carry the moment they stop being correct (the next time-driven change) and are
    # checked against this server's clock, whatever the cache server's own expiry does.
    if isinstance(cached, tuple) and cached[0] > time.time():
        response = cached[1]
        response["X-Page-Cache"] = "hit"
        return get_conditional_response(request, etag=response.get("ETag"), response=response)
    return None


class PageCacheServeMiddleware:
    """Outer half of the page cache, placed early in MIDDLEWARE: a hit skips sessions, CSRF,
    authentication, messages and the rest, which is most of the cost of a cached page.

    It stores the complete response (with every inner middleware's headers) that the inner
    AnonymousPageCacheMiddleware marked as cacheable; only that one can tell whether the page
    used a CSRF token or came from a logged-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _anonymous_read(request):
            return self.get_response(request)
        request._page_cache_outer = True
        key = page_cache_key(request)
        response = _cached_response(request, key)
        if response is not None:
            return response
        response = self.get_response(request)
        until = getattr(response, "page_cache_until", None)
        # Middleware between the two halves may still have set a cookie (a session): never store that.
        if until is not None and response.status_code == 200 and not response.cookies:
            cache.set(key, (until, response), max(1, int(until - time.time())))
        return response


def page_cache_key(request) -> str:
    raw = f"{request.get_host()}|{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    return f"frontcms:page:{content_version()}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            response = self.get_response(request)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            return response
        outer = getattr(request, "_page_cache_outer", False)
        key = None if outer else page_cache_key(request)
        if not outer:  # without PageCacheServeMiddleware, this one serves hits too
            response = _cached_response(request, key)
            if response is not None:
                return response
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(response, "no_page_cache", False)
        ):
            ttl = seconds_until_next_change(settings.PAGE_CACHE_SECONDS)
            patch_cache_control(response, public=True, no_cache=True)
            if not response.has_header("ETag"):
                # SHA-1 rather than MD5: hardware-accelerated on current CPUs, twice as fast here.
                digest = hashlib.sha1(response.content, usedforsecurity=False).hexdigest()
                response["ETag"] = f'"{digest}"'
            if ttl > 0:
                response["X-Page-Cache"] = "miss"
                if outer:
                    response.page_cache_until = time.time() + ttl  # stored by the outer half
                else:
                    cache.set(key, (time.time() + ttl, response), ttl)
        return response
