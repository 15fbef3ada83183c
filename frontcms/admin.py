"""Admin for the CMS core: pages (with revisions), menu, quick links, site settings, users and groups."""

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .admin_l10n import PermissionChoiceField
from .models import MenuItem, Page, QuickLink, SiteSettings, SlugHistory
from .revisions import RevisionAdmin
from .workflow import ConcurrentEditAdminMixin, ConcurrentEditForm


def public_page_link(obj):
    """The "↗" column of admin lists: opens the public page; screen readers hear what it does."""
    label = _("Xem trên trang web (mở thẻ mới)")
    return format_html(
        '<a href="{}" target="_blank" rel="noopener" title="{}" aria-label="{}">↗</a>',
        obj.get_absolute_url(),
        label,
        label,
    )


class ChildPageInline(admin.TabularInline):
    model = Page
    fk_name = "parent"
    fields = ("title", "slug", "is_published", "order")
    extra = 0
    show_change_link = True
    verbose_name_plural = _("trang con")


class PageAdminForm(ConcurrentEditForm):
    """Two editors saving the same page: the second is refused, not silently applied."""

    class Meta:
        model = Page
        fields = "__all__"


@admin.register(Page)
class PageAdmin(ConcurrentEditAdminMixin, RevisionAdmin):
    form = PageAdminForm
    list_display = ("title", "parent", "slug", "is_published", "order", "updated_at", "view_link")
    list_filter = ("is_published", "parent")
    list_editable = ("is_published", "order")
    search_fields = ("title__folded_contains", "slug", "body")  # frontcms/lookups.py
    prepopulated_fields = {}
    fieldsets = (
        (None, {"fields": ("title", "parent", "body")}),
        (_("Hiển thị"), {"fields": ("slug", "is_published", "order", "seo_description")}),
    )
    inlines = [ChildPageInline]

    @admin.display(description=_("xem"))
    def view_link(self, obj):
        return public_page_link(obj)


class MenuChildInline(admin.TabularInline):
    model = MenuItem
    fk_name = "parent"
    fields = ("title", "page", "route", "url", "order", "is_active")
    extra = 0
    verbose_name_plural = _("mục con")


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    list_display = ("title", "parent", "target", "order", "is_active")
    list_editable = ("order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("title__folded_contains",)
    inlines = [MenuChildInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent", "page", "page__parent")

    @admin.display(description=_("đích"))
    def target(self, obj):
        return obj.get_url()


@admin.register(QuickLink)
class QuickLinkAdmin(admin.ModelAdmin):
    list_display = ("title", "url", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("title__folded_contains", "url")


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fieldsets = (
        (_("Nhận diện"), {"fields": ("site_name", "tagline", "description")}),
        (
            _("Chân trang"),
            {
                "fields": (
                    "agency_name",
                    "address",
                    "phone",
                    "email",
                    "working_hours",
                    "licence",
                    "responsible_person",
                    "facebook_url",
                )
            },
        ),
        (_("Góp ý"), {"fields": ("feedback_email",)}),
        (
            _("Tiếng Anh (trang /en/)"),
            {
                "fields": (
                    "site_name_en",
                    "tagline_en",
                    "description_en",
                    "agency_name_en",
                    "address_en",
                    "licence_en",
                    "responsible_person_en",
                ),
                "description": _("Để trống ô nào thì trang tiếng Anh hiện nội dung tiếng Việt của ô đó."),
            },
        ),
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SlugHistory)
class SlugHistoryAdmin(admin.ModelAdmin):
    list_display = ("slug", "content_type", "object_id", "created_at")
    list_filter = ("content_type",)
    search_fields = ("slug",)


# --- users and groups: permissions listed by their Vietnamese names ---------------------------------
class PermissionLabelsMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name in {"permissions", "user_permissions"}:
            kwargs["form_class"] = PermissionChoiceField
            kwargs.setdefault("queryset", db_field.remote_field.model.objects.select_related("content_type"))
        return super().formfield_for_manytomany(db_field, request=request, **kwargs)


admin.site.unregister(Group)
admin.site.unregister(User)


@admin.register(Group)
class GroupAdmin(PermissionLabelsMixin, auth_admin.GroupAdmin):
    pass


@admin.register(User)
class UserAdmin(PermissionLabelsMixin, auth_admin.UserAdmin):
    pass
