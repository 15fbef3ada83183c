"""Options and the closing summary shared by `import_articles` and `import_site`."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from committees.models import Organization
from frontcms.publishing import Status
from news.importing import ImportedContent, ImportResult
from news.models import Category


def add_target_arguments(parser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help=_("Chỉ phân tích, không ghi gì vào cơ sở dữ liệu.")
    )
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--organization", metavar="SLUG", help=_("Đơn vị đăng tin (slug của tổ chức)."))
    parser.add_argument("--category", metavar="SLUG", help=_("Danh mục cho các bài nhập (slug)."))
    parser.add_argument(
        "--publish",
        action="store_true",
        help=_("Xuất bản ngay thay vì lưu bản nháp (trừ bài thiếu ngày đăng hoặc tiêu đề)."),
    )


def resolve_targets(options) -> tuple[Organization | None, Category | None]:
    """The organisation and category named by --organization and --category; unknown slugs stop
    the command before anything is read."""
    organization = category = None
    if options.get("organization"):
        organization = Organization.objects.filter(slug=options["organization"]).first()
        if organization is None:
            raise CommandError(
                _("Không có tổ chức nào có slug “%(slug)s”.") % {"slug": options["organization"]}
            )
    if options.get("category"):
        category = Category.objects.filter(slug=options["category"]).first()
        if category is None:
            raise CommandError(_("Không có danh mục nào có slug “%(slug)s”.") % {"slug": options["category"]})
    return organization, category


@dataclass
class ImportTally:
    """Counts for the summary line every import prints at the end."""

    created: int = 0
    published: int = 0
    drafts: int = 0
    existing: int = 0
    failed: int = 0
    need_date: int = 0
    need_title: int = 0

    def count_missing(self, content: ImportedContent) -> None:
        self.need_date += not content.has_date
        self.need_title += not content.has_title

    def count_planned(self, status: str) -> None:
        self.created += 1
        if status == Status.PUBLISHED:
            self.published += 1
        else:
            self.drafts += 1

    def count_saved(self, result: ImportResult) -> None:
        if result.created:
            self.count_planned(result.article.status)
        else:
            self.existing += 1

    def summary(self, *, dry_run: bool, total: int) -> str:
        verb = _("sẽ tạo") if dry_run else _("đã tạo")
        return _(
            "Tổng cộng %(total)d trang: %(verb)s %(created)d bài (%(published)d xuất bản, %(drafts)d bản "
            "nháp), %(existing)d bài đã có, %(failed)d trang lỗi. Cần ngày đăng: %(need_date)d bài; "
            "cần tiêu đề: %(need_title)d bài."
        ) % {
            "total": total,
            "verb": verb,
            "created": self.created,
            "published": self.published,
            "drafts": self.drafts,
            "existing": self.existing,
            "failed": self.failed,
            "need_date": self.need_date,
            "need_title": self.need_title,
        }
