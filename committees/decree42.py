"""What Decree 42/2022/NĐ-CP expects a public portal to publish, checked against the database.

`checklist()` returns one `Check` per requirement, with what is missing or stale, for the admin
dashboard panel. It runs a fixed number of queries whatever the number of organisations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.staticfiles import finders
from django.db.models import Count, Max, Min, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ContactPoint, Membership, Organization, OrganizationKind

MAX_LISTED = 8


@dataclass
class Check:
    label: str
    ok: bool
    detail: str = ""  # shown when the check passes (or has no list of problems)
    problems: list[str] = field(default_factory=list)
    url: str = ""
    problem_intro: str = ""  # shown above the list of problems when it fails

    @property
    def more(self) -> int:
        return max(0, len(self.problems) - MAX_LISTED)

    @property
    def shown_problems(self) -> list[str]:
        return self.problems[:MAX_LISTED]


def _url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


def checklist(within: set[int] | None = None) -> list[Check]:
    """Every check; with `within` (organisation ids: a ward contributor's unit), only the checks
    that concern each committee, for the committees among those organisations."""
    from frontcms.models import QuickLink, SiteSettings
    from frontcms.search import adapters

    today = timezone.localdate()
    current = Organization.objects.current().filter(
        kind__in=[OrganizationKind.DISTRICT_COMMITTEE, OrganizationKind.WARD_COMMITTEE]
    )
    if within is not None:
        current = current.filter(pk__in=within)
    committees = list(
        current.only(
            "name", "kind", "parent_id", "functions", "name_en", "intro_en", "functions_en"
        ).order_by("order", "name")
    )
    ids = [o.pk for o in committees]
    main = next(
        (o for o in committees if o.kind == OrganizationKind.DISTRICT_COMMITTEE and not o.parent_id), None
    )
    led = set(
        Membership.objects.current()
        .leadership()
        .filter(organization__in=ids)
        .values_list("organization_id", flat=True)
    )
    contacts = {
        row["organization_id"]: row
        for row in ContactPoint.objects.filter(organization__in=ids)
        .values("organization_id")
        .annotate(complete=Count("pk", filter=~Q(phone="") & ~Q(email="")), reviewed=Min("reviewed_on"))
    }
    changes = {
        row["organization_id"]: max(d for d in (row["last_start"], row["last_end"]) if d)
        for row in Membership.objects.filter(organization__in=ids, position__is_leadership=True)
        .values("organization_id")
        .annotate(
            last_start=Max("start_date", filter=Q(start_date__lte=today)),
            last_end=Max("end_date", filter=Q(end_date__lte=today)),
        )
        if row["last_start"] or row["last_end"]
    }

    checks = [
        Check(
            _("Chức năng, nhiệm vụ"),
            ok=bool(committees) and all(o.functions.strip() for o in committees),
            problems=[o.name for o in committees if not o.functions.strip()],
            problem_intro=_("Thiếu nội dung chức năng, nhiệm vụ:"),
        ),
        Check(
            _("Sơ đồ tổ chức"),
            ok=bool(committees),
            detail=_("Sơ đồ được tạo tự động từ danh sách tổ chức đang hoạt động."),
            url=_url("committees:tree"),
        ),
        Check(
            _("Lãnh đạo hiện nay"),
            ok=bool(committees) and all(o.pk in led for o in committees),
            problems=[o.name for o in committees if o.pk not in led],
            problem_intro=_("Chưa có người giữ chức vụ lãnh đạo:"),
        ),
        Check(
            _("Đầu mối liên hệ có điện thoại và thư điện tử"),
            ok=bool(committees) and all(contacts.get(o.pk, {}).get("complete") for o in committees),
            problems=[o.name for o in committees if not contacts.get(o.pk, {}).get("complete")],
            problem_intro=_("Chưa có đầu mối đủ số điện thoại và thư điện tử:"),
        ),
    ]
    stale = [
        o.name
        for o in committees
        if o.pk in contacts and o.pk in changes and contacts[o.pk]["reviewed"] < changes[o.pk]
    ]
    checks.append(
        Check(
            _("Đầu mối liên hệ được rà soát sau thay đổi lãnh đạo"),
            ok=not stale,
            problems=stale,
            problem_intro=_("Lãnh đạo đã thay đổi sau lần rà soát đầu mối gần nhất:"),
        )
    )
    if within is not None:
        return [check for check in checks if check.problems or check.problem_intro]
    site = SiteSettings.load()
    english_missing = []
    if not main:
        english_missing.append(_("chưa có Ủy ban MTTQ quận"))
    else:
        for value, label in (
            # The official pattern names a district committee in English without `name_en`.
            (main.official_english_name, _("tên tiếng Anh")),
            (main.intro_en, _("giới thiệu tiếng Anh")),
            (main.functions_en, _("chức năng, nhiệm vụ tiếng Anh")),
        ):
            if not value.strip():
                english_missing.append(label)
    if not site.site_name_en:
        english_missing.append(_("tên cổng tiếng Anh"))
    checks.append(
        Check(
            _("Trang tiếng Anh"),
            ok=not english_missing,
            problems=english_missing,
            problem_intro=_("Còn thiếu:"),
            url=_url("committees:english"),
        )
    )
    links = QuickLink.objects.filter(is_active=True).count()
    checks.append(
        Check(
            _("Liên kết tới cơ quan liên quan"),
            ok=links > 0,
            detail=_("%(n)d liên kết đang hiển thị.") % {"n": links},
        )
    )
    checks.append(
        Check(
            _("In từng bài viết"),
            ok=bool(finders.find("css/print.css")),
            detail=_("Bảng định dạng in (print.css) áp dụng cho mọi trang."),
        )
    )
    search_url = _url("frontcms:search")
    checks.append(
        Check(
            _("Tìm kiếm"),
            ok=bool(search_url) and bool(adapters()),
            detail=_("Nội dung được tìm: %(kinds)s.")
            % {"kinds": ", ".join(str(a.label) for a in adapters())},
            url=search_url,
        )
    )
    return checks
