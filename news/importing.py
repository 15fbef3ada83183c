"""Saving imported articles: the rules every import command follows, in one place.

- The importer never invents a date or a headline. A page without a trustworthy publish date or
  without a headline becomes a draft, whatever the flags; its stand-in publish time (the moment of
  import) or stand-in title (the start of its lead) is remembered in `ImportRecord`, so the admin
  can list what still needs a date or a headline.
- Importing again creates nothing new: an article is found again by its old address on the old
  site (`LegacyPath`) or by its content's digest. It is updated only when the old page changed
  and no editor has changed the article since (`ImportRecord.imported_state`).
- Photos are copied into media through the same checks as every upload (`frontcms.images`: a real
  image, size and pixel caps, re-encoded), under a name taken from their content, so the same
  photo is stored once however often it is imported. A photo that is missing or not a picture is
  a warning; its caption stays in the text.
- Each old address becomes a `LegacyPath`, which answers 301 to the article once it is published.

`import_status()` decides whether an article may be published; `save_imported_article()` saves it
through the publishing service (frontcms.publishing_service) as the system (no user): published
at the old page's time, or a draft, with the step recorded and one revision of its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime

import lxml.html
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from frontcms import publishing_service
from frontcms.images import reencode_image
from frontcms.legacy_paths import legacy_host, normalise_legacy_host, normalise_legacy_path
from frontcms.publishing import Status
from frontcms.text import fold, slugify_vi

from .models import Article, Category, ImportRecord, LegacyPath

TITLE_MAX = Article._meta.get_field("title").max_length
BYLINE_MAX = Article._meta.get_field("byline").max_length
CAPTION_MAX = Article._meta.get_field("cover_caption").max_length
PHOTO_FOLDER = "news/imported"


@dataclass
class ImportedPhoto:
    """A photo the old page showed: `src` as the body names it, the saved copy, the caption."""

    src: str
    file: str | None
    caption: str | None = None


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
    old_paths: list[str] = field(default_factory=list)
    old_host: str = ""  # the old site's domain: sites of the district and its wards share paths
    photos: list[ImportedPhoto] = field(default_factory=list)

    @property
    def has_date(self) -> bool:
        return self.published_at is not None

    @property
    def has_title(self) -> bool:
        return bool(self.title.strip())

    def digest(self) -> str:
        """Identifies the content whatever file or folder it was read from."""
        parts = [
            self.title,
            self.published_at.isoformat() if self.published_at else None,
            self.byline,
            self.summary,
            self.body,
        ]
        if self.photos:  # text imports keep the digest they were first given
            parts.append([(photo.src, photo.caption) for photo in self.photos])
        payload = json.dumps(parts, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class ImportResult:
    article: Article
    created: bool
    outcome: str = ""  # "created", "existing", "unchanged", "updated", "kept"
    warnings: list[str] = field(default_factory=list)
    photos_stored: int = 0
    paths_added: int = 0

    def __post_init__(self):
        self.outcome = self.outcome or ("created" if self.created else "existing")


def paragraphs_html(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def import_status(*, publish: bool, has_date: bool, has_title: bool) -> str:
    """Published only when asked to and when the page gave both its date and its headline."""
    return Status.PUBLISHED if publish and has_date and has_title else Status.DRAFT


def stand_in_title(lead: str) -> str:
    """The title of a draft whose page had no headline: marked so that no editor takes it for one."""
    return Truncator(_("[Cần tiêu đề] %(lead)s") % {"lead": lead}).chars(80)


def article_state(article: Article) -> str:
    """A fingerprint of what editors change; equal to the one taken at import while nobody has."""
    payload = json.dumps(
        [
            article.title,
            article.summary,
            article.body,
            article.byline,
            article.status,
            article.published_at.timestamp() if article.published_at else None,
            article.category_id,
            article.organization_id,
            article.cover.name if article.cover else "",
            article.cover_caption,
            article.slug,
            article.is_featured,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def category_named(name: str | None) -> Category | None:
    """The portal's category whose name (or slug) is the old site's category name, if any."""
    if not name:
        return None
    wanted, slug = fold(name), slugify_vi(name)
    for category in Category.objects.only("pk", "name", "slug", "parent_id"):
        if fold(category.name) == wanted or category.slug == slug:
            return category
    return None


def find_imported(content: ImportedContent, *, organization) -> Article | None:
    """The article this content was imported as before, if any."""
    keys = [key for key in (normalise_legacy_path(p) for p in content.old_paths) if key not in {"", "/"}]
    if keys:
        host = normalise_legacy_host(content.old_host)
        # The same site's path; or one recorded without a domain (a site imported before domains
        # were kept, or whose domain is unknown) by the same organisation, never another's.
        same_site = LegacyPath.objects.filter(key__in=keys, host="", article__organization=organization)
        if host:
            same_site |= LegacyPath.objects.filter(key__in=keys, host=host)
        by_path = same_site.select_related("article").order_by("-host", "pk").first()
        if by_path is not None:
            return by_path.article
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
    same = Article.objects.filter(
        title=content.title[:TITLE_MAX], organization=organization, import_record__isnull=True
    )
    if content.published_at:
        same = same.filter(published_at=content.published_at)
    return same.first()


# --- photos -----------------------------------------------------------------------------------


def store_photo(path: str) -> str:
    """Copy a saved photo into media, verified and re-encoded like every upload; returns its
    storage name. The name comes from the file's content, so a photo is stored once. The size cap
    of uploads applies before anything is read."""
    with open(path, "rb") as handle:
        photo = File(handle, name=os.path.basename(path))  # its `size` is checked first
        clean = reencode_image(photo, photo.name)
        handle.seek(0)
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    extension = clean.name.rsplit(".", 1)[-1]
    stem = slugify_vi(os.path.splitext(os.path.basename(path))[0], "anh")[:50]
    name = f"{PHOTO_FOLDER}/{digest[:2]}/{stem}-{digest[:12]}.{extension}"
    if not default_storage.exists(name):
        name = default_storage.save(name, clean)
    return name


def _place_photos(content: ImportedContent, warnings: list[str]) -> tuple[str, list[tuple[str, str | None]]]:
    """The body with each photo pointing at its stored copy, and the stored (name, caption) pairs
    in order. A photo that cannot be stored leaves its caption as a paragraph."""
    stored: dict[str, str | None] = {}
    for photo in content.photos:
        if photo.src in stored:
            continue
        if photo.file is None:
            stored[photo.src] = None  # the reader has warned already
            continue
        try:
            stored[photo.src] = store_photo(photo.file)
        except ValidationError as exc:
            stored[photo.src] = None
            warnings.append(f"photo {photo.src} is not usable: {' '.join(exc.messages)}")
        except OSError as exc:
            stored[photo.src] = None
            warnings.append(f"photo {photo.src} cannot be read: {exc}")
    if not content.photos or not content.body.strip():
        return content.body, []
    root = lxml.html.fragment_fromstring(content.body, create_parent="div")
    placed: list[tuple[str, str | None]] = []
    for img in list(root.iter("img")):
        name = stored.get(img.get("src", ""))
        figure = img.getparent() if img.getparent() is not None and img.getparent().tag == "figure" else None
        if name:
            img.set("src", default_storage.url(name))
            caption = figure.findtext("figcaption") if figure is not None else None
            placed.append((name, caption))
            continue
        holder = figure if figure is not None else img
        caption = figure.findtext("figcaption") if figure is not None else None
        if caption:
            paragraph = lxml.html.fragment_fromstring(f"<p><em>{escape(caption)}</em></p>")
            paragraph.tail = holder.tail
            holder.getparent().replace(holder, paragraph)
        else:
            holder.drop_tree()
    return _inner_html(root), placed


def _inner_html(root) -> str:
    html = (escape(root.text) if root.text else "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in root
    )
    return re.sub(r"\n\s*\n", "\n", html).strip()


def _take_cover(body: str, placed: list[tuple[str, str | None]]) -> tuple[str, str, str]:
    """The first photo becomes the cover: (body without it, cover name, cover caption)."""
    name, caption = placed[0]
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    url = default_storage.url(name)
    for img in root.iter("img"):
        if img.get("src") == url:
            holder = (
                img.getparent() if img.getparent() is not None and img.getparent().tag == "figure" else img
            )
            holder.drop_tree()
            break
    return _inner_html(root), name, (caption or "")[:CAPTION_MAX]


# --- saving -----------------------------------------------------------------------------------


def _add_paths(article: Article, paths: list[str], host: str, warnings: list[str]) -> int:
    added = 0
    for path in dict.fromkeys(paths):
        key = normalise_legacy_path(path)
        if key in {"", "/"}:
            continue
        path_host = legacy_host(host, path)
        owner = (
            LegacyPath.objects.filter(key=key, host=path_host)
            .values_list("article_id", "article__title")
            .first()
        )
        if owner is None and path_host:
            # The same article's row from an import made before domains were kept: it learns its
            # domain rather than gaining a twin.
            owner = (
                (article.pk, article.title)
                if LegacyPath.objects.filter(article=article, key=key, host="").update(host=path_host)
                else None
            )
        if owner is None:
            LegacyPath.objects.create(article=article, host=path_host, path=path[:1000])
            added += 1
        elif owner[0] != article.pk:
            warnings.append(f"old address {path} already belongs to the article “{owner[1]}”")
    return added


def _fill(article: Article, content: ImportedContent, *, organization, category, publish: bool, warnings):
    body, placed = _place_photos(content, warnings)
    if placed and not article.cover:
        body, article.cover, article.cover_caption = _take_cover(body, placed)
    article.title = content.title[:TITLE_MAX] if content.has_title else stand_in_title(content.lead)
    article.summary = content.summary
    article.body = body
    article.byline = (content.byline or "")[:BYLINE_MAX]
    article.organization = organization
    article.category = category
    article.status = import_status(publish=publish, has_date=content.has_date, has_title=content.has_title)
    article.view_count = max(article.view_count or 0, content.view_count or 0)
    article.published_at = content.published_at or article.published_at or timezone.now()
    return len(placed)


@transaction.atomic
def save_imported_article(
    content: ImportedContent, *, organization=None, category=None, publish: bool = False
) -> ImportResult:
    """Create the article for `content`, or update the one imported before if the old page changed
    and no editor has touched the article since; otherwise leave it as it is."""
    warnings: list[str] = []
    existing = find_imported(content, organization=organization)
    if existing is not None:
        record = ImportRecord.objects.filter(article=existing).first()
        paths = _add_paths(existing, content.old_paths, content.old_host, warnings)
        if record is None:
            return ImportResult(existing, False, "existing", warnings, paths_added=paths)
        if record.digest == content.digest():
            return ImportResult(existing, False, "unchanged", warnings, paths_added=paths)
        if not record.imported_state or article_state(existing) != record.imported_state:
            return ImportResult(existing, False, "kept", warnings, paths_added=paths)
        article, created = existing, False
        article.cover, article.cover_caption = "", ""  # the importer's own, as nobody changed it
    else:
        article, created, record = Article(), True, None
    photos = _fill(
        article, content, organization=organization, category=category, publish=publish, warnings=warnings
    )
    comment = _("Nhập từ trang cũ: %(source)s") % {"source": content.source[-200:]}
    # Through the publishing service as the system: the step and its revision name no person, and
    # an article already there keeps the state it has (save_draft keeps the stored status).
    if article.status == Status.PUBLISHED:
        publishing_service.publish(article, user=None, at=article.published_at, comment=comment)
    else:
        publishing_service.save_draft(article, user=None, comment=comment)
    values = {
        "source": content.source[-500:],
        "digest": content.digest(),
        "placeholder_published_at": None if content.has_date else article.published_at,
        "placeholder_title": "" if content.has_title else article.title,
        "imported_state": article_state(article),
    }
    if record is None:
        ImportRecord.objects.create(article=article, **values)
    else:
        ImportRecord.objects.filter(pk=record.pk).update(**values)
    paths = _add_paths(article, content.old_paths, content.old_host, warnings)
    return ImportResult(
        article,
        created,
        "created" if created else "updated",
        warnings,
        photos_stored=photos,
        paths_added=paths,
    )
