"""Near copies of the Redis cache (frontcms/cache_backends.py): a process reads a kept value
or a generation from Redis once, then from its own copy until Redis says the key changed.

Every test runs on a real Redis server. "Another server" is a second Redis client writing the
same keys, as another machine's workers would.
"""

from __future__ import annotations

import pickle

import pytest
import redis
from django.core.cache import caches
from django.utils.safestring import mark_safe

from frontcms.cache_backends import NEAR_COPY_NAMESPACES

KEPT, GENERATION, UNTRACKED = "frontcms:kept:abc", "frontcms:gen:news.article:1", "frontcms:rate:x"


def redis_cache(settings, redis_server, prefix: str, **options):
    """The production backend on the test's Redis, with keys of its own (and so copies of its own)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "frontcms.cache_backends.FailSoftRedisCache",
            "LOCATION": redis_server,
            "KEY_PREFIX": prefix,
            "OPTIONS": options,
        }
    }
    return caches["default"]


@pytest.fixture
def near(redis_server, settings, request):
    cache = redis_cache(settings, redis_server, f"near-{request.node.name}")
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def other(redis_server):
    """Another server's connection to the same Redis."""
    client = redis.Redis.from_url(redis_server)
    yield client
    client.close()


def commands(client) -> int:
    """Commands Redis has processed so far (the INFO that asks counts too)."""
    return int(client.info("stats")["total_commands_processed"])


def reads_of(other, read) -> int:
    """How many commands `read()` sent to Redis."""
    first = commands(other)
    second = commands(other)
    asking = second - first  # what one INFO adds by itself
    read()
    return commands(other) - second - asking


def written_elsewhere(other, near_cache, key, value) -> None:
    """`key` set by another server, as frontcms.cache writes a generation: the writer's next command
    returns after Redis has sent its invalidation message (see frontcms.cache._bump)."""
    other.set(near_cache.make_key(key), value)
    other.ping()


def test_a_second_read_is_served_from_the_copy(near, other):
    near.set(KEPT, "<html>trang</html>", 60)
    assert near.get_many([KEPT, GENERATION]) == {KEPT: "<html>trang</html>"}  # read once, copied
    assert reads_of(other, lambda: near.get_many([KEPT, GENERATION])) == 0
    assert reads_of(other, lambda: near.get(KEPT)) == 0
    # each read gets its own object, as from Redis: changing one does not change the next read
    near.set(KEPT, {"headers": ["ETag"]}, 60)
    near.get(KEPT)["headers"].append("X-Page-Cache")
    assert near.get(KEPT) == {"headers": ["ETag"]}
    assert near.get(KEPT) is not near.get(KEPT)


def test_a_copy_nobody_can_change_is_unpickled_once(near, other):
    """Rendered HTML, tag sets and tuples of them are handed out as the same object each time
    (nobody can change them); a change elsewhere or a dropped copy is read and unpickled anew."""
    entry = (3, frozenset({"news.article:1"}), mark_safe("<p>Bài viết</p>"))
    near.set(KEPT, entry, 60)
    first = near.get(KEPT)
    assert first == entry and near.get(KEPT) is first
    assert near.get_many([KEPT])[KEPT] is first
    written_elsewhere(other, near, KEPT, pickle.dumps((4, frozenset(), "khác")))
    changed = near.get(KEPT)
    assert changed == (4, frozenset(), "khác") and changed is not first
    copies = near._cache._copies
    assert all(copies.values.get(key) is raw for key, (raw, _) in copies.decoded.items())
    other.delete(near.make_key(KEPT))
    other.ping()
    assert near.get(KEPT) is None
    assert KEPT not in {key.removeprefix(near.make_key("")) for key in copies.decoded}


def test_what_a_copy_unpickled_to_goes_with_it(near, other):
    """Replaced by a newer copy, or without room beside the copies, an unpickled copy is not kept;
    remembering one never waits for the tracking connection (whose lock a PING holds)."""
    import threading

    near.set(KEPT, "trang cũ", 60)
    assert near.get(KEPT) == "trang cũ" and near.get(KEPT) == "trang cũ"
    copies = near._cache._copies
    key = near.make_key(KEPT)
    assert key in copies.decoded
    copies.keep({key: pickle.dumps("trang mới")}, copies.epoch)
    assert key not in copies.decoded

    raw, loads, done = copies.values[key], near._cache._serializer.loads, []
    with copies.lock:  # as while another thread waits for a PONG
        thread = threading.Thread(target=lambda: done.append(copies.decode(key, raw, loads)))
        thread.start()
        thread.join(timeout=5)
    assert done == ["trang mới"] and copies.decoded[key][0] is raw
    assert near.get(KEPT) == "trang mới"


def test_an_unpickled_copy_counts_more_than_its_pickle(redis_server, settings, other):
    """Text takes more room unpickled than pickled: a copy that fits may have no room to be
    remembered unpickled as well."""
    cache = redis_cache(settings, redis_server, "near-roomy", near_copies_bytes=8_000)
    cache.set(KEPT, "trang " * 500, 60)
    assert cache.get(KEPT) == cache.get(KEPT) == "trang " * 500
    copies = cache._cache._copies
    assert cache.make_key(KEPT) in copies.values and not copies.decoded
    cache.clear()


def test_a_change_made_by_another_server_is_read_at_once(near, other):
    assert near.get(GENERATION) is None  # absent, and known to be absent
    assert reads_of(other, lambda: near.get(GENERATION)) == 0
    written_elsewhere(other, near, GENERATION, 7)
    assert near.get(GENERATION) == 7
    written_elsewhere(other, near, GENERATION, 8)
    assert near.get_many([GENERATION, KEPT]) == {GENERATION: 8}
    other.delete(near.make_key(GENERATION))
    other.ping()
    assert near.get(GENERATION) is None


def test_this_processs_own_writes_are_read_back_at_once(near):
    near.set(GENERATION, 1, None)
    assert near.get(GENERATION) == 1
    near.set_many({GENERATION: 2}, None)
    assert near.get_many([GENERATION]) == {GENERATION: 2}
    assert near.incr(GENERATION) == 3
    assert near.get(GENERATION) == 3
    near.delete(GENERATION)
    assert near.get(GENERATION) is None


def test_an_emptied_database_empties_the_copies(near, other):
    near.set(KEPT, "trang", 60)
    assert near.get(KEPT) == "trang"
    other.flushdb()
    other.ping()
    assert near.get(KEPT) is None


def test_keys_outside_the_namespaces_are_always_read_from_redis(near, other):
    near.set(UNTRACKED, 5, 60)
    near.set("frontcms:health", "1", 10)
    assert near.get(UNTRACKED) == 5
    assert reads_of(other, lambda: near.get(UNTRACKED)) == 1
    assert reads_of(other, lambda: near.get("frontcms:health")) == 1
    assert reads_of(other, lambda: near.get_many([UNTRACKED, "frontcms:health"])) == 1


def test_a_lost_tracking_connection_means_reading_redis_until_it_is_back(near, other):
    near.set(GENERATION, 1, None)
    assert near.get(GENERATION) == 1
    other.client_kill_filter(_type="pubsub")  # Redis restarted, a proxy dropped the connection…
    other.ping()
    written_elsewhere(other, near, GENERATION, 2)  # …and nobody is told of this change
    assert near.get(GENERATION) == 2  # the copy was dropped with the connection
    assert reads_of(other, lambda: near.get(GENERATION)) == 1  # read from Redis for now


def test_a_flood_of_changes_drops_every_copy(near, other):
    """More messages than a socket is sure to hold at once: what was not yet written to it might
    name a copy, so no copy read before them is used."""
    near.set(KEPT, "trang", 60)
    assert near.get(KEPT) == "trang"
    pipe = other.pipeline(transaction=False)
    for n in range(3000):
        pipe.set(near.make_key(f"frontcms:gen:flood.{n:05d}.{'x' * 20}"), n)
    pipe.execute()
    other.ping()
    assert reads_of(other, lambda: near.get(KEPT)) >= 1


def test_copies_stay_under_their_size(redis_server, settings, other):
    cache = redis_cache(settings, redis_server, "near-small", near_copies_bytes=10_000)
    for n in range(10):
        cache.set(f"frontcms:kept:{n}", "x" * 3_000, 60)
        assert cache.get(f"frontcms:kept:{n}") == "x" * 3_000
        assert cache.get(f"frontcms:kept:{n}") == "x" * 3_000  # the second from the unpickled copy
        copies = cache._cache._copies
        assert copies.decoded and set(copies.decoded) <= set(copies.values)
        assert copies.size == sum(copies._cost(key, value) for key, value in copies.values.items())
        # What the copies unpickled to counts too, at least as much as the bytes it came from.
        unpickled = sum(len(key) + len(raw) for key, (raw, _) in copies.decoded.items())
        assert 0 < copies.size + unpickled <= 10_000
        assert unpickled <= copies.decoded_size and copies.size + copies.decoded_size <= 10_000
    for n in range(200):  # keys that are not there count too
        assert cache.get(f"frontcms:gen:absent.{n}") is None
    assert len(copies.values) < 200 and copies.size <= 10_000
    cache.clear()


def test_turned_off_every_read_goes_to_redis(redis_server, settings, other):
    cache = redis_cache(settings, redis_server, "near-off", near_copies_bytes=0)
    cache.set(KEPT, "trang", 60)
    assert cache.get(KEPT) == "trang"
    assert reads_of(other, lambda: cache.get(KEPT)) == 1
    cache.clear()


def test_the_namespaces_are_the_ones_the_portal_writes():
    from django.test import RequestFactory

    from frontcms import cache as kept_values
    from frontcms.page_cache import page_cache_key

    written = [
        kept_values._generation_key("news.article:1"),
        kept_values.CLOCK_KEY,
        kept_values.kept_key("header"),
    ]
    assert all(key.startswith(NEAR_COPY_NAMESPACES) for key in written)
    # Pages stay in the process that rendered them (frontcms/page_cache.py): never in Redis.
    assert not page_cache_key(RequestFactory().get("/")).startswith(NEAR_COPY_NAMESPACES)


def cache_whose_tracking_fails(monkeypatch, settings, redis_server, prefix: str, error: str):
    """A cache whose tracking connection gets `error` from Redis, with KEPT stored and read once."""
    from redis.exceptions import ResponseError

    from frontcms.cache_backends import NearCopies

    def fail(copies):
        raise ResponseError(error)

    monkeypatch.setattr(NearCopies, "_connect", fail)
    cache = redis_cache(settings, redis_server, prefix)
    cache.set(KEPT, "trang", 60)
    assert cache.get(KEPT) == "trang"
    return cache


def test_a_server_that_refuses_tracking_is_read_every_time(redis_server, settings, other, monkeypatch):
    """Some hosted Redis services forbid CLIENT commands: the portal then reads Redis every time."""
    cache = cache_whose_tracking_fails(
        monkeypatch, settings, redis_server, "near-refused", "unknown command 'CLIENT'"
    )
    assert reads_of(other, lambda: cache.get(KEPT)) == 1
    assert reads_of(other, lambda: cache.get_many([KEPT, GENERATION])) == 1
    cache.clear()


def test_threads_share_one_set_of_copies(near, other):
    """Django gives each thread its own cache client: one tracking connection serves them all."""
    import threading

    near.set(KEPT, "trang", 60)
    assert near.get(KEPT) == "trang"
    seen = []

    def in_a_thread():
        thread_cache = caches["default"]
        assert thread_cache is not near
        seen.append((thread_cache.get(KEPT), thread_cache._cache._near() is near._cache._near()))

    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join()
    assert seen == [("trang", True)]
    trackers = [c for c in other.client_list() if "subscribe" in c.get("cmd", "") or int(c.get("sub", 0))]
    assert len(trackers) >= 1


def test_a_value_read_before_a_change_arrived_is_not_kept(near, other):
    """Thread A asks for a copy, finds none and reads Redis; meanwhile the key changes and thread B
    takes the message. What A read may be older than that change: it is not kept."""
    key = near.make_key(GENERATION)
    assert near.get(GENERATION) is None
    copies = near._cache._near()
    copies.forget([key])
    found, epoch = copies.read([key])  # A: no copy, about to read Redis
    assert found is None
    written_elsewhere(other, near, GENERATION, 2)
    assert copies.read([key]) is not None  # B: takes the message
    copies.keep({key: None}, epoch)  # A keeps what it read before the change
    assert near.get(GENERATION) == 2


def test_a_read_never_mixes_copies_with_newer_values(near, other, monkeypatch):
    """The counter is read fresh while a generation still has a copy, and another server saves in
    between: the answer must not pair the new counter with the old generation (a page computed
    from it would look newer than the change it missed, frontcms.cache._bump)."""
    from frontcms.cache import CLOCK_KEY, _generation_key

    generation = _generation_key("news.article:42")
    near.set(CLOCK_KEY, 100, None)
    near.set(generation, 50, None)
    assert near.get_many([generation]) == {generation: 50}  # copied
    copies = near._cache._near()
    read = copies.read

    def another_server_saves_meanwhile(keys):
        answer = read(keys)
        monkeypatch.setattr(copies, "read", read)
        moved = other.incr(near.make_key(CLOCK_KEY))
        other.set(near.make_key(generation), moved)
        other.incr(near.make_key(CLOCK_KEY))
        return answer

    monkeypatch.setattr(copies, "read", another_server_saves_meanwhile)
    got = near.get_many([CLOCK_KEY, generation])
    assert got[generation] == 101 and got[CLOCK_KEY] == 102


def test_a_silent_connection_is_asked_whether_it_is_still_there(near, other, monkeypatch):
    """A peer gone without a word (a crashed host, a firewall's idle timeout) leaves a socket that
    never has anything to read: after a second without a word, the copies PING, and a PING that
    fails drops them."""
    near.set(KEPT, "trang", 60)
    assert near.get(KEPT) == "trang"
    copies = near._cache._near()
    assert reads_of(other, lambda: near.get(KEPT)) == 0
    copies.heard_at -= copies.heartbeat_seconds + 1
    assert reads_of(other, lambda: near.get(KEPT)) == 1  # the PING, answered: still from the copy
    assert reads_of(other, lambda: near.get(KEPT)) == 0

    def silent(*args, **kwargs):
        raise redis.exceptions.TimeoutError("Timeout reading from socket")

    copies.heard_at -= copies.heartbeat_seconds + 1
    monkeypatch.setattr(copies.connection, "read_response", silent)
    assert reads_of(other, lambda: near.get(KEPT)) == 2  # the PING, unanswered; then Redis
    assert copies.connection is None and copies.values == {}


def test_an_interrupted_poll_drops_the_connection(near, other, monkeypatch):
    """A request interrupted while it takes messages (a worker's timeout) leaves the connection in
    an unknown state: it is dropped, never reused as if it were still tracking."""

    class Interrupted(BaseException):
        pass

    near.set(KEPT, "trang", 60)
    assert near.get(KEPT) == "trang"
    copies = near._cache._near()
    written_elsewhere(other, near, GENERATION, 1)  # a message waits to be taken

    def interrupted(*args, **kwargs):
        raise Interrupted

    monkeypatch.setattr(copies.connection, "read_response", interrupted)
    with pytest.raises(Interrupted):
        near.get(KEPT)
    assert copies.connection is None and copies.values == {}
    monkeypatch.undo()
    written_elsewhere(other, near, KEPT, 7)
    assert near.get(KEPT) == 7  # from Redis, until the connection is back
    assert reads_of(other, lambda: near.get(KEPT)) == 1


def test_a_kept_value_not_stored_yet_costs_one_round_trip(near, other):
    """A kept value is asked for with its guessed generations: the generations have copies, the
    value is not there. One MGET answers it (no PING: nothing new is copied), and its absence is
    not copied (the value is stored right after)."""
    assert near.get_many([GENERATION]) == {}  # the generation's absence is copied
    assert reads_of(other, lambda: near.get_many([GENERATION])) == 0
    missing = "frontcms:kept:not-yet"
    assert reads_of(other, lambda: near.get_many([missing, GENERATION])) == 1
    assert reads_of(other, lambda: near.get_many([missing, GENERATION])) == 1
    near.set(missing, "trang", 60)
    assert near.get_many([missing, GENERATION]) == {missing: "trang"}  # an MGET, then a PING
    assert reads_of(other, lambda: near.get_many([missing, GENERATION])) == 0


def test_values_read_while_another_thread_dropped_copies_still_wait_for_the_messages(near, other):
    """When another thread dropped copies between a read and its keep(), nothing is kept, but the
    PING still runs: copies read next must not be older than the values just returned."""
    copied = near.make_key(GENERATION)
    assert near.get(GENERATION) is None  # copied (absent)
    copies = near._cache._near()
    found, epoch = copies.read([near.make_key(KEPT)])
    assert found is None
    other.set(copied, 5)  # its message is on its way
    copies.forget([near.make_key("frontcms:kept:unrelated")])  # another thread, meanwhile
    copies.keep({near.make_key(KEPT): b"1"}, epoch)
    assert copied not in copies.values and near.make_key(KEPT) not in copies.values


def test_a_threads_first_write_drops_the_processs_copy(near):
    import threading

    near.set(GENERATION, 1, None)
    assert near.get(GENERATION) == 1
    copies = near._cache._near()
    assert near.make_key(GENERATION) in copies.values
    thread = threading.Thread(target=lambda: caches["default"].set(GENERATION, 2, None))
    thread.start()
    thread.join()
    assert near.make_key(GENERATION) not in copies.values  # at once, not when Redis's message comes
    assert near.get(GENERATION) == 2


def test_the_tracking_connection_gives_up_quickly(near):
    near.get(GENERATION)
    connection = near._cache._near().connection
    assert connection.socket_timeout <= 1 and connection.socket_connect_timeout <= 1
    assert connection.socket_keepalive


def test_a_busy_server_is_tried_again_later(redis_server, settings, other, monkeypatch):
    cache = cache_whose_tracking_fails(
        monkeypatch, settings, redis_server, "near-busy", "BUSY Redis is busy running a script"
    )
    copies = cache._cache._near()
    assert not copies.refused and copies.retry_at > 0
    monkeypatch.undo()
    copies.retry_at = 0
    assert cache.get(KEPT) == "trang"
    assert reads_of(other, lambda: cache.get(KEPT)) == 0  # tracking, and copying, again
    cache.clear()


def test_a_forked_child_starts_with_nothing_of_its_parents(near):
    import os

    near.set(KEPT, "trang", 60)
    assert near.get(KEPT) == "trang"
    copies = near._cache._near()
    with copies.lock:  # another thread of the parent holds it at the moment of the fork
        pid = os.fork()
        if pid == 0:  # the child
            fresh = copies.connection is None and not copies.values and copies.lock.acquire(timeout=1)
            os._exit(0 if fresh else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert copies.connection is not None and near.get(KEPT) == "trang"  # the parent's are intact
