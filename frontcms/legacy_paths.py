"""Old addresses of a website moved into the portal answer 301 to their new home.

Committees point their old domain at the portal; links to the old site in documents, social
posts and search engines then arrive here with the old site's paths: `.html` files,
`Default.aspx?tabid=57&ArticleID=123`, `index.php?option=com_content&view=article&id=12`,
`/2019/07/23/slug/`. Apps that import old content remember those paths and register a resolver
(in `AppConfig.ready()`); the middleware asks the resolvers only when the portal itself has no
page for a request (a 404), so normal pages run no extra query.

Paths are compared in a normal form (`normalise_legacy_path`): percent-decoded, NFC, lower case
(the old IIS sites ignored case), without the host, a trailing slash or a directory-index file
name, with the query parameters sorted and tracking parameters dropped.

Several old sites (the district's and each ward's) often share paths (`/tin-tuc/123.html`), so
an old path may also name its site's domain (`normalise_legacy_host`: lower case, no port, no
`www.`). A request is matched by its own host first, then by paths recorded without a domain,
then by the one path of that name if there is only one and the request's host is not an old
site with addresses of its own: a ward's old link is never sent to another site's article.
"""

from __future__ import annotations

import logging
import posixpath
import unicodedata
from collections.abc import Callable
from urllib.parse import parse_qsl, unquote, urlsplit

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
from django.urls import Resolver404
from django.urls import resolve as resolve_url

from frontcms.cache import storing_nothing

logger = logging.getLogger(__name__)

# File names that stand for their folder: "/tin-tuc/index.html" is "/tin-tuc".
INDEX_NAMES = {
    "index.html",
    "index.htm",
    "index.php",
    "index.asp",
    "index.aspx",
    "default.aspx",
    "default.asp",
    "default.htm",
    "default.html",
}
# Query parameters that never chose the page: campaign tags, click ids, Joomla's menu item.
IGNORED_PARAMETERS = {"fbclid", "gclid", "zarsrc", "zalo_source", "itemid", "_ga", "ref", "mc_cid", "mc_eid"}
MAX_PATH_LENGTH = 700

Resolver = Callable[[str, str], "str | None"]
_resolvers: list[Resolver] = []


def normalise_legacy_path(value: str) -> str:
    """The form old paths are stored and looked up in; '' when `value` holds no path."""
    value = (value or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    path = unquote(parts.path, errors="replace").replace("\\", "/")
    path = unicodedata.normalize("NFC", path).lower()
    path = posixpath.normpath("/" + path) if path.strip("/") else "/"
    path = path.replace("//", "/")
    head, tail = posixpath.split(path)
    if tail in INDEX_NAMES:
        path = head
    path = path.rstrip("/") or "/"
    pairs = []
    for key, item in parse_qsl(parts.query, keep_blank_values=True):
        key = unicodedata.normalize("NFC", key).strip().lower()
        if not key or key in IGNORED_PARAMETERS or key.startswith("utm_"):
            continue
        pairs.append((key, unicodedata.normalize("NFC", item).strip().lower()))
    query = "&".join(f"{key}={item}" for key, item in sorted(pairs))
    return (path + ("?" + query if query else ""))[:MAX_PATH_LENGTH]


def normalise_legacy_host(value: str | None) -> str:
    """An old site's domain as it is stored and looked up: lower case, without port or `www.`;
    '' for none. Accepts a bare host (`www.Site.vn:8080`) or a whole address."""
    value = (value or "").strip()
    if not value:
        return ""
    host = urlsplit(value if "//" in value else "//" + value).hostname or ""
    host = host.rstrip(".").lower()
    return host.removeprefix("www.")[:253]


def host_of(value: str | None) -> str:
    """The normalised domain of an address given with one (`http://site.vn/a.html`), else ''."""
    value = (value or "").strip()
    return normalise_legacy_host(value) if "//" in value else ""


def legacy_host(host: str | None, path: str | None) -> str:
    """The old site a recorded path belongs to: `host` when given, else the domain the path is
    written with (`http://site.vn/a.html`), else '' (any site). One rule for the admin, the
    importer and the model."""
    return normalise_legacy_host(host) or host_of(path)


def pick_for_host(rows, host: str):
    """Of `(host, value)` rows for one old path, the value for `host`: the row of that host, else
    the one recorded without a host; None if neither is there."""
    rows = list(rows)
    for wanted in (host, ""):
        for row_host, value in rows:
            if row_host == wanted:
                return value
    return None


def portal_answers(address: str) -> bool:
    """Whether the portal itself has a page at the path of `address` (on any host), so that an old
    address there would never redirect: the middleware asks only when the portal answers 404.
    A page with parts of its own (an article's slug, a category) is asked, as an anonymous
    reader's HEAD request, whether it is there, in a savepoint that is rolled back (a form's
    captcha, a view count: nothing it writes to the database stays) and keeping nothing in the
    cache (what it saw may be rolled back); views that are plain functions with parts of their
    own (files, feeds, counters) are never called, and count as not there. A page that refuses
    an anonymous reader (403) is there."""
    path = unquote(urlsplit((address or "").strip()).path, errors="replace") or "/"
    path = path if path.startswith("/") else "/" + path
    try:
        match = resolve_url(path)
    except Resolver404:
        return False
    if getattr(match.func, "view_class", None) is None:
        # Captured parts only: a sitemap or feed gets its settings as extra arguments too.
        return not (match.args or match.captured_kwargs)
    request = HttpRequest()
    request.method = "HEAD"
    request.path = request.path_info = path
    request.META = {
        "REQUEST_METHOD": "HEAD",
        "PATH_INFO": path,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
    }
    request.get_host = lambda: "localhost"  # only the path matters: every host has the same pages
    request.user = AnonymousUser()
    try:
        with storing_nothing(), transaction.atomic():
            try:
                # Not rendered: the status is known before the template is.
                status = match.func(request, *match.args, **match.kwargs).status_code
            finally:
                transaction.set_rollback(True)
    except Http404:
        return False
    except PermissionDenied:
        return True
    except Exception as exc:  # a view that needs more of a real request: do not refuse on a guess
        logger.warning("could not ask the portal whether it has a page at %s: %r", path, exc)
        return False
    return status != 404


def register(resolver: Resolver) -> None:
    """Add a function that maps a normalised old path and the request's normalised host to the URL
    of its new page (or None)."""
    if resolver not in _resolvers:
        _resolvers.append(resolver)


def resolve(request_path: str, query: str = "", host: str = "") -> str | None:
    """The new URL for an old path and query string asked of `host`, or None."""
    key = normalise_legacy_path(request_path + ("?" + query if query else ""))
    if not key:
        return None
    host = normalise_legacy_host(host)
    for resolver in _resolvers:
        target = resolver(key, host)
        if target:
            return target
    return None


class LegacyPathRedirectMiddleware:
    """Turns a 404 for an old site's address into a 301 to the page it became.

    Placed after CommonMiddleware, so that it answers before APPEND_SLASH would send the old
    path on a detour to the same path with a slash."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD") or not _resolvers:
            return response
        try:
            target = resolve(request.path, request.META.get("QUERY_STRING", ""), request.get_host())
        except DatabaseError:  # a broken lookup must not turn a 404 into a 500
            logger.exception("old path lookup failed for %s", request.path)
            return response
        if target is None or target == request.path:
            return response
        return HttpResponsePermanentRedirect(target)
