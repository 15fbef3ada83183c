"""What one page costs the shared cache (frontcms.cache, README "Caching"): pages stay in the
memory of the process that rendered them, so a cached page is one read of the shared cache (the
generations of its tags); a page that must be rendered again reads the kept parts its path used
last time, and their generations, in one round trip and sends nothing but new kept values back;
and the Redis client is built once, not for every operation.

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
    # …which read the generations of the many tags it shows (related news, tags, …); the page
    # itself came from this process's memory.
    assert len(round_trips.reads[0]) > 5
    assert all(":gen:" in key for key in round_trips.reads[0]), round_trips.reads


def test_a_page_rendered_again_reads_its_kept_parts_in_one_round_trip(round_trips, client):
    url = _article_with_related_news().get_absolute_url()
    cached_html(client, url)
    round_trips.clear()
    response = client.get(url + "?ban-doc=zalo")  # a new address: rendered, from kept parts
    assert response["X-Page-Cache"] == "miss"
    assert len(round_trips.reads) == 1, round_trips.reads  # its parts (the page is not asked for)
    parts = [key for key in round_trips.reads[0] if ":kept:" in key]
    assert len(parts) >= 5  # header, menu, footer, sidebar blocks, the article's own parts


def test_pages_never_reach_the_shared_cache(cache_backend, client, monkeypatch):
    """A page is kept by the process that rendered it: only kept parts, generations and the
    counter are written to the shared cache (Redis), never the ~30 KB page."""
    from django.core.cache import caches

    url = _article_with_related_news().get_absolute_url()
    shared = caches["default"]
    written: list[str] = []
    for name in ("set", "add", "set_many"):
        original = getattr(shared, name)

        def spying(key_or_data, *args, _original=original, **kwargs):
            written.extend([key_or_data] if isinstance(key_or_data, str) else key_or_data)
            return _original(key_or_data, *args, **kwargs)

        monkeypatch.setattr(shared, name, spying)
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url + "?ban-doc=zalo")["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert written and not [key for key in written if ":page:" in key], written


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


def test_a_hundred_article_pages_stay_cached_together(cache_backend, client):
    """Each page holds several entries (the page, its kept parts, their tags' generations): the
    local-memory cache must hold far more than Django's default of 300."""
    urls = [ArticleFactory(title=f"Tin số {n}").get_absolute_url() for n in range(100)]
    for url in urls:
        client.get(url)
    assert all(client.get(url)["X-Page-Cache"] == "hit" for url in urls)


@pytest.fixture
def redis_commands(redis_server, settings, monkeypatch):
    """The production Redis backend, and `start()` to list the commands it sends from then on."""
    import redis

    settings.CACHES = {
        "default": {"BACKEND": "frontcms.cache_backends.FailSoftRedisCache", "LOCATION": redis_server}
    }
    from django.core.cache import caches

    sent: list[str] = []
    original = redis.Redis.execute_command

    def counting(self, *args, **kwargs):
        sent.append(args[0])
        return original(self, *args, **kwargs)

    def start() -> list[str]:
        monkeypatch.setattr(redis.Redis, "execute_command", counting)
        return sent

    backend = caches["default"]
    backend.clear()
    return backend, start


def test_moving_a_counter_is_one_round_trip(redis_commands, monkeypatch):
    """Every invalidation moves the shared counter twice (frontcms.cache): Django's incr asks
    EXISTS first, ours does both in one script. A missing key is still an error."""
    backend, start = redis_commands
    backend.set("frontcms-test:counter", 40, None)
    assert backend.incr("frontcms-test:counter") == 41  # the first one loads the script on the server
    sent = start()
    assert backend.incr("frontcms-test:counter") == 42
    assert backend.incr("frontcms-test:counter", 8) == 50
    assert sent == ["EVALSHA", "EVALSHA"]
    with pytest.raises(ValueError):
        backend.incr("frontcms-test:absent")
    monkeypatch.undo()
    assert backend.get("frontcms-test:absent") is None  # not created
    assert backend.get("frontcms-test:counter") == 50


def test_rate_limits_are_counted_in_one_round_trip(redis_commands, monkeypatch):
    """A rating counts two limits (per object and day, per hour): add() then incr() made up to
    four round trips; Redis counts them all in one, and each window expires from its first count."""
    from frontcms.ratelimit import Limit, hit

    backend, start = redis_commands
    day, hour = Limit("vote-object", "news.article:1:abc", 3, 86400), Limit("vote", "abc", 40, 3600)
    assert hit(day, hour)  # the first one loads the script on the server
    sent = start()
    assert hit(day, hour) and hit(day, hour)
    assert not hit(day, hour)  # the fourth on the same object in a day
    assert sent == ["EVALSHA"] * 3
    monkeypatch.undo()
    assert backend.get(day.cache_key) == 4 and backend.get(hour.cache_key) == 4
    client = backend._cache.get_client(None)
    day_ttl = client.ttl(backend.make_key(day.cache_key))
    assert 86390 < day_ttl <= 86400 and 3590 < client.ttl(backend.make_key(hour.cache_key)) <= 3600
    client.expire(backend.make_key(day.cache_key), 5)  # a window is not made longer by a later count
    hit(day)
    assert client.ttl(backend.make_key(day.cache_key)) <= 5
    client.delete(backend.make_key(day.cache_key))
    assert hit(day)  # a new window
    assert backend.get(day.cache_key) == 1


def test_a_kept_value_is_read_from_near_copies_while_writes_move_the_counter(redis_commands):
    """Every invalidation moves the shared counter. A kept value read outside a page (what a
    rating rates, say) does not read the counter with it: that read would go to Redis each time."""
    from frontcms.cache import invalidate, kept

    backend, start = redis_commands
    assert kept("probe", lambda: "first") == "first"
    for _ in range(2):  # read from Redis once, then from this process's copies
        assert kept("probe", lambda: "again") == "first"
    invalidate("news.article:999999")  # a write elsewhere on the site
    sent = start()
    assert kept("probe", lambda: "again") == "first"
    assert sent == []
