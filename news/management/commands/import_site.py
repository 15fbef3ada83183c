"""`python manage.py import_site [--dry-run] [--format json] [--publish] [--organization SLUG]
[--category SLUG] PATH…`

Moves an old website in from a saved copy: a folder as `wget --mirror --adjust-extension
--page-requisites` leaves it (the host name as the top folder), or single HTML files. Each page is
read by news.legacy_site (which pages are articles, and their headline, date, view count, byline,
category, summary, photos with captions and text); news.importing saves them, copies the photos
into media and records each article's old addresses, which then answer 301 to it.

A page's category is the portal category of the same name; when there is none it is reported and
`--category` (if given) is used instead. Pages without a trustworthy date or headline stay drafts
whatever `--publish` says. Running it again creates nothing new and changes no article an editor
has changed since.

Exit status: 0 when every page was read (articles imported, other pages skipped with the reason);
1 when any page could not be used (each is named with the reason); 2 for bad options.
"""

from __future__ import annotations

import json
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from frontcms.legacy_paths import legacy_host
from news.importing import (
    ImportedContent,
    ImportedPhoto,
    category_named,
    import_status,
    save_imported_article,
)
from news.legacy_site import (
    FailedPage,
    SiteArticle,
    SiteOptions,
    SkippedPage,
    discover,
    read_page,
    site_names,
)

from ._importer_options import ImportTally, add_target_arguments, resolve_targets

SKIP_LABELS = {
    "home": "trang chủ",
    "category": "danh mục",
    "tag": "thẻ",
    "archive": "lưu trữ",
    "search": "tìm kiếm",
    "print": "bản in",
    "pagination": "phân trang",
    "other": "không phải bài viết",
}


def content_of(article: SiteArticle) -> ImportedContent:
    return ImportedContent(
        source=article.url or article.file,
        title=article.title,
        body=article.body_html,
        published_at=article.published_at,
        view_count=article.view_count,
        byline=article.byline,
        summary=article.summary,
        lead=article.paragraphs[0] if article.paragraphs else "",
        old_paths=article.old_paths,
        old_host=legacy_host(article.host, article.url),
        photos=[ImportedPhoto(image.src, image.file, image.caption) for image in article.images],
    )


class Progress:
    """A bar on a terminal, updated in place; nothing otherwise (plain lines are printed instead)."""

    width = 30

    def __init__(self, stream, total: int, enabled: bool):
        self.stream, self.total, self.enabled, self.done = stream, total, enabled and total > 0, 0

    def step(self, label: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        filled = self.width * self.done // self.total
        bar = "█" * filled + "░" * (self.width - filled)
        self.stream.write(f"\r{bar} {self.done}/{self.total} {label[-40:]:<40}", ending="")
        self.stream.flush()

    def above(self, line: str) -> None:
        """Print a line above the bar."""
        if self.enabled:
            self.stream.write("\r" + " " * (self.width + 60) + "\r", ending="")
        self.stream.write(line)

    def close(self) -> None:
        if self.enabled:
            self.stream.write("")


class Command(BaseCommand):
    help = "Chuyển trang web cũ vào cổng từ bản lưu bằng wget (hoặc từng tệp HTML)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        add_target_arguments(parser)

    def handle(self, *args, paths, dry_run, format, publish, **options):
        organization, default_category = resolve_targets(options)
        pages, problems = discover(paths)
        names = site_names(pages)
        tally = ImportTally()
        skipped: Counter = Counter()
        failures: list[tuple[str, str]] = [(path, reason) for path, reason in problems]
        payload = []
        categories: dict[str, object] = {}
        counts = Counter()
        interactive = format == "text" and self.stdout.isatty()
        progress = Progress(self.stdout, len(pages), interactive)
        for path, reason in problems:
            progress.above(_("%(path)s: lỗi: %(reason)s") % {"path": path, "reason": reason})
        reader_options = SiteOptions(site_names=names)
        for page in pages:
            shown = page.url or page.file
            result = read_page(page, reader_options)
            if isinstance(result, FailedPage):
                tally.failed += 1
                failures.append((shown, result.reason))
                progress.above(_("%(page)s: lỗi: %(reason)s") % {"page": shown, "reason": result.reason})
                progress.step(shown)
                continue
            if isinstance(result, SkippedPage):
                skipped[result.reason] += 1
                if not interactive and format == "text":
                    self.stdout.write(
                        _("%(page)s: bỏ qua (%(why)s)") % {"page": shown, "why": SKIP_LABELS[result.reason]}
                    )
                progress.step(shown)
                continue
            article = result
            category = default_category
            if article.category:
                if article.category not in categories:
                    categories[article.category] = category_named(article.category)
                if categories[article.category] is not None:
                    category = categories[article.category]
                else:
                    article.warnings.append(
                        f"category “{article.category}” matches no category of the portal"
                        + (f"; filed under “{default_category.name}”" if default_category else "")
                    )
            content = content_of(article)
            tally.count_missing(content)
            counts["photos"] += len(article.images)
            counts["photos missing"] += sum(1 for image in article.images if image.file is None)
            entry = article.as_json_dict()
            if dry_run:
                tally.count_planned(
                    import_status(publish=publish, has_date=content.has_date, has_title=content.has_title)
                )
                outcome = "would import"
            else:
                try:
                    saved = save_imported_article(
                        content, organization=organization, category=category, publish=publish
                    )
                except Exception as exc:  # noqa: BLE001 - one page must not stop the others
                    tally.failed += 1
                    reason = f"{type(exc).__name__}: {exc}"
                    failures.append((shown, reason))
                    progress.above(_("%(page)s: lỗi: %(reason)s") % {"page": shown, "reason": reason})
                    progress.step(shown)
                    continue
                article.warnings.extend(saved.warnings)
                outcome = saved.outcome
                counts[outcome] += 1
                counts["photos stored"] += saved.photos_stored
                counts["old paths"] += saved.paths_added
                if saved.created:
                    tally.count_planned(saved.article.status)
                else:
                    tally.existing += 1
                entry = {**article.as_json_dict(), "result": outcome, "article_id": saved.article.pk}
            payload.append(entry)
            if format == "text":
                self._report(progress, interactive, article, outcome)
            progress.step(shown)
        progress.close()

        summary = self._summary(tally, skipped, counts, total=len(pages), dry_run=dry_run)
        if format == "json":
            # In old-path order; a page given alone is known by its canonical address only once read.
            payload.sort(key=lambda entry: (entry["url"] is None, entry["url"] or "", entry["file"]))
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            self.stderr.write(summary)
        else:
            self.stdout.write(summary)
        if failures:
            reasons = "; ".join(f"{page}: {reason}" for page, reason in failures)
            raise CommandError(
                _("%(failed)d trang không dùng được: %(reasons)s")
                % {"failed": len(failures), "reasons": reasons}
            )

    def _report(self, progress: Progress, interactive: bool, article: SiteArticle, outcome: str) -> None:
        label = {
            "would import": _("sẽ nhập"),
            "created": _("đã tạo"),
            "updated": _("đã cập nhật"),
            "unchanged": _("đã có, không đổi"),
            "existing": _("đã có, bỏ qua"),
            "kept": _("đã có, biên tập viên đã sửa nên giữ nguyên"),
        }[outcome]
        when = (
            timezone.localtime(article.published_at).strftime("%d/%m/%Y %H:%M")
            if article.published_at
            else "-"
        )
        line = f"{article.url or article.file}: {label}: {article.title or _('(không có tiêu đề)')} [{when}]"
        if interactive and not article.warnings:
            return  # the bar shows progress; only pages with something to say get a line
        progress.above(line)
        for warning in article.warnings:
            progress.above("  " + _("cảnh báo: %(warning)s") % {"warning": warning})

    @staticmethod
    def _summary(tally: ImportTally, skipped: Counter, counts: Counter, *, total: int, dry_run: bool) -> str:
        lines = [tally.summary(dry_run=dry_run, total=total)]
        if skipped:
            reasons = ", ".join(f"{count} {SKIP_LABELS[reason]}" for reason, count in sorted(skipped.items()))
            lines.append(
                _("Bỏ qua %(count)d trang không phải bài viết: %(reasons)s.")
                % {
                    "count": sum(skipped.values()),
                    "reasons": reasons,
                }
            )
        photos = _("Ảnh: %(count)d ảnh, %(missing)d ảnh thiếu trong thư mục lưu.") % {
            "count": counts["photos"],
            "missing": counts["photos missing"],
        }
        if dry_run:
            lines.append(photos)
        else:
            lines.append(
                photos
                + " "
                + _(
                    "Đã chép %(stored)d ảnh vào thư viện; ghi %(paths)d đường dẫn cũ. Cập nhật %(updated)d bài; "
                    "giữ nguyên %(kept)d bài biên tập viên đã sửa."
                )
                % {
                    "stored": counts["photos stored"],
                    "paths": counts["old paths"],
                    "updated": counts["updated"],
                    "kept": counts["kept"],
                }
            )
        return "\n".join(lines)
