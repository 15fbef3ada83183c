"""News: categories (a tree), articles with tags, their publishing organisation and event."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from frontcms.cache import SITE, CacheTagged, tag
from frontcms.images import SafeImageField
from frontcms.legacy_paths import legacy_host, normalise_legacy_path, portal_answers
from frontcms.models import SluggedModel
from frontcms.publishing import Publishable
from frontcms.richtext import RichTextField
from frontcms.text import nfc, slugify_vi

from .querysets import ArticleQuerySet, CategoryQuerySet


class Category(CacheTagged, SluggedModel):
    """A news category (Tin hoạt động, Tập huấn, …); sub-categories are listed with their parent."""

    slug_source = "name"

    name = models.CharField(_("tên"), max_length=120)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc danh mục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.CharField(_("mô tả"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    show_on_home = models.BooleanField(
        _("hiện trên trang chủ"),
        default=True,
        help_text=_("Danh mục gốc được đánh dấu sẽ có một khối tin mới nhất trên trang chủ."),
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("danh mục tin")
        verbose_name_plural = _("danh mục tin")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name

    def clean(self):
        self.name = nfc(self.name).strip()
        ancestor = self.parent
        while ancestor is not None and self.pk:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("Danh mục không thể nằm trong chính nó.")})
            ancestor = ancestor.parent

    def get_absolute_url(self) -> str:
        return reverse("news:category", kwargs={"slug": self.slug})

    def cache_tags(self) -> set[str]:
        # The sidebar's category menu is on every page, and category names on most of them.
        return {SITE}


# `/tin-tuc/rss/` is the feed: an article with this slug could never be opened.
RESERVED_ARTICLE_SLUGS = {"rss"}


class Article(SluggedModel, Publishable):
    """A news article. `organization` empty means news of the portal as a whole (no single unit)."""

    title = models.CharField(_("tiêu đề"), max_length=255)
    summary = models.TextField(
        _("tóm tắt (sapo)"), blank=True, help_text=_("Một đoạn ngắn hiện dưới tiêu đề và trên thẻ tin.")
    )
    body = RichTextField(_("nội dung"), blank=True)
    cover = SafeImageField(_("ảnh đại diện"), upload_to="news/covers/%Y/%m/", blank=True)
    cover_caption = models.CharField(_("chú thích ảnh"), max_length=300, blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("danh mục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    tags = TaggableManager(_("thẻ"), blank=True, help_text=_("Các thẻ cách nhau bởi dấu phẩy."))
    organization = models.ForeignKey(
        "committees.Organization",
        verbose_name=_("đơn vị đăng tin"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("Để trống với tin chung của cổng. Cộng tác viên phải chọn đơn vị của mình."),
    )
    byline = models.CharField(
        _("tác giả / nguồn"), max_length=255, blank=True, help_text=_("Ví dụ: “Minh Anh – Ban Tuyên giáo”.")
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("sự kiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text=_("Sự kiện mà bài viết đưa tin (nếu có)."),
    )
    is_featured = models.BooleanField(_("tin nổi bật"), default=False)
    view_count = models.PositiveIntegerField(_("lượt xem"), default=0, editable=False)
    allow_comments = models.BooleanField(_("cho phép bình luận"), default=True)
    # Moves on when the preview links are revoked: links made before stop working (news.preview).
    preview_generation = models.PositiveIntegerField(default=0, editable=False)
    related = models.ManyToManyField(
        "self",
        verbose_name=_("tin liên quan chọn tay"),
        through="RelatedArticle",
        through_fields=("from_article", "to_article"),
        symmetrical=False,
        blank=True,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_article", _("Xuất bản bài viết"))]
        indexes = [
            # The id closes the order (newest_first) so that deep pages walk the index alone.
            models.Index(fields=["status", "-published_at", "-id"], name="news_article_pub_idx"),
            models.Index(fields=["category", "status", "-published_at", "-id"], name="news_article_cat_idx"),
            models.Index(fields=["organization", "status", "-published_at"], name="news_article_org_idx"),
            models.Index(fields=["is_featured", "status", "-published_at"], name="news_article_feat_idx"),
            models.Index(fields=["event", "status", "-published_at"], name="news_article_event_idx"),
            # "Most read" (frontcms.engagement): the top few by views without sorting every article.
            models.Index(fields=["-view_count"], name="news_article_views_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        self.title = nfc(self.title).strip()
        self.summary = nfc(self.summary).strip()
        if slugify_vi(self.slug or self.title, fallback="bai-viet") in RESERVED_ARTICLE_SLUGS:
            raise ValidationError(
                {"slug": _("Đường dẫn này trùng với một trang của mục Tin tức; hãy đặt đường dẫn khác.")}
            )

    def get_absolute_url(self) -> str:
        return reverse("news:detail", kwargs={"slug": self.slug})

    def listed_in(self) -> set[str]:
        """Every list a published article appears in: all news, its category and those above it
        (their pages list sub-categories too), its tags, its organisation and its event (their
        pages and related news), and the pages of articles that picked it by hand."""
        from django.contrib.contenttypes.models import ContentType
        from taggit.models import TaggedItem

        lists = {tag(Article)}
        if self.category_id:
            lists |= {tag(Article, category=pk) for pk in Category.objects.ancestor_ids(self.category_id)}
        if self.organization_id:
            lists.add(tag(Article, organization=self.organization_id))
        if self.event_id:
            lists.add(tag(Article, event=self.event_id))
        if self.pk:
            tagged = TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Article), object_id=self.pk
            )
            lists |= {tag(Article, tag=pk) for pk in tagged.values_list("tag_id", flat=True)}
            picked_by = RelatedArticle.objects.filter(to_article_id=self.pk)
            lists |= {tag(Article, pk) for pk in picked_by.values_list("from_article_id", flat=True)}
        return lists

    @cached_property
    def share_description(self) -> str:
        """The page description for search engines, Zalo and Facebook: the summary (or the
        title), at most 40 words."""
        return Truncator(self.summary or self.title).words(40, truncate=" …")


class RelatedArticle(CacheTagged, models.Model):
    """A manual "Tin liên quan" pick, in the editor's order."""

    from_article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="related_picks"
    )
    to_article = models.ForeignKey(
        Article, verbose_name=_("tin liên quan"), on_delete=models.CASCADE, related_name="picked_by"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tin liên quan")
        verbose_name_plural = _("tin liên quan chọn tay")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["from_article", "to_article"], name="news_related_unique"),
            models.CheckConstraint(
                condition=~models.Q(from_article=models.F("to_article")), name="news_related_not_self"
            ),
        ]

    def __str__(self) -> str:
        # Not the picked article's title: since picked, it may have become another unit's draft,
        # and the admin prints each row's name above its fields.
        return str(_("Tin liên quan của “%(title)s”") % {"title": self.from_article})

    def cache_tags(self) -> set[str]:
        return {tag(Article, self.from_article_id)}  # the page that shows the pick


class ImportRecordQuerySet(models.QuerySet):
    def needs_date(self):
        """Imported without a trustworthy date and still carrying the import time as a stand-in."""
        return self.filter(placeholder_published_at__isnull=False).filter(
            article__published_at=models.F("placeholder_published_at")
        )

    def needs_title(self):
        """Imported without a headline and still carrying the stand-in title."""
        return self.exclude(placeholder_title="").filter(article__title=models.F("placeholder_title"))


class ImportRecord(models.Model):
    """Where an imported article came from, so that importing again creates nothing new, and what
    the importer could not find (a date, a headline), so that editors can find those drafts."""

    article = models.OneToOneField(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="import_record"
    )
    source = models.CharField(_("nguồn"), max_length=500, help_text=_("Tệp hoặc địa chỉ trên trang cũ."))
    digest = models.CharField(_("dấu vân tay nội dung"), max_length=64, db_index=True, editable=False)
    imported_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)
    # The article as the importer left it (news.importing.article_state): an import run again
    # updates the article only while this still matches, i.e. no editor has changed it since.
    imported_state = models.CharField(max_length=64, blank=True, editable=False)
    placeholder_published_at = models.DateTimeField(
        _("thời gian tạm"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Trang cũ không có ngày đăng đáng tin: thời gian xuất bản đang là lúc nhập."),
    )
    placeholder_title = models.CharField(
        _("tiêu đề tạm"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("Trang cũ không có tiêu đề: tiêu đề đang là câu mở đầu của bài."),
    )

    objects = ImportRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("nguồn nhập")
        verbose_name_plural = _("nguồn nhập")

    def __str__(self) -> str:
        return self.source

    @property
    def needs_date(self) -> bool:
        return self.placeholder_published_at is not None and (
            self.article.published_at == self.placeholder_published_at
        )

    @property
    def needs_title(self) -> bool:
        return bool(self.placeholder_title) and self.article.title == self.placeholder_title


class LegacyPath(models.Model):
    """An address the article had on an old website; a request for it answers 301 to the article
    (frontcms.legacy_paths), whatever the article's slug is by then. Old sites of the district
    and its wards may share a path: `host` tells them apart."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="legacy_paths"
    )
    host = models.CharField(
        _("tên miền trang cũ"),
        max_length=253,
        blank=True,
        help_text=_(
            "Ví dụ: mttq-khuongdinh.vn. Để trống nếu chỉ có một trang cũ dùng đường dẫn này; "
            "lấy tự động khi đường dẫn có tên miền."
        ),
    )
    path = models.CharField(
        _("đường dẫn trên trang cũ"),
        max_length=1000,
        help_text=_(
            "Ví dụ: /tin-tuc/hoi-nghi-123.html, /Default.aspx?tabid=57&ArticleID=123. "
            "Chữ hoa, chữ thường và thứ tự tham số không quan trọng."
        ),
    )
    key = models.CharField(max_length=700, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đường dẫn trên trang cũ")
        verbose_name_plural = _("đường dẫn trên trang cũ")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["host", "key"], name="news_legacypath_host_key")]

    def __str__(self) -> str:
        return f"{self.host}{self.path}" if self.host and "//" not in self.path else self.path

    def save(self, *args, **kwargs):
        self._normalise()
        super().save(*args, **kwargs)

    def clean(self):
        self._normalise()
        if self.key in {"", "/"}:
            raise ValidationError(
                {"path": _("Hãy nhập đường dẫn của bài trên trang cũ (không phải trang chủ).")}
            )
        # Asked of new or changed paths only: a row kept from an import must not block other edits.
        changed = self.pk is None or not LegacyPath.objects.filter(pk=self.pk, key=self.key).exists()
        if changed and portal_answers(self.path):
            raise ValidationError(
                {
                    "path": _(
                        "Cổng thông tin đã có trang tại đường dẫn này nên người truy cập sẽ vào trang "
                        "đó, không được chuyển tới bài này. Hãy kiểm tra lại đường dẫn cũ, hoặc xóa "
                        "dòng này nếu trang cũ cũng dùng đúng đường dẫn này."
                    )
                }
            )
        # The same site's path; or another organisation's path where either row names no site
        # (it answers for every domain): a ward's row must not take over another's old links.
        same_key = LegacyPath.objects.filter(key=self.key).exclude(pk=self.pk)
        clash = models.Q(host=self.host)
        article = getattr(self, "article", None)  # unsaved (or none yet) while a new article is added
        organization_id = article.organization_id if article is not None else None
        other_organisation = ~models.Q(article__organization=organization_id)
        clash |= other_organisation if not self.host else other_organisation & models.Q(host="")
        taken = same_key.filter(clash).select_related("article").first()
        if taken is not None and taken.article.organization_id != organization_id:
            # Another unit's article: its title is not this editor's to read (it may be a draft).
            raise ValidationError({"path": _("Đường dẫn này đã thuộc một bài của đơn vị khác.")})
        if taken is not None:
            raise ValidationError(
                {"path": _("Đường dẫn này đã thuộc bài “%(title)s”.") % {"title": taken.article.title}}
            )

    def _normalise(self) -> None:
        self.path = self.path.strip()
        self.host = legacy_host(self.host, self.path)
        self.key = normalise_legacy_path(self.path)
