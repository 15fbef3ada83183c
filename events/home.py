"""Home-page blocks of the events app: the next events and the latest documents."""

from __future__ import annotations

import datetime

from django.db.models import Subquery
from django.utils import timezone

from frontcms.cache import depends_on, kept, tag

from .models import Document, Event, EventReport

UPCOMING_LIMIT = 5
DOCUMENTS_LIMIT = 5


def upcoming_context(request) -> dict:
    """The next events (soonest first); when none is planned, the latest past ones. Two queries at most."""
    depends_on(tag(Event))
    kept_next_change()
    now = timezone.now()
    events = list(Event.objects.published().soonest_first(now).with_cards()[:UPCOMING_LIMIT])
    past = False
    if not events:
        events = list(
            Event.objects.published().past(now).with_cards().order_by("-starts_at")[:UPCOMING_LIMIT]
        )
        past = True
    return {"events": events, "past": past}


def documents_context(request) -> dict:
    depends_on(tag(Document))
    kept_next_change()  # with the documents' own publications (one query shared with the events)
    documents = Document.objects.published().select_related("issuer").newest_first()[:DOCUMENTS_LIMIT]
    return {"documents": list(documents)}


def next_change() -> datetime.datetime | None:
    """Event pages, lists and the document library change by themselves when an event starts or
    ends, or a scheduled event, report or document appears.

    One statement of "first one after now" subqueries, each served by an index (status and
    start, end-or-start, publication time) instead of a scan of every event.
    """
    now = timezone.now()
    published = Event.objects.filter(status="published")

    def first_after(queryset, field: str):
        return Subquery(queryset.filter(**{f"{field}__gt": now}).order_by(field).values(field)[:1])

    subqueries = {
        "start": first_after(published, "starts_at"),
        # An event without an end moves to "past" when it starts, so end-or-start covers both.
        "end": first_after(published.with_end(), "end_or_start"),
        # A postponed event is past once its new time has come.
        "postponed": first_after(published.filter(event_status="postponed"), "postponed_to"),
        "publish": first_after(published, "published_at"),
        "next_document": first_after(Document.objects.filter(status="published"), "published_at"),
        "next_report": first_after(EventReport.objects.filter(status="published"), "published_at"),
    }
    # Any event row carries the subqueries; a portal without a single event asks the others directly.
    row = Event.objects.order_by().values(**subqueries).first()
    if row is None:
        row = {model.__name__: model.objects.next_publication() for model in (Document, EventReport)}
    moments = [value for value in row.values() if value is not None]
    return min(moments) if moments else None


def kept_next_change() -> datetime.datetime | None:
    """next_change(), kept until that moment, or until a published event or a scheduled document
    or report is saved. Whatever is being computed with it expires at that moment too."""

    def compute():
        moment = next_change()
        scheduled = (tag(Document, scheduled=True), tag(EventReport, scheduled=True))
        depends_on(tag(Event), *scheduled, until=moment)
        return moment

    return kept("events:next-change", compute)
