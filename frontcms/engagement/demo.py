"""Demo content of reader engagement: an open sidebar poll and a few approved reader comments."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from . import api
from .models import Choice, Comment, CommentStatus, Poll

POLL_QUESTION = "Bạn quan tâm mục gì nhất trên cổng thông tin của chúng tôi?"
POLL_CHOICES = ["Tin hoạt động của Mặt trận", "Lịch công tác", "Văn bản, hướng dẫn", "Tổ chức, nhân sự"]
COMMENTS = [
    ("Nguyễn Văn Bình", "Buổi tập huấn rất thiết thực, mong Mặt trận phường tổ chức thường xuyên hơn."),
    ("Trần Thị Hoa", "Đề nghị đăng thêm tài liệu hội nghị để bà con khu dân cư tiện theo dõi."),
]


def seed(out) -> None:
    poll, created = Poll.objects.get_or_create(
        question=POLL_QUESTION, defaults={"opens_at": timezone.now() - timezone.timedelta(days=1)}
    )
    if created:
        Choice.objects.bulk_create(
            Choice(poll=poll, text=text, order=n) for n, text in enumerate(POLL_CHOICES)
        )
    comments = 0
    for model in api.countable_models():
        if not hasattr(model, "allow_comments"):
            continue
        for obj in api.public_queryset(model).filter(allow_comments=True).order_by("-pk")[:2]:
            ct = ContentType.objects.get_for_model(obj)
            for name, text in COMMENTS:
                _, made = Comment.objects.get_or_create(
                    content_type=ct,
                    object_id=obj.pk,
                    name=name,
                    text=text,
                    defaults={"status": CommentStatus.APPROVED},
                )
                comments += made
    out.write(f"  Engagement: poll {'created' if created else 'kept'}, {comments} new comments")
