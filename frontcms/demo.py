"""Demo content of the core: site settings, static pages, menu, quick links, staff accounts.

Also what every app's demo shares: `DemoRun`, which says what one `seed_demo` run created, and
the office hours at which the demo's staff publish.
"""

from __future__ import annotations

import datetime
import os
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from .models import MenuItem, Page, QuickLink, SiteSettings
from .roles import ADMINS, EDITORS

DEMO_ADMIN_USERNAME = "quantri"
DEMO_EDITOR_USERNAME = "bientap"
# A fixed demo password so that the README's demo command always prints working credentials;
# DEMO_ADMIN_PASSWORD overrides it. Never run seed_demo on a production database.
DEMO_ADMIN_PASSWORD = "Demo@MTTQ-2024"  # noqa: S105


@dataclass
class DemoRun:
    """One `seed_demo` run: the moment it started and the objects it created.

    Each app's `seed(out, run)` adds what it creates. Things attached to content (sample comments,
    ratings, view counts, tags, related picks, memberships) are added only to objects created by
    the same run, so running the command again never touches what people made or changed.
    """

    now: datetime.datetime = field(default_factory=timezone.now)
    created: dict[str, list[models.Model]] = field(default_factory=dict)

    def add(self, obj: models.Model) -> models.Model:
        self.created.setdefault(obj._meta.label_lower, []).append(obj)
        return obj

    def objects(self, model: type[models.Model]) -> list[models.Model]:
        return list(self.created.get(model._meta.label_lower, []))

    def made(self, obj: models.Model) -> bool:
        return any(o.pk == obj.pk for o in self.created.get(obj._meta.label_lower, []))

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)


# --- office hours -------------------------------------------------------------------------------
# The demo's staff publish as a ward or district office works: Monday to Friday, 07:30–11:30 and
# 13:30–17:00 (portal time), now and then on a Saturday morning.
MORNING = (datetime.time(7, 30), datetime.time(11, 30))
AFTERNOON = (datetime.time(13, 30), datetime.time(17, 0))


def workday_on_or_before(day: datetime.date) -> datetime.date:
    """`day`, or the Friday before it when it falls on a weekend."""
    return day - datetime.timedelta(days=max(0, day.weekday() - 4))


def workday_on_or_after(day: datetime.date) -> datetime.date:
    """`day`, or the Monday after it when it falls on a weekend."""
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware moment of `day` in the portal's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def office_time(
    day: datetime.date, rng: random.Random, *, after: datetime.datetime | None = None
) -> datetime.datetime:
    """A minute of office hours on `day` (a Saturday gives its morning), later than `after`
    when given; the next working day's morning when `day` has no office time left."""
    windows = [MORNING] if day.weekday() == 5 else [MORNING, AFTERNOON]
    if day.weekday() == 6:
        windows = []
    slots = []
    for start, end in windows:
        first = at(day, start.hour, start.minute)
        last = at(day, end.hour, end.minute)
        if after is not None and after >= first:
            first = after + datetime.timedelta(minutes=rng.randint(20, 70))
        if first < last:
            slots.append((first, last))
    if not slots:
        following = workday_on_or_after(day + datetime.timedelta(days=1))
        return office_time(following, rng)
    first, last = slots[rng.randrange(len(slots))]
    minutes = int((last - first).total_seconds() // 60)
    return first + datetime.timedelta(minutes=rng.randint(0, minutes))


def office_time_before(day: datetime.date, rng: random.Random, limit: datetime.datetime) -> datetime.datetime:
    """A minute of office hours on `day` (the Friday before, on a weekend) that is earlier than
    `limit`; an earlier working day when `day` has no such minute."""
    day = workday_on_or_before(day)
    while True:
        for _ in range(4):
            moment = office_time(day, rng)
            if moment < limit:
                return moment
        day = workday_on_or_before(day - datetime.timedelta(days=1))


PAGES = [
    (
        "gioi-thieu",
        "Giới thiệu",
        None,
        """
<p>Ủy ban Mặt trận Tổ quốc Việt Nam quận là tổ chức liên minh chính trị, liên hiệp tự nguyện của tổ chức
chính trị, các tổ chức chính trị - xã hội, tổ chức xã hội và các cá nhân tiêu biểu trong các giai cấp,
tầng lớp xã hội, dân tộc, tôn giáo trên địa bàn quận.</p>
<p>Cổng thông tin này đăng tải tin tức, lịch công tác, văn bản và thông tin về tổ chức, nhân sự của
Ủy ban MTTQ Việt Nam quận và Ủy ban MTTQ Việt Nam các phường.</p>""",
    ),
    (
        "chuc-nang-nhiem-vu",
        "Chức năng, nhiệm vụ",
        "gioi-thieu",
        """
<h2>Chức năng</h2>
<p>Tập hợp, xây dựng khối đại đoàn kết toàn dân tộc; đại diện, bảo vệ quyền và lợi ích hợp pháp,
chính đáng của nhân dân; giám sát và phản biện xã hội; tham gia xây dựng Đảng, chính quyền.</p>
<h2>Nhiệm vụ</h2>
<ul>
<li>Tuyên truyền, vận động nhân dân thực hiện đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước.</li>
<li>Chủ trì phối hợp tổ chức các cuộc vận động, phong trào thi đua yêu nước.</li>
<li>Tổ chức hội nghị đối thoại, tiếp nhận ý kiến, kiến nghị của cử tri và nhân dân.</li>
<li>Hướng dẫn hoạt động của Ban công tác Mặt trận khu dân cư và Ban Thanh tra nhân dân.</li>
</ul>""",
    ),
    (
        "lich-su",
        "Lịch sử hình thành",
        "gioi-thieu",
        """
<p>Mặt trận Dân tộc thống nhất Việt Nam được thành lập ngày 18/11/1930. Ngày 18 tháng 11 hằng năm
là Ngày truyền thống Mặt trận Tổ quốc Việt Nam và Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư.</p>""",
    ),
    (
        "lien-he",
        "Liên hệ",
        None,
        """
<p>Mọi ý kiến đóng góp, phản ánh của nhân dân xin gửi về Văn phòng Ủy ban MTTQ Việt Nam quận.</p>
<p>Giờ tiếp dân: sáng thứ Năm hằng tuần, từ 8 giờ đến 11 giờ 30.</p>""",
    ),
]

QUICK_LINKS = [
    ("Ủy ban Trung ương MTTQ Việt Nam", "https://mattran.org.vn/"),
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
    ("Báo Đại Đoàn Kết", "https://daidoanket.vn/"),
    ("Cổng dịch vụ công quốc gia", "https://dichvucong.gov.vn/"),
]

# (title, route name or page slug); routes of apps that are not installed yet are skipped.
MENU = [
    ("Giới thiệu", "page:gioi-thieu"),
    ("Tin tức", "news:list"),
    ("Sự kiện", "events:list"),
    ("Lịch công tác", "events:schedule"),
    ("Văn bản", "events:documents"),
    ("Tổ chức", "committees:tree"),
    ("Liên hệ", "page:lien-he"),
    ("Góp ý", "engagement:feedback"),
]


def demo_account(username: str, role: str, **fields):
    """A staff account of the demo in the group `role`, with the demo password (DEMO_ADMIN_PASSWORD),
    made once: a later run changes nothing of it."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"is_staff": True, "email": f"{username}@thanhha.example.vn", **fields}
    )
    if created:
        user.set_password(os.environ.get("DEMO_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD))
        user.save()
        user.groups.add(Group.objects.get(name=role))
    return user


def seed(out, run: DemoRun | None = None) -> None:
    run = run or DemoRun()
    settings_row = SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)
    if not settings_row.agency_name:
        settings_row.site_name = "Ủy ban MTTQ Việt Nam quận Thanh Hà"
        settings_row.tagline = "Cổng thông tin điện tử"
        settings_row.description = (
            "Tin tức, sự kiện, văn bản và tổ chức của Ủy ban MTTQ Việt Nam quận Thanh Hà và 11 phường."
        )
        settings_row.agency_name = "Ủy ban Mặt trận Tổ quốc Việt Nam quận Thanh Hà"
        settings_row.address = "Số 9 phố Khương Hạ, phường Khương Đình, quận Thanh Hà, Hà Nội"
        settings_row.phone = "024 3858 0000"
        settings_row.email = "mttq@thanhha.example.vn"
        settings_row.feedback_email = "gopy@thanhha.example.vn"
        settings_row.licence = "Giấy phép số 12/GP-TTĐT do Sở Thông tin và Truyền thông cấp (dữ liệu mẫu)."
        settings_row.responsible_person = "Bà Nguyễn Thị Hạnh, Chủ tịch Ủy ban MTTQ Việt Nam quận"
        settings_row.save()
    if not settings_row.agency_name_en:
        # The English pages (/en/) show these; "Viet Nam", as the Front's official English names write it.
        settings_row.site_name_en = "Viet Nam Fatherland Front Committee of Thanh Ha District"
        settings_row.tagline_en = "Electronic information portal"
        settings_row.description_en = (
            "The organisation, functions, leadership and contacts of the Viet Nam Fatherland Front "
            "Committee of Thanh Ha District and its 11 wards."
        )
        settings_row.agency_name_en = "Viet Nam Fatherland Front Committee of Thanh Ha District"
        settings_row.address_en = "9 Khuong Ha Street, Khuong Dinh Ward, Thanh Ha District, Ha Noi"
        settings_row.licence_en = (
            "Licence No. 12/GP-TTDT issued by the Department of Information and Communications (sample data)."
        )
        settings_row.responsible_person_en = (
            "Ms Nguyễn Thị Hạnh, Chairperson of the Viet Nam Fatherland Front Committee of Thanh Ha District"
        )
        settings_row.save()
    if not settings_row.working_hours:
        settings_row.working_hours = (
            "Thứ Hai đến thứ Sáu: sáng 7 giờ 30 – 11 giờ 30, chiều 13 giờ 30 – 17 giờ\n"
            "Tiếp công dân: sáng thứ Năm hằng tuần, 8 giờ – 11 giờ 30"
        )
        settings_row.save()

    # A page goes under its parent only when this run made the parent: never under a page of someone's.
    pages = {}
    for order, (slug, title, parent_slug, body) in enumerate(PAGES):
        if parent_slug and parent_slug not in pages:
            continue
        page, created = Page.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "parent": pages.get(parent_slug),
                "body": body.strip(),
                "order": order,
                "seo_description": title,
            },
        )
        if created:
            pages[slug] = run.add(page)

    # Quick links and the menu belong to the editors once they exist: seeded into empty ones only.
    if not QuickLink.objects.exists():
        for order, (title, url) in enumerate(QUICK_LINKS):
            QuickLink.objects.create(url=url, title=title, order=order)
    if not MenuItem.objects.exists():
        seed_menu()

    demo_account(DEMO_ADMIN_USERNAME, ADMINS, first_name="Quản trị", is_superuser=True)
    # A district editor (Biên tập viên): reviews and publishes, without the administrator's rights.
    demo_account(DEMO_EDITOR_USERNAME, EDITORS, first_name="Biên tập viên quận")
    out.write(f"  Pages: {Page.objects.count()}, menu items: {MenuItem.objects.count()}")


def seed_menu() -> None:
    """The main menu; routes of apps that are not installed and missing pages are skipped."""
    pages = {page.slug: page for page in Page.objects.filter(slug__in=[slug for slug, *_ in PAGES])}
    top = {}
    for order, (title, target) in enumerate(MENU):
        if target.startswith("page:"):
            if target[5:] in pages:
                top[title] = MenuItem.objects.create(title=title, page=pages[target[5:]], order=order * 10)
            continue
        try:
            reverse(target)
        except NoReverseMatch:
            continue
        top[title] = MenuItem.objects.create(title=title, route=target, order=order * 10)
    if "Giới thiệu" in top:
        for order, slug in enumerate(("chuc-nang-nhiem-vu", "lich-su")):
            if slug in pages:
                MenuItem.objects.create(
                    parent=top["Giới thiệu"], page=pages[slug], title=pages[slug].title, order=order
                )
