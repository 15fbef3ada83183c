"""Demo articles in every step of the editorial workflow, so the admin's front page has work on it.

The Khương Đình ward contributor (the committees demo creates the account) writes four articles:
one still a draft, one waiting for review, one the demo's administrator returned with a reason,
and one approved to appear on the next working morning. Every step goes through the publishing
service, as in real use, so the steps, revisions and the dashboard's panels are what staff see.
Like the rest of the demo, the pictures are illustrations and say so, and a second run adds nothing.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils.html import escape

from frontcms import publishing_service as service
from frontcms.demo import DEMO_ADMIN_USERNAME, DemoRun, at, workday_on_or_after
from frontcms.demo_images import caption, illustration
from frontcms.text import slugify_vi

from .models import Article, Category

CONTRIBUTOR = "phuong-khuong-dinh"
WARD_SUFFIX = "Khương Đình"
# (step, picture, title, summary, paragraphs)
STORIES = [
    (
        "draft",
        "people",
        "Khu dân cư số 5 phường Khương Đình bàn chương trình Ngày hội Đại đoàn kết",
        "Ban công tác Mặt trận khu dân cư số 5 họp với chi hội trưởng các đoàn thể, thống nhất phần thi văn "
        "nghệ và bữa cơm đoàn kết.",
        [
            "Chiều thứ Năm, Ban công tác Mặt trận khu dân cư số 5 họp bàn chương trình Ngày hội Đại đoàn kết "
            "toàn dân tộc năm nay.",
            "Các chi hội thống nhất mỗi tổ dân phố góp một tiết mục văn nghệ và tổ chức bữa cơm đoàn kết tại "
            "nhà văn hóa.",
        ],
    ),
    (
        "pending",
        "news",
        "Ra quân tổng vệ sinh môi trường tại khu dân cư số 3 phường Khương Đình",
        "Hơn 120 đoàn viên, hội viên và nhân dân dọn vệ sinh ngõ xóm, khơi thông cống rãnh trước mùa mưa.",
        [
            "Sáng Chủ nhật, Ủy ban MTTQ Việt Nam phường Khương Đình phối hợp Đoàn Thanh niên phát động ra quân "
            "tổng vệ sinh môi trường tại khu dân cư số 3.",
            "Các hộ gia đình dọn vệ sinh trước cửa nhà, thu gom rác thải và khơi thông 300 mét cống rãnh.",
        ],
    ),
    (
        "returned",
        "house",
        "Phường Khương Đình trao 30 suất quà cho hộ khó khăn",
        "Ủy ban MTTQ phường phối hợp các nhà hảo tâm trao quà cho hộ cận nghèo và người cao tuổi neo đơn.",
        [
            "Ủy ban MTTQ Việt Nam phường Khương Đình vừa trao 30 suất quà cho các hộ cận nghèo và người cao tuổi "
            "neo đơn trên địa bàn.",
            "Mỗi suất quà gồm tiền mặt và nhu yếu phẩm do các nhà hảo tâm trên địa bàn phường ủng hộ.",
        ],
    ),
    (
        "scheduled",
        "conference",
        "Hội nghị lấy ý kiến nhân dân về chỉnh trang tuyến phố Khương Đình",
        "Ý kiến của nhân dân về vỉa hè, cây xanh và chiếu sáng được tổng hợp, gửi Ủy ban nhân dân phường.",
        [
            "Ủy ban MTTQ Việt Nam phường Khương Đình tổ chức hội nghị lấy ý kiến nhân dân về phương án chỉnh "
            "trang tuyến phố Khương Đình.",
            "Các ý kiến tập trung vào vỉa hè cho người đi bộ, giữ lại cây xanh lâu năm và bổ sung đèn chiếu sáng.",
        ],
    ),
]
RETURN_REASON = (
    "Bài cần ghi rõ tên các nhà hảo tâm và giá trị mỗi suất quà; ảnh chụp người nhận quà phải được họ đồng ý. "
    "Bổ sung rồi gửi duyệt lại."
)


def seed(out, run: DemoRun) -> None:
    User = get_user_model()
    editor = User.objects.filter(username=DEMO_ADMIN_USERNAME).first()
    writer = User.objects.filter(username=CONTRIBUTOR).select_related("staff_assignment__organization").first()
    assignment = getattr(writer, "staff_assignment", None) if writer else None
    if assignment is None or not assignment.organization.name.endswith(WARD_SUFFIX):
        out.write("  Workflow: no ward contributor account, no sample steps")
        return
    category = Category.objects.filter(name="Tin phường").first()
    morning = at(workday_on_or_after(run.today + datetime.timedelta(days=1)), 8)
    made = 0
    for index, (step, picture, title, summary, paragraphs) in enumerate(STORIES):
        slug = slugify_vi(title)[:200]
        if Article.objects.filter(slug=slug).exists():
            continue
        article = Article(
            title=title,
            slug=slug,
            summary=summary,
            body="".join(f"<p>{escape(p)}</p>" for p in paragraphs),
            category=category,
            organization=assignment.organization,
            byline=f"Cộng tác viên phường {WARD_SUFFIX}",
            cover_caption=caption(picture),
        )
        article.cover.save(f"{slug[:40]}.jpg", ContentFile(illustration(picture, 900 + index)), save=False)
        service.save_draft(article, user=writer)
        if step != "draft":
            service.submit(article, user=writer)
        if step == "returned":
            service.return_to_author(article, user=editor, reason=RETURN_REASON)
        if step == "scheduled":
            service.publish(article, user=editor, at=morning)
        run.add(article)
        made += 1
    out.write(f"  Workflow: {made} Khương Đình articles in draft, review, returned and scheduled states")
