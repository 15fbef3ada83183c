"""Benchmark data for news (called by `manage.py generate_load_data`): bulk inserts only.

`--articles` articles over ten years, their titles and bodies composed from the Front's own
vocabulary (tập huấn, hội nghị, đối thoại, giám sát, phản biện, Ban công tác Mặt trận khu dân cư,
11 phường, …), in the demo categories, published by the district, a ward or nobody, about a
fifth reporting on an event, three to five tags each (taggit's through table, in bulk), a few
manual related picks; a few percent drafts, pending or scheduled. No images.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from committees.load_data import WARDS, Slugs
from frontcms.publishing import Status
from frontcms.text import slugify_vi

from .demo import CATEGORIES
from .models import Article, Category, RelatedArticle

BATCH = 2000
YEARS = 10
# (category, openings, subjects) — a title is "<opening> <subject> <place>".
TOPICS = [
    (
        "Tập huấn",
        ["Tập huấn", "Bồi dưỡng", "Lớp tập huấn"],
        [
            "nghiệp vụ công tác Mặt trận cho Ban công tác Mặt trận khu dân cư",
            "kỹ năng giám sát, phản biện xã hội",
            "nghiệp vụ cho Ban Thanh tra nhân dân",
            "công tác hòa giải ở cơ sở",
            "chuyển đổi số trong công tác Mặt trận",
        ],
    ),
    (
        "Hội nghị",
        ["Hội nghị", "Tổ chức hội nghị", "Sơ kết"],
        [
            "hiệp thương cử bổ sung Ủy viên Ủy ban MTTQ Việt Nam",
            "tổng kết công tác Mặt trận năm",
            "đại biểu nhân dân góp ý dự thảo văn kiện",
            "phản biện xã hội dự thảo quy hoạch",
            "Ban Thường trực mở rộng triển khai nhiệm vụ",
        ],
    ),
    (
        "Giám sát phản biện",
        ["Giám sát", "Đối thoại", "Tiếp xúc cử tri", "Phản biện"],
        [
            "việc thực hiện quy chế dân chủ ở cơ sở",
            "giữa người đứng đầu cấp ủy, chính quyền với nhân dân",
            "việc chỉnh trang đô thị và vệ sinh môi trường",
            "kết quả giải quyết kiến nghị của cử tri",
        ],
    ),
    (
        "Đại đoàn kết",
        ["Ngày hội Đại đoàn kết toàn dân tộc", "Trao quà", "Phát động", "Vận động"],
        [
            "ở khu dân cư",
            "cho hộ nghèo, hộ cận nghèo dịp Tết",
            "ủng hộ Quỹ Vì người nghèo",
            "xây dựng nhà Đại đoàn kết",
            "cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”",
        ],
    ),
    (
        "Tin phường",
        ["MTTQ", "Ban công tác Mặt trận", "Ủy ban MTTQ"],
        [
            "sôi nổi các hoạt động hướng tới kỷ niệm Ngày truyền thống",
            "tổ chức Đại hội điểm nhiệm kỳ mới",
            "biểu dương gương người tốt, việc tốt",
            "triển khai mô hình khu dân cư văn minh, an toàn",
        ],
    ),
    (
        "Tin hoạt động",
        ["Ban Thường trực", "Ủy ban MTTQ Việt Nam quận", "Các tổ chức thành viên"],
        [
            "làm việc với 11 phường về công tác quý",
            "ký kết chương trình phối hợp nhiệm kỳ",
            "thăm, chúc Tết gia đình chính sách",
            "triển khai nghị quyết về đại đoàn kết toàn dân tộc",
        ],
    ),
]
PARAGRAPHS = [
    "Tham dự có đại diện Ban Thường trực Ủy ban MTTQ Việt Nam quận, lãnh đạo Đảng ủy, HĐND, UBND {place} "
    "cùng các Ủy viên Ủy ban MTTQ, trưởng ban công tác Mặt trận các khu dân cư.",
    "Phát biểu tại buổi làm việc, đồng chí Chủ tịch Ủy ban MTTQ Việt Nam {place} nhấn mạnh vai trò của "
    "Mặt trận trong tập hợp, xây dựng khối đại đoàn kết toàn dân tộc, giám sát và phản biện xã hội.",
    "Các đại biểu đã thảo luận sôi nổi, đóng góp nhiều ý kiến tâm huyết về công tác vận động nhân dân, "
    "chăm lo cho hộ nghèo, gia đình chính sách và xây dựng khu dân cư văn minh.",
    "Trong nhiệm kỳ {term}, Ban công tác Mặt trận các khu dân cư đã phối hợp tổ chức hàng trăm cuộc họp, "
    "ghi nhận và tổng hợp ý kiến, kiến nghị của cử tri gửi tới các cơ quan có thẩm quyền.",
    "Ban Thanh tra nhân dân {place} đã tiến hành giám sát việc thực hiện các công trình dân sinh, "
    "kịp thời phát hiện và kiến nghị khắc phục những tồn tại, hạn chế.",
    "Dịp này, Ủy ban MTTQ Việt Nam {place} đã trao {n} suất quà tới các hộ gia đình có hoàn cảnh khó "
    "khăn, mỗi suất trị giá {v}.000 đồng, từ nguồn Quỹ Vì người nghèo.",
    "Kết thúc chương trình, Ban Thường trực đề nghị các tổ chức thành viên tiếp tục phối hợp chặt chẽ, "
    "thực hiện tốt các cuộc vận động và phong trào thi đua yêu nước.",
]
TAGS = [
    "tập huấn",
    "hội nghị",
    "đối thoại",
    "giám sát",
    "phản biện xã hội",
    "đại đoàn kết",
    "khu dân cư",
    "Ban Thường trực",
    "Ban Thanh tra nhân dân",
    "Quỹ Vì người nghèo",
    "an sinh xã hội",
    "hiệp thương",
    "tiếp xúc cử tri",
    "nhà Đại đoàn kết",
    "chuyển đổi số",
    "đô thị văn minh",
    "người cao tuổi",
    "phụ nữ",
    "thanh niên",
    "cựu chiến binh",
    "khuyến học",
    "Tết",
    "bầu cử",
    "dân chủ cơ sở",
    "hòa giải",
] + [f"phường {w}" for w in WARDS]
BYLINES = ["Minh Anh", "Thu Hà", "Quang Huy", "Ban Tuyên giáo", "Văn phòng", "Hồng Nhung", "Đức Toàn"]


def generate(options: dict, rng, context: dict) -> str:
    with transaction.atomic():
        return _generate(options["articles"], rng, context)


def _categories() -> dict[str, Category]:
    found: dict[str, Category] = {}
    for order, (name, parent, description) in enumerate(CATEGORIES):
        found[name], _ = Category.objects.get_or_create(
            slug=slugify_vi(name),
            defaults={
                "name": name,
                "parent": found.get(parent),
                "description": description,
                "order": order * 10,
                "show_on_home": parent is None,
            },
        )
    return found


def _tags() -> list[Tag]:
    existing = {t.name: t for t in Tag.objects.filter(name__in=TAGS)}
    taken = set(Tag.objects.values_list("slug", flat=True))
    missing = []
    for name in TAGS:
        if name not in existing:
            slug = slugify_vi(name, fallback="the")
            while slug in taken:
                slug += "-1"
            taken.add(slug)
            missing.append(Tag(name=name, slug=slug))
    Tag.objects.bulk_create(missing)
    return list(Tag.objects.filter(name__in=TAGS))


def _generate(count: int, rng, context: dict) -> str:
    categories = _categories()
    tags = _tags()
    district = context.get("district")
    wards = context.get("wards") or []
    events = context.get("events") or []
    now = timezone.now()
    span = int(datetime.timedelta(days=365 * YEARS).total_seconds())
    slugs = Slugs(Article)
    articles = []
    for _ in range(count):
        category_name, openings, subjects = rng.choice(TOPICS)
        ward_index = rng.randrange(len(WARDS)) if rng.random() < 0.7 else None
        place = f"phường {WARDS[ward_index]}" if ward_index is not None else "quận"
        org = wards[ward_index] if ward_index is not None and ward_index < len(wards) else district
        if rng.random() < 0.1:
            org = None  # news of the portal as a whole
        published = now - datetime.timedelta(seconds=rng.randint(0, span))
        year = timezone.localtime(published).year
        title = f"{rng.choice(openings)} {rng.choice(subjects)} {place}"
        if rng.random() < 0.5:
            title += f" năm {year}"
        roll = rng.random()
        status = Status.PUBLISHED
        if roll < 0.02:
            status = Status.DRAFT
        elif roll < 0.03:
            status = Status.PENDING
        elif roll < 0.035:
            published = now + datetime.timedelta(hours=rng.randint(1, 24 * 30))  # scheduled
        term = f"{year - year % 5}-{year - year % 5 + 5}"
        paragraphs = [
            p.format(place=place, term=term, n=rng.randint(20, 300), v=rng.choice((300, 500, 1000)))
            for p in rng.sample(PARAGRAPHS, rng.randint(3, 5))
        ]
        category = categories.get(category_name)
        if category_name == "Tin phường" and ward_index is None:
            category = categories.get("Tin hoạt động")
        articles.append(
            Article(
                title=title,
                slug=slugs.make(title, fallback="bai-viet"),
                summary=paragraphs[0],
                body="".join(f"<p>{p}</p>" for p in paragraphs),
                category=category,
                organization_id=org,
                byline=rng.choice(BYLINES),
                event_id=rng.choice(events) if events and rng.random() < 0.2 else None,
                is_featured=rng.random() < 0.01,
                view_count=rng.randint(0, 5000),
                status=status,
                published_at=published,
            )
        )
    Article.objects.bulk_create(articles, batch_size=BATCH)

    article_type = ContentType.objects.get_for_model(Article)
    tagged = []
    for article in articles:
        for tag in rng.sample(tags, rng.randint(3, 5)):
            tagged.append(TaggedItem(tag=tag, content_type=article_type, object_id=article.pk))
        if len(tagged) >= 20_000:
            TaggedItem.objects.bulk_create(tagged, batch_size=BATCH)
            tagged = []
    TaggedItem.objects.bulk_create(tagged, batch_size=BATCH)

    picks = []
    for article in rng.sample(articles, min(len(articles), count // 50)):
        for position, other in enumerate(rng.sample(articles, min(len(articles), 3))):
            if other.pk != article.pk:
                picks.append(RelatedArticle(from_article=article, to_article=other, position=position))
    RelatedArticle.objects.bulk_create(picks, batch_size=BATCH, ignore_conflicts=True)
    return f"{len(articles)} articles, {count and len(tags)} tags, {len(picks)} related picks"
