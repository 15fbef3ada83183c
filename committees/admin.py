"""Admin for organisations, terms, people, positions, memberships and contact points.

Names are searched without diacritics ("nguyen van an" finds "Nguyễn Văn An") through the folded
`search_name` fields. Contributors (ward-scoped) see only their own subtree: see scoping.py.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from frontcms.admin import public_page_link
from frontcms.revisions import RevisionAdmin
from frontcms.text import fold
from frontcms.workflow import ConcurrentEditAdminMixin

from .models import ContactPoint, Membership, Organization, Person, Position, StaffAssignment, Term
from .scoping import (
    OrganizationScopedAdminMixin,
    ScopedChoicesMixin,
    TermListFilter,
    is_autocomplete_request,
    own_organization_id,
)
from .term_picking import (
    OrganizationTermsAdminMixin,
    OrganizationTermsFormMixin,
    OrganizationTermsFormSet,
    OrganizationTermsViewMixin,
)


class FoldedSearchMixin:
    """Search on folded (accent-free, lower-case) columns: fold the query the same way."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


class CurrentMembershipFilter(admin.SimpleListFilter):
    title = _("hiện tại / đã thôi")
    parameter_name = "hien-tai"

    def lookups(self, request, model_admin):
        return (("1", _("Đang giữ chức")), ("0", _("Đã thôi")))

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.current()
        if self.value() == "0":
            return queryset.past()
        return queryset


class CurrentOrganizationFilter(admin.SimpleListFilter):
    title = _("tình trạng")
    parameter_name = "tinh-trang"

    def lookups(self, request, model_admin):
        return (("hoat-dong", _("Đang hoạt động")), ("giai-the", _("Đã giải thể / sáp nhập")))

    def queryset(self, request, queryset):
        if self.value() == "hoat-dong":
            return queryset.current()
        if self.value() == "giai-the":
            return queryset.dissolved()
        return queryset


class TermInline(ScopedChoicesMixin, admin.TabularInline):
    model = Term
    fields = ("number", "start_date", "end_date", "congress_name", "congress_date")
    extra = 0
    show_change_link = True


class ContactPointInline(ScopedChoicesMixin, admin.TabularInline):
    model = ContactPoint
    fields = ("person", "name", "name_en", "title", "title_en", "phone", "email", "order", "reviewed_on")
    autocomplete_fields = ("person",)
    extra = 0


class MembershipForm(OrganizationTermsFormMixin, forms.ModelForm):
    """A membership's term list holds the terms of its organisation (committees.term_picking)."""


class MembershipInline(OrganizationTermsAdminMixin, ScopedChoicesMixin, admin.TabularInline):
    model = Membership
    form = MembershipForm
    formset = OrganizationTermsFormSet
    fields = (
        "person",
        "organization",
        "term",
        "position",
        "start_date",
        "end_date",
        "end_reason",
        "entry_kind",
        "is_full_time",
        "represents",
    )
    autocomplete_fields = ("person", "organization", "represents")
    extra = 0


class PersonMembershipInline(MembershipInline):
    fields = tuple(f for f in MembershipInline.fields if f != "person")
    autocomplete_fields = ("organization", "represents")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization", "term", "position", "represents")


class TermMembershipInline(MembershipInline):
    fields = tuple(f for f in MembershipInline.fields if f not in ("organization", "term"))
    autocomplete_fields = ("person", "represents")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "position", "represents")


@admin.register(Organization)
class OrganizationAdmin(
    OrganizationScopedAdminMixin, FoldedSearchMixin, ConcurrentEditAdminMixin, RevisionAdmin
):
    """Two editors on the same organisation: the second save is refused (ConcurrentEditAdminMixin)."""

    organization_field = "pk"
    list_display = ("name", "kind", "parent", "founded_on", "dissolved_on", "view_link")
    list_filter = ("kind", CurrentOrganizationFilter)
    search_fields = ("search_name", "slug")
    autocomplete_fields = ("parent", "succeeded_by")
    inlines = [TermInline, ContactPointInline]
    fieldsets = (
        (None, {"fields": ("name", "short_name", "kind", "parent", "order", "slug")}),
        (_("Giới thiệu, chức năng nhiệm vụ"), {"fields": ("intro", "functions")}),
        (_("Liên hệ"), {"fields": ("address", "phone", "email")}),
        (_("Lịch sử"), {"fields": ("founded_on", "dissolved_on", "succeeded_by")}),
        (
            _("Tiếng Anh (trang /en/)"),
            {
                "fields": ("name_en", "intro_en", "functions_en", "address_en"),
                "description": _(
                    "Để trống tên tiếng Anh thì trang tiếng Anh dùng tên theo mẫu chính thức, ví dụ "
                    "“Viet Nam Fatherland Front Committee of Khuong Dinh Ward”."
                ),
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent")

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if is_autocomplete_request(request, self.admin_site):
            # A contributor's own committee first, then district and ward committees before the
            # residential-area boards and other sub-units (committees.models.in_picking_order).
            queryset = queryset.in_picking_order(own_organization_id(request.user))
        return queryset, may_have_duplicates

    @admin.display(description=_("xem"))
    def view_link(self, obj):
        return public_page_link(obj)


@admin.register(Term)
class TermAdmin(OrganizationScopedAdminMixin, RevisionAdmin):
    list_display = ("__str__", "organization", "number", "start_date", "end_date")
    list_filter = ("organization__kind", "organization")
    search_fields = ("organization__search_name", "congress_name")
    autocomplete_fields = ("organization",)
    inlines = [TermMembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(Person)
class PersonAdmin(FoldedSearchMixin, RevisionAdmin):
    list_display = ("full_name", "photo_thumb", "slug", "updated_at")
    search_fields = ("search_name", "slug")
    fields = ("full_name", "slug", "photo", "bio", "bio_en")
    inlines = [PersonMembershipInline]

    @admin.display(description=_("ảnh"))
    def photo_thumb(self, obj):
        if not obj.photo:
            return ""
        return format_html(
            '<img src="{}" alt="" width="48" height="60" style="object-fit:cover">', obj.photo.url
        )


@admin.register(Position)
class PositionAdmin(RevisionAdmin):
    list_display = ("name", "name_en", "rank", "single_holder", "is_leadership")
    list_editable = ("rank",)
    search_fields = ("name", "name_en")


@admin.register(Membership)
class MembershipAdmin(OrganizationTermsViewMixin, OrganizationScopedAdminMixin, RevisionAdmin):
    form = MembershipForm
    list_display = ("person", "position", "organization", "term", "start_date", "end_date", "end_reason")
    list_filter = (
        CurrentMembershipFilter,
        "position",
        "organization__kind",
        "organization",
        ("term", TermListFilter),
        "entry_kind",
    )
    search_fields = ("person__search_name", "organization__search_name")
    autocomplete_fields = ("person", "organization", "represents", "replaces")
    date_hierarchy = "start_date"
    list_select_related = ("person", "position", "organization", "term", "term__organization")

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(ContactPoint)
class ContactPointAdmin(OrganizationScopedAdminMixin, admin.ModelAdmin):
    list_display = ("contact_name", "title", "organization", "phone", "email", "reviewed_on")
    list_filter = ("organization",)
    search_fields = ("name", "title", "person__search_name", "organization__search_name")
    autocomplete_fields = ("organization", "person")
    list_select_related = ("organization", "person")

    @admin.display(description=_("người liên hệ"), ordering="name")
    def contact_name(self, obj):
        return obj.display_name


@admin.register(StaffAssignment)
class StaffAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "organization")
    autocomplete_fields = ("organization",)
    search_fields = ("user__username", "organization__search_name")
