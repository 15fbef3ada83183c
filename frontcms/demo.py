"""Demo content of the core: site settings, static pages, menu, quick links, staff accounts."""

from __future__ import annotations

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse

from .models import MenuItem, Page, QuickLink, SiteSettings
from .roles import ADMINS

DEMO_ADMIN_USERNAME = "quantri"
# A fixed demo password so that the README's demo command always prints working credentials;
# DEMO_ADMIN_PASSWORD overrides it. Never run seed_demo on a production database.
DEMO_ADMIN_PASSWORD = "Demo@MTTQ-2024"  # noqa: S105

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


def seed(out) -> None:
    settings_row = SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)
    if not settings_row.agency_name:
        settings_row.site_name = "Ủy ban MTTQ Việt Nam quận Thanh Hà"
        settings_row.tagline = "Cổng thông tin điện tử"
        settings_row.site_name_en = "Vietnam Fatherland Front Committee of Thanh Ha District"
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
    if not settings_row.working_hours:
        settings_row.working_hours = (
            "Thứ Hai đến thứ Sáu: sáng 7 giờ 30 – 11 giờ 30, chiều 13 giờ 30 – 17 giờ\n"
            "Tiếp công dân: sáng thứ Năm hằng tuần, 8 giờ – 11 giờ 30"
        )
        settings_row.save()

    pages = {}
    for order, (slug, title, parent_slug, body) in enumerate(PAGES):
        page, _ = Page.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "parent": pages.get(parent_slug),
                "body": body.strip(),
                "order": order,
                "seo_description": title,
            },
        )
        pages[slug] = page

    for order, (title, url) in enumerate(QUICK_LINKS):
        QuickLink.objects.get_or_create(url=url, defaults={"title": title, "order": order})

    for order, (title, target) in enumerate(MENU):
        if MenuItem.objects.filter(title=title, parent__isnull=True).exists():
            continue
        if target.startswith("page:"):
            MenuItem.objects.create(title=title, page=pages[target[5:]], order=order * 10)
            continue
        try:
            reverse(target)
        except NoReverseMatch:
            continue
        MenuItem.objects.create(title=title, route=target, order=order * 10)
    about = MenuItem.objects.filter(title="Giới thiệu", parent__isnull=True).first()
    if about:
        for order, slug in enumerate(("chuc-nang-nhiem-vu", "lich-su")):
            MenuItem.objects.get_or_create(
                parent=about, page=pages[slug], defaults={"title": pages[slug].title, "order": order}
            )

    User = get_user_model()
    password = os.environ.get("DEMO_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD)
    admin, created = User.objects.get_or_create(
        username=DEMO_ADMIN_USERNAME,
        defaults={
            "is_staff": True,
            "is_superuser": True,
            "first_name": "Quản trị",
            "email": "quantri@thanhha.example.vn",
        },
    )
    if created:
        admin.set_password(password)
        admin.save()
        admin.groups.add(Group.objects.get(name=ADMINS))
    out.write(f"  Pages: {Page.objects.count()}, menu items: {MenuItem.objects.count()}")
