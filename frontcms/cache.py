"""Caching that forgets only what changed (README, "Caching").

Five names make the whole mechanism:

- A **tag** names something that can change (`tag()`): one object, `news.article:42` (the article
  and what its own page shows of it), or a list, `news.article` (any list of published articles)
  or a narrower one, `news.article?category=5`. The tag `site` stands for what every page shows
  (menu, settings, sidebar); every kept value depends on it, so a deploy's `migrate` forgets all.
- `invalidate(*tags)`: one shared counter moves on, the tags' **generation** becomes its new
  value, and the counter moves on again (a computation starts from the counter it read minus
  one: _bump). It runs at once and again when the transaction commits, so a reader between the
  two cannot keep the old rows. Generations live in Django's cache, so servers sharing Redis agree.
- `kept(name, compute, tags=…, until=…)`: a **kept value**, computed once and stored with the
  counter's value from before the computation, its tags and the moment it stops being correct.
  It is good while none of its tags has a newer generation and `until` has not passed.
- `depends_on(*tags, until=…)`: what is being computed (a kept value, or a page for the page
  cache) shows these tags, or changes by itself at `until` (the next scheduled publication,
  midnight). Kept values read inside pass their tags up, so a page knows all it depends on.
- **CacheTagged** models say, where they are defined, which tags their saves and deletes
  invalidate (`cache_tags()`); the receivers below invalidate the tags of the old and the new
  state, so an object leaving a list clears that list too.
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as dt_time
from typing import Any, NamedTuple, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils.translation import get_language

SITE = "site"
CLOCK_KEY = "frontcms:cache:clock"
T = TypeVar("T")


# --- tags -----------------------------------------------------------------------------------------
def tag(what: models.Model | type[models.Model], pk: Any = None, **filters: Any) -> str:
    """`news.article:42` for an object (or a model and a primary key), `news.article` for the
    model's lists, `news.article?category=5` for a narrower list."""
    if isinstance(what, models.Model):
        return f"{what._meta.label_lower}:{what.pk}"
    label = what._meta.label_lower
    if pk is not None:
        return f"{label}:{pk}"
    return label + "".join(f"?{name}={value}" for name, value in sorted(filters.items()))


@functools.lru_cache(maxsize=65_536)  # one string per tag, shared by the guesses below
def _generation_key(name: str) -> str:
    return f"frontcms:gen:{name}"


def clock() -> int | None:
    """The shared counter, started from the time in microseconds so that it never runs backwards
    if the cache loses it; None when the cache cannot be reached.

    The process that starts it gives the tag `site` a generation too, if it has none: entries
    kept apart from the shared cache (pages, read_entry) are good only while it has one, so none
    stored before the shared cache was emptied is served after."""
    value = cache.get(CLOCK_KEY)
    if value is None:
        started = time.time_ns() // 1000
        if cache.add(CLOCK_KEY, started, None):
            cache.add(_generation_key(SITE), _starting_point(started), None)
        value = cache.get(CLOCK_KEY)
    return value


def _tick() -> int | None:
    try:
        return cache.incr(CLOCK_KEY)
    except ValueError:  # not there yet (or the cache is unreachable)
        if clock() is None:
            return None
        try:
            return cache.incr(CLOCK_KEY)
        except ValueError:
            return None


# --- invalidation ---------------------------------------------------------------------------------
_pending = threading.local()


def _bump(tags) -> None:
    """Move the counter on, give the tags its value, and move it on again. What is computed starts
    from the counter minus one (_starting_point): a reader who read the counter between the first
    move and the generations' write (and so the old generations) counts as older than the change,
    while one who reads it after the second move counts as newer."""
    generation = _tick()
    if generation is not None and tags:
        cache.set_many({_generation_key(name): generation for name in tags}, None)
        _tick()


def _starting_point(counter: int | None) -> int | None:
    """The starting point of a computation that read the counter at `counter` (see _bump)."""
    return None if counter is None else counter - 1


def _bump_pending() -> None:
    tags = getattr(_pending, "tags", None)
    _pending.tags = set()
    if tags:  # the first callback of a transaction bumps everything it saved, the others nothing
        _bump(tags)


def invalidate(*tags: str) -> None:
    """Everything kept with any of these tags is stale from now on, on every server.

    Inside a transaction the tags move again when it commits: a reader who read the old rows
    after the first move would otherwise keep them under the new generation."""
    if not tags:
        return
    _bump(tags)
    if transaction.get_connection().in_atomic_block:
        if not hasattr(_pending, "tags"):
            _pending.tags = set()
        _pending.tags.update(tags)
        transaction.on_commit(_bump_pending)


# --- dependencies of what is being computed -------------------------------------------------------
@dataclass
class _Dependencies:
    start: int | None  # the counter before computing: a newer generation means a change since
    until: float  # when the result stops being correct by itself (a timestamp)
    tags: set[str] = field(default_factory=lambda: {SITE})
    declared: bool = False  # depends_on() was called here (not only by kept values inside)
    ahead: _ReadAhead | None = None  # cache keys read at the start, shared with kept values inside
    parts: list[str] = field(default_factory=list)  # keys of the kept values used here

    def take(self, tags, until: float) -> None:
        self.tags.update(tags)
        self.until = min(self.until, until)


_computing: ContextVar[_Dependencies | None] = ContextVar("frontcms_cache_computing", default=None)


def _timestamp(moment: datetime | float | None) -> float:
    if moment is None:
        return float("inf")
    return moment.timestamp() if isinstance(moment, datetime) else float(moment)


def next_midnight() -> datetime:
    """The coming local midnight: when the date in the header, and whatever depends on today
    (a ward dissolved today, memberships ending today), changes."""
    from django.utils import timezone

    tomorrow = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, dt_time.min))


def depends_on(*tags: str, until: datetime | None = None) -> None:
    """What is being computed shows `tags`, and changes by itself at `until` (if given).

    Outside any kept value or cached page (staff, a visitor with a session) it does nothing."""
    current = _computing.get()
    if current is not None:
        current.take(tags, _timestamp(until))
        current.declared = True


class _Entry(NamedTuple):
    start: int
    tags: frozenset[str]
    until: float
    value: Any


class _ReadAhead:
    """Cache keys read in one round trip when a page starts to be computed (the kept values the
    same page used last time, and their generations), so that its kept values need no round trip
    of their own. A value read ahead is as good as one read at that moment: the page's starting
    point was read in the same round trip, so a change made since is newer than the page."""

    def __init__(self, keys):
        # In order: a backend that reads one key at a time (Django's own local memory) must read the
        # starting point before the generations, or a change made in between would look older than
        # the page. (Redis's MGET and frontcms.cache_backends.LocalMemoryCache read all at once.)
        keys = list(dict.fromkeys(keys))
        self.asked = set(keys)
        self.found = cache.get_many(keys) if keys else {}
        self.good: dict[str, _Entry] = {}  # kept values found good once: the same for this page

    def forget(self, key: str) -> None:
        """`key` was stored since: read it again if it is used again."""
        self.asked.discard(key)
        self.found.pop(key, None)
        self.good.pop(key, None)

    def get_many(self, keys) -> dict[str, Any]:
        found = {key: self.found[key] for key in keys if key in self.found}
        unread = [key for key in keys if key not in self.asked]
        if unread:
            found.update(cache.get_many(unread))
        return found


def _get_many(keys, ahead: _ReadAhead | None) -> dict[str, Any]:
    return ahead.get_many(keys) if ahead is not None else cache.get_many(keys)


def _still_good(
    entry: _Entry, generations: dict[str, Any], asked: set[str], ahead: _ReadAhead | None = None
) -> bool:
    if not isinstance(entry, _Entry) or entry.until <= time.time():
        return False
    unread = [_generation_key(name) for name in entry.tags if _generation_key(name) not in asked]
    if unread:
        generations = {**generations, **_get_many(unread, ahead)}
    # A tag never invalidated since the cache was emptied has no generation: it has not changed.
    return all(generations.get(_generation_key(name), 0) <= entry.start for name in entry.tags)


def _longest() -> float:
    return time.time() + settings.PAGE_CACHE_SECONDS


class Computation:
    """The dependencies collected while one kept value or one page is computed (kept() and the
    page cache use it; views and templates only call depends_on)."""

    def __init__(
        self, start: int | None, until: datetime | None = None, tags=(), ahead: _ReadAhead | None = None
    ):
        outer = _computing.get()
        self.dependencies = _Dependencies(start, min(_longest(), _timestamp(until)))
        self.dependencies.tags.update(tags)
        self.dependencies.ahead = ahead if ahead is not None else outer.ahead if outer is not None else None

    @classmethod
    def for_page(cls, page: str) -> Computation:
        """A page's computation: its starting point, the kept values `page` used last time in this
        process (or, for a page not seen yet, those the last pages had in common: the header, menu
        and sidebar) and their generations, all in one round trip."""
        keys = [CLOCK_KEY]
        for part in _usual_parts.get(page, _usual_parts.get(_LAST_PAGE, ())):
            keys += [part, *_guessed_generations(part)]
        ahead = _ReadAhead(keys)
        counter = ahead.found.get(CLOCK_KEY)
        if counter is None:  # the counter was lost: what was read before it is started again is too old
            counter, ahead = clock(), _ReadAhead(())
        return cls(_starting_point(counter), ahead=ahead)

    def remember_parts(self, page: str) -> None:
        """The kept values this page used: read ahead the next time it is computed."""
        if len(_usual_parts) >= _GUESSES_KEPT:
            _usual_parts.clear()
        parts = _usual_parts[page] = tuple(dict.fromkeys(self.dependencies.parts))
        shared = tuple(part for part in _usual_parts.get(_LAST_PAGE, ()) if part in parts)
        _usual_parts[_LAST_PAGE] = shared or parts

    def __enter__(self) -> _Dependencies:
        self._token = _computing.set(self.dependencies)
        return self.dependencies

    def __exit__(self, *exc) -> None:
        _computing.reset(self._token)

    def entry(self, value) -> _Entry | None:
        found = self.dependencies
        if found.start is None:
            return None  # the cache is unreachable: nothing to compare with later
        return _Entry(found.start, frozenset(found.tags), found.until, value)


def pass_up(tags, until: float) -> None:
    """A kept value was used: what is being computed around it depends on what it depends on."""
    current = _computing.get()
    if current is not None:
        current.take(tags, until)


# The generation keys each entry had when this process last read or stored it: a guess, read in the
# same round trip as the entry, so that a hit usually costs one round trip, not two. A wrong or
# missing guess costs the second round trip, never a stale answer (_still_good reads what is missing).
class _Guess(NamedTuple):
    tags: frozenset[str]
    generation_keys: tuple[str, ...]


_guesses: dict[str, _Guess] = {}
_GUESSES_KEPT = 10_000  # kept values per process; then the guesses start again


def _guessed_generations(key: str) -> tuple[str, ...]:
    guess = _guesses.get(key)
    return guess.generation_keys if guess is not None else ()


def _guess(key: str, entry: _Entry) -> None:
    known = _guesses.get(key)
    if known is not None and known.tags == entry.tags:
        return
    if len(_guesses) >= _GUESSES_KEPT:
        _guesses.clear()
    _guesses[key] = _Guess(entry.tags, tuple(_generation_key(name) for name in entry.tags))


# The kept values each page used when this process last computed it (see Computation.for_page).
_usual_parts: dict[str, tuple[str, ...]] = {}
_LAST_PAGE = ""


def read_entry(
    key: str, also: tuple[str, ...] = (), ahead: _ReadAhead | None = None, *, kept_in=None
) -> tuple[_Entry | None, dict[str, Any]]:
    """The entry stored at `key` if it is still good, and whatever else was read with it
    (the keys in `also`, in the same round trip, or found in what was read ahead).

    `kept_in`: another cache holding the entry (pages: frontcms.page_cache). Its generations
    are read from the shared cache, and it is good only while that cache knows the generation of
    `site` (clock()): an emptied shared cache, or one out of reach, has lost or cannot record the
    changes made since, so it vouches for nothing kept apart from it."""
    if kept_in is not None:
        entry = kept_in.get(key)
        if not isinstance(entry, _Entry):
            return None, {}
        asked = [_generation_key(name) for name in entry.tags]  # `site` among them
        generations = cache.get_many(asked)
        good = _generation_key(SITE) in generations and _still_good(entry, generations, set(asked))
        return (entry if good else None), {}
    asked = (*also, *_guessed_generations(key))
    found = _get_many([key, *asked], ahead)
    entry = found.pop(key, None)
    if entry is not None and _still_good(entry, found, set(asked), ahead):
        _guess(key, entry)
        return entry, found
    return None, found


_storing: ContextVar[bool] = ContextVar("frontcms_cache_storing", default=True)


@contextmanager
def storing_nothing() -> Iterator[None]:
    """Inside, values are computed as usual but nothing is stored: for a trial run whose database
    writes are rolled back afterwards (frontcms.legacy_paths.portal_answers), so that what it saw
    is never served."""
    token = _storing.set(False)
    try:
        yield
    finally:
        _storing.reset(token)


def store_entry(key: str, entry: _Entry | None, *, kept_in=None) -> None:
    """Store `entry` at `key`, in the shared cache or in `kept_in` (see read_entry)."""
    if entry is None or not _storing.get():
        return
    seconds = int(entry.until - time.time())
    if seconds < 1:
        return
    if kept_in is not None:
        kept_in.set(key, entry, seconds)
        return
    cache.set(key, entry, seconds)
    _guess(key, entry)


def kept_key(name: str) -> str:
    """The cache key of the kept value `name` (for tests and debugging)."""
    raw = f"{name}:{get_language()}"  # fragments hold translated text: one per language
    if len(raw) > 180:
        raw = hashlib.sha256(raw.encode()).hexdigest()
    return f"frontcms:kept:{raw}"


def kept(name: str, compute: Callable[[], T], *, tags=(), until: datetime | float | None = None) -> T:
    """`compute()`, kept in the cache until one of its tags changes or `until` passes.

    `tags` and `until` are what is known beforehand; `compute` may add more with depends_on()
    (an object's own tag once it is found). An exception (Http404) is never kept."""
    key = kept_key(name)
    outer = _computing.get()
    known = (SITE, *tags)
    also = tuple(_generation_key(name) for name in known)
    if outer is not None:
        outer.parts.append(key)
    ahead = outer.ahead if outer is not None else None
    if ahead is not None and key in ahead.good:
        entry = ahead.good[key]  # used again by the same page (the site settings, say)
    else:
        entry, _found = read_entry(key, also, ahead)
        if entry is not None and ahead is not None:
            ahead.good[key] = entry
    if entry is None:
        # Inside a page, the page's starting point: older, so never newer than what was read.
        # Outside, the counter is read only now: read with every value, it would make each read
        # a round trip to Redis while writes move it (near copies, frontcms.cache_backends).
        start = outer.start if outer is not None else _starting_point(clock())
        computation = Computation(start, until, known)
        with computation as dependencies:
            value = compute()
        store_entry(key, computation.entry(value))
        if dependencies.ahead is not None:
            dependencies.ahead.forget(key)
        pass_up(dependencies.tags, dependencies.until)
        return value
    pass_up(entry.tags, entry.until)
    return entry.value


def kept_with_page(name: str, compute: Callable[[], T]) -> T:
    """`compute()` kept as a part of the page being computed, with every tag and `until` the page
    has so far: for HTML that shows only what the view gave it (the view declared what it shows
    before the template is rendered) and kept values (read inside, they add their own). Outside
    a page that is being kept (staff, a visitor with a session, a view that declared nothing) it
    is computed in place. `{% keep %}` (frontcms_tags) keeps a page's `<head>` this way."""
    current = _computing.get()
    if current is None or not current.declared:
        return compute()
    return kept(name, compute, tags=tuple(current.tags - {SITE}), until=current.until)


# --- models that opt in ---------------------------------------------------------------------------
class CacheTagged:
    """Mixin for models whose saves and deletes change what readers see.

    `cache_tags()` returns the tags this object invalidates in its current state: by default its
    own tag and its model's lists. Publishable models name their lists only while published, so a
    draft saved as a draft clears nothing that readers see."""

    def cache_tags(self) -> set[str]:
        return {tag(self), tag(type(self))}


def _tags_of(instance) -> set[str]:
    return set(instance.cache_tags())


@receiver(pre_save, dispatch_uid="frontcms-cache-old-state")
def _remember_old_state(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, CacheTagged) or instance.pk is None:
        return
    old = type(instance)._default_manager.filter(pk=instance.pk).first()
    instance.cache_tags_before = _tags_of(old) if old is not None else set()


@receiver(post_save, dispatch_uid="frontcms-cache-saved")
def _saved(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, CacheTagged):
        return
    invalidate(*(getattr(instance, "cache_tags_before", set()) | _tags_of(instance)))
    instance.cache_tags_before = set()


@receiver(pre_delete, dispatch_uid="frontcms-cache-deleting")
def _deleting(sender, instance, **kwargs):
    if isinstance(instance, CacheTagged):
        instance.cache_tags_before = _tags_of(instance)  # related rows are still there


@receiver(post_delete, dispatch_uid="frontcms-cache-deleted")
def _deleted(sender, instance, **kwargs):
    if isinstance(instance, CacheTagged):
        invalidate(*getattr(instance, "cache_tags_before", {tag(instance)}))


@receiver(m2m_changed, dispatch_uid="frontcms-cache-relations")
def _relations_changed(sender, instance, action, model, pk_set=None, **kwargs):
    if not isinstance(instance, CacheTagged):
        return
    if action.startswith("pre_"):
        instance.cache_tags_before = _tags_of(instance)
        return
    changed = getattr(instance, "cache_tags_before", set()) | _tags_of(instance)
    # The objects on the other side may show this one on their own pages (all of them, after a clear).
    changed |= {tag(model)} if pk_set is None else {tag(model, pk) for pk in pk_set}
    invalidate(*changed)


@receiver(post_migrate, dispatch_uid="frontcms-cache-release")
def _new_release(sender, **kwargs):
    """A deploy runs `migrate`: nothing kept by the previous release (HTML from old templates,
    pickled model instances) is read by the new one."""
    invalidate(SITE)
