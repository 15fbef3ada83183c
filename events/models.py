"""Events (training sessions, conferences, dialogues, congresses, meetings), their reports, and the
document library (Văn bản) whose documents events attach."""

from __future__ import annotations

import contextlib
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frontcms.cache import CacheTagged, tag
from frontcms.images import SafeImageField, store_reencoded
from frontcms.models import SluggedModel
from frontcms.publishing import Publishable
from frontcms.richtext import RichTextField
from frontcms.text import format_long_date, nfc

from .files import KIND_LABELS, document_upload_to, extension_kind, validate_document_file
from .querysets import DocumentQuerySet, EventQuerySet, EventReportQuerySet


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


class ShownStatus(NamedTuple):
    """What readers are told of an event's state (Event.shown_status): its key, for the badge's
    style, and its label."""

    key: str
    label: str


ONGOING = ShownStatus("ongoing", _("Đang diễn ra"))


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
        help_text=_("Chỉ chọn được nhiệm kỳ của đơn vị tổ chức đã chọn ở trên."),
    )
    session_number = models.PositiveSmallIntegerField(
        _("lần thứ"), null=True, blank=True, help_text=_("Ví dụ: 10 cho “Hội nghị lần thứ 10”.")
    )
    starts_at = models.DateTimeField(_("bắt đầu"), db_index=True)
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    is_online = models.BooleanField(_("trực tuyến"), default=False)
    view_count = models.PositiveIntegerField(_("lượt xem"), default=0, editable=False)
    allow_comments = models.BooleanField(
        _("cho phép bình luận"),
        default=False,
        help_text=_("Bạn đọc được gửi ý kiến (chờ kiểm duyệt) về sự kiện."),
    )
    event_status = models.CharField(
        _("tình trạng tổ chức"),
        max_length=12,
        choices=EventStatus.choices,
        default=EventStatus.PLANNED,
        db_index=True,
        help_text=_(
            "Sự kiện sắp diễn ra, đã diễn ra, bị hoãn hay bị hủy. Việc đăng sự kiện lên cổng "
            "do “Trạng thái xuất bản” quyết định."
        ),
    )
    postponed_to = models.DateTimeField(
        _("dời sang"),
        null=True,
        blank=True,
        help_text=_("Khi sự kiện bị hoãn: thời gian mới (nếu đã định)."),
    )
    chair = models.CharField(
        _("chủ trì"),
        max_length=255,
        blank=True,
        help_text=_("Hiện trong Lịch công tác, ví dụ “Đ/c Chủ tịch Ủy ban MTTQ quận”."),
    )
    attendees = models.TextField(
        _("thành phần tham dự"),
        blank=True,
        help_text=_("Hiện trong Lịch công tác, ví dụ “Ban Thường trực; Chủ tịch MTTQ 11 phường”."),
    )
    documents = models.ManyToManyField(
        "Document",
        verbose_name=_("văn bản kèm theo"),
        blank=True,
        related_name="events",
        help_text=_("Chọn văn bản trong thư viện Văn bản (tải văn bản lên thư viện trước)."),
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")
        ordering = ["-starts_at"]
        permissions = [("publish_event", _("Xuất bản sự kiện và báo cáo"))]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="events_event_pub_idx"),
            models.Index(fields=["organization", "status", "starts_at"], name="events_event_org_idx"),
            # "Most read" (frontcms.engagement) and upcoming/past (EventQuerySet.with_end) without a
            # scan of every event.
            models.Index(fields=["-view_count"], name="events_event_views_idx"),
            models.Index(Coalesce("ends_at", "starts_at"), name="events_event_end_idx"),
            # Upcoming includes events postponed to a time still to come.
            models.Index(fields=["postponed_to"], name="events_event_postponed_idx"),
        ]
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
        self.title = nfc(self.title).strip()
        self.summary = nfc(self.summary).strip()
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("Thời gian kết thúc phải sau thời gian bắt đầu.")
        if self.postponed_to and self.starts_at and self.postponed_to <= self.starts_at:
            errors["postponed_to"] = _("Thời gian dời sang phải sau thời gian dự kiến ban đầu.")
        if self.postponed_to and self.event_status != EventStatus.POSTPONED:
            errors["postponed_to"] = _("Chỉ ghi thời gian dời sang khi tình trạng tổ chức là “Hoãn”.")
        if self.event_status == EventStatus.HELD and self.starts_at and self.effective_end > timezone.now():
            # Readers would find it under "Sắp diễn ra" marked "Đã diễn ra" until it ends.
            errors["event_status"] = _(
                "Sự kiện diễn ra lúc %(when)s, chưa kết thúc: hãy để “Sắp diễn ra” (cổng tự ghi “Đang "
                "diễn ra” rồi “Đã diễn ra” theo thời gian), hoặc chọn “Hoãn”, “Hủy”."
            ) % {"when": format_span(self.starts_at, self.ends_at)}
        if self.term_id and not self.organization_id:
            errors["term"] = _("Hãy chọn đơn vị tổ chức trước: nhiệm kỳ phải là nhiệm kỳ của đơn vị tổ chức.")
        elif self.term_id and self.term.organization_id != self.organization_id:
            errors["term"] = _(
                "Chỉ chọn được nhiệm kỳ của đơn vị tổ chức đã chọn, “%(organization)s”; "
                "“%(term)s” là nhiệm kỳ của đơn vị khác. Hãy chọn lại nhiệm kỳ hoặc để trống."
            ) % {"organization": self.organization, "term": self.term}
        if self.session_number and self.organization_id and self.term_id:
            clash = (
                Event.objects.filter(
                    organization_id=self.organization_id,
                    term_id=self.term_id,
                    kind=self.kind,
                    session_number=self.session_number,
                )
                .exclude(pk=self.pk)
                .first()
            )
            if clash:
                errors["session_number"] = _(
                    "Đơn vị này đã có “%(title)s” là %(kind)s lần thứ %(n)s trong nhiệm kỳ này."
                ) % {"title": clash.title, "kind": self.get_kind_display().lower(), "n": self.session_number}
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    def listed_in(self) -> set[str]:
        # Every list of events, and its organisation's page (frontcms.cache).
        lists = {tag(Event)}
        if self.organization_id:
            lists.add(tag(Event, organization=self.organization_id))
        return lists

    @property
    def effective_end(self):
        return self.ends_at or self.starts_at

    @property
    def comes_at(self):
        """When the event takes place: its new time if it is postponed to one, else its start (as
        EventQuerySet.soonest_first orders upcoming events)."""
        if self.event_status == EventStatus.POSTPONED and self.postponed_to:
            return self.postponed_to
        return self.starts_at

    @property
    def shown_status(self) -> ShownStatus:
        """The state readers see: a planned event is "Đang diễn ra" from its start and "Đã diễn ra"
        once it ends (or starts, without an end), whether or not staff marked it held. Pages that
        show it expire at those moments (events.home.next_change, EventDetailView)."""
        status = EventStatus(self.event_status)
        if status == EventStatus.PLANNED:
            now = timezone.now()
            if self.effective_end <= now:
                status = EventStatus.HELD
            elif self.starts_at <= now:
                return ONGOING
        return ShownStatus(status.value, status.label)

    @property
    def when_display(self) -> str:
        """`Thứ năm, 09/05/2024, 08:00–11:30` (the end's date too when it falls on another day)."""
        return format_span(self.starts_at, self.ends_at)

    @property
    def postponed_display(self) -> str:
        return format_span(self.postponed_to, None) if self.postponed_to else ""

    @property
    def is_cancelled(self) -> bool:
        return self.event_status == EventStatus.CANCELLED


def format_span(start, end) -> str:
    start = timezone.localtime(start)
    text = f"{format_long_date(start)}, {start:%H:%M}"
    if end:
        end = timezone.localtime(end)
        if end.date() == start.date():
            text += f"–{end:%H:%M}"
        else:
            text += f" – {format_long_date(end)}, {end:%H:%M}"
    return text


class ShownOnEventPage(CacheTagged):
    """Parts of an event that only its page shows: their saves invalidate that page (frontcms.cache)."""

    def cache_tags(self) -> set[str]:
        return {tag(Event, self.event_id)}


class AgendaItem(ShownOnEventPage, models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda_items")
    starts_at = models.TimeField(_("giờ"), null=True, blank=True)
    title = models.CharField(_("nội dung"), max_length=300)
    presenter = models.CharField(_("người trình bày"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("mục chương trình")
        verbose_name_plural = _("chương trình")
        ordering = ["order", "starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class ConnectionPoint(ShownOnEventPage, models.Model):
    """An online conference's connection point (điểm cầu)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="connection_points")
    name = models.CharField(_("điểm cầu"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    host = models.CharField(_("chủ trì tại điểm cầu"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("điểm cầu")
        verbose_name_plural = _("điểm cầu")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class PersonRole(models.TextChoices):
    CHAIR = "chair", _("Chủ trì")
    SPEAKER = "speaker", _("Báo cáo viên")
    GUEST = "guest", _("Khách mời")
    PARTICIPANT = "participant", _("Thành phần tham dự")


class EventPerson(ShownOnEventPage, models.Model):
    """A speaker or participant named on the event page (a person or a group: “Chủ tịch 11 phường”)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(
        _("vai trò"), max_length=12, choices=PersonRole.choices, default=PersonRole.SPEAKER
    )
    name = models.CharField(_("họ tên / thành phần"), max_length=200)
    position = models.CharField(_("chức vụ"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("người tham gia")
        verbose_name_plural = _("báo cáo viên và thành phần tham dự")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class GalleryImage(ShownOnEventPage, models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="gallery_images")
    image = SafeImageField(_("ảnh"), upload_to="su-kien/%Y/%m/")
    caption = models.CharField(_("chú thích"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh sự kiện")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class EventReport(Publishable):
    """The report posted after an event, with its own review: a contributor submits, an editor publishes."""

    publish_permission = "events.publish_event"  # the event's publishers publish its report

    event = models.OneToOneField(
        Event,
        verbose_name=_("sự kiện"),
        on_delete=models.CASCADE,
        related_name="report",
        error_messages={
            "unique": _("Sự kiện này đã có báo cáo (mỗi sự kiện một báo cáo): hãy mở báo cáo đó để sửa.")
        },
    )
    body = RichTextField(_("nội dung báo cáo"))
    delegates_count = models.PositiveIntegerField(_("số đại biểu tham dự"), null=True, blank=True)
    boards_present = models.PositiveIntegerField(
        _("số ban, đơn vị có mặt"),
        null=True,
        blank=True,
        help_text=_("Ví dụ: số Ban công tác Mặt trận có mặt."),
    )
    opinions_count = models.PositiveIntegerField(_("số ý kiến phát biểu"), null=True, blank=True)
    results = models.TextField(
        _("kết quả"), blank=True, help_text=_("Các nội dung được thông qua, kiến nghị, kết luận chính.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người viết"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = EventReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo sự kiện")
        verbose_name_plural = _("báo cáo sự kiện")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return str(_("Báo cáo: %(event)s") % {"event": self.event})

    def clean(self):
        self.results = nfc(self.results).strip()

    def publication_refusal(self, moment, changes=None) -> str | None:
        """A report tells what happened: it appears once its event has begun (a postponed event:
        at its new time), never beside "Sắp diễn ra". It may be written ahead, or scheduled."""
        event = (changes or {}).get("event") or (self.event if self.event_id else None)
        if event is None:
            return None  # the form says an event is needed
        start = event.comes_at
        if start <= moment:
            return None
        return _(
            "Sự kiện “%(event)s” diễn ra lúc %(when)s: báo cáo kết quả chỉ được đăng từ lúc đó. "
            "Hãy lưu nháp, hoặc hẹn giờ đăng từ lúc đó trở đi."
        ) % {"event": event.title, "when": format_span(start, None)}

    def get_absolute_url(self) -> str:
        return self.event.get_absolute_url() + "#bao-cao"

    def listed_in(self) -> set[str]:
        return {tag(Event, self.event_id), tag(EventReport)}  # shown on its event's page

    @property
    def has_figures(self) -> bool:
        return any(v is not None for v in (self.delegates_count, self.boards_present, self.opinions_count))


class DocumentType(models.TextChoices):
    PLAN = "ke-hoach", _("Kế hoạch")
    GUIDANCE = "huong-dan", _("Hướng dẫn")
    NOTICE = "thong-bao", _("Thông báo")
    REPORT = "bao-cao", _("Báo cáo")
    RESOLUTION = "nghi-quyet", _("Nghị quyết")
    DECISION = "quyet-dinh", _("Quyết định")
    PROGRAMME = "chuong-trinh", _("Chương trình")
    OFFICIAL_LETTER = "cong-van", _("Công văn")
    INVITATION = "giay-moi", _("Giấy mời")
    OTHER = "khac", _("Khác")


class Document(SluggedModel, Publishable):
    """A document of the library (Văn bản): `125/KH-MTTQ`, its type, issuer, date and files."""

    number = models.CharField(
        _("số, ký hiệu"), max_length=80, blank=True, db_index=True, help_text=_("Ví dụ: 125/KH-MTTQ.")
    )
    doc_type = models.CharField(_("loại văn bản"), max_length=16, choices=DocumentType.choices, db_index=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    issuer = models.ForeignKey(
        "committees.Organization",
        verbose_name=_("cơ quan ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issued_on = models.DateField(_("ngày ban hành"), db_index=True)
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    view_count = models.PositiveIntegerField(_("lượt xem"), default=0, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-pk"]
        permissions = [("publish_document", _("Xuất bản văn bản"))]
        indexes = [
            models.Index(fields=["status", "-issued_on"], name="events_doc_pub_idx"),
            models.Index(fields=["issuer", "status", "-issued_on"], name="events_doc_issuer_idx"),
            models.Index(fields=["doc_type", "status", "-issued_on"], name="events_doc_type_idx"),
            models.Index(fields=["-view_count"], name="events_doc_views_idx"),  # most read
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.title}" if self.number else self.title

    def clean(self):
        self.title = nfc(self.title).strip()
        self.number = nfc(self.number).strip()
        self.summary = nfc(self.summary).strip()

    def get_absolute_url(self) -> str:
        return reverse("events:document", kwargs={"slug": self.slug})


class DocumentFile(CacheTagged, models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(
        _("tệp"),
        upload_to=document_upload_to,
        max_length=255,
        validators=[validate_document_file],
        help_text=_("PDF, Word (.docx), Excel (.xlsx), ảnh JPEG hoặc PNG."),
    )
    title = models.CharField(_("tên tệp hiển thị"), max_length=200, blank=True)
    kind = models.CharField(_("định dạng"), max_length=8, editable=False, blank=True)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tệp văn bản")
        verbose_name_plural = _("tệp văn bản")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title or self.file.name.rsplit("/", 1)[-1]

    def save(self, *args, **kwargs):
        if self.file and extension_kind(self.file.name) in ("jpg", "png"):
            store_reencoded(self.file)  # pictures are stored re-encoded, like every uploaded image
        if self.file:
            self.kind = extension_kind(self.file.name) or self.kind
            with contextlib.suppress(OSError, ValueError):
                self.size = self.file.size
        super().save(*args, **kwargs)

    def cache_tags(self) -> set[str]:
        # Its document's page, and the event pages that list the document's files.
        return {tag(Document, self.document_id), tag(Document)}

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.upper())

    @property
    def display_name(self) -> str:
        return self.title or self.document.title
