"""events.home.next_change: the next moment event pages change by themselves (start, end, publication)."""

import datetime

import pytest
from django.utils import timezone

from events.home import next_change
from frontcms.publishing import Status
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def test_nothing_ahead_gives_none():
    EventFactory(starts_at=timezone.now() - 3 * HOUR)
    assert next_change() is None


def test_the_soonest_start_end_or_publication_wins():
    now = timezone.now()
    EventFactory(starts_at=now + 5 * HOUR)
    assert next_change() == now + 5 * HOUR
    # Started an hour ago and ends in four hours: it becomes "past" then.
    EventFactory(starts_at=now - HOUR, ends_at=now + 4 * HOUR)
    assert next_change() == now + 4 * HOUR
    # Scheduled to be published in two hours.
    EventFactory(starts_at=now + 9 * HOUR, published_at=now + 2 * HOUR)
    assert next_change() == now + 2 * HOUR


def test_unpublished_events_are_ignored():
    now = timezone.now()
    EventFactory(starts_at=now + HOUR, status=Status.DRAFT)
    EventFactory(starts_at=now + 6 * HOUR)
    assert next_change() == now + 6 * HOUR


def test_scheduled_documents_and_reports_count_too():
    from tests.factories import DocumentFactory, EventReportFactory

    now = timezone.now()
    DocumentFactory(published_at=now + 7 * HOUR)
    assert next_change() == now + 7 * HOUR  # no event at all: asked directly
    event = EventFactory(starts_at=now - 3 * HOUR)
    assert next_change() == now + 7 * HOUR
    EventReportFactory(event=event, published_at=now + 6 * HOUR)
    assert next_change() == now + 6 * HOUR
