"""The editorial workflow shared by articles, events and reports.

draft → pending review → published → archived. "Published" with a publish time in the future is
*scheduled*: `published()` compares with the current time, so the item appears by itself when the
time comes and no job has to run.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cache import CacheTagged, depends_on, kept, tag


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PENDING = "pending", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã xuất bản")
    ARCHIVED = "archived", _("Lưu trữ")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Visible to the public now: status published and publish time not in the future."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def next_publication(self):
        """When the next scheduled item goes live (a time-driven change for cached pages), or None."""
        return self.scheduled().order_by("published_at").values_list("published_at", flat=True).first()


class Publishable(CacheTagged, models.Model):
    """Abstract base: status, publish time and bookkeeping timestamps.

    Its saves invalidate (frontcms.cache) the object's own tag always, and the lists that show
    it, `listed_in()`, only while it is published or scheduled: an editor saving a draft again and
    again clears nothing a reader sees (previews are never cached)."""

    status = models.CharField(
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

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at > timezone.now()

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
