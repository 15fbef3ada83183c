"""Cache helpers: one content version that every change bumps.

Fragments and pages cached for anonymous readers put `content_version()` in their key, so any
saved or deleted content makes every older entry unreachable at once; nothing stale can be served,
and no list of keys has to be tracked. Shared caches (Redis) make this work across servers.
"""

from __future__ import annotations

import secrets
import time

from asgiref.local import Local
from django.core.cache import cache
from django.core.signals import request_finished, request_started

VERSION_KEY = "frontcms:content-version"

# Within one request the version is read from the cache once, on first use, and remembered:
# a page asks for it a dozen times (page key, fragments, blocks). Reading it once also means
# nothing the request reads afterwards can be older than the version it is filed under.
# The signals are sent in the request's own context under WSGI (how the portal is served);
# under ASGI Django sends them in a copied context, and every read goes to the cache as before.
_request = Local()


def _begin_request(**kwargs) -> None:
    _request.active, _request.version = True, None


def _end_request(**kwargs) -> None:
    _request.active, _request.version = False, None


request_started.connect(_begin_request, dispatch_uid="frontcms-content-version-begin")
request_finished.connect(_end_request, dispatch_uid="frontcms-content-version-end")


def _new_version() -> str:
    # The time alone could repeat (two saves on a coarse or frozen clock) and leave a stale page.
    return f"{time.time_ns()}-{secrets.token_hex(4)}"


def content_version() -> str:
    in_request = getattr(_request, "active", False)
    if in_request and _request.version is not None:
        return _request.version
    version = cache.get(VERSION_KEY)
    if version is None:
        version = _new_version()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    if in_request:
        _request.version = version
    return version


def bump_content_version() -> None:
    cache.set(VERSION_KEY, _new_version(), None)
    _request.version = None  # this request's own saves are visible to the rest of it


# --- time-driven changes --------------------------------------------------------------------------
# Some content changes without a save: a scheduled article becomes visible, an event moves from
# "upcoming" to "past", the header date turns at midnight. Apps register a function returning the
# next such moment; cached pages never outlive it.
_next_change_providers: list = []


def register_next_change(provider) -> None:
    """`provider()` returns the next aware datetime at which public pages change by themselves, or None."""
    if provider not in _next_change_providers:
        _next_change_providers.append(provider)


def next_change(limit: int):
    """The next moment at which public pages change by themselves (cached per content version).

    A remembered moment that has already passed is computed afresh, so the answer never depends
    on how precisely the cache server expires keys."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    now = timezone.now()
    key = f"frontcms:next-change:{content_version()}"
    moment = cache.get(key)
    if moment is None or moment <= now:
        local_midnight = timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=1), time.min)
        )
        candidates = [local_midnight]
        for provider in _next_change_providers:
            value = provider()
            if value is not None and value > now:
                candidates.append(value)
        moment = min(candidates)
        cache.set(key, moment, limit)
    return moment


def seconds_until_next_change(limit: int) -> int:
    """How long (at most `limit` seconds) a page rendered now stays correct."""
    from django.utils import timezone

    remaining = int((next_change(limit) - timezone.now()).total_seconds())
    return max(0, min(limit, remaining))


# --- fragments ------------------------------------------------------------------------------------
def cached_until_change(name: str, compute, limit: int | None = None):
    """`compute()`, kept in the cache until any content changes or the next time-driven change.

    For data that does not depend on the visitor (list totals, rendered HTML). Entries carry the
    moment they stop being correct and are checked against this server's clock, like pages."""
    from django.conf import settings

    limit = settings.PAGE_CACHE_SECONDS if limit is None else limit
    key = f"frontcms:fragment:{name}:{content_version()}"
    found = cache.get(key)
    if isinstance(found, tuple) and len(found) == 2 and found[0] > time.time():
        return found[1]
    # The next time-driven change is worked out once per content version and shared with the
    # page layer, so visitors the page cache does not serve (staff, a session) keep fragments too.
    # Taken before computing, so a moment passing meanwhile cannot keep an outdated value.
    moment = next_change(limit)
    value = compute()
    ttl = int(min(limit, moment.timestamp() - time.time()))
    if ttl > 0:
        cache.set(key, (time.time() + ttl, value), ttl)
    return value


def cached_for_version(name: str, compute, timeout: int):
    """`compute()`, kept under the content version for at most `timeout` seconds.

    Until content changes or `timeout` passes, whichever comes first. Unlike cached_until_change
    it does not look at time-driven changes: for data that none alters (site settings) or that
    may lag by up to `timeout` (most-read counts, the ward list)."""
    key = f"frontcms:versioned:{name}:{content_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def cached_render(name: str, template: str, get_context) -> str:
    """`template` rendered with `get_context()`, kept like cached_until_change, per language.

    For HTML that is the same for every visitor (home blocks, an article's or an organisation's
    body): the template gets only that context, not the request's."""
    from django.template.loader import render_to_string
    from django.utils.translation import get_language

    return cached_until_change(
        f"html:{name}:{get_language()}", lambda: render_to_string(template, get_context())
    )
