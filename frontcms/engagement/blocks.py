"""Blocks for the home page and the sidebar: most read, poll, visitor statistics."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone

from frontcms.cache import depends_on, tag

from . import api
from .models import Poll
from .templatetags.engagement_tags import counter_id

MOST_READ_COUNT = 5
MOST_READ_SECONDS = 300


def most_read_context(request: HttpRequest) -> dict:
    """The most read public objects of every countable model (one query per model). The block is
    kept for MOST_READ_SECONDS: views invalidate nothing, and engagement.js brings its figures
    up to date on load."""
    until = timezone.now() + datetime.timedelta(seconds=MOST_READ_SECONDS)
    depends_on(*(tag(model) for model in api.countable_models()), until=until)
    candidates = []
    for model in api.countable_models():
        queryset = api.public_queryset(model).filter(view_count__gt=0).order_by("-view_count", "-pk")
        candidates.extend(queryset[:MOST_READ_COUNT])
    candidates.sort(key=lambda obj: obj.view_count, reverse=True)
    items = [
        {
            "title": str(obj),
            "url": obj.get_absolute_url(),
            "view_count": obj.view_count,
            "counter": counter_id(obj),
        }
        for obj in candidates[:MOST_READ_COUNT]
    ]
    return {"items": items}


def poll_context(request: HttpRequest) -> dict:
    """The newest open poll placed in the sidebar, with its choices. Polls follow `site`; the
    block turns by itself when a sidebar poll opens or closes (next_poll_change)."""
    depends_on(until=next_poll_change())
    poll = Poll.objects.open().filter(show_in_sidebar=True).prefetch_related("choices").first()
    if poll is not None:
        poll.choice_list = list(poll.choices.all())
    return {"poll": poll}


def stats_context(request: HttpRequest) -> dict:
    return {"stats": api.visitor_stats()}


def next_poll_change():
    """When a sidebar poll opens or closes next: the sidebar must not outlive that moment."""
    from django.db.models import Min, Q

    now = timezone.now()
    polls = Poll.objects.filter(is_active=True, show_in_sidebar=True)
    result = polls.aggregate(
        opens=Min("opens_at", filter=Q(opens_at__gt=now)),
        closes=Min("closes_at", filter=Q(closes_at__gt=now)),
    )
    moments = [m for m in result.values() if m is not None]
    return min(moments) if moments else None
