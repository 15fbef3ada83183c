"""Home-page blocks of the events app: the next events and the latest documents."""

from __future__ import annotations

import datetime

from django.db.models import Min
from django.utils import timezone

from frontcms.cache import cached_block

from .models import Document, Event

UPCOMING_LIMIT = 5
DOCUMENTS_LIMIT = 5


@cached_block("events:upcoming")
def upcoming_context(request) -> dict:
    """The next events (soonest first); when none is planned, the latest past ones. Two queries at most."""
    now = timezone.now()
    events = list(Event.objects.published().upcoming(now).with_cards().order_by("starts_at")[:UPCOMING_LIMIT])
    past = False
    if not events:
        events = list(
            Event.objects.published().past(now).with_cards().order_by("-starts_at")[:UPCOMING_LIMIT]
        )
        past = True
    return {"events": events, "past": past}


@cached_block("events:documents")
def documents_context(request) -> dict:
    documents = Document.objects.published().select_related("issuer").newest_first()[:DOCUMENTS_LIMIT]
    return {"documents": list(documents)}


def next_change() -> datetime.datetime | None:
    """Event pages and lists change by themselves when an event starts or ends, or a scheduled one appears."""
    now = timezone.now()
    values = Event.objects.filter(status="published").aggregate(
        start=Min("starts_at", filter=_after("starts_at", now)),
        end=Min("ends_at", filter=_after("ends_at", now)),
        publish=Min("published_at", filter=_after("published_at", now)),
    )
    moments = [v for v in values.values() if v is not None]
    return min(moments) if moments else None


def _after(field: str, now):
    from django.db.models import Q

    return Q(**{f"{field}__gt": now})
