"""Public API of reader engagement for the content apps.

- `register_countable(Model)`: the model's objects get view counting, ratings and comments. The
  model needs a `view_count` integer field; a `published()` queryset method limits all of this to
  public objects; an `allow_comments` boolean field opens comments (absent: comments closed).
  The models in the ENGAGEMENT_MODELS setting (default news.Article, events.Event,
  events.Document) are
  registered when the app starts, so the content apps need no code of their own.
- Templates: `{% load engagement_tags %}` then `{% view_pixel obj %}`, `{% rating_block obj %}`,
  `{% comments_block obj %}`.
"""

from __future__ import annotations

import datetime
import random
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q, Sum
from django.http import HttpRequest
from django.utils import timezone

from frontcms.cache import depends_on, kept, tag
from frontcms.publishing import Publishable

from . import limits, privacy

DEFAULT_MODELS = ("news.Article", "events.Event", "events.Document")
VISIT_SHARDS = 16
ONLINE_MINUTES = 5
STATS_CACHE_SECONDS = 60

_countable: dict[str, type[models.Model]] = {}


def setting(name: str, default):
    return getattr(settings, name, default)


def register_countable(model: type[models.Model]) -> None:
    """Open `model` to view counting, ratings and comments (it must have a `view_count` field)."""
    model._meta.get_field("view_count")  # fails loudly at start-up when the field is missing
    _countable[model._meta.label_lower] = model


def register_default_models() -> None:
    for label in setting("ENGAGEMENT_MODELS", DEFAULT_MODELS):
        try:
            model = apps.get_model(label)
            register_countable(model)
        except (LookupError, ValueError, FieldDoesNotExist):
            # A content model without a view_count field yet is simply not counted.
            continue


def countable_models() -> list[type[models.Model]]:
    return list(_countable.values())


def is_countable(model: type[models.Model]) -> bool:
    return model._meta.label_lower in _countable


def public_queryset(model: type[models.Model]) -> models.QuerySet:
    manager = model._default_manager
    return manager.published() if hasattr(manager, "published") else manager.all()


def resolve_target_model(ct_id: int) -> type[models.Model] | None:
    """The registered model behind a content type id, or None (unknown or not registered)."""
    try:
        model = ContentType.objects.get_for_id(ct_id).model_class()
    except ContentType.DoesNotExist:
        return None
    return model if model is not None and is_countable(model) else None


def get_target(ct_id: int, object_id: int) -> models.Model | None:
    """The public object a reader may rate or comment on, or None."""
    model = resolve_target_model(ct_id)
    if model is None:
        return None
    return public_queryset(model).filter(pk=object_id).first()


class Target(NamedTuple):
    """A public object as the rating endpoint needs it: what to rate, and where to go back."""

    pk: int
    url: str


class _NotRateable(Exception):
    """Raised inside a kept computation so that nothing is kept (kept() never stores an error)."""


def rating_target(ct_id: int, object_id: int) -> Target | None:
    """get_target() for the rating endpoint, kept (frontcms.cache), so that rating an object
    costs no query to find it. Only a public object is kept, following its own tag (any save or
    delete): a Publishable object stays public as time passes until it is saved otherwise. An
    object that is not public is looked up each time, so ids that lead nowhere store nothing. A
    model that is not Publishable is looked up every time."""
    model = resolve_target_model(ct_id)
    if model is None:
        return None

    def find() -> Target:
        obj = get_target(ct_id, object_id)
        if obj is None:
            raise _NotRateable
        depends_on(tag(obj))
        return Target(obj.pk, obj.get_absolute_url())

    try:
        if not issubclass(model, Publishable):
            return find()
        return kept(f"engagement:target:{ct_id}.{object_id}", find)
    except _NotRateable:
        return None


def content_type_id(obj: models.Model) -> int:
    return ContentType.objects.get_for_model(obj).pk


def comments_open(obj: models.Model) -> bool:
    return bool(getattr(obj, "allow_comments", False))


# --- view counting --------------------------------------------------------------------------------
def is_staff_preview(request: HttpRequest, model: type[models.Model]) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    opts = model._meta
    return user.is_staff and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def first_in_window(scope: str, keys: list[str], seconds: int) -> bool:
    """Whether the reader with these keys (privacy.reader_keys) is new to `scope` within the
    window; it is then marked under all of its keys."""
    if not cache.add(f"engagement:{scope}:{keys[0]}", 1, seconds):
        return False
    for key in keys[1:]:
        cache.add(f"engagement:{scope}:{key}", 1, seconds)
    return True


def count_view(
    request: HttpRequest, model: type[models.Model], object_id: int, visitor: tuple[str, bool]
) -> bool:
    """Add one view to the object unless this reader (`visitor`: privacy.visitor_id) was counted
    within the window, is a bot or is staff previewing, or the address has had its day's share of
    views of the object (frontcms.engagement.limits): a script that changes its User-Agent or
    cookie on every request adds at most that share. The increment is one atomic UPDATE, exact
    under concurrency."""
    if privacy.is_bot(request) or is_staff_preview(request, model):
        return False
    window = int(setting("ENGAGEMENT_VIEW_WINDOW_MINUTES", 30)) * 60
    target = f"{model._meta.label_lower}.{object_id}"
    if not first_in_window(f"view:{target}", privacy.reader_keys(request, *visitor), window):
        return False
    if not limits.view_allowed(request, target):
        return False
    with transaction.atomic():
        updated = public_queryset(model).filter(pk=object_id).update(view_count=F("view_count") + 1)
        if updated:
            record_daily_view(model, object_id, timezone.localdate())
    return bool(updated)


def record_daily_view(model: type[models.Model], object_id: int, day: datetime.date) -> None:
    """One more view of the object on `day` (models.DailyViews): an atomic UPDATE of its row, which
    the day's first view creates."""
    from .models import DailyViews

    row = DailyViews.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=object_id, day=day
    )
    if row.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            DailyViews.objects.create(
                content_type=ContentType.objects.get_for_model(model), object_id=object_id, day=day, views=1
            )
    except IntegrityError:
        # Another reader's first view of the day created the row in the meantime.
        row.update(views=F("views") + 1)


# --- visitor statistics ---------------------------------------------------------------------------
def record_visit(day: datetime.date) -> None:
    """One more visit today, on a random shard row (no single hot row)."""
    shard = random.randrange(VISIT_SHARDS)
    from .models import VisitCounter

    if VisitCounter.objects.filter(day=day, shard=shard).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            VisitCounter.objects.create(day=day, shard=shard, count=1)
    except IntegrityError:
        # Another request created the row in the meantime.
        VisitCounter.objects.filter(day=day, shard=shard).update(count=F("count") + 1)


def record_online(keys: list[str]) -> None:
    """Mark the reader (privacy.reader_keys) as seen now; written at most once a minute per
    reader, and per address for browsers without a visitor cookie."""
    if not first_in_window("online", keys, 60):
        return
    visitor_hash = keys[-1]
    from .models import OnlineVisitor

    now = timezone.now()
    if OnlineVisitor.objects.filter(visitor_hash=visitor_hash).update(last_seen=now):
        return
    try:
        with transaction.atomic():
            OnlineVisitor.objects.create(visitor_hash=visitor_hash, last_seen=now)
    except IntegrityError:
        OnlineVisitor.objects.filter(visitor_hash=visitor_hash).update(last_seen=now)


def visitor_stats() -> dict[str, int]:
    """Total, today, yesterday (portal time zone) and online now; cached for a minute."""
    today = timezone.localdate()
    key = f"engagement:stats:{today.isoformat()}"  # "today" starts afresh at midnight
    stats = cache.get(key)
    if stats is None:
        from .models import OnlineVisitor, VisitCounter

        yesterday = today - datetime.timedelta(days=1)
        # One aggregate for the three sums: the sidebar of every page shows them.
        sums = VisitCounter.objects.aggregate(
            total=Sum("count"),
            today=Sum("count", filter=Q(day=today)),
            yesterday=Sum("count", filter=Q(day=yesterday)),
        )
        since = timezone.now() - datetime.timedelta(minutes=ONLINE_MINUTES)
        stats = {
            **{name: value or 0 for name, value in sums.items()},
            "online": OnlineVisitor.objects.filter(last_seen__gte=since).count(),
        }
        cache.set(key, stats, STATS_CACHE_SECONDS)
    return stats
