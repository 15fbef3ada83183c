"""Admin: comment moderation in bulk, polls with their choices and results, citizens' feedback."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from frontcms.cache import invalidate

from .models import Choice, Comment, CommentStatus, Feedback, Poll, Rating


def _moderate(status: str, label: str):
    def action(modeladmin, request, queryset):
        # One UPDATE for the whole selection; signals do not fire, so the comments of the objects
        # concerned are invalidated here (frontcms.cache).
        targets = set(queryset.values_list("content_type_id", "object_id"))
        count = queryset.update(status=status, moderated_at=timezone.now(), moderated_by=request.user)
        invalidate(*(Comment.figure_tag(ct_id, object_id) for ct_id, object_id in targets))
        modeladmin.message_user(
            request,
            ngettext("Đã cập nhật %(n)d ý kiến.", "Đã cập nhật %(n)d ý kiến.", count) % {"n": count},
            messages.SUCCESS,
        )

    action.__name__ = f"mark_{status}"
    action.short_description = label
    action.allowed_permissions = ("change",)
    return action


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_text", "target_link", "status", "created_at"]
    list_filter = ["status", "content_type", "created_at"]
    search_fields = ["name", "email", "text"]
    date_hierarchy = "created_at"
    list_per_page = 50
    actions = [
        _moderate(CommentStatus.APPROVED, _("Duyệt các ý kiến đã chọn")),
        _moderate(CommentStatus.REJECTED, _("Từ chối các ý kiến đã chọn")),
        _moderate(CommentStatus.SPAM, _("Đánh dấu là thư rác")),
    ]
    fields = ["target_link", "name", "email", "text", "status", "created_at", "moderated_at", "moderated_by"]
    readonly_fields = ["target_link", "name", "email", "text", "created_at", "moderated_at", "moderated_by"]

    def has_add_permission(self, request):
        return False  # comments come from readers only

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("content_type").prefetch_related("content_object")

    @admin.display(description=_("nội dung"))
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 80 else obj.text[:80] + "…"

    @admin.display(description=_("về bài"))
    def target_link(self, obj):
        target = obj.content_object
        if target is None:
            return "—"
        return format_html('<a href="{}">{}</a>', target.get_absolute_url(), target)

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderated_at = timezone.now()
            obj.moderated_by = request.user
        super().save_model(request, obj, form, change)


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 3
    fields = ["text", "order", "vote_total"]
    readonly_fields = ["vote_total"]

    @admin.display(description=_("số phiếu"))
    def vote_total(self, obj):
        return obj.votes.count() if obj.pk else 0


@admin.register(Poll)
class PollAdmin(admin.ModelAdmin):
    list_display = [
        "question",
        "opens_at",
        "closes_at",
        "is_active",
        "show_in_sidebar",
        "vote_count",
        "open_now",
    ]
    list_filter = ["is_active", "show_in_sidebar"]
    search_fields = ["question"]
    date_hierarchy = "opens_at"
    inlines = [ChoiceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_votes=Count("votes"))

    @admin.display(description=_("số phiếu"), ordering="num_votes")
    def vote_count(self, obj):
        return obj.num_votes

    @admin.display(description=_("đang mở"), boolean=True)
    def open_now(self, obj):
        return obj.is_open

    def view_on_site(self, obj):
        return obj.get_absolute_url()


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = [
        "reference_display",
        "subject",
        "name",
        "contact",
        "status",
        "created_at",
        "has_attachment",
    ]
    list_filter = ["status", "created_at"]
    list_editable = ["status"]
    search_fields = ["subject", "name", "contact", "message"]
    date_hierarchy = "created_at"
    fields = [
        "reference_display",
        "name",
        "contact",
        "subject",
        "message",
        "attachment",
        "created_at",
        "status",
        "staff_notes",
    ]
    readonly_fields = [
        "reference_display",
        "name",
        "contact",
        "subject",
        "message",
        "attachment",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("mã số"), ordering="pk")
    def reference_display(self, obj):
        return obj.reference

    @admin.display(description=_("đính kèm"), boolean=True)
    def has_attachment(self, obj):
        return bool(obj.attachment)


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["score", "content_type", "object_id", "created_at"]
    list_filter = ["score", "content_type"]
    date_hierarchy = "created_at"
    fields = ["content_type", "object_id", "score", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
