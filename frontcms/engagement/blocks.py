"""Blocks for the home page and the sidebar: most read, poll, visitor statistics."""

from __future__ import annotations

from django.http import HttpRequest

from frontcms.cache import cached_for_version

from . import api
from .models import Poll

MOST_READ_COUNT = 5
MOST_READ_SECONDS = 300


def most_read_context(request: HttpRequest) -> dict:
    """The most read public objects of every countable model (one query per model, cached)."""

    def most_read() -> list[dict]:
        candidates = []
        for model in api.countable_models():
            queryset = api.public_queryset(model).filter(view_count__gt=0).order_by("-view_count", "-pk")
            candidates.extend(queryset[:MOST_READ_COUNT])
        candidates.sort(key=lambda obj: obj.view_count, reverse=True)
        return [
            {"title": str(obj), "url": obj.get_absolute_url(), "view_count": obj.view_count}
            for obj in candidates[:MOST_READ_COUNT]
        ]

    items = cached_for_version("engagement:most-read", most_read, MOST_READ_SECONDS)
    return {"items": items}


def poll_context(request: HttpRequest) -> dict:
    """The newest open poll placed in the sidebar, with its choices. The block's HTML is kept
    until content changes or a poll opens or closes (next_poll_change), so no cache of its own:
    one that outlived a closing time would put the closed poll back into the kept HTML."""
    poll = Poll.objects.open().filter(show_in_sidebar=True).prefetch_related("choices").first()
    if poll is not None:
        poll.choice_list = list(poll.choices.all())
    return {"poll": poll}


def stats_context(request: HttpRequest) -> dict:
    return {"stats": api.visitor_stats()}


def next_poll_change():
    """When a sidebar poll opens or closes next: cached pages must not outlive that moment."""
    from django.db.models import Min, Q
    from django.utils import timezone

    now = timezone.now()
    polls = Poll.objects.filter(is_active=True, show_in_sidebar=True)
    result = polls.aggregate(
        opens=Min("opens_at", filter=Q(opens_at__gt=now)),
        closes=Min("closes_at", filter=Q(closes_at__gt=now)),
    )
    moments = [m for m in result.values() if m is not None]
    return min(moments) if moments else None
