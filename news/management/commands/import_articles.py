"""`python manage.py import_articles [--dry-run] [--format json] [--organization SLUG] [--publish] FILE…`

Imports articles from text saved from the old front committee websites (see news.legacy_import
for what is recognised and stripped). Without `--dry-run` each readable file becomes a draft
article (published with `--publish`) keeping the original publish date, view count, byline and
paragraphs. Either way it is saved through the publishing service (frontcms.publishing_service)
as the system: the rules apply, and the step and revision are recorded without a person. An article with the same title and publish time (and organisation) already in the
database is not created again, so importing the same file twice changes nothing.

Exit status: 0 when every file was read and imported (or already present); 1 when any file could
not be read or had no usable content (each such file is named with its reason); 2 for bad options.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from committees.models import Organization
from frontcms import publishing_service
from news.legacy_import import ParsedArticle, parse_file
from news.models import Article


def article_body(parsed: ParsedArticle) -> str:
    return "\n".join(f"<p>{escape(p)}</p>" for p in parsed.paragraphs)


def is_usable(parsed: ParsedArticle) -> bool:
    return bool(parsed.title and parsed.paragraphs)


class Command(BaseCommand):
    help = "Nhập bài viết từ văn bản lưu từ các trang tin cũ (bỏ menu, bình luận, thống kê…)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ phân tích, không ghi gì vào cơ sở dữ liệu."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--organization", metavar="SLUG", help="Đơn vị đăng tin (slug của tổ chức).")
        parser.add_argument("--publish", action="store_true", help="Xuất bản ngay thay vì lưu bản nháp.")

    def handle(self, *args, files, dry_run, format, organization, publish, **options):
        org = None
        if organization:
            org = Organization.objects.filter(slug=organization).first()
            if org is None:
                raise CommandError(f"Unknown organization slug: {organization!r}")
        parsed_files = [parse_file(path) for path in files]
        failures = [p for p in parsed_files if not is_usable(p)]

        if dry_run:
            if format == "json":
                payload = [p.as_json_dict() for p in parsed_files]
                self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            else:
                for parsed in parsed_files:
                    self._report_text(parsed, "would import" if is_usable(parsed) else "unusable")
        else:
            results = []
            for parsed in parsed_files:
                if not is_usable(parsed):
                    results.append((parsed, "failed", None))
                    continue
                article, created = self._import(parsed, org, publish)
                results.append((parsed, "created" if created else "already imported", article))
            if format == "json":
                payload = [
                    {**p.as_json_dict(), "result": result, "article_id": a.pk if a else None}
                    for p, result, a in results
                ]
                self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            else:
                for parsed, result, _article in results:
                    self._report_text(parsed, result)
        if failures:
            reasons = "; ".join(f"{p.file}: {', '.join(p.warnings) or 'no title or body'}" for p in failures)
            raise CommandError(
                f"{len(failures)} of {len(parsed_files)} file(s) could not be imported: {reasons}"
            )

    def _report_text(self, parsed: ParsedArticle, result: str) -> None:
        when = (
            timezone.localtime(parsed.published_at).strftime("%d/%m/%Y %H:%M") if parsed.published_at else "-"
        )
        self.stdout.write(f"{parsed.file}: {result}: {parsed.title or '(no title)'} [{when}]")
        for warning in parsed.warnings:
            self.stdout.write(f"  warning: {warning}")

    @transaction.atomic
    def _import(self, parsed: ParsedArticle, org, publish: bool) -> tuple[Article, bool]:
        same = Article.objects.filter(title=parsed.title[:255], organization=org)
        if parsed.published_at:
            same = same.filter(published_at=parsed.published_at)
        existing = same.first()
        if existing:
            return existing, False
        article = Article(
            title=parsed.title[:255],
            body=article_body(parsed),
            byline=(parsed.byline or "")[:255],
            organization=org,
            view_count=parsed.view_count or 0,
        )
        if parsed.published_at:
            article.published_at = parsed.published_at
        # Through the publishing service, as the system (a command has no user): the step is recorded.
        comment = f"Nhập từ trang cũ: {parsed.file}"[-200:]
        if publish:
            publishing_service.publish(article, user=None, at=article.published_at, comment=comment)
        else:
            publishing_service.save_draft(article, user=None, comment=comment)
        return article, True
