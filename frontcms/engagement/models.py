"""Reader engagement records: comments, ratings, polls, visitor counters and citizens' feedback.

Everything attached to a piece of content points at it through contenttypes, so this app never
imports the apps whose content it serves. Client addresses are never stored: only a keyed hash
(frontcms.engagement.privacy), erased after ENGAGEMENT_RETENTION_DAYS by `purge_engagement_data`.

What readers write touches cached pages only where a figure they show changes (frontcms.cache):
a rating, the rating block of its object; an approved comment (or one no longer approved), the
comments of its object. Pending comments, votes, visits, view counts and feedback touch nothing:
view counts and visitor figures reach readers fresh through engagement.js.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frontcms.cache import SITE, CacheTagged, tag
from frontcms.text import format_datetime


class TargetedModel(models.Model):
    """Abstract base: attached to any content object (article, event, …)."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("loại nội dung"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("mã nội dung"))
    content_object = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, db_index=True)

    class Meta:
        abstract = True

    @classmethod
    def figure_tag(cls, content_type_id: int, object_id: int) -> str:
        """The tag of the block that shows this model's figure for one object (its comments, its
        average rating): `engagement.rating?target=12.42`."""
        return tag(cls, target=f"{content_type_id}.{object_id}")


# --- comments -------------------------------------------------------------------------------------
class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Từ chối")
    SPAM = "spam", _("Thư rác")


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CommentStatus.APPROVED)

    def for_object(self, obj):
        ct = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=ct, object_id=obj.pk)


class Comment(CacheTagged, TargetedModel):
    """A reader's comment ("Ý kiến bạn đọc"), shown only after a moderator approves it."""

    name = models.CharField(_("họ tên"), max_length=80)
    email = models.EmailField(_("thư điện tử"), blank=True, help_text=_("Không bao giờ hiện công khai."))
    text = models.TextField(_("nội dung"), max_length=2000)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    client_hash = models.CharField(_("mã máy gửi (băm)"), max_length=64, blank=True, editable=False)
    moderated_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("ý kiến bạn đọc")
        verbose_name_plural = _("ý kiến bạn đọc")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:60]}"

    def cache_tags(self) -> set[str]:
        # Readers see approved comments only: a pending one changes nothing they see.
        if self.status != CommentStatus.APPROVED:
            return set()
        return {Comment.figure_tag(self.content_type_id, self.object_id)}


# --- ratings --------------------------------------------------------------------------------------
class Rating(CacheTagged, TargetedModel):
    """One visitor's 1–5 star rating of one object: its object's rating block shows the new
    average and count (and nothing else changes).

    `voter_hash` is the keyed hash of the visitor cookie, `client_hash` that of the address."""

    score = models.PositiveSmallIntegerField(_("số sao"))
    voter_hash = models.CharField(_("mã người đánh giá (băm)"), max_length=64, editable=False)
    client_hash = models.CharField(_("mã máy (băm)"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="engagement_rating_1_5"
            ),
            # One rating per visitor cookie. Not one per address: readers behind one carrier NAT
            # share it; the per-address limits (frontcms.engagement.limits) bound those instead.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "voter_hash"], name="engagement_rating_one_per_voter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score}★"

    def cache_tags(self) -> set[str]:
        return {Rating.figure_tag(self.content_type_id, self.object_id)}


# --- polls ----------------------------------------------------------------------------------------
class PollQuerySet(models.QuerySet):
    def open(self):
        now = timezone.now()
        return self.filter(is_active=True, opens_at__lte=now).filter(
            models.Q(closes_at__isnull=True) | models.Q(closes_at__gt=now)
        )

    def visible(self):
        """Polls a reader may see (open or closed), i.e. active and already opened."""
        return self.filter(is_active=True, opens_at__lte=timezone.now())


class Poll(CacheTagged, models.Model):
    """A survey question ("Khảo sát") with choices; readers vote once between its open and close dates."""

    question = models.CharField(_("câu hỏi"), max_length=255)
    opens_at = models.DateTimeField(_("mở lúc"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("đóng lúc"), null=True, blank=True, help_text=_("Để trống nếu khảo sát không có hạn kết thúc.")
    )
    is_active = models.BooleanField(_("đang dùng"), default=True, help_text=_("Bỏ chọn để ẩn khảo sát."))
    show_in_sidebar = models.BooleanField(
        _("hiện ở cột bên"),
        default=True,
        help_text=_("Khảo sát đang mở mới nhất được đánh dấu sẽ hiện ở cột bên của mọi trang."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = PollQuerySet.as_manager()

    class Meta:
        verbose_name = _("khảo sát")
        verbose_name_plural = _("khảo sát")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__isnull=True) | models.Q(closes_at__gt=models.F("opens_at")),
                name="engagement_poll_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("engagement:poll", kwargs={"pk": self.pk})

    def clean(self):
        if self.closes_at and self.opens_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Thời điểm đóng phải sau thời điểm mở.")})

    def cache_tags(self) -> set[str]:
        return {SITE}  # the sidebar of every page shows the newest open poll

    @property
    def is_open(self) -> bool:
        now = timezone.now()
        return self.is_active and self.opens_at <= now and (self.closes_at is None or self.closes_at > now)


class Choice(CacheTagged, models.Model):
    poll = models.ForeignKey(
        Poll, verbose_name=_("khảo sát"), on_delete=models.CASCADE, related_name="choices"
    )
    text = models.CharField(_("phương án"), max_length=200)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("phương án")
        verbose_name_plural = _("phương án")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text

    def cache_tags(self) -> set[str]:
        return {SITE}


class PollVote(models.Model):
    """One visitor's vote. Results pages are never page-cached (they differ per visitor), and
    the sidebar shows no figure, so a vote invalidates nothing."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="votes")
    voter_hash = models.CharField(max_length=64, editable=False)
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("lượt bình chọn")
        verbose_name_plural = _("lượt bình chọn")
        constraints = [
            # One vote per visitor cookie; addresses are bounded by limits, as for ratings.
            models.UniqueConstraint(fields=["poll", "voter_hash"], name="engagement_vote_one_per_voter"),
        ]

    def __str__(self) -> str:
        # When it was cast: a delete page lists every vote of a poll, with no query for each.
        return format_datetime(self.created_at)


# --- visitor statistics ---------------------------------------------------------------------------
class VisitCounter(models.Model):
    """Visits of one local day, split over a few shard rows so that concurrent visitors rarely
    update the same row; the day's figure is the sum of its shards."""

    day = models.DateField()
    shard = models.PositiveSmallIntegerField()
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("lượt truy cập theo ngày")
        verbose_name_plural = _("lượt truy cập theo ngày")
        constraints = [models.UniqueConstraint(fields=["day", "shard"], name="engagement_visit_day_shard")]

    def __str__(self) -> str:
        return f"{self.day} #{self.shard}: {self.count}"


class DailyViews(models.Model):
    """Counted views of one object on one local day, for the editors' readership chart.

    Written by `api.count_view` together with the object's `view_count`, by an atomic
    `UPDATE … SET views = views + 1` on this row (created by the day's first view), so it stays
    exact under concurrent readers. Never on a public page: not CacheTagged, it invalidates nothing."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("loại nội dung"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("mã nội dung"))
    day = models.DateField(_("ngày"))
    views = models.PositiveIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem theo ngày")
        verbose_name_plural = _("lượt xem theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "day"], name="engagement_dailyviews_object_day"
            )
        ]
        indexes = [
            models.Index(fields=["day", "content_type", "object_id"], name="engagement_dailyviews_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.content_type_id}.{self.object_id}: {self.views}"


class OnlineVisitor(models.Model):
    """Last time a (hashed) visitor was seen; rows older than a day are purged."""

    visitor_hash = models.CharField(max_length=64, unique=True)
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("người đang xem")
        verbose_name_plural = _("người đang xem")

    def __str__(self) -> str:
        return self.visitor_hash[:12]


# --- citizens' feedback ---------------------------------------------------------------------------
class FeedbackStatus(models.TextChoices):
    NEW = "new", _("Mới")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    ANSWERED = "answered", _("Đã trả lời")


def feedback_upload_to(instance, filename: str) -> str:
    # An unguessable name: attachments are private to staff although MEDIA_ROOT is served.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"gop-y/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class Feedback(models.Model):
    """A citizen's feedback ("Góp ý") sent through /gop-y/; e-mailed to the portal's address.
    Never shown on public pages."""

    name = models.CharField(_("họ tên"), max_length=120)
    contact = models.CharField(_("liên hệ"), max_length=200, help_text=_("Điện thoại hoặc thư điện tử."))
    subject = models.CharField(_("tiêu đề"), max_length=200)
    message = models.TextField(_("nội dung"), max_length=5000)
    attachment = models.FileField(_("tệp đính kèm"), upload_to=feedback_upload_to, blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.NEW,
        db_index=True,
    )
    staff_notes = models.TextField(_("ghi chú xử lý"), blank=True)
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("góp ý")
        verbose_name_plural = _("góp ý của người dân")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.reference} – {self.subject}"

    @property
    def reference(self) -> str:
        """The number the sender quotes, e.g. GY-2026-000123."""
        if not self.pk:
            return ""
        year = timezone.localtime(self.created_at).year
        return f"GY-{year}-{self.pk:06d}"
