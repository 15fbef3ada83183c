"""Chainable query logic of the committees app: which memberships are current, leadership, terms."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone


def _today(on: datetime.date | None) -> datetime.date:
    return on or timezone.localdate()


class PersonQuerySet(models.QuerySet):
    def matching(self, folded_words: list[str]):
        """People whose folded name contains every folded word (accent-insensitive search)."""
        qs = self
        for word in folded_words:
            qs = qs.filter(search_name__contains=word)
        return qs if folded_words else self.none()


class MembershipQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("person", "position", "organization", "term", "represents")

    def active_on(self, on: datetime.date | None = None):
        """Held on day `on` (today by default). A membership ends on its end date, or with its term
        when it has none (`range_end`); a successor may start that same day, so the range is
        half-open: start <= day < end."""
        day = _today(on)
        return self.filter(Q(range_end__isnull=True) | Q(range_end__gt=day), start_date__lte=day)

    def current(self):
        return self.active_on(None)

    def past(self):
        return self.filter(range_end__lte=timezone.localdate())

    def leadership(self):
        return self.filter(position__is_leadership=True)

    def in_rank_order(self):
        return self.order_by("position__rank", "start_date", "pk")

    def overlapping(self, start: datetime.date, end: datetime.date | None):
        """Memberships whose half-open [start, end) range overlaps the given one (None = open end)."""
        qs = self.filter(Q(range_end__isnull=True) | Q(range_end__gt=start))
        if end is not None:
            qs = qs.filter(start_date__lt=end)
        return qs


class TermQuerySet(models.QuerySet):
    def containing(self, day: datetime.date):
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)
