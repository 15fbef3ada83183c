"""Privacy housekeeping; schedule it daily (see the README).

Erases the hashed client identifiers of comments, ratings, poll votes and feedback older than
ENGAGEMENT_RETENTION_DAYS (default 180), deletes rejected and spam comments of that age and the
"online" markers of past days. Votes, ratings and approved comments themselves are kept, so that
averages and results do not change; they simply no longer tie to any client.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from frontcms.engagement.api import setting
from frontcms.engagement.models import Comment, CommentStatus, Feedback, OnlineVisitor, PollVote, Rating


class Command(BaseCommand):
    help = "Xóa dữ liệu định danh (đã băm) của bạn đọc quá thời hạn lưu giữ."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Thời hạn lưu giữ (ngày); mặc định theo cấu hình."
        )

    def handle(self, *args, days=None, **options):
        days = days if days is not None else int(setting("ENGAGEMENT_RETENTION_DAYS", 180))
        if days < 0:
            self.stderr.write("--days phải không âm.")
            return
        cutoff = timezone.now() - datetime.timedelta(days=days)
        with transaction.atomic():
            removed = Comment.objects.filter(
                created_at__lt=cutoff, status__in=[CommentStatus.REJECTED, CommentStatus.SPAM]
            ).delete()[0]
            erased = sum(
                model.objects.filter(created_at__lt=cutoff).exclude(client_hash="").update(client_hash="")
                for model in (Comment, Rating, PollVote, Feedback)
            )
            online = OnlineVisitor.objects.filter(
                last_seen__lt=timezone.now() - datetime.timedelta(days=1)
            ).delete()[0]
        self.stdout.write(
            f"Đã xóa {removed} ý kiến bị từ chối/thư rác, xóa mã băm của {erased} bản ghi, "
            f"{online} dấu vết trực tuyến (quá {days} ngày)."
        )
