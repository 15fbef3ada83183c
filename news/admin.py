"""News admin: articles with workflow, revisions (frontcms.revisions), optimistic locking and ward
scoping; categories."""

from __future__ import annotations

import functools

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from committees.scoping import OrganizationScopedAdminMixin, ScopedChoicesMixin, is_scoped
from frontcms.publishing import Status
from frontcms.revisions import RevisionAdmin
from frontcms.workflow import ConcurrentEditForm, WorkflowAdminMixin

from .models import Article, Category, ImportRecord, LegacyPath, RelatedArticle
from .preview import PREVIEW_MAX_AGE, preview_url, revoke_preview_links
from .templatetags.news_tags import rendition


class ArticleAdminForm(ConcurrentEditForm):
    class Meta:
        model = Article
        fields = "__all__"


class RelatedArticleInline(ScopedChoicesMixin, admin.TabularInline):
    model = RelatedArticle
    fk_name = "from_article"
    fields = ("to_article", "position")
    autocomplete_fields = ("to_article",)
    extra = 0
    verbose_name = _("tin liên quan chọn tay")
    verbose_name_plural = _("Tin liên quan chọn tay (hiện trước các tin liên quan tự động)")


class LegacyPathFormSet(forms.BaseInlineFormSet):
    """Two rows naming the same old address (the same site and path) are refused here, before the
    database would refuse the second."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.is_valid() or not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            row = form.instance
            if (row.host, row.key) in seen:
                form.add_error("path", _("Đường dẫn này đã có ở một dòng khác."))
            seen.add((row.host, row.key))


class LegacyPathInline(admin.TabularInline):
    """The article's addresses on the old website; each answers 301 to the article."""

    model = LegacyPath
    formset = LegacyPathFormSet
    fields = ("host", "path")
    # Old addresses are long (Joomla and DotNetNuke queries): the path takes the rest of the row.
    widths = {
        "host": "width: 14em; max-width: 100%; box-sizing: border-box",
        "path": "width: 100%; min-width: 12em; box-sizing: border-box",
    }
    extra = 0
    verbose_name = _("đường dẫn trên trang cũ")
    verbose_name_plural = _("Đường dẫn trên trang cũ (chuyển tiếp 301 tới bài này khi đã xuất bản)")

    def has_view_permission(self, request, obj=None):
        """Shown to someone who may only read it (a contributor) only when there is something to
        read: an empty table without an "add" link said nothing."""
        if not super().has_view_permission(request, obj):
            return False
        if self.has_add_permission(request, obj) or self.has_change_permission(request, obj):
            return True
        return obj is not None and obj.legacy_paths.exists()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.widths:
            kwargs["widget"] = forms.TextInput(attrs={"style": self.widths[db_field.name]})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ImportRecordInline(admin.StackedInline):
    """Where an imported article came from and what the old page lacked; read-only."""

    model = ImportRecord
    fields = ("source", "imported_at", "missing")
    readonly_fields = fields
    can_delete = False
    extra = 0
    verbose_name = verbose_name_plural = _("Nhập từ trang cũ")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("còn thiếu"))
    def missing(self, record):
        missing = []
        if record.needs_date:
            missing.append(str(_("ngày đăng (thời gian xuất bản đang là lúc nhập)")))
        if record.needs_title:
            missing.append(str(_("tiêu đề")))
        return "; ".join(missing) or "—"


class ImportedListFilter(admin.SimpleListFilter):
    """Articles brought in from the old sites, and those still needing a date or a headline."""

    title = _("nhập từ trang cũ")
    parameter_name = "nhap"

    def lookups(self, request, model_admin):
        return [
            ("tat-ca", _("Tất cả bài đã nhập")),
            ("can-ngay", _("Cần ngày đăng")),
            ("can-tieu-de", _("Cần tiêu đề")),
        ]

    def queryset(self, request, queryset):
        records = {
            "tat-ca": ImportRecord.objects.all(),
            "can-ngay": ImportRecord.objects.needs_date(),
            "can-tieu-de": ImportRecord.objects.needs_title(),
        }.get(self.value())
        if records is None:
            return queryset
        return queryset.filter(pk__in=records.values("article_id"))


@admin.register(Article)
class ArticleAdmin(OrganizationScopedAdminMixin, WorkflowAdminMixin, RevisionAdmin):
    form = ArticleAdminForm
    publish_permission = "news.publish_article"
    organization_field = "organization"
    inlines = [RelatedArticleInline, LegacyPathInline]
    list_display = (
        "thumbnail",
        "title",
        "status",
        "published_at",
        "category",
        "unit",
        "is_featured",
    )
    list_display_links = ("thumbnail", "title")
    list_filter = (
        "status",
        ("category", admin.RelatedOnlyFieldListFilter),
        ("organization", admin.RelatedOnlyFieldListFilter),
        "is_featured",
        "published_at",
        ImportedListFilter,
    )
    list_select_related = ("category", "organization")
    search_fields = (
        "title__folded_contains",
        "summary__folded_contains",
        "byline__folded_contains",
    )  # frontcms/lookups.py
    date_hierarchy = "published_at"
    ordering = ("-published_at", "-pk")
    raw_id_fields = ("organization", "event")
    readonly_fields = ("preview_link", "view_count")
    fieldsets = (
        (None, {"fields": ("title", "summary", "body")}),
        (_("Ảnh đại diện"), {"fields": ("cover", "cover_caption")}),
        (_("Phân loại"), {"fields": ("category", "tags", "organization", "event", "byline")}),
        (
            _("Xuất bản"),
            {"fields": ("status", "published_at", "is_featured", "allow_comments", "slug", "preview_link")},
        ),
    )

    object_history_template = "news/admin/article_history.html"
    actions = [*WorkflowAdminMixin.actions, "revoke_previews"]

    def get_urls(self):
        from django.urls import path

        return [
            path(
                "<path:object_id>/so-sanh/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_compare",
            ),
            *super().get_urls(),
        ]

    def compare_view(self, request, object_id):
        """Two revisions side by side (`?cu=<version>&moi=<version>`, the latest two by default)."""
        from django.contrib.admin.utils import unquote
        from django.core.exceptions import PermissionDenied
        from django.http import Http404
        from django.template.response import TemplateResponse

        from .revisions import compare_versions

        obj = self.get_object(request, unquote(object_id))  # scoped: contributors see their own only
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = self.visible_versions(request, obj)  # not those from another ward's time
        by_id = {str(v.pk): v for v in versions}
        newest = versions[0] if versions else None
        older = versions[1] if len(versions) > 1 else newest
        asked_old, asked_new = request.GET.get("cu", ""), request.GET.get("moi", "")
        old, new = by_id.get(asked_old, older), by_id.get(asked_new, newest)
        if any(asked and asked not in by_id for asked in (asked_old, asked_new)):
            messages.warning(
                request,
                _(
                    "Một phiên bản được chọn không có trong lịch sử mà bạn được xem: trang so sánh "
                    "dùng phiên bản gần nhất thay cho phiên bản đó."
                ),
            )
        if old and new and old.pk > new.pk:  # the older always on the left, however they were asked
            old, new = new, old
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "title": _("So sánh hai phiên bản: %(title)s") % {"title": obj.title},
            "versions": versions,
            "old": old,
            "new": new,
            "may_revert": self.has_change_permission(request, obj),  # as on the history page
            "changes": (
                compare_versions(Article, old, new, functools.partial(self.visible_related, request))
                if old and new
                else []
            ),
        }
        return TemplateResponse(request, "news/admin/article_compare.html", context)

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        if obj is not None and ImportRecord.objects.filter(article=obj).exists():
            inlines.append(ImportRecordInline)
        return inlines

    def get_autocomplete_fields(self, request):
        # Autocomplete needs the target's admin with search_fields; until the committees and
        # events admins exist those fields fall back to raw_id_fields.
        fields = []
        for name in ("organization", "event"):
            model = Article._meta.get_field(name).related_model
            target = self.admin_site._registry.get(model)
            if target is not None and target.search_fields:
                fields.append(name)
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if is_scoped(request.user) and "organization" in form.base_fields:
            # A contributor's article always belongs to (a unit of) their own organisation.
            form.base_fields["organization"].required = True
        return form

    @admin.display(description=_("đơn vị"), ordering="organization__name")
    def unit(self, obj):
        org = obj.organization
        return (org.short_name or org.name) if org else "—"

    @admin.display(description=_("ảnh"))
    def thumbnail(self, obj):
        url = rendition(obj.cover, "admin")
        if not url:
            return "—"
        return format_html('<img src="{}" width="96" height="64" alt="" loading="lazy">', url)

    @admin.display(description=_("xem trước"))
    def preview_link(self, obj):
        if obj is None or not obj.pk:
            return _("Lưu bài để có liên kết xem trước.")
        if obj.status == Status.ARCHIVED:
            return _("Bài đã lưu trữ: liên kết xem trước không còn hiệu lực.")
        if obj.is_published:
            # Readers see it already: the public page, not a secret link, is what to share.
            return format_html(
                '<a href="{}" target="_blank" rel="noopener">{}</a><br><span class="help">{}</span>',
                obj.get_absolute_url(),
                _("Xem bài trên trang"),
                _(
                    "Bài đã đăng: bạn đọc đã xem được bài tại địa chỉ này. Các liên kết xem trước đã gửi "
                    "trước đó vẫn mở được cho đến khi bị thu hồi."
                ),
            )
        url = preview_url(obj)
        return format_html(
            '<a href="{}" target="_blank" rel="noopener" class="button">{}</a><br>'
            '<span class="help">{}</span>',
            url,
            _("Xem trước"),
            _(
                "Liên kết bí mật: ai có liên kết đều đọc được bài khi chưa xuất bản, trong %(days)d ngày. "
                "Để vô hiệu mọi liên kết đã gửi, chọn bài trong danh sách và dùng thao tác "
                "“Thu hồi liên kết xem trước”; bài bị lưu trữ hoặc bị xóa thì liên kết cũng hết hiệu lực."
            )
            % {"days": PREVIEW_MAX_AGE // 86400},
        )

    @admin.action(description=_("Thu hồi liên kết xem trước"), permissions=["change"])
    def revoke_previews(self, request, queryset):
        """Every preview link already given out for the selected articles stops working."""
        count = revoke_preview_links(queryset)
        self.message_user(
            request,
            _("Đã thu hồi liên kết xem trước của %(n)d bài; các liên kết đã gửi không còn mở được.")
            % {"n": count},
            messages.SUCCESS,
        )


@admin.register(Category)
class CategoryAdmin(RevisionAdmin):
    list_display = ("name", "parent", "slug", "order", "show_on_home")
    list_editable = ("order", "show_on_home")
    list_filter = ("parent",)
    search_fields = ("name__folded_contains", "slug")
    list_select_related = ("parent",)
    fields = ("name", "parent", "slug", "description", "order", "show_on_home")


# Taggit registers an admin of its own: an English-only "Merge selected tags" action, open to anyone
# who may see the tag list and renaming tags on every article site-wide, and an inline of raw
# "tagged items" (content type, object ID). Editors get a plain list and form instead.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "article_count")
    search_fields = ("name__folded_contains",)
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        """For a ward contributor, only tags of articles they may see (their unit's, or published)
        and only those articles counted: a tag may name another ward's draft."""
        if not is_scoped(request.user):
            return super().get_queryset(request).annotate(article_count=Count("taggit_taggeditem_items"))
        articles = self.admin_site.get_model_admin(Article).selectable_queryset(request)
        visible = Q(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(Article),
            taggit_taggeditem_items__object_id__in=articles.values("pk"),
        )
        counted = Count("taggit_taggeditem_items", filter=visible)
        return super().get_queryset(request).annotate(article_count=counted).filter(article_count__gt=0)

    @admin.display(description=_("số bài viết"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count
