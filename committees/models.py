"""Organisations (Popolo-like), their terms, people, positions, memberships and contact points.

Also the binding of staff accounts to an organisation (StaffAssignment, ward-scoped editing).
Membership rules (dates within the term, end not before start, one holder at a time for a
single-holder position) are checked in `Membership.clean()` with Vietnamese messages and held by
the database as well: an exclusion constraint on PostgreSQL, triggers on SQLite (migration 0003).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from frontcms.cache import SITE, CacheTagged, tag
from frontcms.images import SafeImageField
from frontcms.models import SluggedModel
from frontcms.richtext import RichTextField
from frontcms.text import fold, format_date, nfc, to_roman

from . import english
from .querysets import MembershipQuerySet, PersonQuerySet, TermQuerySet


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

    def in_picking_order(self, first_id: int | None = None):
        """The order in which staff pick an organisation (autocomplete): `first_id` (the user's own
        committee) first, then district committees, ward committees, and the sub-units grouped
        under their parent; dissolved organisations after the current ones of their rank."""
        today = timezone.localdate()
        rank = models.Case(
            models.When(pk=first_id or 0, then=0),
            models.When(kind=OrganizationKind.DISTRICT_COMMITTEE, then=1),
            models.When(kind=OrganizationKind.WARD_COMMITTEE, then=2),
            default=3,
            output_field=models.IntegerField(),
        )
        dissolved = models.Case(
            models.When(dissolved_on__lte=today, then=1), default=0, output_field=models.IntegerField()
        )
        return self.alias(picking_rank=rank, picking_dissolved=dissolved).order_by(
            "picking_rank", "picking_dissolved", "parent__order", "parent__name", "order", "name", "pk"
        )

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


class Organization(CacheTagged, SluggedModel):
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
    intro = RichTextField(_("giới thiệu"), blank=True)
    intro_en = RichTextField(_("giới thiệu (tiếng Anh)"), blank=True)
    functions = RichTextField(
        _("chức năng, nhiệm vụ"),
        blank=True,
        help_text=_("Nghị định 42/2022/NĐ-CP yêu cầu công khai chức năng, nhiệm vụ của cơ quan."),
    )
    functions_en = RichTextField(_("chức năng, nhiệm vụ (tiếng Anh)"), blank=True)
    address = models.CharField(_("địa chỉ trụ sở"), max_length=300, blank=True)
    address_en = models.CharField(
        _("địa chỉ trụ sở (tiếng Anh)"),
        max_length=300,
        blank=True,
        help_text=_("Để trống thì trang tiếng Anh hiện địa chỉ tiếng Việt."),
    )
    phone = models.CharField(_("điện thoại cơ quan"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử cơ quan"), blank=True)
    search_name = models.CharField(max_length=800, editable=False, db_index=True, default="")
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

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

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.short_name = nfc(self.short_name).strip()
        self.search_name = fold(" ".join(filter(None, [self.name, self.short_name, self.name_en])))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)

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

    def cache_tags(self) -> set[str]:
        # Its own pages, every list or mention of organisations (the tree, filters, organiser and
        # issuer names), and, for a ward committee, the wards list in the sidebar of every page.
        tags = {tag(self), tag(Organization)}
        if self.kind == OrganizationKind.WARD_COMMITTEE:
            tags.add(SITE)
        return tags

    def get_english_url(self) -> str:
        return reverse("committees:english_organization", kwargs={"slug": self.slug})

    @property
    def is_dissolved(self) -> bool:
        return self.dissolved_on is not None and self.dissolved_on <= timezone.localdate()

    @property
    def english_name(self) -> str:
        """The name on the English pages: `name_en` when given, else the official pattern for
        its kind, else the Vietnamese name with its kind in English (committees/english.py)."""
        return self.official_english_name or f"{self.name} ({self._english_kind()})"

    @property
    def official_english_name(self) -> str:
        """`name_en` when given, else the official pattern's name for its kind; "" when neither
        gives one (the English pages then show the Vietnamese name with its kind)."""
        return self.name_en or self._derived_english_name()

    @property
    def english_name_html(self) -> str:
        """english_name as HTML, the Vietnamese words of a name no pattern reads marked lang="vi"."""
        if self.official_english_name:
            return format_html("{}", self.english_name)
        return format_html('<span lang="vi">{}</span> ({})', self.name, self._english_kind())

    def _english_kind(self) -> str:
        with translation.override("en"):
            return str(self.get_kind_display())

    def _derived_english_name(self) -> str:
        # A parent already at hand (select_related) names a standing board called just
        # "Ban Thường trực"; it is never fetched for that.
        parent = self.parent if self.parent_id and Organization.parent.is_cached(self) else None
        return english.derived_name(self.name, self.kind, parent.english_name if parent else "")

    def current_term(self, terms=None):
        """The term containing today, else the latest that has started (None without terms).

        `terms` lets a view pass already-fetched terms instead of querying again."""
        today = timezone.localdate()
        candidates = sorted(
            terms if terms is not None else self.terms.all(), key=lambda t: t.start_date, reverse=True
        )
        started = [t for t in candidates if t.start_date <= today]
        for term in started:
            if term.contains(today):
                return term
        return started[0] if started else None


class Term(CacheTagged, models.Model):
    """A term (khóa / nhiệm kỳ) of an organisation: "Khóa V, nhiệm kỳ 2019-2024"."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.CASCADE, related_name="terms"
    )
    number = models.PositiveSmallIntegerField(_("khóa (số)"))
    start_date = models.DateField(_("bắt đầu"))
    end_date = models.DateField(_("kết thúc"), null=True, blank=True)
    congress_name = models.CharField(
        _("đại hội mở nhiệm kỳ"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Đại hội đại biểu MTTQ Việt Nam quận lần thứ V."),
    )
    congress_date = models.DateField(_("ngày đại hội"), null=True, blank=True)

    objects = TermQuerySet.as_manager()

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

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Memberships without an end date end with their term: keep their stored range in step.
        self.memberships.filter(end_date__isnull=True).exclude(range_end=self.end_date).update(
            range_end=self.end_date
        )

    def get_absolute_url(self) -> str:
        return reverse("committees:term", kwargs={"slug": self.organization.slug, "number": self.number})

    def cache_tags(self) -> set[str]:
        # Who served in its organisation and when (its pages), and term labels elsewhere.
        return {tag(Membership, organization=self.organization_id), tag(Term)}

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
        if self.pk and self.start_date:
            outside = self.memberships.filter(start_date__lt=self.start_date)
            if self.end_date:
                outside = outside | self.memberships.filter(
                    Q(start_date__gt=self.end_date) | Q(end_date__gt=self.end_date)
                )
            if outside.exists():
                raise ValidationError(
                    _(
                        "Có thành viên của nhiệm kỳ có thời gian giữ chức nằm ngoài thời gian mới của nhiệm kỳ."
                    )
                )

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


class Person(CacheTagged, SluggedModel):
    """A person who holds or held a position. Public data only: no birth date, phone or ID number."""

    slug_source = "full_name"

    full_name = models.CharField(_("họ và tên"), max_length=120)
    photo = SafeImageField(_("ảnh chân dung"), upload_to="nhan-su/%Y/", blank=True)
    bio = models.TextField(
        _("tiểu sử tóm tắt"),
        blank=True,
        max_length=2000,
        help_text=_("Vài câu về quá trình công tác. Không ghi ngày sinh, số điện thoại, số CCCD."),
    )
    bio_en = models.TextField(_("tiểu sử (tiếng Anh)"), blank=True, max_length=2000)
    search_name = models.CharField(max_length=200, editable=False, db_index=True, default="")
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhân sự")
        verbose_name_plural = _("nhân sự")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = " ".join(nfc(self.full_name).split())
        self.search_name = fold(self.full_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("committees:person", kwargs={"slug": self.slug})

    def cache_tags(self) -> set[str]:
        # Its page, lists of people, and the members and contacts of its organisations.
        tags = {tag(self), tag(Person)}
        if self.pk:
            orgs = self.memberships.order_by().values_list("organization_id", flat=True).distinct()
            tags |= {tag(Membership, organization=pk) for pk in orgs}
            if self.contact_points.exists():
                tags.add(tag(ContactPoint))
        return tags


class Position(CacheTagged, models.Model):
    """Chủ tịch, Phó Chủ tịch, Ủy viên Ban Thường trực, Ủy viên, Trưởng ban, …"""

    name = models.CharField(_("tên chức vụ"), max_length=120, unique=True)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=120, blank=True)
    rank = models.PositiveSmallIntegerField(
        _("thứ bậc"), default=100, help_text=_("Số nhỏ đứng trước: Chủ tịch 10, Phó Chủ tịch 20, …")
    )
    single_holder = models.BooleanField(
        _("chỉ một người giữ"),
        default=False,
        help_text=_("Ví dụ Chủ tịch: không thể có hai người giữ chức cùng lúc trong một tổ chức."),
    )
    is_leadership = models.BooleanField(
        _("thuộc lãnh đạo"), default=False, help_text=_("Hiện trong mục “Lãnh đạo” của trang tổ chức.")
    )

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering = ["rank", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.memberships.exclude(exclusive=self.single_holder).update(exclusive=self.single_holder)

    def clean(self):
        if self.pk and self.single_holder:
            for membership in self.memberships.select_related("organization", "term"):
                clash = membership.clashing_holders().first()
                if clash:
                    raise ValidationError(
                        {
                            "single_holder": _(
                                "Không thể đặt “chỉ một người giữ”: %(a)s và %(b)s cùng giữ chức này ở %(org)s."
                            )
                            % {"a": membership.person, "b": clash.person, "org": membership.organization}
                        }
                    )


class EndReason(models.TextChoices):
    TERM_ENDED = "term_ended", _("Hết nhiệm kỳ")
    MOVED = "moved", _("Chuyển công tác")
    RETIRED = "retired", _("Nghỉ hưu")
    RESIGNED = "resigned", _("Xin thôi")
    DISMISSED = "dismissed", _("Miễn nhiệm")
    DECEASED = "deceased", _("Từ trần")
    REORGANIZED = "reorganized", _("Tổ chức sáp nhập, giải thể")
    OTHER = "other", _("Khác")


class EntryKind(models.TextChoices):
    ELECTED = "elected", _("Hiệp thương / bầu tại đại hội")
    ADDITION = "addition", _("Cử bổ sung")
    REPLACEMENT = "replacement", _("Thay thế")


class Membership(CacheTagged, models.Model):
    """Who held which position in which organisation, in which term, from when until when."""

    person = models.ForeignKey(
        Person, verbose_name=_("người"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.CASCADE, related_name="memberships"
    )
    term = models.ForeignKey(
        Term,
        verbose_name=_("nhiệm kỳ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    position = models.ForeignKey(
        Position, verbose_name=_("chức vụ"), on_delete=models.PROTECT, related_name="memberships"
    )
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(
        _("đến ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày thôi giữ chức; người kế nhiệm có thể bắt đầu cùng ngày. Để trống nếu đang giữ."),
    )
    end_reason = models.CharField(_("lý do thôi"), max_length=16, choices=EndReason.choices, blank=True)
    entry_kind = models.CharField(
        _("hình thức"), max_length=16, choices=EntryKind.choices, default=EntryKind.ELECTED
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("thay cho"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
    )
    is_full_time = models.BooleanField(_("chuyên trách"), default=False)
    represents = models.ForeignKey(
        Organization,
        verbose_name=_("đại diện tổ chức"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="representatives",
        help_text=_("Tổ chức thành viên mà người này đại diện trong Ủy ban (nếu có)."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự trong danh sách"), default=0)
    # Kept by save() for the database constraint: the position's single-holder flag, and the day
    # the membership stops (its end date, or its term's end when it has none).
    exclusive = models.BooleanField(default=False, editable=False)
    range_end = models.DateField(null=True, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("chức vụ đảm nhiệm")
        verbose_name_plural = _("chức vụ đảm nhiệm")
        ordering = ["organization", "position__rank", "start_date"]
        indexes = [
            models.Index(fields=["organization", "start_date"], name="membership_org_start"),
            models.Index(fields=["term", "position"], name="membership_term_position"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
            ),
        ]
        # The single-holder rule is held by an exclusion constraint (PostgreSQL) or triggers
        # (SQLite) created in migration 0003; Django cannot declare either portably.

    def __str__(self) -> str:
        return f"{self.person} – {self.position} – {self.organization}"

    def save(self, *args, **kwargs):
        self._organization_from_term()
        self.exclusive = bool(self.position_id and self.position.single_holder)
        self.range_end = self.effective_end
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "exclusive", "range_end"}
        super().save(*args, **kwargs)

    def cache_tags(self) -> set[str]:
        return {tag(Membership, organization=self.organization_id), tag(Membership, person=self.person_id)}

    def _organization_from_term(self) -> None:
        # Added from a term's inline, a membership belongs to the term's organisation.
        if self.term_id and not self.organization_id:
            self.organization_id = self.term.organization_id

    @property
    def effective_end(self):
        if self.end_date:
            return self.end_date
        return self.term.end_date if self.term_id and self.term else None

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        end = self.effective_end
        return self.start_date <= today and (end is None or end > today)

    def clashing_holders(self):
        """Other holders of the same single-holder position in the same organisation at the same time."""
        return (
            Membership.objects.filter(organization_id=self.organization_id, position_id=self.position_id)
            .exclude(pk=self.pk)
            .filter(Q(range_end__isnull=True) | Q(range_end__gt=self.start_date))
            .filter(**({"start_date__lt": self.effective_end} if self.effective_end else {}))
            .select_related("person")
            .order_by("start_date")
        )

    def clean(self):
        errors: dict[str, list] = {}
        self._organization_from_term()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors.setdefault("end_date", []).append(_("Ngày thôi giữ chức không thể trước ngày bắt đầu."))
        term = self.term if self.term_id else None
        if term and self.organization_id and term.organization_id != self.organization_id:
            errors.setdefault("term", []).append(
                _(
                    "Chỉ chọn được nhiệm kỳ của tổ chức đã chọn, “%(organization)s”; “%(term)s” là "
                    "nhiệm kỳ của tổ chức khác. Hãy chọn lại nhiệm kỳ hoặc để trống."
                )
                % {"organization": self.organization, "term": term}
            )
        elif term and self.start_date:
            period = {
                "start": format_date(term.start_date),
                "end": format_date(term.end_date) if term.end_date else _("nay"),
            }
            if not term.contains(self.start_date):
                errors.setdefault("start_date", []).append(
                    _("Ngày bắt đầu phải nằm trong nhiệm kỳ (%(start)s – %(end)s).") % period
                )
            if self.end_date and not term.contains(self.end_date):
                errors.setdefault("end_date", []).append(
                    _("Ngày thôi giữ chức phải nằm trong nhiệm kỳ (%(start)s – %(end)s).") % period
                )
        if self.end_date and not self.end_reason:
            self.end_reason = EndReason.TERM_ENDED if term and term.end_date == self.end_date else ""
        if (
            not errors
            and self.position_id
            and self.organization_id
            and self.start_date
            and self.position.single_holder
        ):
            clash = self.clashing_holders().first()
            if clash:
                errors.setdefault("start_date", []).append(
                    _(
                        "Chức vụ “%(position)s” chỉ có một người giữ: %(person)s giữ chức này "
                        "từ %(start)s đến %(end)s."
                    )
                    % {
                        "position": self.position,
                        "person": clash.person,
                        "start": format_date(clash.start_date),
                        "end": format_date(clash.range_end) if clash.range_end else _("nay"),
                    }
                )
        if errors:
            raise ValidationError(errors)


class ContactPoint(CacheTagged, models.Model):
    """A designated contact of an organisation (Decree 42/2022/NĐ-CP): official phone and e-mail."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.CASCADE, related_name="contact_points"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("người"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_points",
    )
    name = models.CharField(
        _("tên hiển thị"), max_length=120, blank=True, help_text=_("Để trống để dùng tên người.")
    )
    name_en = models.CharField(
        _("tên hiển thị (tiếng Anh)"),
        max_length=120,
        blank=True,
        help_text=_("Cho trang tiếng Anh, ví dụ “Office”. Để trống thì dùng tên hiển thị hoặc tên người."),
    )
    title = models.CharField(_("chức vụ / nhiệm vụ"), max_length=200)
    title_en = models.CharField(_("chức vụ (tiếng Anh)"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại công vụ"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    reviewed_on = models.DateField(
        _("rà soát lần cuối"),
        default=timezone.localdate,
        help_text=_("Cập nhật ngày này mỗi khi kiểm tra lại đầu mối (nhất là khi lãnh đạo thay đổi)."),
    )

    class Meta:
        verbose_name = _("đầu mối liên hệ")
        verbose_name_plural = _("đầu mối liên hệ")
        ordering = ["organization", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.title})"

    def cache_tags(self) -> set[str]:
        return {tag(ContactPoint)}  # organisation pages and the contact page list contacts

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return self.person.full_name if self.person_id and self.person else ""

    @property
    def display_name_en(self) -> str:
        """`display_name` in English, for `{% localized contact "display_name" %}`: `name_en` where
        given, else "" (the English page then shows `display_name`, marked as Vietnamese)."""
        return self.name_en

    def clean(self):
        if not self.name and not self.person_id:
            raise ValidationError(_("Chọn một người hoặc nhập tên hiển thị của đầu mối."))
        if not self.phone and not self.email:
            raise ValidationError(_("Đầu mối liên hệ cần ít nhất số điện thoại hoặc thư điện tử công vụ."))
