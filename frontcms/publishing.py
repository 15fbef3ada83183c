"""The editorial workflow shared by articles, events, reports and documents: states and querysets.

draft → pending review (→ returned with a reason → pending again) → published → archived.
"Published" with a publish time in the future is *scheduled*: `published()` compares with the
current time, so the item appears by itself when the time comes and no job has to run.

"Returned" is a status of its own (not a flag on a draft): lists, filters and the dashboard find
returned items with one indexed comparison, and every public queryset, which only ever asks for
`published`, is unchanged by it. The reason lives with the step that returned the item
(`frontcms.models.WorkflowStep`). The rules for moving between states live in one place,
`frontcms.publishing_service`; the admin, bulk actions and commands all call it.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .cache import CacheTagged, depends_on, kept, tag


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PENDING = "pending", _("Chờ duyệt")
    RETURNED = "returned", _("Trả lại")
    PUBLISHED = "published", _("Đã xuất bản")
    ARCHIVED = "archived", _("Lưu trữ")


# What readers see or saw: an item whose `published_at` is when it appeared (or will, scheduled).
# Before that (a draft, returned or waiting for review) the field holds when it was created.
PUBLICATION_STATUSES = frozenset({Status.PUBLISHED, Status.ARCHIVED})


def local_moment(value) -> str:
    """An aware datetime as staff read it: 05/12/2026 08:00, portal time zone."""
    return date_format(timezone.localtime(value), "d/m/Y H:i")


def scheduled_label(published_at) -> str:
    return gettext("Hẹn giờ đăng (%(when)s)") % {"when": local_moment(published_at)}


def state_label(status: str, published_at) -> str:
    """What staff call the item's state: the status, or "Hẹn giờ đăng (…)" while it waits for its time."""
    if status == Status.PUBLISHED and published_at is not None and published_at > timezone.now():
        return scheduled_label(published_at)
    try:
        return str(Status(status).label)
    except ValueError:
        return status


def state_filter(state: str) -> models.Q:
    """Items in a state as staff filter them: a status, "scheduled" (published, time to come) or
    "live" (published and due)."""
    if state == "scheduled":
        return models.Q(status=Status.PUBLISHED, published_at__gt=timezone.now())
    if state == "live":
        return models.Q(status=Status.PUBLISHED, published_at__lte=timezone.now())
    return models.Q(status=state)


class StatusField(models.CharField):
    """The workflow status. `get_status_display()` tells a scheduled item from a live one
    ("Hẹn giờ đăng (05/12/2026 08:00)" instead of "Đã xuất bản"), wherever a template shows it."""

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        if not cls._meta.abstract:
            setattr(cls, f"get_{name}_display", lambda obj: state_label(getattr(obj, name), obj.published_at))


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Visible to the public now: status published and publish time not in the future."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def next_publication(self):
        """When the next scheduled item goes live (a time-driven change for cached pages), or None."""
        return self.scheduled().order_by("published_at").values_list("published_at", flat=True).first()

    def in_state(self, state: str):
        """Items in a state as staff filter them (`state_filter`)."""
        return self.filter(state_filter(state))


class Publishable(CacheTagged, models.Model):
    """Abstract base: status, publish time and bookkeeping timestamps.

    Its saves invalidate (frontcms.cache) the object's own tag always, and the lists that show
    it, `listed_in()`, only while it is published or scheduled: an editor saving a draft again and
    again clears nothing a reader sees (previews are never cached).

    `publish_permission` ("app_label.codename") is the right to publish; by default
    "<app>.publish_<model>". Change it on the model, not in the admin: the publishing service
    reads it to know who may publish and whom to tell that something waits for review.
    """

    publish_permission: str = ""

    status = StatusField(
        _("trạng thái xuất bản"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("thời gian xuất bản"),
        default=timezone.now,
        db_index=True,
        help_text=_(
            "Bài chỉ hiện với bạn đọc khi trạng thái là “Đã xuất bản” và thời gian này đã đến; "
            "đặt thời gian trong tương lai để hẹn giờ đăng."
        ),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def get_publish_permission(cls) -> str:
        return cls.publish_permission or f"{cls._meta.app_label}.publish_{cls._meta.model_name}"

    def publication_refusal(self, moment, changes=None) -> str | None:
        """Why this item may not appear at `moment`, in Vietnamese, or None (most items may).
        `changes`: a form's cleaned data, not yet on the instance. Asked by the workflow form and
        again by publishing_service.publish (bulk steps, commands)."""
        return None

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def has_publication_time(self) -> bool:
        """Whether `published_at` is a time it appeared (or will, scheduled): for a draft it is
        only when it was created, and is not shown as a date."""
        return self.status in PUBLICATION_STATUSES

    @property
    def is_scheduled(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at > timezone.now()

    @property
    def state(self) -> str:
        """The state as staff filter it: a status, with "scheduled" and "live" for published items."""
        if self.status == Status.PUBLISHED:
            return "scheduled" if self.is_scheduled else "live"
        return self.status

    def cache_tags(self) -> set[str]:
        tags = {tag(self)}
        if self.status == Status.PUBLISHED:
            tags |= self.listed_in()
            if self.published_at > timezone.now():
                tags.add(tag(type(self), scheduled=True))  # next_publication() moves
        return tags

    def listed_in(self) -> set[str]:
        """The tags of the lists that show this item while it is published; subclasses add
        narrower lists (its category, its organisation)."""
        return {tag(type(self))}


def next_publication(*publishable: type[Publishable]) -> datetime.datetime | None:
    """When the next scheduled item of any of these models goes live, kept until that moment or
    until one of their items is scheduled or unscheduled. Whatever is being computed with it
    expires at that moment too (a kept value passes its `until` up)."""

    if not publishable:
        return None

    def first_scheduled():
        from django.contrib.contenttypes.models import ContentType

        firsts = {
            f"first_{n}": models.Subquery(
                model._default_manager.scheduled().order_by("published_at").values("published_at")[:1]
            )
            for n, model in enumerate(publishable)
        }
        # One statement for all of them, carried by a table that always has rows.
        row = ContentType.objects.order_by().values(**firsts).first() or {}
        moment = min((value for value in row.values() if value is not None), default=None)
        depends_on(*(tag(model, scheduled=True) for model in publishable), until=moment)
        return moment

    labels = "+".join(sorted(model._meta.label_lower for model in publishable))
    return kept(f"next-publication:{labels}", first_scheduled)
