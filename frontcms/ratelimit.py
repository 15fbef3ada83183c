"""Fixed-window counters in Django's cache: how many times a key did something in a window.

Every app server that shares the cache (Redis in production) shares the counters. Attempts are
counted, refused ones included, so a client that keeps trying stays refused until its window
ends. An unreachable cache counts nothing and refuses nothing (frontcms.cache_backends fails soft):
the limits are a brake on abuse, and the database constraints behind them still hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    """At most `count` events of `scope` per `key` within `seconds`."""

    scope: str
    key: str
    count: int
    seconds: int

    @property
    def cache_key(self) -> str:
        return f"frontcms:rate:{self.scope}:{self.seconds}:{self.key}"


def _incr(limit: Limit, amount: int) -> int:
    if cache.add(limit.cache_key, amount, limit.seconds):
        return amount
    try:
        return cache.incr(limit.cache_key, amount)
    except ValueError:  # expired between add and incr, or the cache is unreachable
        cache.add(limit.cache_key, amount, limit.seconds)
        return amount


def _counts(limits: tuple[Limit, ...], amount: int) -> list[int]:
    """Each limit's count after `amount` more. Redis moves them all in one round trip
    (frontcms.cache_backends); other caches take add() and incr() per limit."""
    count_in_windows = getattr(cache, "count_in_windows", None)
    if count_in_windows is None:
        return [_incr(limit, amount) for limit in limits]
    return count_in_windows([(limit.cache_key, amount, limit.seconds) for limit in limits])


def hit(*limits: Limit, amount: int = 1) -> bool:
    """Count `amount` attempts against every limit; True when none of them is exceeded."""
    return all(count <= limit.count for count, limit in zip(_counts(limits, amount), limits, strict=True))


def exceeded(limit: Limit) -> bool:
    """Whether the key is already at or over the limit, without counting an attempt."""
    return (cache.get(limit.cache_key) or 0) >= limit.count
