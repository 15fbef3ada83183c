"""Whole pages for anonymous readers, kept like any kept value (frontcms.cache, README "Caching").

- Only GET/HEAD from visitors without a session or messages cookie (so never logged in), never
  the admin, previews or the engagement endpoints.
- A page is stored only when its view said what it shows (`depends_on`, directly or through
  frontcms.views.DependsOnMixin): then the page depends on those tags and on every kept value it
  used (header, sidebar, an article's body), and expires at the earliest of their `until`
  moments. A view that says nothing is rendered for every request, never stored stale.
- Only 200 responses that set no cookie (a page that used a CSRF token sets one) and are not
  marked `private` or `no-store` (a page that differs per visitor).
- Each process keeps the pages it rendered in its own memory (`kept_pages()`, PAGE_CACHE_ENTRIES),
  while their tags' generations and the kept values they are put together from are shared
  (Redis, frontcms.cache): a page changed anywhere is stale everywhere at once, and a page is
  rendered at most once per process and change, from shared kept parts. So a hit is one read of
  the shared cache (the generations, with Redis from near copies), and a miss never sends the
  page to Redis and back: it reads, in one round trip, the kept values the same path used last
  time (header, menu, sidebar, an article's body) and their generations. Placed early in
  MIDDLEWARE, it skips sessions, CSRF, authentication and the rest, most of a cached page's cost.
- Browsers get `Cache-Control: public, no-cache` and an ETag: they revalidate every time and get
  a cheap 304 when nothing changed. Logged-in staff get `private` pages.
"""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control

from .cache import Computation, read_entry, store_entry
from .cache_backends import LocalMemoryCache
from .middleware import content_etag

SKIP_PREFIXES = ("/ckeditor/", "/captcha/", "/suc-khoe/", "/tin-tuc/xem-truoc/", "/tuong-tac/")


def _anonymous_read(request) -> bool:
    """A GET/HEAD of a public page by a visitor without a session (so certainly not logged in)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith((f"/{settings.ADMIN_URL}", *SKIP_PREFIXES)):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


# Added to shared links by Facebook, Zalo, Google and campaign tools. No view reads them and no
# page repeats them (pagination links leave them out), so a link shared with them is the same
# page as without them, served from the cache.
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "zarsrc"})


def is_tracking_parameter(name: str) -> bool:
    return name in TRACKING_PARAMETERS or name.startswith("utm_")


def _cached_query(request) -> str:
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return ""
    return "&".join(
        part for part in query.split("&") if part and not is_tracking_parameter(part.split("=", 1)[0])
    )


def page_cache_key(request) -> str:
    """One page per scheme, host, path and query string (without tracking parameters): pages hold
    absolute links (canonical, sharing)."""
    raw = f"{request.scheme}://{request.get_host()}|{request.path}?{_cached_query(request)}"
    return f"frontcms:page:{hashlib.sha256(raw.encode('utf-8', 'surrogatepass')).hexdigest()}"


@functools.cache
def kept_pages() -> LocalMemoryCache:
    """The pages this process rendered, in its own memory (never shared: the module's docstring),
    at most PAGE_CACHE_ENTRIES of them."""
    return LocalMemoryCache("frontcms-pages", {"OPTIONS": {"MAX_ENTRIES": settings.PAGE_CACHE_ENTRIES}})


def _storable(response) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _anonymous_read(request):
            response = self.get_response(request)
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            return response
        key, pages = page_cache_key(request), kept_pages()
        entry, _found = read_entry(key, kept_in=pages)
        if entry is not None:
            response = entry.value
            response["X-Page-Cache"] = "hit"
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        computation = Computation.for_page(request.path)
        with computation as dependencies:
            response = self.get_response(request)
        if dependencies.declared and _storable(response):
            computation.remember_parts(request.path)
            patch_cache_control(response, public=True, no_cache=True)
            if not response.has_header("ETag"):  # ConditionalGetMiddleware gives GETs one, not HEADs
                response["ETag"] = content_etag(response.content)
            response["X-Page-Cache"] = "miss"
            store_entry(key, computation.entry(response), kept_in=pages)
        return response
