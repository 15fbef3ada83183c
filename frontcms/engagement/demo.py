"""Demo content of reader engagement: a sidebar poll with its votes, a year of visitor figures,
view counts, a few ratings and approved reader comments.

All of it goes only to what the same `seed_demo` run created (`DemoRun`): an article someone
wrote is never given comments, ratings or views, and a second run adds nothing. The history of
readers is made by one function, `readership_history`, day by day; the views per day of each
object go into the editors' readership table (`DailyViews`, through `store_daily_views`), so the
admin's chart and every object's view count tell the same story.
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from frontcms.demo import DemoRun

from . import api
from .models import Choice, Comment, CommentStatus, DailyViews, Poll, PollVote, Rating, VisitCounter

POLL_QUESTION = "Bạn quan tâm mục gì nhất trên cổng thông tin của chúng tôi?"
# (choice, share of the votes)
POLL_CHOICES = [
    ("Tin hoạt động của Mặt trận", 0.38),
    ("Lịch công tác", 0.17),
    ("Văn bản, hướng dẫn", 0.27),
    ("Tổ chức, nhân sự", 0.18),
]
POLL_VOTES = 184
# Readers' comments that fit any news of a Front committee, with invented names.
COMMENTS = [
    (
        "Nguyễn Văn Bình",
        "Cảm ơn Ban biên tập đã đưa tin kịp thời, bà con khu dân cư chúng tôi rất phấn khởi.",
    ),
    ("Trần Thị Hoa", "Đề nghị đăng thêm tài liệu của hội nghị để bà con khu dân cư tiện theo dõi."),
    ("Lê Minh Tuấn", "Mong Mặt trận phường nhân rộng cách làm này ra các khu dân cư khác."),
    ("Phạm Thu Trang", "Việc làm rất ý nghĩa. Gia đình tôi xin đăng ký tham gia đợt sau, liên hệ với ai ạ?"),
    (
        "Đỗ Quang Hải",
        "Tôi là trưởng ban công tác Mặt trận khu dân cư, thấy nội dung này rất thiết thực với cơ sở.",
    ),
    ("Vũ Thị Lan", "Đề nghị thông báo sớm lịch các hoạt động để người đi làm cũng sắp xếp tham dự được."),
]
HISTORY_DAYS = 365


@dataclass
class Readership:
    """A year of readers, by local day: visitors of the portal and views of each demo object."""

    visits: dict[datetime.date, int] = field(default_factory=dict)
    views: dict[tuple[str, int], dict[datetime.date, int]] = field(default_factory=dict)

    def view_count(self, obj: models.Model) -> int:
        return sum(self.views.get((obj._meta.label_lower, obj.pk), {}).values())


def _share_of_day_left(moment: datetime.datetime) -> float:
    """How much of a day's reading is still to come at `moment`: a few readers at night, most of
    them between 6:00 and 23:00."""
    local = timezone.localtime(moment)
    hours = local.hour + local.minute / 60
    if hours < 6:
        read = 0.04 * hours / 6
    elif hours < 23:
        read = 0.04 + 0.92 * (hours - 6) / 17
    else:
        read = 0.96 + 0.04 * (hours - 23)
    return 1 - read


def readership_history(
    objects: list[models.Model], *, now: datetime.datetime, seed: int = 2024
) -> Readership:
    """Visitors per day over the last year and the views of `objects` (articles, events) per day.

    Visitors: a base that grows slowly over the year, fewer at weekends (a portal read at work),
    noise, a little more on days with news, and today only as far as it has gone. Views: each
    object is read most the day it comes out and less every day after (a week's half-life), with a
    long tail; featured news more; an event again in the days before it takes place."""
    rng = random.Random(seed)
    today = timezone.localdate(now)
    first = today - datetime.timedelta(days=HISTORY_DAYS)
    weekday_factor = [1.05, 1.0, 1.0, 0.97, 0.9, 0.55, 0.45]
    published = [(obj, timezone.localdate(obj.published_at)) for obj in objects if obj.published_at <= now]
    news_days = {}
    for _, day in published:
        news_days[day] = news_days.get(day, 0) + 1
    history = Readership()
    for offset in range(HISTORY_DAYS + 1):
        day = first + datetime.timedelta(days=offset)
        base = 150 + 80 * offset / HISTORY_DAYS
        visits = base * weekday_factor[day.weekday()] * (1 + rng.gauss(0, 0.08))
        visits *= 1 + 0.12 * min(news_days.get(day, 0), 3)
        if day == today:
            visits *= 1 - _share_of_day_left(now)
        history.visits[day] = max(0, round(visits))

    for obj, published_day in published:
        key = (obj._meta.label_lower, obj.pk)
        weight = 0.12 * (1.6 if getattr(obj, "is_featured", False) else 1.0) * rng.uniform(0.7, 1.3)
        starts = getattr(obj, "starts_at", None)
        event_day = timezone.localdate(starts) if starts else None
        per_day = {}
        day = max(published_day, first)
        while day <= today:
            age = (day - published_day).days
            attention = math.exp(-age / 7) + 0.015
            if event_day is not None and -5 <= (event_day - day).days <= 1:
                attention += 0.5  # read again in the days before an event
            if day == published_day:
                attention *= _share_of_day_left(obj.published_at)
            if day == today:
                attention *= 1 - _share_of_day_left(now)
            views = history.visits[day] * weight * attention * rng.uniform(0.75, 1.25)
            if views >= 0.5 or rng.random() < views:
                per_day[day] = max(1, round(views))
            day += datetime.timedelta(days=1)
        history.views[key] = per_day
    return history


def store_daily_views(views: dict[tuple[str, int], dict[datetime.date, int]]) -> int:
    """Write views per day ({(model label, pk): {local day: views}}) into DailyViews, the table the
    admin's readership chart reads; a day already there is left alone. Returns the rows written."""
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
    DailyViews.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    return len(rows)


def _created_public(run: DemoRun, model) -> list[models.Model]:
    pks = [obj.pk for obj in run.objects(model)]
    return list(api.public_queryset(model).filter(pk__in=pks))


def seed(out, run: DemoRun | None = None) -> None:
    run = run or DemoRun()
    rng = random.Random(2024)
    poll, created = Poll.objects.get_or_create(
        question=POLL_QUESTION, defaults={"opens_at": run.now - datetime.timedelta(days=45)}
    )
    if created:
        choices = Choice.objects.bulk_create(
            Choice(poll=poll, text=text, order=n) for n, (text, _) in enumerate(POLL_CHOICES)
        )
        weights = [share for _, share in POLL_CHOICES]
        PollVote.objects.bulk_create(
            PollVote(
                poll=poll,
                choice=rng.choices(choices, weights)[0],
                voter_hash=f"{rng.getrandbits(256):064x}",
                created_at=poll.opens_at + datetime.timedelta(minutes=rng.randint(10, 45 * 24 * 60 - 10)),
            )
            for _ in range(POLL_VOTES)
        )

    objects = [obj for model in api.countable_models() for obj in _created_public(run, model)]
    history = readership_history(objects, now=run.now)
    # Visitor figures describe the whole portal: written once, into an empty history.
    if objects and not VisitCounter.objects.exists():
        VisitCounter.objects.bulk_create(
            VisitCounter(day=day, shard=0, count=count) for day, count in history.visits.items() if count
        )
    for obj in objects:
        type(obj)._default_manager.filter(pk=obj.pk).update(view_count=history.view_count(obj))
    store_daily_views(history.views)

    comments = ratings = 0
    readable = sorted(
        (obj for obj in objects if getattr(obj, "allow_comments", False)),
        key=lambda obj: obj.published_at,
        reverse=True,
    )
    for n, obj in enumerate(readable[:8]):
        ct = ContentType.objects.get_for_model(obj)
        for name, text in rng.sample(COMMENTS, 1 + n % 3):
            written = obj.published_at + datetime.timedelta(hours=rng.uniform(2, 40))
            Comment.objects.create(
                content_type=ct,
                object_id=obj.pk,
                name=name,
                text=text,
                status=CommentStatus.APPROVED,
                created_at=min(written, run.now),
                moderated_at=min(written + datetime.timedelta(hours=2), run.now),
            )
            comments += 1
    for obj in readable[:16]:
        ct = ContentType.objects.get_for_model(obj)
        for _ in range(rng.randint(2, 9)):
            Rating.objects.create(
                content_type=ct,
                object_id=obj.pk,
                score=rng.choices([5, 4, 3, 2], [0.55, 0.3, 0.1, 0.05])[0],
                voter_hash=f"{rng.getrandbits(256):064x}",
                created_at=min(obj.published_at + datetime.timedelta(hours=rng.uniform(1, 72)), run.now),
            )
            ratings += 1
    out.write(
        f"  Engagement: poll {'created' if created else 'kept'}, {comments} comments, {ratings} ratings, "
        f"views for {len(objects)} new objects; {VisitCounter.objects.count()} days of visitor figures"
    )
