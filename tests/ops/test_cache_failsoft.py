"""The Redis cache backend fails soft: with Redis unreachable every operation is a miss, pages
still render, and the health check reports the outage (503)."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import override_settings

from tests.pgcluster import free_port

DOWN = {
    "default": {
        "BACKEND": "frontcms.cache_backends.FailSoftRedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
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
