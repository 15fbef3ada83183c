"""Public views of events, the work schedule and the document library."""

from __future__ import annotations

import datetime
import re

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from committees.models import Organization
from frontcms.cache import depends_on, kept, next_midnight, tag
from frontcms.pagination import DeferredJoinPaginator, PaginationMixin
from frontcms.publishing import next_publication
from frontcms.text import WEEKDAYS
from frontcms.views import DependsOnMixin, OldSlugRedirectMixin

from .filters import DocumentFilter, EventFilter
from .home import kept_next_change
from .models import Document, Event, EventReport

WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{1,2})$")
RELATED_ARTICLES = 10


class EventListView(PaginationMixin, DependsOnMixin, FilterView):
    """`/su-kien/`: upcoming events first, then past ones; filterable, shareable filtered URLs."""

    filterset_class = EventFilter
    template_name = "events/event_list.html"
    context_object_name = "events"
    strict = False
    paginator_class = DeferredJoinPaginator  # the reader order sorts every event: ids only, then 20 rows

    def get_queryset(self):
        return Event.objects.published().with_cards().reader_order()

    def dependencies(self) -> None:
        # Events (upcoming ones first: starts and ends move them) and the organisations to filter by.
        depends_on(tag(Event), tag(Organization))
        kept_next_change()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [(_("Sự kiện"), None)]
        context["is_filtered"] = any(v for k, v in self.request.GET.items() if k != "trang")
        organization = getattr(self.filterset.form, "cleaned_data", {}).get("to-chuc")
        context["ics_url"] = reverse("events:ics") + (f"?to-chuc={organization.slug}" if organization else "")
        return context


class EventDetailView(OldSlugRedirectMixin, DependsOnMixin, DetailView):
    """`/su-kien/<slug>/`; staff who may edit events also see unpublished ones, with a banner."""

    template_name = "events/event_detail.html"
    head_is_per_path = True
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).with_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        report = getattr(event, "report", None) if hasattr(event, "report") else None
        if report is not None and not report.is_published and not self.may_preview(report):
            report = None
        context.update(
            report=report,
            articles=related_articles(event),
            is_preview=not event.is_published,
            breadcrumbs=[(_("Sự kiện"), event_list_url()), (event.title, None)],
        )
        return context

    def dependencies(self) -> None:
        event = self.object
        # Its parts, organiser, documents, report and the news about it; "upcoming" turns into
        # "held" at its start and end, and a scheduled report appears at its time.
        depends_on(tag(event), tag(Organization), tag(Document))
        report = getattr(event, "report", None) if hasattr(event, "report") else None
        moments = [event.starts_at, event.effective_end, event.postponed_to]
        if report is not None and report.is_scheduled:
            moments.append(report.published_at)
        now = timezone.now()
        coming = [moment for moment in moments if moment is not None and moment > now]
        depends_on(until=min(coming) if coming else None)

    def may_preview(self, report) -> bool:
        """An unpublished report shows only to staff who may edit it: the same scope as the admin."""
        user = self.request.user
        return user.is_staff and EventReport.objects.visible_to(user).filter(pk=report.pk).exists()


def event_list_url() -> str:
    return reverse("events:list")


def related_articles(event) -> list:
    """Published news articles that report on `event` (the news app points at events)."""
    manager = getattr(event, "articles", None)
    if manager is None or not hasattr(manager, "published"):
        return []
    depends_on(tag(manager.model, event=event.pk))  # news about it, published or scheduled
    next_publication(manager.model)
    return list(manager.published().order_by("-published_at").defer("body")[:RELATED_ARTICLES])


def parse_week(value: str | None) -> datetime.date | None:
    """Monday of ISO week `2024-W19`; today's week when empty; None when the value is not a week."""
    if not value:
        today = timezone.localdate()
        return today - datetime.timedelta(days=today.weekday())
    match = WEEK_PATTERN.match(value.strip())
    if not match:
        return None
    year, week = int(match[1]), int(match[2])
    if not 1900 <= year <= 2100:
        return None
    try:
        return datetime.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None


def week_param(monday: datetime.date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


# Weeks a reader can step to beyond the first and last scheduled item (and beyond this week).
SCHEDULE_MARGIN_WEEKS = 4


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def schedule_bounds(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The Mondays of the first and last week the schedule's previous/next links reach: from the
    first to the last scheduled event, this week included, plus a margin on each side. Crawlers
    that follow the links stop there instead of walking decades of empty weeks. The span is kept
    until an event is saved (one aggregate query when cold)."""

    def span() -> tuple[datetime.date | None, datetime.date | None]:
        depends_on(tag(Event))
        first, last = Event.objects.published().scheduled_span()
        return (
            timezone.localtime(first).date() if first else None,
            timezone.localtime(last).date() if last else None,
        )

    first, last = kept("events:schedule-span", span)
    margin = datetime.timedelta(weeks=SCHEDULE_MARGIN_WEEKS)
    this_monday = monday_of(today)
    earliest = min(monday_of(first), this_monday) if first else this_monday
    latest = max(monday_of(last), this_monday) if last else this_monday
    # An event dated near the ends of the calendar (a slip the forms now refuse, or an old import)
    # must not take the schedule down: the margin stops where the calendar does.
    earliest = earliest - margin if earliest - datetime.date.min > margin else monday_of(datetime.date.min)
    latest = latest + margin if datetime.date.max - latest > margin else monday_of(datetime.date.max - margin)
    return earliest, latest


class ScheduleView(DependsOnMixin, TemplateView):
    """`/su-kien/lich-cong-tac/?tuan=2024-W19`: the week's work schedule, day by day; printable.

    The previous/next links stop at schedule_bounds(); a week without any item asks search
    engines neither to index it nor to follow its links."""

    template_name = "events/schedule.html"

    def get(self, request, *args, **kwargs):
        self.monday = parse_week(request.GET.get("tuan"))
        if self.monday is None:
            return render(request, "400.html", {"reason": _("Tuần không hợp lệ.")}, status=400)
        return super().get(request, *args, **kwargs)

    def dependencies(self) -> None:
        # The week's events (moved or postponed ones too), and "this week", which turns at midnight.
        depends_on(tag(Event), until=next_midnight())
        next_publication(Event)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        monday = self.monday
        days = {monday + datetime.timedelta(days=i): [] for i in range(7)}
        events = Event.objects.published().in_week(monday).with_cards().order_by("starts_at", "pk")
        for event in events:
            for when, moved in ((event.starts_at, False), (event.postponed_to, True)):
                if when is None:
                    continue
                local = timezone.localtime(when)
                if local.date() in days:
                    days[local.date()].append({"event": event, "time": local, "moved": moved})
        for entries in days.values():
            entries.sort(key=lambda e: e["time"])
        sunday = monday + datetime.timedelta(days=6)
        earliest, latest = schedule_bounds(timezone.localdate())
        context.update(
            monday=monday,
            sunday=sunday,
            week_number=monday.isocalendar()[1],
            days=[
                {"date": day, "weekday": WEEKDAYS[day.weekday()], "entries": entries}
                for day, entries in days.items()
            ],
            # A week outside the bounds (an old or hand-made link) offers only "this week".
            previous_week=week_param(monday - datetime.timedelta(days=7))
            if earliest < monday <= latest
            else None,
            next_week=week_param(monday + datetime.timedelta(days=7))
            if earliest <= monday < latest
            else None,
            is_empty=not any(days.values()),
            this_week=week_param(timezone.localdate()),
            is_this_week=monday <= timezone.localdate() <= sunday,
            breadcrumbs=[(_("Sự kiện"), event_list_url()), (_("Lịch công tác"), None)],
        )
        return context


class DocumentListView(PaginationMixin, DependsOnMixin, FilterView):
    """`/van-ban/`: the document library, newest first; filter by type, issuer, year, text."""

    filterset_class = DocumentFilter
    template_name = "events/document_list.html"
    context_object_name = "documents"
    strict = False

    def get_queryset(self):
        return Document.objects.published().with_cards().newest_first()

    def dependencies(self) -> None:
        depends_on(tag(Document), tag(Organization))  # documents, and the issuers to filter by
        next_publication(Document)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [(_("Văn bản"), None)]
        context["is_filtered"] = any(v for k, v in self.request.GET.items() if k != "trang")
        return context


class DocumentDetailView(OldSlugRedirectMixin, DependsOnMixin, DetailView):
    template_name = "events/document_detail.html"
    head_is_per_path = True
    context_object_name = "document"

    def get_queryset(self):
        return (
            Document.objects.visible_to(self.request.user).select_related("issuer").prefetch_related("files")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        context.update(
            events=list(document.events.published().select_related("organization").order_by("-starts_at")),
            is_preview=not document.is_published,
            breadcrumbs=[
                (_("Văn bản"), reverse("events:documents")),
                (str(document.number or document.title), None),
            ],
        )
        return context

    def dependencies(self) -> None:
        # The document, its issuer and the events that attach it.
        depends_on(tag(self.object), tag(Organization), tag(Event))
        next_publication(Event)
