"""The editorial workflow shared by articles, events and reports.

draft → pending review → published → archived. "Published" with a publish time in the future is
*scheduled*: `published()` compares with the current time, so the item appears by itself when the
time comes and no job has to run.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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


class Publishable(models.Model):
    """Abstract base: status, publish time and bookkeeping timestamps."""

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
