"""Admin side of the editorial workflow, shared by articles, events and reports.

- Who may publish: users with the model's publish permission (editors, admins). Others
  (contributors) may save drafts and submit for review; a forged status is refused on the server.
- Contributors cannot change what is already published or archived (that would publish without
  review); they see it read-only.
- Two editors saving the same object: the second save is refused with a clear message
  (optimistic locking on `updated_at`), nothing is silently overwritten.
- Bulk actions: publish, archive, submit for review, each checked against the permission. Each
  object is saved on its own (`change_status`), in a revision of its own: reverting one later
  never touches the others.
- A revert to an old version (frontcms.revisions) never lets a contributor publish: an old
  published or archived version comes back with the status the object had.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .publishing import Status
from .revisions import own_revision

LOCKED_STATUSES = {Status.PUBLISHED, Status.ARCHIVED}


class ConcurrentEditForm(forms.ModelForm):
    """ModelForm that refuses to save over a newer version of the object."""

    loaded_version = forms.CharField(label=_("Phiên bản đã mở"), widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["loaded_version"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = (
                type(self.instance)
                ._default_manager.filter(pk=self.instance.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
            loaded = self.data.get(self.add_prefix("loaded_version")) or ""
            if current is not None and loaded != current.isoformat():
                raise ValidationError(
                    _(
                        "Nội dung này vừa được người khác lưu lúc %(time)s. Hãy mở lại trang để xem bản mới "
                        "nhất rồi sửa tiếp; thay đổi của bạn chưa được lưu."
                    ),
                    code="conflict",
                    params={"time": timezone.localtime(current).strftime("%H:%M:%S %d/%m/%Y")},
                )
        return cleaned


def change_status(obj, status: str, *, user, comment: str) -> None:
    """Give `obj` a new workflow status through save() (slugs, search, caches follow), in a
    revision of its own by `user`."""
    with own_revision(user, comment):
        obj.status = status
        obj.save()


class ConcurrentEditAdminMixin:
    """ModelAdmin mixin for a ConcurrentEditForm: the hidden version field goes with every edit form.

    A read-only view (no change permission) has nothing to save: the field is left out there, or
    the admin would print it as a read-only "Loaded version" with a raw ISO timestamp.
    """

    form = ConcurrentEditForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(name, dict(opts)) for name, opts in super().get_fieldsets(request, obj)]
        for _name, opts in fieldsets:
            opts["fields"] = tuple(f for f in opts.get("fields", ()) if f != "loaded_version")
        if obj is not None and fieldsets and self.has_change_permission(request, obj):
            first = fieldsets[0][1]
            first["fields"] = (*first["fields"], "loaded_version")
        return fieldsets


class WorkflowAdminMixin(ConcurrentEditAdminMixin):
    """ModelAdmin mixin for Publishable models. Set `publish_permission` ("app.codename")."""

    publish_permission = ""
    actions = ["submit_for_review", "publish_selected", "archive_selected"]

    def can_publish(self, request) -> bool:
        return request.user.is_superuser or request.user.has_perm(self.publish_permission)

    def has_publish_permission(self, request) -> bool:
        return self.can_publish(request)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.status in LOCKED_STATUSES and not self.can_publish(request):
            return False
        return allowed

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if allowed and obj is not None and obj.status in LOCKED_STATUSES and not self.can_publish(request):
            return False
        return allowed

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "status" in form.base_fields and not self.can_publish(request):
            field = form.base_fields["status"]
            field.choices = [(v, label) for v, label in field.choices if v in (Status.DRAFT, Status.PENDING)]
        return form

    def save_model(self, request, obj, form, change):
        if obj.status in LOCKED_STATUSES and not self.can_publish(request):
            # A forged POST: the form's choices did not offer this status.
            obj.status = Status.PENDING
            messages.warning(request, _("Bạn không có quyền xuất bản; bài đã được gửi chờ duyệt."))
        super().save_model(request, obj, form, change)

    def prepare_reverted_object(self, request, obj, before):
        super().prepare_reverted_object(request, obj, before)
        if obj.status not in LOCKED_STATUSES or self.can_publish(request):
            return
        # The old version was published or archived; only a publisher may bring that back.
        kept = before.status if before is not None and before.status not in LOCKED_STATUSES else Status.DRAFT
        type(obj)._default_manager.filter(pk=obj.pk).update(status=kept)
        if request.method == "POST":
            messages.warning(
                request,
                _(
                    "Phiên bản cũ ở trạng thái “%(old)s”; bạn không có quyền xuất bản nên mục giữ trạng thái “%(kept)s”."
                )
                % {"old": obj.get_status_display(), "kept": Status(kept).label},
            )
        obj.status = kept

    def _change_each(self, request, queryset, status: str, comment) -> int:
        """All or nothing, but one revision per object."""
        count = 0
        with transaction.atomic(using=queryset.db):
            for obj in queryset:
                change_status(obj, status, user=request.user, comment=str(comment))
                count += 1
        return count

    @admin.action(description=_("Gửi duyệt các mục đã chọn"))
    def submit_for_review(self, request, queryset):
        count = self._change_each(
            request, queryset.filter(status=Status.DRAFT), Status.PENDING, _("Gửi duyệt hàng loạt")
        )
        self.message_user(request, _("Đã gửi duyệt %(n)d mục.") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Xuất bản các mục đã chọn"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = self._change_each(
            request, queryset.exclude(status=Status.PUBLISHED), Status.PUBLISHED, _("Xuất bản hàng loạt")
        )
        self.message_user(request, _("Đã xuất bản %(n)d mục.") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Lưu trữ các mục đã chọn"), permissions=["publish"])
    def archive_selected(self, request, queryset):
        count = self._change_each(
            request, queryset.exclude(status=Status.ARCHIVED), Status.ARCHIVED, _("Lưu trữ hàng loạt")
        )
        self.message_user(request, _("Đã lưu trữ %(n)d mục.") % {"n": count}, messages.SUCCESS)
