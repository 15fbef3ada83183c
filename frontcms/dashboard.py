"""The admin's front page (/quan-tri/): today's work for whoever is logged in.

Panels: what waits for my review (editors) or for review (contributors), what was returned to me,
my drafts, what is scheduled next, reader comments to moderate, citizens' feedback to answer and
how long it has waited, and the last 30 days' readership (views per day, most-read items). The
Decree 42 panel and the list of every admin page follow (templates/admin/index.html).

Everything is read through each model's own admin (`get_queryset`, permissions), so a ward
contributor sees their ward's items only and no count from another ward. The number of queries
does not grow with the data: a few per content model and per panel (pinned in a test).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .engagement.models import Comment, CommentStatus, DailyViews, Feedback, FeedbackStatus
from .models import WorkflowAction, WorkflowStep
from .publishing import Publishable, Status, local_moment, state_filter
from .workflow import WorkflowAdminMixin

LISTED = 5
READERSHIP_DAYS = 30
MOST_READ = 5

# Apps may say in which unit a user works ("Ủy ban MTTQ phường Khương Đình"), shown above the panels.
_scope_labels: list = []


def register_scope_label(provider) -> None:
    """`provider(user)` returns the name of the unit the user is limited to, or None."""
    if provider not in _scope_labels:
        _scope_labels.append(provider)


def scope_label(user) -> str | None:
    for provider in _scope_labels:
        label = provider(user)
        if label:
            return label
    return None


@dataclass
class Item:
    title: str
    url: str
    kind: str
    moment: datetime.datetime | None = None
    note: str = ""


@dataclass
class Panel:
    key: str
    title: str
    empty: str
    count: int = 0
    items: list[Item] = field(default_factory=list)
    links: list[tuple[str, int, str]] = field(default_factory=list)  # (kind, count, filtered list URL)


def waited(since: datetime.datetime | None, now: datetime.datetime) -> str:
    """How long something has waited, as staff say it: "5 phút", "3 giờ", "2 ngày"."""
    if since is None:
        return ""
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 1:
        return _("dưới 1 phút")
    if minutes < 60:
        return _("%(n)d phút") % {"n": minutes}
    if minutes < 48 * 60:
        return _("%(n)d giờ") % {"n": minutes // 60}
    return _("%(n)d ngày") % {"n": minutes // 1440}


def _admin_url(opts, view: str, *args) -> str:
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)
    except NoReverseMatch:
        return ""


def workflow_admins(request) -> list[tuple[type, admin.ModelAdmin]]:
    """(model, admin) of every content model with a workflow this user may open in the admin."""
    found = []
    for model in apps.get_models():
        if not issubclass(model, Publishable) or not admin.site.is_registered(model):
            continue
        model_admin = admin.site.get_model_admin(model)
        if isinstance(model_admin, WorkflowAdminMixin) and model_admin.has_view_or_change_permission(request):
            found.append((model, model_admin))
    return found


def _scoped(request, model_admin):
    queryset = model_admin.get_queryset(request)
    related = model_admin.list_select_related
    if isinstance(related, (list, tuple)) and related:
        queryset = queryset.select_related(*related)
    return queryset


def _steps(ct, **filters):
    return WorkflowStep.objects.filter(content_type=ct, **filters)


def workflow_panels(request) -> list[Panel]:
    user, now = request.user, timezone.now()
    admins = workflow_admins(request)
    if not admins:
        return []
    editor = any(model_admin.can_publish(request) for _m, model_admin in admins)
    review = Panel(
        "review",
        _("Chờ tôi duyệt") if editor else _("Đang chờ duyệt"),
        _("Không có mục nào chờ duyệt."),
    )
    returned = Panel("returned", _("Bị trả lại cho tôi"), _("Không có mục nào bị trả lại cho bạn."))
    drafts = Panel("drafts", _("Bản nháp của tôi"), _("Bạn không có bản nháp nào."))
    scheduled = Panel("scheduled", _("Sắp đăng"), _("Không có mục nào hẹn giờ đăng."))
    panels = {p.key: p for p in (review, returned, drafts, scheduled)}

    for model, model_admin in admins:
        ct = ContentType.objects.get_for_model(model)
        opts = model._meta
        kind = capfirst(opts.verbose_name)
        queryset = _scoped(request, model_admin)
        # Only the last return of an item says to whom it went back.
        later_return = _steps(
            ct, object_id=OuterRef("object_id"), action=WorkflowAction.RETURNED, at__gt=OuterRef("at")
        )
        returned_to_me = (
            _steps(ct, action=WorkflowAction.RETURNED, recipient=user)
            .exclude(Exists(later_return))
            .values("object_id")
        )
        created_by_me = _steps(ct, actor=user, from_status="").values("object_id")
        wanted = {
            "review": Q(status=Status.PENDING) if (model_admin.can_publish(request) or not editor) else None,
            "returned": Q(status=Status.RETURNED, pk__in=returned_to_me),
            "drafts": Q(status=Status.DRAFT, pk__in=created_by_me),
            "scheduled": state_filter("scheduled"),
        }
        wanted = {key: q for key, q in wanted.items() if q is not None}
        counts = queryset.aggregate(**{key: Count("pk", filter=q) for key, q in wanted.items()})
        list_url = _admin_url(opts, "changelist")
        for key, count in counts.items():
            if not count:
                continue
            panel = panels[key]
            panel.count += count
            state = {"review": Status.PENDING, "returned": Status.RETURNED, "drafts": Status.DRAFT}.get(
                key, key
            )
            panel.links.append((kind, count, f"{list_url}?trang_thai={state}" if list_url else ""))
            panel.items += _items(key, queryset.filter(wanted[key]), ct, kind, opts, now)

    for panel in panels.values():
        reverse_order = panel.key in ("drafts",)
        panel.items.sort(key=lambda item: item.moment or now, reverse=reverse_order)
        del panel.items[LISTED:]
    return [review, returned, drafts, scheduled]


def _items(key: str, queryset, ct, kind: str, opts, now) -> list[Item]:
    """The first items of a panel for one model, each with the moment it is sorted by and a note."""
    if key == "review":
        submitted = _steps(ct, object_id=OuterRef("pk"), action=WorkflowAction.SUBMITTED).values("at")[:1]
        rows = queryset.annotate(since=Coalesce(Subquery(submitted), F("updated_at"))).order_by("since")
        moment, note = "since", lambda obj: _("chờ %(t)s") % {"t": waited(obj.since, now)}
    elif key == "returned":
        last = _steps(ct, object_id=OuterRef("pk"), action=WorkflowAction.RETURNED)
        rows = queryset.annotate(
            since=Subquery(last.values("at")[:1]), reason=Subquery(last.values("reason")[:1])
        ).order_by("since")
        moment, note = "since", lambda obj: obj.reason or ""
    elif key == "drafts":
        rows = queryset.order_by("-updated_at")
        moment, note = (
            "updated_at",
            lambda obj: _("sửa lúc %(when)s") % {"when": local_moment(obj.updated_at)},
        )
    else:
        rows = queryset.order_by("published_at")
        moment, note = "published_at", lambda obj: obj.get_status_display()
    return [
        Item(str(obj), _admin_url(opts, "change", quote(obj.pk)), kind, getattr(obj, moment), note(obj))
        for obj in rows[:LISTED]
    ]


# --- readers ---------------------------------------------------------------------------------------
def _oldest_waiting(queryset, title, kind, waiting_note: str, now) -> list[Item]:
    """The longest-waiting first, each with how long it has waited."""
    return [
        Item(
            title(obj),
            _admin_url(obj._meta, "change", obj.pk),
            kind(obj),
            obj.created_at,
            waiting_note % {"t": waited(obj.created_at, now)},
        )
        for obj in queryset.order_by("created_at")[:LISTED]
    ]


def moderation_panels(request) -> list[Panel]:
    """Reader comments waiting for moderation and citizens' feedback waiting for an answer."""
    user, now = request.user, timezone.now()
    panels = []
    if user.has_perm("engagement.change_comment"):
        panel = Panel("comments", _("Ý kiến bạn đọc chờ duyệt"), _("Không có ý kiến nào chờ duyệt."))
        pending = Comment.objects.filter(status=CommentStatus.PENDING)
        panel.count = pending.count()
        if panel.count:
            url = _admin_url(Comment._meta, "changelist")
            kind = capfirst(Comment._meta.verbose_name)
            panel.links.append((kind, panel.count, f"{url}?status__exact={CommentStatus.PENDING.value}"))
            panel.items = _oldest_waiting(
                pending, lambda c: f"{c.name}: {c.text[:80]}", lambda c: "", _("chờ %(t)s"), now
            )
        panels.append(panel)
    if user.has_perm("engagement.change_feedback"):
        panel = Panel("feedback", _("Góp ý của người dân chờ trả lời"), _("Mọi góp ý đã được trả lời."))
        unanswered = Feedback.objects.exclude(status=FeedbackStatus.ANSWERED)
        by_status = dict(unanswered.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
        panel.count = sum(by_status.values())
        if panel.count:
            url = _admin_url(Feedback._meta, "changelist")
            panel.links = [
                (str(status.label), by_status[status], f"{url}?status__exact={status.value}")
                for status in (FeedbackStatus.NEW, FeedbackStatus.IN_PROGRESS)
                if by_status.get(status)
            ]
            panel.items = _oldest_waiting(
                unanswered,
                lambda f: f"{f.reference} – {f.subject}",
                lambda f: str(f.get_status_display()),
                _("đã chờ %(t)s"),
                now,
            )
        panels.append(panel)
    return panels


@dataclass
class Readership:
    days: list[tuple[datetime.date, int]]
    most_read: list[Item]
    total: int
    peak: int
    bars: list[dict] = field(default_factory=list)
    ticks: list[dict] = field(default_factory=list)


CHART_WIDTH, CHART_HEIGHT = 600, 160


def readership(request) -> Readership | None:
    """Views per day over the last 30 days of the items this user may see, and the most read."""
    from .engagement import api

    scope = Q()
    titles = {}
    for model in api.countable_models():
        if not admin.site.is_registered(model):
            continue
        model_admin = admin.site.get_model_admin(model)
        if not model_admin.has_view_or_change_permission(request):
            continue
        ct = ContentType.objects.get_for_model(model)
        scope |= Q(content_type=ct, object_id__in=model_admin.get_queryset(request).values("pk"))
        titles[ct.pk] = (model, model_admin)
    if not titles:
        return None
    today = timezone.localdate()
    first = today - datetime.timedelta(days=READERSHIP_DAYS - 1)
    recent = DailyViews.objects.filter(scope, day__gte=first, day__lte=today)
    per_day = dict(recent.values_list("day").annotate(total=Sum("views")).values_list("day", "total"))
    days = [(first + datetime.timedelta(days=n), 0) for n in range(READERSHIP_DAYS)]
    days = [(day, per_day.get(day, 0)) for day, _zero in days]
    top = list(
        recent.values("content_type", "object_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "object_id")[:MOST_READ]
    )
    most_read = []
    by_type: dict[int, list[int]] = {}
    for row in top:
        by_type.setdefault(row["content_type"], []).append(row["object_id"])
    objects = {}
    for ct_id, ids in by_type.items():
        model, model_admin = titles[ct_id]
        for obj in _scoped(request, model_admin).filter(pk__in=ids):
            objects[(ct_id, obj.pk)] = obj
    for row in top:
        obj = objects.get((row["content_type"], row["object_id"]))
        if obj is None:
            continue
        opts = obj._meta
        views = _("%(n)d lượt xem") % {"n": row["total"]}
        most_read.append(
            Item(
                str(obj), _admin_url(opts, "change", quote(obj.pk)), capfirst(opts.verbose_name), None, views
            )
        )
    total = sum(count for _day, count in days)
    peak = max((count for _day, count in days), default=0)
    chart = Readership(days=days, most_read=most_read, total=total, peak=peak)
    _draw(chart)
    return chart


def _nice_ceiling(value: int) -> int:
    """The top of the scale: a round number at or above `value` whose half is round too."""
    if value <= 4:
        return 4
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 4, 6, 8, 10):
        if value <= step * magnitude:
            return step * magnitude
    return value


def _draw(chart: Readership) -> None:
    """Bar geometry for the server-drawn SVG (a viewBox CHART_WIDTH × CHART_HEIGHT)."""
    top = _nice_ceiling(chart.peak)
    slot = CHART_WIDTH / len(chart.days)
    for index, (day, count) in enumerate(chart.days):
        height = round(count / top * CHART_HEIGHT, 1) if top else 0
        chart.bars.append(
            {
                "x": round(index * slot + slot * 0.15, 1),
                "y": round(CHART_HEIGHT - height, 1),
                "width": round(slot * 0.7, 1),
                "height": height,
                "day": day,
                "count": count,
                "weekend": day.weekday() >= 5,
            }
        )
    chart.ticks = [
        {"value": top * half // 2, "y": round(CHART_HEIGHT - half * CHART_HEIGHT / 2, 1)} for half in (1, 2)
    ]


def dashboard_context(request) -> dict:
    return {
        "scope_label": scope_label(request.user),
        "work": workflow_panels(request),
        "readers": moderation_panels(request),
        "readership": readership(request),
        "chart_width": CHART_WIDTH,
        "chart_height": CHART_HEIGHT,
        "readership_days": READERSHIP_DAYS,
    }
