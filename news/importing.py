"""Saving imported articles: the rules every import command follows, in one place.

- The importer never invents a date or a headline. A page without a trustworthy publish date or
  without a headline becomes a draft, whatever the flags; its stand-in publish time (the moment of
  import) or stand-in title (the start of its lead) is remembered in `ImportRecord`, so the admin
  can list what still needs a date or a headline.
- Importing the same content again creates nothing: the content's digest identifies it.

`import_status()` decides whether an article may be published; `save_imported_article()` saves it
through the publishing service (frontcms.publishing_service) as the system (no user): published
at the old page's time, or a draft, with the step recorded and one revision of its own.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from frontcms import publishing_service
from frontcms.publishing import Status

from .models import Article, ImportRecord

TITLE_MAX = Article._meta.get_field("title").max_length
BYLINE_MAX = Article._meta.get_field("byline").max_length


@dataclass
class ImportedContent:
    """What an import command recovered from one old page, ready to be saved."""

    source: str
    title: str
    body: str
    published_at: datetime | None = None
    view_count: int | None = None
    byline: str | None = None
    summary: str = ""
    lead: str = ""  # the first words of the text, for a stand-in title when there is no headline
    extra: dict = field(default_factory=dict)

    @property
    def has_date(self) -> bool:
        return self.published_at is not None

    @property
    def has_title(self) -> bool:
        return bool(self.title.strip())

    def digest(self) -> str:
        """Identifies the content whatever file or folder it was read from."""
        payload = json.dumps(
            [
                self.title,
                self.published_at.isoformat() if self.published_at else None,
                self.byline,
                self.summary,
                self.body,
            ],
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class ImportResult:
    article: Article
    created: bool


def paragraphs_html(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def import_status(*, publish: bool, has_date: bool, has_title: bool) -> str:
    """Published only when asked to and when the page gave both its date and its headline."""
    return Status.PUBLISHED if publish and has_date and has_title else Status.DRAFT


def stand_in_title(lead: str) -> str:
    """The title of a draft whose page had no headline: marked so that no editor takes it for one."""
    return Truncator(_("[Cần tiêu đề] %(lead)s") % {"lead": lead}).chars(min(TITLE_MAX, 120))


def find_imported(content: ImportedContent, *, organization) -> Article | None:
    """The article this content was imported as before, if any."""
    record = (
        ImportRecord.objects.filter(digest=content.digest(), article__organization=organization)
        .select_related("article")
        .first()
    )
    if record is not None:
        return record.article
    if not content.has_title:
        return None
    # Articles imported before import records existed: same title, time and organisation.
    same = Article.objects.filter(title=content.title[:TITLE_MAX], organization=organization)
    if content.published_at:
        same = same.filter(published_at=content.published_at)
    return same.first()


@transaction.atomic
def save_imported_article(
    content: ImportedContent, *, organization=None, category=None, publish: bool = False
) -> ImportResult:
    """Create the article for `content` unless it was imported already."""
    existing = find_imported(content, organization=organization)
    if existing is not None:
        return ImportResult(existing, created=False)
    title = content.title[:TITLE_MAX] if content.has_title else stand_in_title(content.lead)
    article = Article(
        title=title,
        summary=content.summary,
        body=content.body,
        byline=(content.byline or "")[:BYLINE_MAX],
        organization=organization,
        category=category,
        view_count=content.view_count or 0,
        published_at=content.published_at or timezone.now(),
    )
    comment = _("Nhập từ trang cũ: %(source)s") % {"source": content.source[-200:]}
    if import_status(publish=publish, has_date=content.has_date, has_title=content.has_title) == Status.PUBLISHED:
        publishing_service.publish(article, user=None, at=article.published_at, comment=comment)
    else:
        publishing_service.save_draft(article, user=None, comment=comment)
    ImportRecord.objects.create(
        article=article,
        source=content.source[-500:],
        digest=content.digest(),
        placeholder_published_at=None if content.has_date else article.published_at,
        placeholder_title="" if content.has_title else title,
    )
    return ImportResult(article, created=True)
