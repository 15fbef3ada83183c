"""The Redis cache backend fails soft: with Redis unreachable every operation is a miss, pages
still render, and the health check reports the outage (503)."""

from __future__ import annotations

import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

# A port held for the whole run and never listened on: connecting is refused at once. (A port
# merely free when this module is imported may be taken by a server another test starts later.)
_NEVER_LISTENING = socket.socket()
_NEVER_LISTENING.bind(("127.0.0.1", 0))

DOWN = {
    "default": {
        "BACKEND": "frontcms.cache_backends.FailSoftRedisCache",
        "LOCATION": f"redis://127.0.0.1:{_NEVER_LISTENING.getsockname()[1]}/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@override_settings(CACHES=DOWN)
def test_unreachable_redis_is_a_cache_miss():
    cache = caches["default"]
    assert cache.get("x", "standard") == "standard"
    assert cache.get_many(["x", "y"]) == {}
    cache.set("x", 1)
    assert cache.add("x", 1) is False
    assert cache.has_key("x") is False
    with pytest.raises(ValueError):
        cache.incr("x")
    cache.delete("x")
    cache.delete_many(["x"])
    # Rate limits count only the attempt at hand: nothing is refused while Redis is away.
    assert cache.count_in_windows([("frontcms:rate:a", 1, 60), ("frontcms:rate:b", 2, 60)]) == [1, 2]


@pytest.mark.django_db
@override_settings(CACHES=DOWN)
def test_pages_render_and_health_reports_the_outage_when_redis_is_down(client):
    from tests.factories import PageFactory

    page = PageFactory(title="Liên hệ", slug="lien-he")
    assert client.get(page.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200
    response = client.get("/suc-khoe/")
    assert response.status_code == 503 and response.json()["cache"].startswith("error")


# --- a Redis that answers but refuses writes ------------------------------------------------------
@pytest.fixture
def refusing_redis(settings):
    """A private Redis whose every write is refused as out of memory (`maxmemory` far below its
    own use, `noeviction`), as a full Redis without eviction refuses them. Reads still work."""
    import redis

    from tests.redisserver import start_redis

    process, url = start_redis()
    settings.CACHES = {"default": {**DOWN["default"], "LOCATION": url}}
    caches["default"].set("frontcms:health", "1")  # what a check with one shared key left behind
    client = redis.Redis.from_url(url)
    client.config_set("maxmemory-policy", "noeviction")
    client.config_set("maxmemory", "1")
    with pytest.raises(redis.exceptions.ResponseError, match="maxmemory"):
        client.set("probe", "1")
    yield client
    client.close()
    process.terminate()
    process.wait(timeout=10)


def test_refused_writes_are_lost_not_raised(refusing_redis, caplog):
    cache = caches["default"]
    cache.set("x", 1)
    cache.set_many({"x": 1, "y": 2})
    assert cache.add("x", 1) is False
    assert cache.get("x") is None
    with pytest.raises(ValueError):
        cache.incr("frontcms:cache:clock")
    assert cache.count_in_windows([("frontcms:rate:a", 1, 60)]) == [1]
    assert "Redis refused it" in caplog.text and "maxmemory" in caplog.text


@pytest.mark.django_db
def test_a_rating_is_saved_and_answered_when_redis_refuses_writes(refusing_redis, client):
    """The rating's save invalidates its block after the row is written (autocommit): a refused
    invalidation must not turn the saved rating into a 500."""
    from django.urls import reverse

    from frontcms.engagement.models import Rating
    from tests.engagement.conftest import BROWSER_UA, ct_args
    from tests.factories import ArticleFactory

    reader = client
    reader.defaults.update(HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR="203.0.113.10")
    article = ArticleFactory()
    response = reader.post(reverse("engagement:rate", args=ct_args(article)), {"score": "4"})
    assert response.status_code in (200, 302)
    assert Rating.objects.filter(object_id=article.pk, score=4).count() == 1
    assert reader.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_health_reports_a_cache_that_refuses_writes(refusing_redis, client):
    """The value an earlier check left is still readable: the check must not take it for its own."""
    response = client.get("/suc-khoe/")
    assert response.status_code == 503
    assert response.json()["cache"] == "error: no round trip"
