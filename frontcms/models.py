"""CMS core models: static pages, menus, site settings, quick links, slug history, the steps of
the editorial workflow and the tags kept with each version."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import class_prepared
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .cache import SITE, CacheTagged, kept, tag
from .publishing import Status
from .richtext import RichTextField
from .text import nfc, slugify_vi, unique_slug

# First path segments that belong to the apps; a page with one of these slugs would be hidden.
RESERVED_SLUGS = {
    "tin-tuc",
    "su-kien",
    "van-ban",
    "to-chuc",
    "nhan-su",
    "tim-kiem",
    "en",
    "quan-tri",
    "static",
    "media",
    "ckeditor",
    "captcha",
    "sitemap.xml",
    "robots.txt",
    "suc-khoe",
    "gop-y",
    "khao-sat",
    "xem-truoc",
    "tuong-tac",
}


class SlugHistory(models.Model):
    """An old slug of any object; requests for it are redirected (301) to the current URL."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("loại nội dung"))
    object_id = models.PositiveBigIntegerField(_("mã nội dung"))
    content_object = GenericForeignKey("content_type", "object_id")
    slug = models.SlugField(_("đường dẫn cũ"), max_length=220)
    created_at = models.DateTimeField(_("thời điểm đổi"), auto_now_add=True)

    class Meta:
        verbose_name = _("đường dẫn cũ")
        verbose_name_plural = _("đường dẫn cũ")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="slughistory_unique_slug")
        ]

    def __str__(self) -> str:
        return self.slug


class SluggedModel(models.Model):
    """Abstract base: a stable Vietnamese-folded slug, unique per model, with 301s for old ones.

    The slug is filled from `slug_source` (the name of a field: "title", "name", "full_name")
    when left empty, and its help text names that field. When the slug of a saved object
    changes, the old one is remembered in `SlugHistory` for that object. Old slugs belong to
    their object: a slug another object of the model once had is refused (a form error, and
    ValidationError from save() for code that skips forms), so nobody can take over its old
    links, and no object's entries are ever deleted or reassigned by another's save.
    """

    slug_source = "title"
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=200,
        unique=True,
        blank=True,
        # help_text: set in each model, naming its `slug_source` (name_the_slug_source below).
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        model = type(self)
        if not self.slug:
            self.slug = unique_slug(
                getattr(self, self.slug_source),
                lambda s: (
                    model._default_manager.filter(slug=s).exclude(pk=self.pk).exists()
                    or self._old_slug_of_another(s)
                ),
                max_length=model._meta.get_field("slug").max_length,
            )
        else:
            self.slug = slugify_vi(self.slug, fallback="muc")
        old_slug = self._saved_slug()
        if self.slug != old_slug:
            self.validate_slug_history()
        super().save(*args, **kwargs)
        if old_slug is not None and self.slug != old_slug:
            self.remember_old_slug(old_slug)

    def _saved_slug(self) -> str | None:
        if self.pk is None:
            return None
        return type(self)._default_manager.filter(pk=self.pk).values_list("slug", flat=True).first()

    def _old_slug_of_another(self, slug: str) -> bool:
        """Whether `slug` is an old slug of another object of this model."""
        entries = SlugHistory.objects.filter(
            content_type=ContentType.objects.get_for_model(type(self)), slug=slug
        )
        if self.pk is not None:
            entries = entries.exclude(object_id=self.pk)
        return entries.exists()

    def validate_slug_history(self) -> None:
        """Refuse a slug whose old links redirect to another object of this model."""
        slug = slugify_vi(self.slug, fallback="muc") if self.slug else ""
        if slug and self._old_slug_of_another(slug):
            raise ValidationError(
                {
                    "slug": ValidationError(
                        _(
                            "Đường dẫn “%(slug)s” từng là đường dẫn của một mục khác; các liên kết cũ "
                            "vẫn chuyển tới mục đó. Hãy chọn đường dẫn khác."
                        ),
                        code="old_slug_of_another",
                        params={"slug": slug},
                    )
                }
            )

    def validate_unique(self, exclude=None):
        errors: dict = {}
        try:
            super().validate_unique(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Only a changed slug: an object keeps whatever slug it already has.
        checked = self.slug and "slug" not in (exclude or ()) and "slug" not in errors
        if checked and slugify_vi(self.slug, fallback="muc") != self._saved_slug():
            try:
                self.validate_slug_history()
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def remember_old_slug(self, old_slug: str | None) -> None:
        """Keep `old_slug` redirecting to this object; its current slug is no longer an old one.
        Touches only this object's entries: another object's old slug stays theirs."""
        ct = ContentType.objects.get_for_model(type(self))
        SlugHistory.objects.filter(content_type=ct, slug=self.slug, object_id=self.pk).delete()
        if old_slug and old_slug != self.slug:
            SlugHistory.objects.get_or_create(content_type=ct, slug=old_slug, defaults={"object_id": self.pk})

    @classmethod
    def from_old_slug(cls, slug: str):
        """The object that once had `slug`, or None."""
        ct = ContentType.objects.get_for_model(cls)
        object_id = (
            SlugHistory.objects.filter(content_type=ct, slug=slug).values_list("object_id", flat=True).first()
        )
        return cls._default_manager.filter(pk=object_id).first() if object_id else None


def slug_help_text(source: models.Field) -> str:
    """The slug's help text for a model whose slug is made from the field `source` (lazy: staff
    read it in their language, and migrations record it in Vietnamese)."""

    def text() -> str:
        return gettext(
            "Để trống để tạo tự động từ %(source)s. Đổi đường dẫn thì đường dẫn cũ vẫn chuyển tiếp."
        ) % {"source": source.verbose_name}

    return lazy(text, str)()


@receiver(class_prepared)
def name_the_slug_source(sender, **kwargs) -> None:
    """Each slugged model says what its slug is made from: "từ tiêu đề", "từ tên", "từ họ và tên"."""
    if issubclass(sender, SluggedModel) and not sender._meta.abstract:
        source = sender._meta.get_field(sender.slug_source)
        sender._meta.get_field("slug").help_text = slug_help_text(source)


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_path(self, path: str):
        """The published page whose full path is `path` (`gioi-thieu/lich-su`)."""
        parts = [p for p in path.strip("/").split("/") if p]
        if not parts or len(parts) > 2:
            return self.none()
        if len(parts) == 1:
            return self.published().filter(slug=parts[0], parent__isnull=True)
        return self.published().filter(slug=parts[1], parent__slug=parts[0], parent__is_published=True)


class Page(CacheTagged, SluggedModel):
    """A static page (Giới thiệu, Liên hệ, Chức năng nhiệm vụ, …), at `/<slug>/` or `/<parent>/<child>/`."""

    title = models.CharField(_("tiêu đề"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trang cha"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    body = RichTextField(_("nội dung"), blank=True)
    seo_description = models.CharField(
        _("mô tả cho công cụ tìm kiếm"),
        max_length=300,
        blank=True,
        help_text=_("Một hai câu tóm tắt trang, hiện trên Google, Facebook, Zalo."),
    )
    is_published = models.BooleanField(_("hiển thị"), default=True, db_index=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("trang tĩnh")
        verbose_name_plural = _("trang tĩnh")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return f"{self.parent.title} › {self.title}" if self.parent_id and self.parent else self.title

    def get_absolute_url(self) -> str:
        return reverse("frontcms:page", kwargs={"path": self.path})

    def clean(self):
        self.title = nfc(self.title).strip()
        slug = slugify_vi(self.slug or self.title, fallback="trang")
        if self.parent_id is None and slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("Đường dẫn “%(slug)s” đã được dùng cho mục khác của cổng.") % {"slug": slug}}
            )
        if self.parent_id and self.parent and self.parent.parent_id:
            raise ValidationError({"parent": _("Chỉ được lồng một cấp: trang cha phải là trang gốc.")})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Trang không thể là trang cha của chính nó.")})

    @property
    def path(self) -> str:
        if self.parent_id:
            return f"{self.parent.slug}/{self.slug}"
        return self.slug

    def cache_tags(self) -> set[str]:
        # Its own page; while published, the lists of pages (section menus, search, sitemap); the
        # main menu, on every page, when an entry links to it.
        tags = {tag(self), tag(Page)} if self.is_published else {tag(self)}
        if self.pk and MenuItem.objects.filter(page_id=self.pk).exists():
            tags.add(SITE)
        return tags


class MenuItem(CacheTagged, models.Model):
    """An entry of the main menu: a page, a named route of the portal or an external link."""

    title = models.CharField(_("tên hiển thị"), max_length=80)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc mục"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    page = models.ForeignKey(Page, verbose_name=_("trang"), null=True, blank=True, on_delete=models.CASCADE)
    route = models.CharField(
        _("mục của cổng"),
        max_length=80,
        blank=True,
        help_text=_("Tên đường dẫn nội bộ, ví dụ news:list, events:list, committees:tree."),
    )
    url = models.URLField(_("liên kết ngoài"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("hiển thị"), default=True)

    class Meta:
        verbose_name = _("mục menu")
        verbose_name_plural = _("menu chính")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        targets = [bool(self.page_id), bool(self.route), bool(self.url)]
        if sum(targets) != 1:
            raise ValidationError(
                _("Chọn đúng một đích: một trang, một mục của cổng hoặc một liên kết ngoài.")
            )
        if self.route:
            try:
                reverse(self.route)
            except NoReverseMatch:
                raise ValidationError(
                    {"route": _("Không có mục nào của cổng tên “%(route)s”.") % {"route": self.route}}
                ) from None
        if self.parent_id and self.parent and self.parent.parent_id:
            raise ValidationError({"parent": _("Menu chỉ có hai cấp.")})

    def get_url(self) -> str:
        if self.page_id:
            return self.page.get_absolute_url()
        if self.route:
            try:
                return reverse(self.route)
            except NoReverseMatch:
                return "#"
        return self.url

    @property
    def is_external(self) -> bool:
        return bool(self.url)

    def cache_tags(self) -> set[str]:
        return {SITE}  # the header of every page


class QuickLink(CacheTagged, models.Model):
    """ "Liên kết website": links to related agencies shown in the footer and sidebar."""

    title = models.CharField(_("tên"), max_length=120)
    url = models.URLField(_("địa chỉ"))
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("hiển thị"), default=True)

    class Meta:
        verbose_name = _("liên kết website")
        verbose_name_plural = _("liên kết website")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def cache_tags(self) -> set[str]:
        return {SITE}  # the sidebar of every page


class SiteSettings(CacheTagged, models.Model):
    """The portal's identity and footer details: one row, edited in the admin, cached."""

    site_name = models.CharField(_("tên cổng"), max_length=200, default="Ủy ban MTTQ Việt Nam quận")
    tagline = models.CharField(_("dòng phụ"), max_length=200, blank=True)
    site_name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)
    description = models.CharField(_("mô tả cổng"), max_length=300, blank=True)
    agency_name = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    working_hours = models.TextField(
        _("giờ làm việc"),
        blank=True,
        help_text=_("Giờ làm việc và giờ tiếp công dân, hiện trên trang Liên hệ. Mỗi ý một dòng."),
    )
    feedback_email = models.EmailField(
        _("thư nhận góp ý"), blank=True, help_text=_("Góp ý của người dân được gửi tới địa chỉ này.")
    )
    licence = models.CharField(_("giấy phép"), max_length=300, blank=True)
    responsible_person = models.CharField(_("người chịu trách nhiệm nội dung"), max_length=200, blank=True)
    facebook_url = models.URLField(_("trang Facebook"), blank=True)
    # The English pages (/en/) show these instead of the fields above when they are filled in
    # (frontcms.languages.localized_text); an empty one shows the Vietnamese text, marked as such.
    tagline_en = models.CharField(_("dòng phụ (tiếng Anh)"), max_length=200, blank=True)
    description_en = models.CharField(_("mô tả cổng (tiếng Anh)"), max_length=300, blank=True)
    agency_name_en = models.CharField(_("cơ quan chủ quản (tiếng Anh)"), max_length=200, blank=True)
    address_en = models.CharField(_("địa chỉ (tiếng Anh)"), max_length=300, blank=True)
    licence_en = models.CharField(_("giấy phép (tiếng Anh)"), max_length=300, blank=True)
    responsible_person_en = models.CharField(
        _("người chịu trách nhiệm nội dung (tiếng Anh)"), max_length=200, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thông tin cổng")
        verbose_name_plural = _("thông tin cổng")

    def __str__(self) -> str:
        return str(_("Thông tin cổng"))

    def save(self, *args, **kwargs):
        self.pk = 1  # one row only
        super().save(*args, **kwargs)

    def cache_tags(self) -> set[str]:
        return {SITE}  # the header and footer of every page

    @classmethod
    def load(cls) -> SiteSettings:
        """The settings row (an unsaved default when none exists), kept until it is saved."""
        return kept("site-settings", lambda: cls.objects.filter(pk=1).first() or cls(pk=1))


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


class SearchEntry(models.Model):
    """One public document in the portal-wide search index (articles, events, pages, people).

    Rows are written by frontcms.search whenever a registered model is saved or deleted. Text is
    stored folded (no diacritics, `đ` → `d`, lower case, words separated by single spaces and
    padded with a space at each end) so that SQLite and PostgreSQL match the same documents;
    `title_exact` keeps the diacritics for ranking exact matches first.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=300)
    title_exact = models.CharField(max_length=300)
    title_folded = models.TextField()
    summary_folded = models.TextField(blank=True)
    body_folded = models.TextField(blank=True)
    excerpt = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateTimeField(null=True, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    organization_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    visible_from = models.DateTimeField(null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("mục chỉ mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="searchentry_unique_object")
        ]

    def __str__(self) -> str:
        return self.title


class WorkflowAction(models.TextChoices):
    CREATED = "created", _("Tạo bản nháp")
    SUBMITTED = "submitted", _("Gửi duyệt")
    RETURNED = "returned", _("Trả lại")
    APPROVED = "approved", _("Duyệt và đăng")
    PUBLISHED = "published", _("Đăng")
    RESCHEDULED = "rescheduled", _("Đổi giờ đăng")
    UNPUBLISHED = "unpublished", _("Gỡ xuống")
    ARCHIVED = "archived", _("Lưu trữ")
    REVERTED = "reverted", _("Trở về phiên bản cũ")


class WorkflowStepQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class WorkflowStep(models.Model):
    """One step of an item through the editorial workflow: who did what, when, and why.

    Written only by `frontcms.publishing_service`. `actor` is empty for the system (a management
    command); `actor_name` keeps the name shown even after the account is gone. A return's
    `recipient` is the person the item went back to (who submitted it)."""

    # Staff-only bookkeeping, never on a public page: not CacheTagged, so it invalidates nothing.

    content_type = models.ForeignKey(ContentType, verbose_name=_("loại nội dung"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("mã nội dung"))
    content_object = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("bước"), max_length=12, choices=WorkflowAction.choices)
    from_status = models.CharField(_("từ trạng thái"), max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=12, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("tên người thực hiện"), max_length=150)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trả lại cho"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    reason = models.TextField(_("lý do"), blank=True)
    publish_at = models.DateTimeField(_("đăng lúc"), null=True, blank=True)

    objects = WorkflowStepQuerySet.as_manager()

    class Meta:
        verbose_name = _("bước duyệt")
        verbose_name_plural = _("các bước duyệt")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-at"], name="workflowstep_object_idx"),
            models.Index(fields=["actor", "action", "content_type"], name="workflowstep_actor_idx"),
            models.Index(fields=["recipient", "action", "content_type"], name="workflowstep_recipient_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} – {self.actor_name}"


class VersionTags(models.Model):
    """The tags an object had when one of its versions was saved (frontcms.revisions), by name:
    django-reversion's serialiser leaves out django-taggit's fields (their through model is not
    Django's own), and a tag deleted since is made again by name when the version comes back.

    A version without one was saved before tags were kept: going back to it leaves the tags alone.
    Staff-only bookkeeping, never on a public page: not CacheTagged."""

    version = models.OneToOneField(
        "reversion.Version", verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="kept_tags"
    )
    # {"<taggit field name>": ["<tag name>", ...]}
    names = models.JSONField(_("tên thẻ"), default=dict)

    class Meta:
        verbose_name = _("thẻ của phiên bản")
        verbose_name_plural = _("thẻ của các phiên bản")

    def __str__(self) -> str:
        return ", ".join(name for names in self.names.values() for name in names)
