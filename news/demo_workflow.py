"""Demo articles in every step of the editorial workflow, so the admin's front page has work on it.

A ward contributor of Khương Đình (the committees demo creates the account) writes four
articles: one still a draft, one waiting for review, one an editor returned with a reason, and
one approved to appear tomorrow morning. Every step goes through the publishing service, as in
real use, so the steps, revisions and the dashboard's panels are what staff would see.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from frontcms import publishing_service as service
from frontcms.demo import DEMO_ADMIN_USERNAME
from frontcms.text import slugify_vi

from .models import Article, Category

CONTRIBUTOR = "phuong-khuong-dinh"
WARD_SUFFIX = "Khương Đình"
STORIES = [
    (
        "draft",
        "Khu dân cư số 5 phường Khương Đình chuẩn bị Ngày hội Đại đoàn kết",
        "Ban công tác Mặt trận khu dân cư số 5 họp bàn chương trình Ngày hội năm nay.",
    ),
    (
        "pending",
        "Ra quân tổng vệ sinh môi trường tại khu dân cư số 3 phường Khương Đình",
        "Hơn 120 hội viên, đoàn viên và nhân dân tham gia dọn vệ sinh ngõ xóm, khơi thông cống rãnh.",
    ),
    (
        "returned",
        "Phường Khương Đình trao 30 suất quà cho hộ khó khăn",
        "Ủy ban MTTQ phường phối hợp các nhà hảo tâm trao quà cho hộ cận nghèo trên địa bàn.",
    ),
    (
        "scheduled",
        "Hội nghị lấy ý kiến nhân dân về chỉnh trang tuyến phố Khương Đình",
        "Ý kiến của nhân dân sẽ được tổng hợp, gửi Ủy ban nhân dân phường trước ngày 15 hằng tháng.",
    ),
]
RETURN_REASON = (
    "Bài cần ghi rõ tên các nhà hảo tâm và số tiền của mỗi suất quà; "
    "ảnh chụp người nhận quà phải được họ đồng ý. Bổ sung rồi gửi duyệt lại."
)


def seed(out) -> None:
    User = get_user_model()
    editor = User.objects.filter(username=DEMO_ADMIN_USERNAME).first()
    contributor = User.objects.filter(username=CONTRIBUTOR).select_related("staff_assignment").first()
    assignment = getattr(contributor, "staff_assignment", None) if contributor else None
    if assignment is None or not assignment.organization.name.endswith(WARD_SUFFIX):
        out.write("  Workflow: no ward contributor account, no sample steps")
        return
    category = Category.objects.filter(slug="tin-phuong").first()
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    made = 0
    for state, title, summary in STORIES:
        slug = slugify_vi(title)[:200]
        if Article.objects.filter(slug=slug).exists():
            continue
        article = Article(
            title=title,
            slug=slug,
            summary=summary,
            body=f"<p>{summary}</p><p>Ban Thường trực Ủy ban MTTQ phường ghi nhận và biểu dương các gia đình tích cực.</p>",
            category=category,
            organization=assignment.organization,
            byline=f"Cộng tác viên phường {WARD_SUFFIX}",
        )
        service.save_draft(article, user=contributor)
        if state != "draft":
            service.submit(article, user=contributor)
        if state == "returned":
            service.return_to_author(article, user=editor, reason=RETURN_REASON)
        if state == "scheduled":
            at = tomorrow.replace(hour=7, minute=30, second=0, microsecond=0)
            service.publish(article, user=editor, at=at)
        made += 1
    out.write(f"  Workflow: {made} ward articles in draft, review, returned and scheduled states")
