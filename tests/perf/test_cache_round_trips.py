"""What one page costs the cache (frontcms.cache, README "Caching"): a cached page is one round
trip (the page and the generations of its tags, read together); a page that must be rendered
again reads the kept parts its path used last time, and their generations, in one more round
trip; and the Redis client is built once, not for every operation.

Each test runs with local memory and with the production Redis backend on a real server.
"""

from __future__ import annotations

import pytest

from tests.factories import ArticleFactory, RelatedArticleFactory
from tests.perf.test_no_stale_pages import cached_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_trips(cache_backend, monkeypatch):
    from django.core.cache import caches

    """Every read that reaches the cache backend (get and get_many), in order."""

    class Spy:
        reads: list[list[str]] = []

        def clear(self):
            self.reads.clear()

    spy = Spy()
    spy.reads = []
    backend = caches["default"]
    original_get_many, original_get = backend.get_many, backend.get

    inside = []  # local memory's get_many calls get for each key: one read, not many

    def get_many(keys, *args, **kwargs):
        spy.reads.append(list(keys))
        inside.append(True)
        try:
            return original_get_many(keys, *args, **kwargs)
        finally:
            inside.pop()

    def get(key, *args, **kwargs):
        if not inside:
            spy.reads.append([key])
        return original_get(key, *args, **kwargs)

    monkeypatch.setattr(backend, "get_many", get_many)
    monkeypatch.setattr(backend, "get", get)
    return spy


def _article_with_related_news():
    article = ArticleFactory(title="Hội nghị Ban Thường trực", tags=["hội nghị", "nhiệm kỳ"])
    for n in range(3):
        RelatedArticleFactory(from_article=article, to_article=ArticleFactory(title=f"Tin liên quan {n}"))
    return article


def test_a_cached_page_is_one_round_trip(round_trips, client):
    url = _article_with_related_news().get_absolute_url()
    cached_html(client, url)
    round_trips.clear()
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert len(round_trips.reads) == 1, round_trips.reads
    # …which read the page and the generations of the many tags it shows (related news, tags, …).
    assert len(round_trips.reads[0]) > 5


def test_a_page_rendered_again_reads_its_kept_parts_in_one_round_trip(round_trips, client):
    url = _article_with_related_news().get_absolute_url()
    cached_html(client, url)
    round_trips.clear()
    response = client.get(url + "?ban-doc=zalo")  # a new address: rendered, from kept parts
    assert response["X-Page-Cache"] == "miss"
    assert len(round_trips.reads) == 2, round_trips.reads  # the page (absent), then its parts
    parts = [key for key in round_trips.reads[1] if ":kept:" in key]
    assert len(parts) >= 5  # header, menu, footer, sidebar blocks, the article's own parts


def test_a_part_changed_since_the_last_render_is_not_taken_from_what_was_read_ahead(round_trips, client):
    article = _article_with_related_news()
    url = article.get_absolute_url()
    cached_html(client, url)
    article.title = "Hội nghị Ban Thường trực (đã sửa)"
    article.save()
    html = client.get(url + "?ban-doc=1").content.decode()
    assert "Hội nghị Ban Thường trực (đã sửa)" in html


def test_the_redis_client_is_built_once(redis_server, settings, monkeypatch):
    import redis

    settings.CACHES = {
        "default": {"BACKEND": "frontcms.cache_backends.FailSoftRedisCache", "LOCATION": redis_server}
    }
    from django.core.cache import caches

    built = []
    original = redis.Redis.__init__

    def counting_init(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting_init)
    backend = caches["default"]
    for n in range(5):
        backend.set(f"frontcms-test:{n}", n)
        assert backend.get_many([f"frontcms-test:{n}"]) == {f"frontcms-test:{n}": n}
    assert len(built) == 1


def _redis_backend(settings, url: str, **options):
    from django.core.cache import caches

    settings.CACHES = {
        "default": {"BACKEND": "frontcms.cache_backends.FailSoftRedisCache", "LOCATION": url, **options}
    }
    return caches["default"]


def test_get_many_reads_what_django_reads_in_one_mget(redis_server, settings, monkeypatch):
    """The backend's get_many builds the default keys itself (one prefix for all): the same values
    as Django's own, under the prefix and version, in one MGET."""
    import redis
    from django.core.cache.backends.redis import RedisCache

    backend = _redis_backend(settings, redis_server, KEY_PREFIX="frontcms-test", VERSION=3)
    page = {"html": "<p>Hội nghị</p>"}
    backend.set_many({"page": page, "gen:a": 1764000000000001, "gen:b": 7}, None)
    mgets = []
    original_mget = redis.Redis.mget
    monkeypatch.setattr(
        redis.Redis, "mget", lambda self, keys, *a: mgets.append(list(keys)) or original_mget(self, keys, *a)
    )
    wanted = ["page", "gen:a", "gen:b", "missing"]
    found = backend.get_many(wanted)
    assert found == {"page": page, "gen:a": 1764000000000001, "gen:b": 7}
    assert mgets == [[f"frontcms-test:3:{key}" for key in wanted]]
    assert found == RedisCache.get_many(backend, wanted)  # Django's own reading
    assert backend.get_many(["page"], version=2) == {}  # another version: Django's way, nothing there


def test_get_many_with_a_key_function_of_its_own_uses_it(redis_server, settings):
    backend = _redis_backend(
        settings, redis_server, KEY_FUNCTION="tests.perf.test_cache_round_trips.reversed_key"
    )
    backend.set("trang", 5)
    assert backend.get_many(["trang", "khac"]) == {"trang": 5}
    assert backend._cache.get_client(None).get("gnart:1:") == b"5"


def reversed_key(key, key_prefix, version):
    return f"{key[::-1]}:{version}:{key_prefix}"


def test_a_hundred_article_pages_stay_cached_together(cache_backend, client):
    """Each page holds several entries (the page, its kept parts, their tags' generations): the
    local-memory cache must hold far more than Django's default of 300."""
    urls = [ArticleFactory(title=f"Tin số {n}").get_absolute_url() for n in range(100)]
    for url in urls:
        client.get(url)
    assert all(client.get(url)["X-Page-Cache"] == "hit" for url in urls)
