"""Demo news for `manage.py seed_demo`: categories, 40+ articles with generated covers and tags.

The stories are written for the demo, modelled on the kinds of news a district Front committee
publishes (training, conferences, dialogues, solidarity days, supervision). Organisations and
events come from the committees and events demo when present; without them the articles are
district-wide. Everything is looked up by slug first, so running twice creates nothing new.
"""

from __future__ import annotations

import datetime
import io
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from frontcms.publishing import Status
from frontcms.text import slugify_vi

from . import demo_workflow
from .models import Article, Category, RelatedArticle

CATEGORIES = [
    # (name, parent name, description)
    ("Tin hoạt động", None, "Hoạt động của Ủy ban MTTQ Việt Nam quận và các tổ chức thành viên."),
    ("Tin phường", "Tin hoạt động", "Tin từ Ủy ban MTTQ Việt Nam các phường."),
    ("Tập huấn", None, "Các lớp tập huấn, bồi dưỡng nghiệp vụ công tác Mặt trận."),
    ("Hội nghị", None, "Hội nghị, hiệp thương, sơ kết, tổng kết."),
    ("Đại đoàn kết", None, "Ngày hội Đại đoàn kết toàn dân tộc, an sinh xã hội, quỹ Vì người nghèo."),
    ("Giám sát phản biện", None, "Giám sát, phản biện xã hội, đối thoại, tiếp xúc cử tri."),
]

DEMO_WARDS = [
    "Khương Đình",
    "Thượng Đình",
    "Khương Mai",
    "Khương Trung",
    "Nhân Chính",
    "Hạ Đình",
    "Kim Giang",
]

# (category, title template, summary template, paragraphs, tags); {ward} is a ward name.
STORIES = [
    (
        "Tập huấn",
        "Tập huấn nghiệp vụ công tác Mặt trận cho Ban công tác Mặt trận khu dân cư phường {ward}",
        "Hơn 120 trưởng ban, phó trưởng ban công tác Mặt trận các khu dân cư phường {ward} đã tham dự lớp "
        "tập huấn một ngày về kỹ năng vận động nhân dân.",
        [
            "Sáng nay, Ủy ban MTTQ Việt Nam phường {ward} phối hợp với Ban Thường trực Ủy ban MTTQ Việt Nam "
            "quận tổ chức lớp tập huấn nghiệp vụ cho cán bộ Mặt trận ở khu dân cư.",
            "Các học viên được giới thiệu những điểm mới của Luật Mặt trận Tổ quốc Việt Nam, cách tổ chức "
            "họp khu dân cư, ghi nhận và tổng hợp ý kiến, kiến nghị của nhân dân.",
            "Buổi chiều, lớp học chia nhóm thảo luận các tình huống thường gặp: hòa giải mâu thuẫn giữa các "
            "hộ gia đình, vận động đóng góp xây dựng công trình phúc lợi, phát hiện hộ khó khăn cần hỗ trợ.",
            "Kết thúc lớp học, Ủy ban MTTQ phường đề nghị các học viên vận dụng kiến thức vào thực tiễn, "
            "thường xuyên nắm bắt tâm tư, nguyện vọng của nhân dân để phản ánh kịp thời.",
        ],
        ["tập huấn", "khu dân cư"],
    ),
    (
        "Hội nghị",
        "Hội nghị hiệp thương lần thứ {n} Ủy ban MTTQ Việt Nam phường {ward}",
        "Hội nghị đã hiệp thương cử bổ sung ủy viên Ủy ban và thống nhất chương trình phối hợp thống nhất "
        "hành động năm tới.",
        [
            "Tham dự hội nghị có đại diện Thường trực Đảng ủy, Hội đồng nhân dân, Ủy ban nhân dân phường "
            "{ward} cùng các ủy viên Ủy ban MTTQ Việt Nam phường.",
            "Hội nghị đã nghe báo cáo kết quả công tác Mặt trận trong năm, trong đó nổi bật là cuộc vận động "
            "“Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” được triển khai đồng bộ ở các khu "
            "dân cư.",
            "Các đại biểu đã hiệp thương, thống nhất cử bổ sung ủy viên Ủy ban MTTQ Việt Nam phường nhiệm kỳ "
            "hiện tại và thông qua chương trình phối hợp và thống nhất hành động.",
        ],
        ["hội nghị", "hiệp thương"],
    ),
    (
        "Giám sát phản biện",
        "Đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân phường {ward}",
        "Gần 200 đại biểu đại diện các tầng lớp nhân dân đã trực tiếp nêu ý kiến về trật tự đô thị, vệ "
        "sinh môi trường và thủ tục hành chính.",
        [
            "Hội nghị đối thoại do Ủy ban MTTQ Việt Nam phường {ward} phối hợp với Ủy ban nhân dân phường tổ "
            "chức, theo Quyết định 218-QĐ/TW của Bộ Chính trị.",
            "Nhiều ý kiến đề nghị sớm sửa chữa tuyến ngõ bị ngập khi mưa lớn, tăng cường kiểm tra việc lấn "
            "chiếm vỉa hè và rút ngắn thời gian giải quyết hồ sơ đất đai.",
            "Lãnh đạo phường đã trả lời trực tiếp từng ý kiến; những nội dung vượt thẩm quyền được tổng hợp, "
            "báo cáo cấp trên. Ủy ban MTTQ phường sẽ giám sát việc thực hiện các cam kết tại hội nghị.",
        ],
        ["đối thoại", "giám sát"],
    ),
    (
        "Đại đoàn kết",
        "Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư số {n} phường {ward}",
        "Ngày hội là dịp để nhân dân khu dân cư ôn lại truyền thống Mặt trận, biểu dương gia đình văn hóa "
        "tiêu biểu và trao quà cho hộ khó khăn.",
        [
            "Hưởng ứng Ngày truyền thống Mặt trận Tổ quốc Việt Nam 18/11, Ban công tác Mặt trận khu dân cư số "
            "{n} phường {ward} đã tổ chức Ngày hội Đại đoàn kết toàn dân tộc.",
            "Phần hội có các tiết mục văn nghệ do chính người dân biểu diễn, các trò chơi dân gian và gian "
            "hàng ẩm thực của các chi hội.",
            "Dịp này, khu dân cư đã biểu dương 15 gia đình văn hóa tiêu biểu và trao 20 suất quà cho hộ "
            "nghèo, hộ cận nghèo từ nguồn Quỹ “Vì người nghèo” của phường.",
        ],
        ["ngày hội đại đoàn kết", "an sinh xã hội"],
    ),
    (
        "Tin phường",
        "Ủy ban MTTQ phường {ward} trao nhà Đại đoàn kết cho hộ nghèo",
        "Ngôi nhà được xây dựng từ nguồn Quỹ “Vì người nghèo” và sự đóng góp ngày công của bà con khu dân cư.",
        [
            "Chiều nay, Ủy ban MTTQ Việt Nam phường {ward} đã tổ chức bàn giao nhà Đại đoàn kết cho gia đình "
            "một hộ nghèo có hoàn cảnh đặc biệt khó khăn.",
            "Ngôi nhà rộng 45 mét vuông, tổng kinh phí 80 triệu đồng, trong đó Quỹ “Vì người nghèo” hỗ trợ "
            "50 triệu đồng, phần còn lại do các nhà hảo tâm và bà con khu dân cư đóng góp.",
            "Thay mặt gia đình, chủ hộ xúc động cảm ơn sự quan tâm của cấp ủy, chính quyền và Mặt trận phường.",
        ],
        ["vì người nghèo", "an sinh xã hội"],
    ),
    (
        "Tin hoạt động",
        "Sơ kết 6 tháng thực hiện cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam” tại phường {ward}",
        "Cuộc vận động tiếp tục lan tỏa trong các hộ kinh doanh và tiểu thương ở chợ dân sinh.",
        [
            "Ban chỉ đạo cuộc vận động phường {ward} đã tổ chức hội nghị sơ kết 6 tháng đầu năm.",
            "Các chi hội đã phối hợp tổ chức 4 buổi giới thiệu sản phẩm Việt Nam chất lượng cao tại khu dân "
            "cư, thu hút đông đảo nhân dân tham gia.",
            "Hội nghị đề ra nhiệm vụ 6 tháng cuối năm, chú trọng tuyên truyền trên mạng xã hội và nhân rộng "
            "mô hình “Tuyến phố ưu tiên dùng hàng Việt”.",
        ],
        ["hàng Việt", "cuộc vận động"],
    ),
]


def _cover_image(seed: int) -> bytes:
    """A 1200×675 JPEG: a two-colour diagonal gradient with a few soft shapes, different per seed."""
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    width, height = 1200, 675
    palette = [(179, 20, 28), (246, 194, 26), (31, 94, 160), (46, 125, 50), (120, 60, 140), (230, 120, 40)]
    start, end = rnd.sample(palette, 2)
    gradient = Image.linear_gradient("L").rotate(rnd.choice([0, 45, 90, 135]), expand=True)
    gradient = gradient.resize((width, height))
    image = Image.composite(
        Image.new("RGB", (width, height), start), Image.new("RGB", (width, height), end), gradient
    )
    overlay = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(rnd.randint(4, 8)):
        x, y = rnd.randint(-100, width), rnd.randint(-100, height)
        size = rnd.randint(80, 320)
        colour = (*rnd.choice(palette), rnd.randint(60, 140))
        if rnd.random() < 0.6:
            draw.ellipse((x, y, x + size, y + size), fill=colour)
        else:
            draw.rectangle((x, y, x + size * 1.6, y + size * 0.6), fill=colour)
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _categories() -> dict[str, Category]:
    found: dict[str, Category] = {}
    for order, (name, parent, description) in enumerate(CATEGORIES):
        category, _ = Category.objects.get_or_create(
            slug=slugify_vi(name),
            defaults={
                "name": name,
                "parent": found.get(parent),
                "description": description,
                "order": order * 10,
                "show_on_home": parent is None,
            },
        )
        found[name] = category
    return found


def _organisations():
    """(district committee or None, {ward name: ward organisation or None})."""
    try:
        from committees.models import Organization, OrganizationKind
    except ImportError:  # pragma: no cover - committees is always installed in this project
        return None, {}
    district = Organization.objects.filter(kind=OrganizationKind.DISTRICT_COMMITTEE).order_by("pk").first()
    wards = {}
    for ward in Organization.objects.current().filter(kind=OrganizationKind.WARD_COMMITTEE):
        for name in DEMO_WARDS:
            if ward.name.endswith(name):
                wards[name] = ward
    return district, wards


def _events() -> list:
    from events.models import Event

    return list(Event.objects.published().order_by("starts_at")[:4])


def seed(out) -> None:
    categories = _categories()
    district, wards = _organisations()
    events = _events()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    rnd = random.Random(2024)
    created = 0
    articles: list[Article] = []
    for index in range(42):
        category_name, title_t, summary_t, paragraphs, tags = STORIES[index % len(STORIES)]
        ward_name = DEMO_WARDS[index % len(DEMO_WARDS)]
        n = index // len(STORIES) + 2
        title = title_t.format(ward=ward_name, n=n)
        slug = slugify_vi(title)[:200]
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            published_at = now - datetime.timedelta(
                days=index * 3 + rnd.randint(0, 2), hours=rnd.randint(0, 9)
            )
            body = "".join(f"<p>{p.format(ward=ward_name, n=n)}</p>" for p in paragraphs[:2])
            body += (
                f'<figure class="figure"><p>{paragraphs[-1].format(ward=ward_name, n=n)}</p>'
                f"<figcaption>Quang cảnh tại phường {ward_name}</figcaption></figure>"
                if index % 3 == 0
                else "".join(f"<p>{p.format(ward=ward_name, n=n)}</p>" for p in paragraphs[2:])
            )
            article = Article(
                title=title,
                slug=slug,
                summary=summary_t.format(ward=ward_name, n=n),
                body=body,
                category=categories[category_name],
                organization=wards.get(ward_name) or (district if index % 4 == 0 else None),
                byline=rnd.choice(["Minh Anh", "Thu Hà", "Quốc Huy", "Lan Phương", "Văn Toàn"])
                + " – Ủy ban MTTQ phường "
                + ward_name,
                event=events[index % len(events)] if events and index % 5 == 0 else None,
                is_featured=index in (0, 3, 7, 12),
                status=Status.PUBLISHED if index != 41 else Status.DRAFT,
                published_at=published_at,
                cover_caption=f"Quang cảnh hoạt động tại phường {ward_name}.",
            )
            article.cover.save(f"{slug[:40]}.jpg", ContentFile(_cover_image(index)), save=False)
            article.save()
            article.view_count = rnd.randint(5, 900)
            Article.objects.filter(pk=article.pk).update(view_count=article.view_count)
            article.tags.add(*tags, f"phường {ward_name}")
            created += 1
        articles.append(article)
    # A few manual "Tin liên quan" picks.
    for source, target in ((0, 6), (0, 12), (3, 9)):
        RelatedArticle.objects.get_or_create(
            from_article=articles[source], to_article=articles[target], defaults={"position": target}
        )
    out.write(
        f"  News: {Category.objects.count()} categories, {Article.objects.count()} articles ({created} new)"
    )
    demo_workflow.seed(out)
