"""Shared data for the performance tests: a portal much larger than one page of anything.

Built with the benchmark's own generators (committees/events/news `load_data`), so the tests pin
query counts on the same shape of data the benchmark measures, only smaller.
"""

from __future__ import annotations

import random

import pytest

from committees import load_data as committees_data
from events import load_data as events_data
from news import load_data as news_data

SIZES = {"articles": 300, "events": 100, "people": 300}


@pytest.fixture
def big_site(db):
    """300 articles, 100 events, 300 people (the district has ~200 memberships) and their context."""
    rng = random.Random(7)
    context: dict = {}
    for module in (committees_data, events_data, news_data):
        module.generate(SIZES, rng, context)
    from frontcms import search

    search.rebuild()
    return context


# --- cache backends: local memory (the default) and a real Redis server ---------------------------
@pytest.fixture(scope="session")
def redis_server():
    """A private Redis on a free loopback port for the whole session. Missing Redis fails the tests."""
    from tests.redisserver import RedisError, start_redis

    try:
        process, url = start_redis()
    except RedisError as error:
        pytest.fail(str(error))
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request, settings):
    """Run the test once with local memory and once with Django's Redis backend on a real server
    (pages are in this process's own memory either way, as in production)."""
    from django.core.cache import cache

    if request.param == "redis":
        url = request.getfixturevalue("redis_server")
        settings.CACHES = {
            "default": {
                "BACKEND": "frontcms.cache_backends.FailSoftRedisCache",  # as in production
                "LOCATION": url,
                "KEY_PREFIX": "frontcms-test",
            }
        }
        from django.core.cache import caches
        from django.core.cache.backends.redis import RedisCache

        assert isinstance(caches["default"], RedisCache)
        cache.set("frontcms-test:ping", "pong")
        assert cache.get("frontcms-test:ping") == "pong"
    cache.clear()  # (the pages were emptied with every cache before this test: tests/conftest.py)
    yield request.param
    cache.clear()
