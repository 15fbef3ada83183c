"""Demo content of reader engagement: an open sidebar poll, a few approved reader comments, and
the last 30 days of views per day for the editors' readership chart."""

from __future__ import annotations

import datetime
import math
import random

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from . import api
from .models import Choice, Comment, CommentStatus, DailyViews, Poll

RECENT_DAYS = 30

POLL_QUESTION = "Bạn quan tâm mục gì nhất trên cổng thông tin của chúng tôi?"
POLL_CHOICES = ["Tin hoạt động của Mặt trận", "Lịch công tác", "Văn bản, hướng dẫn", "Tổ chức, nhân sự"]
COMMENTS = [
    ("Nguyễn Văn Bình", "Buổi tập huấn rất thiết thực, mong Mặt trận phường tổ chức thường xuyên hơn."),
    ("Trần Thị Hoa", "Đề nghị đăng thêm tài liệu hội nghị để bà con khu dân cư tiện theo dõi."),
]


def seed(out) -> None:
    poll, created = Poll.objects.get_or_create(
        question=POLL_QUESTION, defaults={"opens_at": timezone.now() - timezone.timedelta(days=1)}
    )
    if created:
        Choice.objects.bulk_create(
            Choice(poll=poll, text=text, order=n) for n, text in enumerate(POLL_CHOICES)
        )
    comments = 0
    for model in api.countable_models():
        if not hasattr(model, "allow_comments"):
            continue
        for obj in api.public_queryset(model).filter(allow_comments=True).order_by("-pk")[:2]:
            ct = ContentType.objects.get_for_model(obj)
            for name, text in COMMENTS:
                _, made = Comment.objects.get_or_create(
                    content_type=ct,
                    object_id=obj.pk,
                    name=name,
                    text=text,
                    defaults={"status": CommentStatus.APPROVED},
                )
                comments += made
    out.write(f"  Engagement: poll {'created' if created else 'kept'}, {comments} new comments")
    seed_daily_views(out)


# --- views per day ------------------------------------------------------------------------------
# {(model label, pk): {local day: views}}, the shape of a readership history.
ViewsByDay = dict[tuple[str, int], dict[datetime.date, int]]


def store_daily_views(views: ViewsByDay) -> int:
    """Write a history of views per day (DailyViews) into an empty table; returns the rows written.
    Any source of figures can feed it (this module's `recent_views`, a longer demo history)."""
    if DailyViews.objects.exists():
        return 0
    types = {}
    rows = []
    for (label, pk), per_day in views.items():
        if label not in types:
            types[label] = ContentType.objects.get_by_natural_key(*label.split("."))
        rows.extend(
            DailyViews(content_type=types[label], object_id=pk, day=day, views=count)
            for day, count in per_day.items()
            if count > 0
        )
    DailyViews.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def recent_views(objects: list[models.Model], *, today: datetime.date, seed: int = 2024) -> ViewsByDay:
    """Plausible views per day over the last RECENT_DAYS days, within each object's `view_count`:
    most on the day it came out and fewer each day after, fewer at weekends."""
    rng = random.Random(seed)
    first = today - datetime.timedelta(days=RECENT_DAYS - 1)
    history: ViewsByDay = {}
    for obj in objects:
        published = timezone.localdate(obj.published_at)
        days = [first + datetime.timedelta(days=n) for n in range(RECENT_DAYS)]
        days = [day for day in days if day >= published]
        if not days or not obj.view_count:
            continue
        weights = [
            math.exp(-(day - published).days / 6) * (0.55 if day.weekday() >= 5 else 1.0) + 0.02
            for day in days
        ]
        # Part of an older item's views came before the last 30 days.
        share = 1.0 if published >= first else rng.uniform(0.15, 0.4)
        total = int(obj.view_count * share)
        scale = total / sum(weights)
        per_day = {
            day: round(weight * scale * rng.uniform(0.8, 1.2))
            for day, weight in zip(days, weights, strict=True)
        }
        excess = sum(per_day.values()) - obj.view_count
        if excess > 0:  # never more views in 30 days than the object has ever had
            per_day[days[0]] = max(0, per_day[days[0]] - excess)
        history[(obj._meta.label_lower, obj.pk)] = per_day
    return history


def seed_daily_views(out) -> None:
    objects = [obj for model in api.countable_models() for obj in api.public_queryset(model)]
    written = store_daily_views(recent_views(objects, today=timezone.localdate()))
    out.write(f"  Engagement: {written} days × items of views for the readership chart")
