"""The two cache backends: Redis in production (shared by every server), local memory otherwise.

Both are Django's own, with changes measured on cached pages (a hit reads the page from its
process's own memory and the generations of its ~17 tags from the shared cache,
frontcms.page_cache): keys are not checked against memcached's limits (neither backend has
them, and our keys are short ASCII), local memory keeps values nobody can
change (generations, tag sets, rendered HTML) as they are instead of pickled copies (an uncached
article ~8% faster, a cached one ~10%), the Redis client is built once, and each process keeps
near copies of what it read from Redis (below).

The Redis backend fails soft: an unreachable Redis is a cache miss, and so is one that answers
with an error (out of memory under `noeviction`, a read-only replica after a failover, writes
stopped by a failed snapshot). Redis only holds copies (kept values, tag generations,
rate-limit counters), so losing it must slow the site down, not take it down. Every
operation that fails is logged and answered as if the key were absent (a write as if it were
lost); /suc-khoe/ still reports the outage (its round trip through the cache fails), so load
balancers and monitoring see it. Short socket timeouts in
settings keep a hung Redis from holding workers.

**Near copies.** Every cached page would be one round trip to Redis (the generations of its
tags, frontcms.cache), and on a small server that round trip is most of the page's cost. So
each process keeps a copy of what it read from Redis under the portal's own namespaces (kept
values, generations and the counter: NEAR_COPY_NAMESPACES), and Redis tells it when any key
under them changes: one connection per process asks for client tracking in broadcast mode
(`CLIENT TRACKING on BCAST PREFIX …`, Redis 6 and later) and receives every change as an
invalidation message. Before each read the process takes the messages that arrived (a poll of
that socket, no round trip) and drops the copies they name; a copy is used only while that
connection is up. A change made anywhere is therefore seen by the next read that starts after its
message has arrived: on one machine, before the writer's next command returns. Copies of the
process's own writes are dropped at once. At most `near_copies_bytes` per process (OPTIONS,
`CACHE_NEAR_COPIES_MB`); past it the copies start again. Rate limits, the health check and
everything else are never copied.
"""

from __future__ import annotations

import functools
import logging
import os
import pickle
import threading
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.safestring import SafeString
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import NoPermissionError, RedisError, ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("frontcms.cache")
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# What FailSoftRedisCache answers as a miss: Redis out of reach, or refusing the command (-OOM,
# -READONLY, -MISCONF and the like arrive as ResponseError, a RedisError).
FAILED = (RedisError, OSError)


# Values no caller can change: kept by local memory as they are, where Django's copies every value
# through pickle so that a caller changing what it got cannot change what others get.
_UNCHANGEABLE = frozenset({int, float, bool, str, bytes, type(None), SafeString})


def _unchangeable(value, depth: int = 0) -> bool:
    """An int, str, SafeString…, or a tuple (a NamedTuple too) or frozenset of such values."""
    kind = type(value)
    if kind in _UNCHANGEABLE:
        return True
    if depth < 3 and (kind is frozenset or (isinstance(value, tuple) and not hasattr(value, "__dict__"))):
        # A tuple's last items first: a cache entry ends with its value, often a model instance.
        items = value if kind is frozenset else reversed(value)
        return all(_unchangeable(item, depth + 1) for item in items)
    return False


class _Shared:
    """A value local memory keeps as it is (everything else is kept pickled, as bytes)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class LocalMemoryCache(LocMemCache):
    """Django's local-memory cache (one per process), without memcached's key warnings, with
    values that cannot change kept as they are (frozen tag sets, generations, rendered HTML: most
    of a page's reads) instead of pickled, and get_many() in one pass under the lock. Pages
    (responses) and model instances are still pickled copies."""

    def validate_key(self, key):
        pass

    def _encode(self, value):
        return _Shared(value) if _unchangeable(value) else pickle.dumps(value, self.pickle_protocol)

    @staticmethod
    def _decode(stored):
        return stored.value if type(stored) is _Shared else pickle.loads(stored)  # noqa: S301 - bytes this process pickled itself

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        stored = self._encode(value)
        with self._lock:
            if self._has_expired(key):
                self._set(key, stored, timeout)
                return True
            return False

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            stored = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return self._decode(stored)

    def get_many(self, keys, version=None):
        wanted = {self.make_key(key, version=version): key for key in keys}
        found = {}
        with self._lock:
            now = time.time()
            for made, key in wanted.items():
                if made not in self._cache:
                    continue  # (a generation never moved: most keys a cached page asks for)
                expires = self._expire_info.get(made)
                if expires is not None and expires <= now:
                    self._delete(made)
                    continue
                found[key] = self._cache[made]
                self._cache.move_to_end(made, last=False)
        return {key: self._decode(stored) for key, stored in found.items()}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        stored = self._encode(value)
        with self._lock:
            self._set(key, stored, timeout)

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                raise ValueError(f"Key '{key}' not found")
            value = self._decode(self._cache[key]) + delta
            self._cache[key] = self._encode(value)
            self._cache.move_to_end(key, last=False)
        return value


INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return false
"""
# Fixed-window counters (frontcms.ratelimit): each key moves on by its amount and, when it has no
# expiry yet (it was just created), expires at the end of its window. All keys in one round trip.
COUNT_IN_WINDOWS = """
local counts = {}
for i, key in ipairs(KEYS) do
  counts[i] = redis.call('INCRBY', key, ARGV[2 * i - 1])
  if redis.call('TTL', key) < 0 then redis.call('EXPIRE', key, ARGV[2 * i]) end
end
return counts
"""


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a new `redis.Redis` for every operation, and each one fills a
    table of ~170 response callbacks: measured here, a third of a cached page's time. A
    `redis.Redis` over a connection pool is safe to share between threads, and the pool itself
    reconnects after a fork, so one per pool is kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._scripts = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _script(self, key, source: str):
        client = self.get_client(key, write=True)
        script = self._scripts.get((id(client), source))
        if script is None:
            script = self._scripts[id(client), source] = client.register_script(source)
        return script

    def incr(self, key, delta):
        """One round trip, where Django's asks EXISTS first (every invalidation moves the shared
        counter twice, frontcms.cache): a missing key is still an error, never created."""
        value = self._script(key, INCR_EXISTING)(keys=[key], args=[delta])
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value

    def count_in_windows(self, keys, windows) -> list[int]:
        """Move each counter in `keys` on by its (amount, seconds) in `windows`, in one round
        trip, where add() then incr() take two per counter: the counts after."""
        args = [value for amount_and_seconds in windows for value in amount_and_seconds]
        return self._script(keys[0], COUNT_IN_WINDOWS)(keys=keys, args=args)


# What the portal keeps in the cache and may copy (frontcms/cache.py: generations, the counter and
# kept values; pages stay in each process, frontcms/page_cache.py). tests/perf/test_near_copies.py
# checks that they match.
NEAR_COPY_NAMESPACES = ("frontcms:gen:", "frontcms:cache:clock", "frontcms:kept:")
# Where a missing key is worth a copy: a generation never moved, the counter. A missing kept value
# is computed and stored at once, so its absence is not copied.
ABSENCE_COPIED = NEAR_COPY_NAMESPACES[:2]
INVALIDATIONS = "__redis__:invalidate"
INVALIDATIONS_B = INVALIDATIONS.encode()
EVERYTHING = ""  # no key of ours is empty
TRACKING_TIMEOUT = 1.0  # seconds, at most, for the tracking connection to connect or answer
_ABSENT = object()


class NearCopies:
    """The copies one process keeps of keys under `prefixes`, and the connection on which Redis
    says which keys changed (see the module's docstring). One per process and Redis server,
    shared by its threads (near_copies()).

    Copies are consistent with each other: values read from Redis are kept only after a PING on
    the tracking connection has come back, so every message about a change those values show has
    been taken by then (it was sent before the PONG), and the copies it named are gone. A read
    is answered wholly from copies or wholly from Redis, never a mix of the two."""

    retry_seconds = 5.0  # after the tracking connection is lost, read Redis this long
    heartbeat_seconds = 1.0  # a silent connection (a peer gone without a word) is found this soon
    drained_limit = 64 * 1024  # bytes of messages in one poll, well under a socket's buffer
    entry_overhead = 100  # bytes counted per copy besides its key and value
    # Bytes counted for an unpickled copy (decode()) per byte pickled, an estimate: Vietnamese
    # text takes about 1.5 times as much in a str as in its UTF-8 pickle (more with emoji, and
    # small objects such as tags more still), so the size limit is a guard, not an exact figure.
    decoded_ratio = 2

    def __init__(
        self, pool, prefixes: tuple[str, ...], max_bytes: int, absence_prefixes: tuple[str, ...] = ()
    ):
        self.pool, self.prefixes, self.max_bytes = pool, prefixes, max_bytes
        self.absence_prefixes = absence_prefixes
        self.values: dict[str, bytes | None] = {}
        # What copies that cannot change (_unchangeable) unpickled to, with the bytes they came
        # from: the same copy read again is not unpickled again. Counted in `decoded_size` and
        # changed with `decoded_lock` held (inside `lock` where both are taken), so that decode()
        # never waits for a PING on the tracking connection.
        self.decoded: dict[str, tuple[bytes, object]] = {}
        self.decoded_lock = threading.Lock()
        self.size = self.decoded_size = 0
        self.epoch = 0  # moves on whenever copies are dropped
        self.connection = None  # the tracking connection; a forked child starts without (_after_fork)
        self.retry_at = 0.0
        self.heard_at = 0.0  # when the tracking connection last answered a PING
        self.refused = False
        self.lock = threading.Lock()

    # --- the copies (called with the lock held) ---
    def _forget(self, keys) -> None:
        self.epoch += 1
        for key in keys:
            if key in self.values:
                self.size -= self._cost(key, self.values.pop(key))
                self._forget_decoded(key)

    def _forget_decoded(self, key: str) -> None:
        """Drop what `key`'s copy unpickled to; call after its copy is gone or replaced."""
        with self.decoded_lock:
            entry = self.decoded.pop(key, None)
            if entry is not None:
                self.decoded_size -= self._decoded_cost(entry[0])

    def _forget_all(self) -> None:
        self.epoch += 1
        self._drop_copies()

    def _drop_copies(self) -> None:
        self.values.clear()
        self.size = 0
        with self.decoded_lock:
            self.decoded.clear()
            self.decoded_size = 0

    def _cost(self, key: str, value: bytes | None) -> int:
        return len(key) + len(value or b"") + self.entry_overhead

    def _decoded_cost(self, raw: bytes) -> int:
        return len(raw) * self.decoded_ratio + self.entry_overhead

    # --- the tracking connection (called with the lock held) ---
    def _connect(self) -> None:
        # RESP2 with its own connection: invalidation messages arrive as Pub/Sub messages on it.
        options = {**self.pool.connection_kwargs, "protocol": 2}
        # Short timeouts of its own: it is polled with a lock that every thread of the process needs.
        for name in ("socket_timeout", "socket_connect_timeout"):
            options[name] = min(options.get(name) or TRACKING_TIMEOUT, TRACKING_TIMEOUT)
        if issubclass(self.pool.connection_class, redis.connection.Connection):  # TCP, not a Unix socket
            options["socket_keepalive"] = True
        connection = self.pool.connection_class(**options)
        connection.connect()
        try:
            connection.send_command("CLIENT", "ID")
            client_id = connection.read_response()
            prefixes = [word for prefix in self.prefixes for word in ("PREFIX", prefix)]
            connection.send_command("CLIENT", "TRACKING", "on", "REDIRECT", client_id, "BCAST", *prefixes)
            connection.read_response()
            connection.send_command("SUBSCRIBE", INVALIDATIONS)
            connection.read_response()
        except BaseException:
            connection.disconnect()
            raise
        self.connection = connection
        self.heard_at = time.monotonic()
        self._forget_all()  # what was copied before this connection was not tracked

    def _lost(self, exc: BaseException) -> None:
        logger.warning("cache tracking connection lost, reading Redis until it is back: %s", exc)
        if self.connection is not None:
            self.connection.disconnect()
        self.connection = None
        self._forget_all()
        self.retry_at = time.monotonic() + self.retry_seconds

    def _take(self, message, named: set[str] | None) -> tuple[bool, int]:
        """Act on one message from the tracking connection: (whether it was the PONG, its size).
        Keys it names are dropped and added to `named` (EVERYTHING when every copy was)."""
        if (
            not message
            or message[0] == b"pong"
            or (message[0] == b"message" and message[1] != INVALIDATIONS_B)
        ):
            return bool(message) and message[0] == b"pong", 0
        if message[0] != b"message":
            return False, 0
        try:
            keys = None if message[2] is None else [key.decode() for key in message[2]]
        except UnicodeDecodeError:  # not a key this process wrote: drop everything to be safe
            keys = None
        if keys is None:  # the database was emptied
            self._forget_all()
            if named is not None:
                named.add(EVERYTHING)
            return False, 0
        self._forget(keys)
        if named is not None:
            named.update(keys)
        return False, sum(len(key) + 64 for key in keys)

    def _drain(self, named: set[str] | None = None, until_pong: bool = False) -> set[str] | None:
        """Take the messages that have arrived (and, with `until_pong`, wait for the PONG of a PING
        sent before); the keys they named, or None if every copy had to be dropped."""
        drained, ponged = 0, False
        while (until_pong and not ponged) or self.connection.can_read(timeout=0):
            pong, size = self._take(self.connection.read_response(), named)
            ponged, drained = ponged or pong, drained + size
            if not until_pong and drained > self.drained_limit:
                break  # the rest waits for the next poll; every copy goes below
        if until_pong:
            self.heard_at = time.monotonic()
        if drained > self.drained_limit:
            # So many messages may not all have been written to the socket yet (Redis writes the
            # rest once this process reads): copies read before them cannot be trusted, and copies
            # read from now on are newer than every change those messages announce.
            self._forget_all()
            return None
        return named

    def _guarded(self, step):
        """`step()` on the tracking connection; any failure there drops it (and every copy)."""
        try:
            return step()
        except FAILED as exc:
            self._lost(exc)
            return False
        except BaseException as exc:  # interrupted midway: the connection's state is unknown
            self._lost(exc)
            raise

    def _ping(self):
        self.connection.send_command("PING")
        return self._drain(set(), until_pong=True)

    def _sync(self) -> bool:
        """Drop the copies Redis said changed; False when copies cannot be trusted (no tracking)."""
        if self.connection is None:
            if self.refused or time.monotonic() < self.retry_at:
                return False
            try:
                self._connect()
            except ResponseError as exc:
                if not _refuses_tracking(exc):  # -BUSY and the like: try again later
                    self._lost(exc)
                    return False
                logger.warning("cache near copies off: Redis refused client tracking: %s", exc)
                self.refused = True
                return False
            except Exception as exc:  # noqa: BLE001 - unreachable or odd: read Redis for now
                self._lost(exc)
                return False
        if time.monotonic() - self.heard_at > self.heartbeat_seconds:
            return self._guarded(self._ping) is not False
        return self._guarded(self._drain) is not False

    # --- what the client calls ---
    def read(self, keys: list[str]) -> tuple[dict[str, bytes | None] | None, int] | None:
        """The copies of `keys` if there is one of each (else None), and the epoch to give
        keep(); None if copies cannot be trusted now (read Redis)."""
        with self.lock:
            if not self._sync():
                return None
            values = self.values
            if all(key in values for key in keys):
                return {key: values[key] for key in keys}, self.epoch
            return None, self.epoch

    def keep(self, values: dict[str, bytes | None], epoch: int) -> None:
        """Copies of what was just read from Redis: first a PING, so that every message about the
        changes these values show has been taken; then whatever no message named since the read
        is kept (a named key may have changed after it)."""
        with self.lock:
            if self.connection is None:
                return
            moved = epoch != self.epoch  # another thread dropped copies since the read
            values = {
                key: value
                for key, value in values.items()
                if (value is not None or key.startswith(self.absence_prefixes))
                and self.values.get(key, _ABSENT) != value
            }
            if not values:
                return  # nothing new (a page not stored yet, say): no PING needed
            # The PING even when nothing is kept: the caller got these values, and what it reads
            # next from copies must not be older than them.
            named = self._guarded(self._ping)
            if moved or not isinstance(named, set) or EVERYTHING in named or self.connection is None:
                return
            for key, value in values.items():
                if key in named or (value is not None and not isinstance(value, bytes)):
                    continue
                cost = self._cost(key, value)
                if key in self.values:
                    self.size -= self._cost(key, self.values.pop(key))
                    self._forget_decoded(key)
                if self.size + self.decoded_size + cost > self.max_bytes:
                    self._drop_copies()  # start again (the values are as fresh as ever)
                self.values[key] = value
                self.size += cost

    def forget(self, keys) -> None:
        with self.lock:
            self._forget(keys)

    def decode(self, key: str, raw: bytes, loads):
        """`loads(raw)`, remembered while `raw` is this process's copy of `key` and what it gives
        cannot change (every reader gets the same object)."""
        remembered = self.decoded.get(key)
        if remembered is not None and remembered[0] is raw:
            return remembered[1]
        value = loads(raw)
        if self.values.get(key) is raw and _unchangeable(value):
            cost = self._decoded_cost(raw)
            with self.decoded_lock:
                # Still the copy (a copy dropped before this lock was taken is gone from `values`;
                # one dropped after takes this entry with it), and room for it.
                if (
                    self.values.get(key) is raw
                    and key not in self.decoded
                    and self.size + self.decoded_size + cost <= self.max_bytes
                ):
                    self.decoded[key] = (raw, value)
                    self.decoded_size += cost
        return value

    def forget_all(self) -> None:
        with self.lock:
            self._forget_all()


_near_copies: dict[tuple, NearCopies] = {}
_near_copies_lock = threading.Lock()


def _refuses_tracking(exc: ResponseError) -> bool:
    """The server has no client tracking (Redis before 6) or forbids CLIENT (hosted services)."""
    return isinstance(exc, NoPermissionError) or "unknown" in str(exc).lower()


def _after_fork() -> None:
    """A child process starts without copies, connection or held locks of its parent's."""
    global _near_copies_lock
    _near_copies_lock = threading.Lock()
    for copies in _near_copies.values():
        copies.lock = threading.Lock()
        copies.decoded_lock = threading.Lock()
        copies.connection = None  # the parent's socket: left to the parent, never used here
        copies._forget_all()


os.register_at_fork(after_in_child=_after_fork)


def near_copies(
    server: str, pool, prefixes: tuple[str, ...], max_bytes: int, absence_prefixes: tuple[str, ...] = ()
) -> NearCopies:
    """This process's copies for the Redis `server` (Django gives each thread its own cache
    client; one tracking connection and one set of copies serve them all)."""
    key = (server, prefixes, max_bytes)
    with _near_copies_lock:
        copies = _near_copies.get(key)
        if copies is None:
            copies = _near_copies[key] = NearCopies(pool, prefixes, max_bytes, absence_prefixes)
        return copies


class NearCopiesRedisCacheClient(ReusedClientRedisCacheClient):
    """Reads keys under the tracked prefixes from this process's near copies when it can."""

    def __init__(
        self,
        *args,
        near_copy_prefixes: tuple[str, ...] = (),
        absence_copy_prefixes: tuple[str, ...] = (),
        near_copies_bytes: int = 0,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self._prefixes, self._max_bytes = near_copy_prefixes, near_copies_bytes
        self._absence_prefixes = absence_copy_prefixes
        self._copies: NearCopies | None = None

    def _near(self) -> NearCopies | None:
        if not self._max_bytes or not self._prefixes or len(self._servers) != 1:
            return None  # with replicas, a read could come from one that lags behind the messages
        if self._copies is None:
            pool = self._get_connection_pool(False)
            self._copies = near_copies(
                self._servers[0], pool, self._prefixes, self._max_bytes, self._absence_prefixes
            )
        return self._copies

    def _read(self, keys: list[str]) -> dict[str, bytes | None]:
        """Raw values of `keys` (None for a missing key): all from copies when every tracked key has
        one and nothing else is asked, else all from Redis in one round trip (then copied)."""
        tracked = [key for key in keys if key.startswith(self._prefixes)] if self._prefixes else []
        copies = self._near() if tracked else None
        found = copies.read(tracked) if copies is not None else None
        if found is not None and found[0] is not None and len(tracked) == len(keys):
            return found[0]
        values = dict(zip(keys, self.get_client(None).mget(keys), strict=True))
        if found is not None:
            copies.keep({key: values[key] for key in tracked}, found[1])
        return values

    def get(self, key, default):
        if not key.startswith(self._prefixes) or self._near() is None:
            return super().get(key, default)
        value = self._read([key])[key]
        return default if value is None else self._copies.decode(key, value, self._serializer.loads)

    def get_many(self, keys):
        copies = self._near()
        if copies is None:
            return super().get_many(keys)
        loads = self._serializer.loads
        return {
            key: copies.decode(key, value, loads)
            for key, value in self._read(list(keys)).items()
            if value is not None
        }

    # This process's own writes: its copies go before and after (another thread may read the old
    # value in between), without waiting for Redis's message.
    def _written(self, keys, operation: str, *args):
        """Django's `operation(*args)`, which writes `keys`, with this process's copies of them dropped."""
        self._near()  # a thread whose first call is a write drops the process's copies too
        if self._copies is not None:
            self._copies.forget(keys)
        try:
            return getattr(super(), operation)(*args)
        finally:
            if self._copies is not None:
                self._copies.forget(keys)

    def add(self, key, value, timeout):
        return self._written((key,), "add", key, value, timeout)

    def set(self, key, value, timeout):
        return self._written((key,), "set", key, value, timeout)

    def touch(self, key, timeout):
        return self._written((key,), "touch", key, timeout)

    def delete(self, key):
        return self._written((key,), "delete", key)

    def incr(self, key, delta):
        return self._written((key,), "incr", key, delta)

    def set_many(self, data, timeout):
        return self._written(list(data), "set_many", data, timeout)

    def delete_many(self, keys):
        keys = list(keys)
        return self._written(keys, "delete_many", keys)

    def clear(self):
        self._near()
        if self._copies is not None:
            self._copies.forget_all()
        try:
            return super().clear()
        finally:
            if self._copies is not None:
                self._copies.forget_all()


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        near_copies_bytes = options.pop("near_copies_bytes", 32 * 1024 * 1024)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = functools.partial(
            NearCopiesRedisCacheClient,
            near_copy_prefixes=tuple(self.make_key(namespace) for namespace in NEAR_COPY_NAMESPACES),
            absence_copy_prefixes=tuple(self.make_key(namespace) for namespace in ABSENCE_COPIED),
            near_copies_bytes=near_copies_bytes,
        )

    def validate_key(self, key):
        """Redis takes any key; the base class's warnings are about memcached's limits."""

    def _failed(self, operation: str, exc: Exception) -> None:
        if isinstance(exc, UNREACHABLE):
            logger.warning("cache %s failed, Redis unreachable: %s", operation, exc)
        else:  # Redis answered with an error: its configuration or state needs a person
            logger.error("cache %s failed, Redis refused it: %s", operation, exc)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except FAILED as exc:
            self._failed("get", exc)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except FAILED as exc:
            self._failed("get_many", exc)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except FAILED as exc:
            self._failed("has_key", exc)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set(key, value, timeout, version)
        except FAILED as exc:
            self._failed("set", exc)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except FAILED as exc:
            self._failed("set_many", exc)
            return list(data)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except FAILED as exc:
            self._failed("add", exc)
            return False

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except FAILED as exc:
            self._failed("touch", exc)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except FAILED as exc:
            self._failed("incr", exc)
            raise ValueError(f"Key '{key}' not found (cache failed)") from exc

    def count_in_windows(self, windows, version=None) -> list[int]:
        """frontcms.ratelimit's counters, `(key, amount, seconds)` each, in one round trip: the
        count of each after this one. Unreachable, each counts only this `amount`, as if it were
        the first in its window (frontcms.ratelimit's docstring)."""
        if not windows:
            return []
        keys = [self.make_and_validate_key(key, version=version) for key, _amount, _seconds in windows]
        try:
            return self._cache.count_in_windows(
                keys, [(amount, seconds) for _key, amount, seconds in windows]
            )
        except FAILED as exc:
            self._failed("count_in_windows", exc)
            return [amount for _key, amount, _seconds in windows]

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except FAILED as exc:
            self._failed("delete", exc)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except FAILED as exc:
            self._failed("delete_many", exc)

    def clear(self):
        try:
            return super().clear()
        except FAILED as exc:
            self._failed("clear", exc)
