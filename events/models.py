"""Events: training sessions, conferences, dialogues, congresses, meetings; their reports."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from frontcms.models import SluggedModel
from frontcms.publishing import Publishable, PublishableQuerySet


class EventKind(models.TextChoices):
    TRAINING = "training", _("Tập huấn")
    CONFERENCE = "conference", _("Hội nghị")
    DIALOGUE = "dialogue", _("Đối thoại")
    CONGRESS = "congress", _("Đại hội")
    MEETING = "meeting", _("Họp")
    OTHER = "other", _("Khác")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Sắp diễn ra")
    HELD = "held", _("Đã diễn ra")
    POSTPONED = "postponed", _("Hoãn")
    CANCELLED = "cancelled", _("Hủy")


class EventQuerySet(PublishableQuerySet):
    pass


class Event(SluggedModel, Publishable):
    kind = models.CharField(_("loại"), max_length=16, choices=EventKind.choices, db_index=True)
    title = models.CharField(_("tên sự kiện"), max_length=255)
    summary = models.TextField(_("tóm tắt"), blank=True)
    organization = models.ForeignKey(
        "committees.Organization",
        verbose_name=_("đơn vị tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    term = models.ForeignKey(
        "committees.Term",
        verbose_name=_("nhiệm kỳ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    session_number = models.PositiveSmallIntegerField(
        _("lần thứ"), null=True, blank=True, help_text=_("Ví dụ: 10 cho “Hội nghị lần thứ 10”.")
    )
    starts_at = models.DateTimeField(_("bắt đầu"), db_index=True)
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    is_online = models.BooleanField(_("trực tuyến"), default=False)
    event_status = models.CharField(
        _("tình trạng"),
        max_length=12,
        choices=EventStatus.choices,
        default=EventStatus.PLANNED,
        db_index=True,
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")
        ordering = ["-starts_at"]
        permissions = [("publish_event", _("Xuất bản sự kiện và báo cáo"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True) | models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["organization", "term", "kind", "session_number"],
                name="event_unique_session_per_term",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("Thời gian kết thúc phải sau thời gian bắt đầu.")})

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})
