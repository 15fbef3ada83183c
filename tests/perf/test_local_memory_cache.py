"""frontcms.cache_backends.LocalMemoryCache keeps values nobody can change as they are (no pickle
round trip for generations, tag sets and rendered HTML) and still hands out copies of the rest."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from django.utils.safestring import SafeString, mark_safe

from frontcms.cache_backends import LocalMemoryCache


class Entry(NamedTuple):
    start: int
    tags: frozenset
    value: object


@pytest.fixture
def cache():
    backend = LocalMemoryCache("local-memory-test", {})
    backend.clear()
    yield backend
    backend.clear()


@pytest.mark.parametrize(
    "value",
    [
        10**20,  # not one of the small ints Python shares anyway
        "trang",
        mark_safe("<p>Hội nghị</p>"),
        b"bytes",
        (1, "a", None),
        frozenset({"news.article:1", "site"}),
        Entry(5, frozenset({"site"}), mark_safe("<header>…</header>")),
    ],
)
def test_values_nobody_can_change_are_kept_as_they_are(cache, value):
    cache.set("k", value)
    assert cache.get("k") is value
    assert cache.get_many(["k"])["k"] is value
    if isinstance(value, Entry):
        assert type(cache.get("k").value) is SafeString


@pytest.mark.parametrize(
    "value",
    [
        {"a": [1]},
        [1, 2],
        (1, [2]),  # a tuple holding a list
        Entry(5, frozenset(), {"parts": ["x"]}),
        {1, 2},
    ],
)
def test_values_that_can_change_are_copies(cache, value):
    cache.set("k", value)
    got = cache.get("k")
    assert got == value and got is not value
    many = cache.get_many(["k"])["k"]
    assert many == value and many is not got


def test_get_many_add_incr_and_expiry(cache):
    cache.set_many({"a": 1, "b": "hai", "c": {"ba": 3}})
    assert cache.get_many(["a", "b", "c", "missing"]) == {"a": 1, "b": "hai", "c": {"ba": 3}}
    assert cache.add("a", 5) is False and cache.add("d", 4) is True
    assert cache.incr("a", 2) == 3 and cache.get("a") == 3
    with pytest.raises(ValueError):
        cache.incr("missing")
    cache.set("gone", 1, timeout=-1)  # already expired
    assert cache.get_many(["gone", "d"]) == {"d": 4}
    assert not cache.has_key("gone")
