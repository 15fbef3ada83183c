"""Organisations (Popolo-like), their terms, and the binding of staff accounts to an organisation.

People, positions and memberships are added by the Committees issue; this module starts with
what the other apps point at: Organization, Term, and StaffAssignment (ward-scoped editing).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frontcms.models import SluggedModel
from frontcms.text import to_roman


class OrganizationKind(models.TextChoices):
    DISTRICT_COMMITTEE = "district", _("Ủy ban MTTQ quận")
    STANDING_BOARD = "standing_board", _("Ban Thường trực")
    WARD_COMMITTEE = "ward", _("Ủy ban MTTQ phường")
    RESIDENTIAL_BOARD = "residential_board", _("Ban công tác Mặt trận khu dân cư")
    INSPECTION_BOARD = "inspection_board", _("Ban Thanh tra nhân dân")
    MEMBER_ORGANIZATION = "member_org", _("Tổ chức thành viên")
    ADVISORY_COUNCIL = "advisory_council", _("Hội đồng tư vấn")
    OTHER = "other", _("Khác")


class OrganizationQuerySet(models.QuerySet):
    def current(self):
        """Not dissolved (no dissolution date, or one still in the future)."""
        today = timezone.localdate()
        return self.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=today))

    def dissolved(self):
        return self.filter(dissolved_on__lte=timezone.localdate())

    def subtree_ids(self, root_ids) -> set[int]:
        """Ids of the given organisations and all their descendants (one query per level)."""
        found: set[int] = set(root_ids)
        frontier = set(root_ids)
        while frontier:
            frontier = (
                set(self.model._default_manager.filter(parent_id__in=frontier).values_list("pk", flat=True))
                - found
            )
            found |= frontier
        return found


class Organization(SluggedModel):
    slug_source = "name"

    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    kind = models.CharField(_("loại"), max_length=24, choices=OrganizationKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    dissolved_on = models.DateField(
        _("ngày giải thể / sáp nhập"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Tổ chức đã giải thể hoặc sáp nhập vẫn giữ trang của mình, kèm liên kết tới tổ chức kế tục."
        ),
    )
    succeeded_by = models.ManyToManyField(
        "self",
        verbose_name=_("tổ chức kế tục"),
        blank=True,
        symmetrical=False,
        related_name="predecessors",
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")
        ordering = ["order", "name"]
        permissions = [
            ("edit_all_organizations", _("Sửa nội dung của mọi tổ chức (không giới hạn theo phường)"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(founded_on__isnull=True)
                | Q(dissolved_on__gte=models.F("founded_on")),
                name="organization_dissolved_after_founded",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.founded_on and self.dissolved_on and self.dissolved_on < self.founded_on:
            raise ValidationError({"dissolved_on": _("Ngày giải thể không thể trước ngày thành lập.")})
        if self.pk and self.parent_id:
            ancestor = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError({"parent": _("Tổ chức không thể trực thuộc chính nó.")})
                ancestor = ancestor.parent

    def get_absolute_url(self) -> str:
        return reverse("committees:organization", kwargs={"slug": self.slug})

    @property
    def is_dissolved(self) -> bool:
        return self.dissolved_on is not None and self.dissolved_on <= timezone.localdate()


class Term(models.Model):
    """A term (khóa / nhiệm kỳ) of an organisation: "Khóa V, nhiệm kỳ 2019-2024"."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.CASCADE, related_name="terms"
    )
    number = models.PositiveSmallIntegerField(_("khóa (số)"))
    start_date = models.DateField(_("bắt đầu"))
    end_date = models.DateField(_("kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["organization", "-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="term_unique_number"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="term_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization.short_name or self.organization.name} – {self.label}"

    @property
    def roman(self) -> str:
        return to_roman(self.number)

    @property
    def years(self) -> str:
        end = self.end_date.year if self.end_date else ""
        return f"{self.start_date.year}-{end}" if end else f"{self.start_date.year}"

    @property
    def label(self) -> str:
        return f"Khóa {self.roman}, nhiệm kỳ {self.years}"

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc nhiệm kỳ không thể trước ngày bắt đầu.")})

    def contains(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class StaffAssignment(models.Model):
    """Binds a staff account to one organisation: a Cộng tác viên edits only that subtree."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="staff_assignment",
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="staff"
    )

    class Meta:
        verbose_name = _("phân công biên tập theo tổ chức")
        verbose_name_plural = _("phân công biên tập theo tổ chức")

    def __str__(self) -> str:
        return f"{self.user} → {self.organization}"
