"""Cache helpers: one content version that every change bumps.

Fragments and pages cached for anonymous readers put `content_version()` in their key, so any
saved or deleted content makes every older entry unreachable at once; nothing stale can be served,
and no list of keys has to be tracked. Shared caches (Redis) make this work across servers.
"""

from __future__ import annotations

import time

from django.core.cache import cache

VERSION_KEY = "frontcms:content-version"


def content_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version() -> None:
    cache.set(VERSION_KEY, str(time.time_ns()), None)
