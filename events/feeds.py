"""iCalendar feeds (RFC 5545) built with the `icalendar` library.

Times carry TZID=Asia/Ho_Chi_Minh with a matching VTIMEZONE, so calendar apps anywhere show the
right local time. A cancelled event stays in the feed with STATUS:CANCELLED (subscribers' copies
are then marked cancelled instead of silently lingering); a postponed one moves to its new date.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from committees.models import Organization
from frontcms.cache import depends_on, tag
from frontcms.publishing import next_publication

from .models import Event, EventStatus

DEFAULT_DURATION = datetime.timedelta(hours=2)
FEED_LIMIT = 500
FEED_HISTORY = datetime.timedelta(days=366)


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//FrontCMS//Su kien//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _component(event: Event, request, tz) -> CalendarEvent:
    start = event.starts_at
    duration = (event.ends_at - event.starts_at) if event.ends_at else DEFAULT_DURATION
    status = "CONFIRMED"
    if event.event_status == EventStatus.CANCELLED:
        status = "CANCELLED"
    elif event.event_status == EventStatus.POSTPONED:
        if event.postponed_to:
            start = event.postponed_to
        else:
            status = "TENTATIVE"
    item = CalendarEvent()
    item.add("uid", f"su-kien-{event.pk}@{request.get_host().split(':')[0]}")
    item.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    item.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    item.add("dtstart", start.astimezone(tz))
    item.add("dtend", (start + duration).astimezone(tz))
    item.add("summary", event.title)
    url = request.build_absolute_uri(event.get_absolute_url())
    description = "\n\n".join(part for part in (event.summary, url) if part)
    item.add("description", description)
    location = event.venue or ("Trực tuyến" if event.is_online else "")
    if location:
        item.add("location", location)
    item.add("url", url)
    item.add("status", status)
    if event.organization_id:
        item.add(
            "organizer",
            f"mailto:no-reply@{request.get_host().split(':')[0]}",
            parameters={"CN": str(event.organization)},
        )
    item.add("categories", [event.get_kind_display()])
    return item


def calendar_response(events, request, name: str, filename: str) -> HttpResponse:
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    cal = _calendar(name)
    for event in events:
        cal.add_component(_component(event, request, tz))
    cal.add_missing_timezones()
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def events_ics(request):
    """`/su-kien/lich.ics`, all published events of the past year and the future; `?to-chuc=<slug>` narrows it."""
    # The page cache keeps the feed until an event or an organisation changes (PAGE_CACHE_SECONDS
    # at most, which bounds how far the year's window lags).
    depends_on(tag(Event), tag(Organization))
    next_publication(Event)
    events = Event.objects.published().select_related("organization")
    name = "Sự kiện"
    slug = request.GET.get("to-chuc", "").strip()
    if slug:
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            raise Http404
        events = events.filter(organization=organization)
        name = f"Sự kiện – {organization.name}"
    since = timezone.now() - FEED_HISTORY
    events = events.filter(starts_at__gte=since).order_by("starts_at")[:FEED_LIMIT]
    return calendar_response(events, request, name, "lich-su-kien.ics")


@require_safe
def event_ics(request, slug: str):
    """`/su-kien/<slug>/lich.ics`: one event, for "Thêm vào lịch"."""
    event = get_object_or_404(Event.objects.published().select_related("organization"), slug=slug)
    depends_on(tag(event), tag(Organization))
    return calendar_response([event], request, event.title, f"{event.slug[:80]}.ics")
