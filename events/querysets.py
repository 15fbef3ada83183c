"""Query logic of the events app: what readers see, in which order, with what related data."""

from __future__ import annotations

import datetime

from django.db.models import Case, F, Max, Min, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from frontcms.publishing import PublishableQuerySet, Status
from frontcms.text import nfc


def _can_preview(user, perm: str) -> bool:
    return bool(user and user.is_authenticated and user.is_staff and user.has_perm(perm))


def _scoped(queryset, user, field: str):
    """Unpublished objects a staff user may preview: all, or those of their organisations."""
    from committees.scoping import allowed_organization_ids

    ids = allowed_organization_ids(user)
    if ids is None:
        return queryset
    return queryset.filter(
        Q(status=Status.PUBLISHED, published_at__lte=timezone.now()) | Q(**{f"{field}__in": ids})
    )


def _postponed_to_come(now: datetime.datetime) -> Q:
    return Q(event_status="postponed", postponed_to__gte=now)


def _coming(now: datetime.datetime) -> Q:
    """Not over at `now` (on a queryset annotated by with_end)."""
    return Q(end_or_start__gte=now) | _postponed_to_come(now)


class EventQuerySet(PublishableQuerySet):
    def visible_to(self, user):
        """Published events for readers; staff who may edit events also preview unpublished ones."""
        if _can_preview(user, "events.change_event"):
            return _scoped(self.all(), user, "organization")
        return self.published()

    def with_end(self):
        """Annotate `end_or_start`: the end, or the start when no end is given."""
        if "end_or_start" in self.query.annotations:
            return self
        return self.annotate(end_or_start=Coalesce(F("ends_at"), F("starts_at")))

    def upcoming(self, now: datetime.datetime | None = None):
        """Not over yet: ends (or starts, without an end) at or after `now`, or postponed to a time
        at or after it."""
        return self.with_end().filter(_coming(now or timezone.now()))

    def past(self, now: datetime.datetime | None = None):
        return self.with_end().exclude(_coming(now or timezone.now()))

    def soonest_first(self, now: datetime.datetime):
        """Upcoming events by the time they come: a postponed one at its new time. An expression,
        not the bare start column: PostgreSQL then fetches the few upcoming events by their end
        (with_end's index) and sorts those, instead of walking the start index from the oldest
        past event (it cannot know that the upcoming ones all sit at its far end)."""
        coming_at = Coalesce(
            Case(When(_postponed_to_come(now), then=F("postponed_to")), default=None),
            F("starts_at"),
            F("ends_at"),
        )
        return self.upcoming(now).order_by(coming_at, "pk")

    def in_shown_status(self, key: str, now: datetime.datetime):
        """Events whose state readers see as `key` at `now` (Event.shown_status): a planned event
        is "ongoing" from its start and "held" once it ends (or starts, without an end)."""
        planned = Q(event_status="planned")
        over = Q(end_or_start__lte=now)
        shown = {
            "planned": planned & Q(starts_at__gt=now),
            "ongoing": planned & Q(starts_at__lte=now) & ~over,
            "held": Q(event_status="held") | (planned & over),
        }.get(key, Q(event_status=key))
        return self.with_end().filter(shown)

    def reader_order(self, now: datetime.datetime | None = None):
        """Upcoming events first, soonest first; then past events, most recent first."""
        now = now or timezone.now()
        upcoming = _coming(now)
        return (
            self.with_end()
            .annotate(
                is_past=Case(When(upcoming, then=Value(0)), default=Value(1)),
                # A postponed event comes at its new time.
                upcoming_start=Case(
                    When(_postponed_to_come(now), then=F("postponed_to")),
                    When(upcoming, then=F("starts_at")),
                    default=None,
                ),
                past_start=Case(When(upcoming, then=None), default=F("starts_at")),
            )
            .order_by(
                "is_past",
                F("upcoming_start").asc(nulls_last=True),
                F("past_start").desc(nulls_last=True),
                "-pk",
            )
        )

    def for_organization(self, organization):
        return self.filter(organization=organization)

    def in_week(self, monday: datetime.date):
        """Events starting (or moved to) the local week that begins on `monday`."""
        start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
        end = start + datetime.timedelta(days=7)
        return self.filter(
            Q(starts_at__gte=start, starts_at__lt=end) | Q(postponed_to__gte=start, postponed_to__lt=end)
        )

    def scheduled_span(self) -> tuple[datetime.datetime | None, datetime.datetime | None]:
        """The earliest and latest moment any of these events is scheduled for (its start, or the
        day it was moved to): one aggregate query; (None, None) when there are none."""
        span = self.aggregate(
            first_start=Min("starts_at"),
            last_start=Max("starts_at"),
            first_moved=Min("postponed_to"),
            last_moved=Max("postponed_to"),
        )
        firsts = [v for v in (span["first_start"], span["first_moved"]) if v is not None]
        lasts = [v for v in (span["last_start"], span["last_moved"]) if v is not None]
        return (min(firsts) if firsts else None, max(lasts) if lasts else None)

    def with_cards(self):
        """What a list item shows: organiser, term; no long text."""
        return self.select_related("organization", "term", "term__organization")

    def with_detail(self):
        """Everything the event page shows, in a fixed number of queries."""
        from .models import Document

        documents = Document.objects.published().select_related("issuer").prefetch_related("files")
        return self.select_related("organization", "term", "term__organization", "report").prefetch_related(
            "agenda_items",
            "connection_points",
            "people",
            "gallery_images",
            Prefetch("documents", queryset=documents, to_attr="public_documents"),
        )


def document_number_key(number: str) -> str:
    """A document number as compared for sameness: `123 / kh-mttq` is `123/KH-MTTQ`."""
    return "".join(nfc(number or "").split()).casefold()


class DocumentQuerySet(PublishableQuerySet):
    def numbered(self, number: str, *, issuer_id: int | None, year: int):
        """Documents that `issuer_id` issued in `year` under `number`, without regard to case or
        spaces: Vietnamese document numbers restart each year per issuer, so these three name one
        document. None without a number or an issuer. The issuer's documents of that year are
        compared in Python (two short columns; Unicode case folding that SQLite's lower() lacks)."""
        key = document_number_key(number)
        if not key or issuer_id is None:
            return self.none()
        same_year = self.filter(issuer_id=issuer_id, issued_on__year=year).values_list("pk", "number")
        return self.filter(pk__in=[pk for pk, other in same_year if document_number_key(other) == key])

    def visible_to(self, user):
        if _can_preview(user, "events.change_document"):
            return _scoped(self.all(), user, "issuer")
        return self.published()

    def newest_first(self):
        return self.order_by("-issued_on", "-pk")

    def with_cards(self):
        return self.select_related("issuer").prefetch_related("files")


class EventReportQuerySet(PublishableQuerySet):
    def visible_to(self, user):
        """Published reports; staff who may edit reports also preview those of their own scope."""
        if _can_preview(user, "events.change_eventreport"):
            return _scoped(self.all(), user, "event__organization")
        return self.published()
