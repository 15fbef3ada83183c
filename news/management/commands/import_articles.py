"""`python manage.py import_articles [--dry-run] [--format json] [--organization SLUG] [--category SLUG]
[--publish] FILE…`

Imports articles from text saved from the old front committee websites (see news.legacy_import
for what is recognised and stripped). Without `--dry-run` each readable file becomes a draft
article (published with `--publish`) keeping the original publish date, view count, byline and
paragraphs. A page without a publish date or without a headline stays a draft whatever the flags
(news.importing). Either way the article is saved through the publishing service
(frontcms.publishing_service) as the system: the step and its revision name no person. Content
imported before is not created again, so importing the same file twice changes nothing.

Exit status: 0 when every file was read and imported (or already present); 1 when any file could
not be read or had no usable content (each such file is named with its reason); 2 for bad options.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from news.importing import ImportedContent, import_status, paragraphs_html, save_imported_article
from news.legacy_import import ParsedArticle, parse_file

from ._importer_options import ImportTally, add_target_arguments, resolve_targets


def is_usable(parsed: ParsedArticle) -> bool:
    """A body is enough: a page without a headline or a date is kept as a draft."""
    return bool(parsed.paragraphs)


def content_of(parsed: ParsedArticle) -> ImportedContent:
    return ImportedContent(
        source=parsed.file,
        title=parsed.title,
        body=paragraphs_html(parsed.paragraphs),
        published_at=parsed.published_at,
        view_count=parsed.view_count,
        byline=parsed.byline,
        lead=parsed.paragraphs[0] if parsed.paragraphs else "",
    )


class Command(BaseCommand):
    help = "Nhập bài viết từ văn bản lưu từ các trang tin cũ (bỏ menu, bình luận, thống kê…)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        add_target_arguments(parser)

    def handle(self, *args, files, dry_run, format, publish, **options):
        organization, category = resolve_targets(options)
        parsed_files = [parse_file(path) for path in files]
        tally = ImportTally()
        rows = []
        for parsed in parsed_files:
            if not is_usable(parsed):
                tally.failed += 1
                rows.append((parsed, "failed", None))
                continue
            content = content_of(parsed)
            tally.count_missing(content)
            if dry_run:
                status = import_status(
                    publish=publish, has_date=content.has_date, has_title=content.has_title
                )
                tally.count_planned(status)
                rows.append((parsed, "would import", None))
                continue
            result = save_imported_article(
                content, organization=organization, category=category, publish=publish
            )
            tally.count_saved(result)
            rows.append((parsed, "created" if result.created else "already imported", result.article))

        if format == "json":
            if dry_run:
                payload = [parsed.as_json_dict() for parsed, _result, _article in rows]
            else:
                payload = [
                    {**parsed.as_json_dict(), "result": result, "article_id": article.pk if article else None}
                    for parsed, result, article in rows
                ]
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            self.stderr.write(tally.summary(dry_run=dry_run, total=len(parsed_files)))
        else:
            for parsed, result, _article in rows:
                self._report_text(parsed, result)
            self.stdout.write(tally.summary(dry_run=dry_run, total=len(parsed_files)))
        failures = [parsed for parsed, result, _article in rows if result == "failed"]
        if failures:
            reasons = "; ".join(
                f"{p.file}: {', '.join(p.warnings) or _('không có nội dung')}" for p in failures
            )
            raise CommandError(
                _("%(failed)d trong %(total)d tệp không nhập được: %(reasons)s")
                % {"failed": len(failures), "total": len(parsed_files), "reasons": reasons}
            )

    def _report_text(self, parsed: ParsedArticle, result: str) -> None:
        when = (
            timezone.localtime(parsed.published_at).strftime("%d/%m/%Y %H:%M") if parsed.published_at else "-"
        )
        label = {
            "would import": _("sẽ nhập"),
            "created": _("đã tạo"),
            "already imported": _("đã có, bỏ qua"),
            "failed": _("không dùng được"),
        }[result]
        self.stdout.write(f"{parsed.file}: {label}: {parsed.title or _('(không có tiêu đề)')} [{when}]")
        for warning in parsed.warnings:
            self.stdout.write("  " + _("cảnh báo: %(warning)s") % {"warning": warning})
