"""A page rendered from kept parts read ahead (frontcms.cache.Computation.for_page) never stores
what a change made while it was being rendered made stale: its starting point is read no later
than the parts and generations it uses, so such a change is newer than the page."""

from __future__ import annotations

import pytest

from frontcms import cache as frontcms_cache
from frontcms.cache import CLOCK_KEY, _generation_key, tag
from tests.factories import ArticleFactory
from tests.perf.test_no_stale_pages import cached_html

pytestmark = pytest.mark.django_db


def _edit(article) -> None:
    article.title = "Tiêu đề mới"
    article.save()


def test_a_change_made_while_a_page_is_rendered_is_shown_by_the_next_visit(
    cache_backend, client, monkeypatch
):
    article = ArticleFactory(title="Tiêu đề cũ")
    url = article.get_absolute_url()
    cached_html(client, url)  # the article's kept parts are remembered for its path
    original = frontcms_cache.Computation.for_page.__func__

    def for_page_then_edit(cls, page):
        computation = original(cls, page)
        _edit(article)  # after the parts were read ahead, before they are used
        return computation

    monkeypatch.setattr(frontcms_cache.Computation, "for_page", classmethod(for_page_then_edit))
    client.get(url + "?ban-doc=zalo")  # rendered from what was read before the edit
    monkeypatch.undo()
    response = client.get(url + "?ban-doc=zalo")
    assert response["X-Page-Cache"] == "miss"
    assert "Tiêu đề mới" in response.content.decode()


@pytest.fixture
def one_key_at_a_time(settings):
    """Django's own local memory, whose get_many reads the keys one by one (no snapshot, unlike
    Redis's MGET and the portal's LocalMemoryCache, which reads them all under its lock), as any
    backend without one would."""
    from django.core.cache import cache, caches

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "read-ahead-test"}
    }
    cache.clear()
    yield caches["default"]
    cache.clear()


def test_a_page_reads_its_starting_point_before_its_parts_and_their_generations(
    one_key_at_a_time, client, monkeypatch
):
    article = ArticleFactory(title="Tiêu đề cũ")
    url = article.get_absolute_url()
    cached_html(client, url)
    backend = one_key_at_a_time
    original_get, original_get_many = backend.get, backend.get_many
    read_ahead: list[str] = []
    watched = _generation_key(tag(article))

    def get(key, *args, **kwargs):
        value = original_get(key, *args, **kwargs)
        if read_ahead and read_ahead[0] == "reading":
            read_ahead.append(key)
            if key == watched:  # another thread saves the article in the middle of the read
                _edit(article)
        return value

    def get_many(keys, *args, **kwargs):
        if CLOCK_KEY in keys and not read_ahead:
            read_ahead.append("reading")
            try:
                return original_get_many(keys, *args, **kwargs)
            finally:
                read_ahead[0] = "done"
        return original_get_many(keys, *args, **kwargs)

    monkeypatch.setattr(backend, "get", get)
    monkeypatch.setattr(backend, "get_many", get_many)
    client.get(url + "?ban-doc=1")
    monkeypatch.undo()
    assert read_ahead[1] == CLOCK_KEY and watched in read_ahead
    assert "Tiêu đề mới" in client.get(url + "?ban-doc=1").content.decode()


def test_a_page_started_without_the_counter_reads_its_parts_after_starting_it(
    cache_backend, client, monkeypatch
):
    """The shared counter was lost (evicted, deleted) while kept parts and generations were not."""
    from django.core.cache import cache

    article = ArticleFactory(title="Tiêu đề cũ")
    url = article.get_absolute_url()
    cached_html(client, url)
    cache.delete(CLOCK_KEY)
    original_clock = frontcms_cache.clock
    edited = []

    def clock():
        if not edited:  # a change lands between the page's reading ahead and its starting point
            edited.append(True)
            _edit(article)
        return original_clock()

    monkeypatch.setattr(frontcms_cache, "clock", clock)
    client.get(url + "?ban-doc=2")
    monkeypatch.undo()
    assert edited
    assert "Tiêu đề mới" in client.get(url + "?ban-doc=2").content.decode()


def test_a_reader_between_the_counter_and_the_generations_keeps_nothing_stale(
    cache_backend, client, monkeypatch
):
    """invalidate() moves the counter, then writes the generations (two cache operations). A
    reader whose read falls in between sees the new counter with the old generations, and builds
    the page from parts the change made stale: the page must count as older than the change."""
    article = ArticleFactory(title="Tiêu đề cũ")
    url = article.get_absolute_url()
    cached_html(client, url)
    real_cache = frontcms_cache.cache

    class ReaderInTheGap:
        """The cache, with one anonymous visit made just before the generations are written."""

        visited = False

        def __getattr__(self, name):
            return getattr(real_cache, name)

        def set_many(self, data, *args, **kwargs):
            if not self.visited and _generation_key(tag(article)) in data:
                self.visited = True
                html = client.get(url + "?ban-doc=trong-khe-ho").content.decode()
                assert "Tiêu đề cũ" in html  # built from the parts read before the write
            return real_cache.set_many(data, *args, **kwargs)

    gap = ReaderInTheGap()
    monkeypatch.setattr(frontcms_cache, "cache", gap)
    _edit(article)
    monkeypatch.undo()
    assert gap.visited
    html = client.get(url + "?ban-doc=trong-khe-ho").content.decode()
    assert "Tiêu đề mới" in html and "Tiêu đề cũ" not in html
