"""Admin side of the editorial workflow, shared by articles, events, reports and documents.

- Named steps, not a status drop-down: the change form's button row offers what the user may do
  now (`frontcms.publishing_service.available_actions`): contributors "Lưu nháp" and "Gửi duyệt";
  editors also "Duyệt và đăng" (now, or at the time typed beside it), "Trả lại" (a reason is
  required) and "Gỡ xuống". Status and publish time are not form fields: a forged status in a
  POST changes nothing, and a forged step is refused by the service's rules (a form error).
- The form and the list show the state as staff say it, "Hẹn giờ đăng (05/12/2026 08:00)" for a
  scheduled item (`workflow_state`), and the list filters by it (`WorkflowStateFilter`). A returned
  item shows its reason at the top of the form until it is submitted again; every item shows its
  steps (who, when, why) at the bottom.
- Contributors cannot change what is already published or archived (that would publish without
  review); they see it read-only.
- Two editors saving the same object: the second save is refused with a clear message
  (optimistic locking on `updated_at`), nothing is silently overwritten.
- Bulk actions (submit, publish, archive) call the same service, one object at a time, each in a
  revision of its own: reverting one later never touches the others.
- A revert to an old version (frontcms.revisions) never lets a contributor publish: an old
  published or archived version comes back with the status the object had.

The admins mix `WorkflowAdminMixin` in; apart from the publish permission on the model
(`Publishable.publish_permission`) they need nothing else: "status" and "published_at" in their
fieldsets, list columns and filters are replaced here.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import publishing_service as service
from .publishing import Status, local_moment, state_filter
from .publishing_service import (
    DELETABLE_BY_WRITERS,
    LOCKED_STATUSES,
    PUBLISH,
    RETURN,
    SAVE,
    SUBMIT,
    WorkflowError,
)
from .richtext import html_to_text, show_rich_text_as_html

__all__ = ["LOCKED_STATUSES", "ConcurrentEditAdminMixin", "ConcurrentEditForm", "WorkflowAdminMixin"]

STEP_FIELD = "_workflow"  # the name of the step buttons
# A publish time outside these years is a typing slip (and year 1 cannot even be stored in UTC).
PUBLISH_YEARS = (1930, 2099)


class ConcurrentEditForm(forms.ModelForm):
    """ModelForm that refuses to save over a newer version of the object."""

    loaded_version = forms.CharField(label=_("Phiên bản đã mở"), widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["loaded_version"].initial = self.instance.updated_at.isoformat()

    @cached_property
    def changed_data(self):
        # The hidden version field is sent back as it was; it is never a change the history should name.
        return [name for name in super().changed_data if name != "loaded_version"]

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


class ConcurrentEditAdminMixin:
    """ModelAdmin mixin for a ConcurrentEditForm: the hidden version field goes with every edit form.

    A read-only view (no change permission) has nothing to save: the field is left out there, or
    the admin would print it as a read-only "Loaded version" with a raw ISO timestamp.
    """

    form = ConcurrentEditForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            # Read-only: rich text reads as on the page, not as HTML source.
            show_rich_text_as_html(context["adminform"].form.instance)
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(name, dict(opts)) for name, opts in super().get_fieldsets(request, obj)]
        for _name, opts in fieldsets:
            opts["fields"] = tuple(f for f in opts.get("fields", ()) if f != "loaded_version")
        if obj is not None and fieldsets and self.has_change_permission(request, obj):
            first = fieldsets[0][1]
            first["fields"] = (*first["fields"], "loaded_version")
        return fieldsets


# --- the step chosen with the form ------------------------------------------------------------------
def _has_content(html: str) -> bool:
    """Whether rich text says anything: words, or at least a picture or a table."""
    return bool(html_to_text(html)) or any(tag in html for tag in ("<img", "<table"))


def _check_years(value, message) -> None:
    """Refuse a date or time (as typed, in local time: no conversion) outside PUBLISH_YEARS: year 1
    or 9999 is a typing slip, and one too close to the ends of the calendar cannot even be turned
    into UTC or shown with the weeks around it."""
    first, last = PUBLISH_YEARS
    if value is not None and not first <= value.year <= last:
        raise ValidationError(message, code="out_of_range", params={"first": first, "last": last})


def _within_years(value) -> None:
    """The validator of content's own dates (an event's start, a document's issue date)."""
    _check_years(value, _("Hãy nhập một ngày từ năm %(first)d đến năm %(last)d."))


class WorkflowFormMixin:
    """Mixed into the admin's form by `WorkflowAdminMixin.get_form`: reads the pressed step button,
    the publish time and the return reason, and asks the service whether the step is allowed."""

    workflow_user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.status == Status.PUBLISHED:
            # Shown, and compared with what is sent back (a change the history names, and a time
            # the save button would ignore): to the minute, as the time input shows it.
            shown = timezone.localtime(self.instance.published_at).replace(second=0, microsecond=0)
            self.initial.setdefault("publish_at", shown)
        for name, field in self.fields.items():
            if name != "publish_at" and isinstance(
                field, (forms.DateField, forms.DateTimeField, forms.SplitDateTimeField)
            ):
                field.validators.append(_within_years)

    def clean(self):
        cleaned = super().clean()
        action = self.data.get(STEP_FIELD) or SAVE
        reason = (cleaned.get("return_reason") or "").strip()
        status = None if self.instance._state.adding else self.instance.status
        try:
            service.check(action, status, user=self.workflow_user, model=type(self.instance), reason=reason)
        except WorkflowError as error:
            if action == RETURN and not reason and self.workflow_user_may(RETURN, status):
                self.add_error("return_reason", error.message)
            else:
                raise ValidationError(error.message, code="workflow") from None
        body = cleaned.get("body")
        if (
            action in (SUBMIT, PUBLISH)
            and "body" in self.fields
            and body is not None
            and not _has_content(body)
        ):
            self.add_error(
                "body",
                _("Nội dung còn trống: hãy viết nội dung trước khi gửi duyệt hoặc đăng (lưu nháp thì được)."),
            )
        if action == PUBLISH:
            refusal = self.instance.publication_refusal(cleaned.get("publish_at") or timezone.now(), cleaned)
            if refusal:
                self.add_error(None, refusal)
        if action == SAVE and "publish_at" in self.changed_data and cleaned.get("publish_at") is not None:
            self.add_error(
                "publish_at",
                _(
                    "Giờ đăng chỉ được áp dụng khi bấm nút đăng (“Đăng”, “Duyệt và đăng”, “Đổi giờ đăng” "
                    "hoặc “Đăng lại”); nút lưu không đổi giờ đăng. Hãy bấm nút đăng, hoặc trả lại giờ cũ."
                ),
            )
        self.workflow_action = action
        return cleaned

    def clean_publish_at(self):
        value = self.cleaned_data.get("publish_at")
        _check_years(value, _("Thời điểm đăng phải trong khoảng từ năm %(first)d đến năm %(last)d."))
        return value

    def workflow_user_may(self, action: str, status) -> bool:
        try:
            service.check(action, status, user=self.workflow_user, model=type(self.instance), reason="-")
        except WorkflowError:
            return False
        return True


def workflow_form(form_class, user):
    """`form_class` with the publish-time and return-reason inputs of the step buttons.

    The fields are those `form_class` has now, changes by other admin mixins (a field made
    required, choices narrowed) included: the subclass would otherwise rebuild them from the model."""
    extra = {
        "publish_at": forms.SplitDateTimeField(
            label=_("Đăng lúc"),
            required=False,
            widget=AdminSplitDateTime,
            help_text=_("Để trống để đăng ngay; chọn một thời điểm sau này để hẹn giờ đăng."),
        ),
        "return_reason": forms.CharField(
            label=_("Lý do trả lại"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Người viết sẽ thấy lý do này trên bài và trong thư báo."),
        ),
    }
    form = type(form_class.__name__, (WorkflowFormMixin, form_class), {"workflow_user": user})
    form.base_fields = {**form_class.base_fields, **extra}
    form.declared_fields = {**form_class.declared_fields, **extra}
    return form


# --- list -------------------------------------------------------------------------------------------
class WorkflowStateFilter(admin.SimpleListFilter):
    """Filter by the state as staff say it, scheduled and live told apart."""

    title = _("trạng thái xuất bản")
    parameter_name = "trang_thai"

    def lookups(self, request, model_admin):
        return [
            (Status.DRAFT, Status.DRAFT.label),
            (Status.PENDING, Status.PENDING.label),
            (Status.RETURNED, Status.RETURNED.label),
            ("scheduled", _("Hẹn giờ đăng")),
            ("live", _("Đang hiện với bạn đọc")),
            (Status.ARCHIVED, Status.ARCHIVED.label),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value in {key for key, _label in self.lookup_choices}:
            return queryset.filter(state_filter(value))
        return queryset


def _replace(items, old: str, new):
    return [new if item == old else item for item in items]


class WorkflowAdminMixin(ConcurrentEditAdminMixin):
    """ModelAdmin mixin for Publishable models; the publish permission comes from the model."""

    actions = ["submit_for_review", "publish_selected", "archive_selected"]

    @property
    def publish_permission(self) -> str:
        return self.model.get_publish_permission()

    def can_publish(self, request) -> bool:
        return service.can_publish(request.user, self.model)

    def has_publish_permission(self, request) -> bool:
        return self.can_publish(request)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.status in LOCKED_STATUSES and not self.can_publish(request):
            return False
        return allowed

    def has_delete_permission(self, request, obj=None):
        """Publishers delete what their scope holds; writers only drafts (DELETABLE_BY_WRITERS).
        Django asks again for each object a bulk deletion would take, related ones included."""
        allowed = super().has_delete_permission(request, obj)
        if allowed and obj is not None and not self.can_publish(request):
            return obj.status in DELETABLE_BY_WRITERS
        return allowed

    # --- what the form and the list show ----------------------------------------------------------
    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        for name, opts in super().get_fieldsets(request, obj):
            fields = [f for f in opts.get("fields", ()) if f != "published_at"]
            fieldsets.append((name, {**opts, "fields": tuple(_replace(fields, "status", "workflow_state"))}))
        if obj is not None and obj.status == Status.RETURNED:
            notice = {"fields": ("workflow_notice",), "classes": ("workflow-returned",)}
            fieldsets.insert(0, (_("Biên tập viên đã trả lại bài này"), notice))
        if obj is not None:
            fieldsets.append(
                (_("Các bước duyệt"), {"fields": ("workflow_history",), "classes": ("workflow-steps",)})
            )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return (
            *super().get_readonly_fields(request, obj),
            "workflow_state",
            "workflow_notice",
            "workflow_history",
        )

    def get_list_display(self, request):
        shown = _replace(super().get_list_display(request), "status", "workflow_state")
        return _replace(shown, "published_at", "publication_time")

    def get_list_filter(self, request):
        return _replace(super().get_list_filter(request), "status", WorkflowStateFilter)

    @admin.display(description=_("trạng thái xuất bản"), ordering="status")
    def workflow_state(self, obj):
        if obj is None or obj.pk is None:
            return Status.DRAFT.label
        return format_html(
            '<span class="workflow-state workflow-state--{}">{}</span>', obj.state, obj.get_status_display()
        )

    @admin.display(description=_("thời gian xuất bản"), ordering="published_at")
    def publication_time(self, obj):
        """When it went (or goes) live; a draft or an item waiting for review has no such time yet
        (its field holds when it was created)."""
        if not obj.has_publication_time:
            return "—"
        return formats.localize(timezone.localtime(obj.published_at))

    @admin.display(description=_("lý do"))
    def workflow_notice(self, obj):
        step = service.return_reason(obj) if obj is not None else None
        if step is None:
            return ""
        return render_to_string("frontcms/admin/workflow/returned.html", {"step": step})

    @admin.display(description=_("các bước"))
    def workflow_history(self, obj):
        steps = list(service.steps_of(obj)[:50]) if obj is not None and obj.pk else []
        return render_to_string("frontcms/admin/workflow/history.html", {"steps": steps})

    # --- the form -----------------------------------------------------------------------------
    def get_form(self, request, obj=None, change=False, **kwargs):
        return workflow_form(super().get_form(request, obj, change=change, **kwargs), request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        editable = self.has_add_permission(request) if add else self.has_change_permission(request, obj)
        if obj is not None and not editable and obj.status in LOCKED_STATUSES and request.method == "GET":
            messages.info(
                request,
                _(
                    "Bạn chỉ xem được mục này: mục đã đăng hoặc đã lưu trữ thì chỉ biên tập viên sửa được. "
                    "Cần sửa gì, hãy báo biên tập viên."
                ),
            )
        # Not on the revert and recover pages: their one button restores the version.
        if editable and not (context.get("revert") or context.get("recover")):
            context["workflow"] = self.step_buttons(request, obj, context["adminform"].form)
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def step_buttons(self, request, obj, form) -> dict:
        """What the button row offers `request.user` for `obj` (None: a new item)."""
        item = obj if obj is not None else self.model()
        actions = service.available_actions(item, request.user)
        status = None if obj is None else obj.status
        publish_label = {
            Status.PENDING: _("Duyệt và đăng"),
            Status.PUBLISHED: _("Đổi giờ đăng"),
            Status.ARCHIVED: _("Đăng lại"),
        }.get(status, _("Đăng"))
        return {
            "form": form,
            "save_label": _("Lưu nháp") if status in (None, Status.DRAFT, Status.RETURNED) else _("Lưu"),
            "can_save": SAVE in actions,
            "can_submit": SUBMIT in actions,
            "submit_label": _("Gửi duyệt lại") if status == Status.RETURNED else _("Gửi duyệt"),
            "can_publish": PUBLISH in actions,
            "publish_label": publish_label,
            "can_return": RETURN in actions,
            "can_unpublish": status == Status.PUBLISHED and service.ARCHIVE in actions,
            "contributor": not self.can_publish(request),
        }

    def save_model(self, request, obj, form, change):
        action = getattr(form, "workflow_action", SAVE)
        data = form.cleaned_data

        def persist():
            super(WorkflowAdminMixin, self).save_model(request, obj, form, change)

        steps = {
            SAVE: lambda: service.save_draft(obj, user=request.user, save=persist),
            SUBMIT: lambda: service.submit(obj, user=request.user, save=persist),
            PUBLISH: lambda: service.publish(obj, user=request.user, at=data.get("publish_at"), save=persist),
            RETURN: lambda: service.return_to_author(
                obj, user=request.user, reason=data.get("return_reason", ""), save=persist
            ),
            service.ARCHIVE: lambda: service.archive(obj, user=request.user, save=persist),
        }
        try:
            request._workflow_step = (action, steps[action]())
        except WorkflowError as error:
            # The form checked the same rule; only a step taken meanwhile by someone else gets here.
            raise PermissionDenied(error.message) from None

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        action = getattr(form, "workflow_action", SAVE)
        if action == SAVE:
            return message
        # The history page (and the revision's comment) names the step first.
        changes = LogEntry(change_message=json.dumps(message)).get_change_message()
        _action, step = getattr(request, "_workflow_step", (action, None))
        label = step.get_action_display() if step is not None else action
        return f"{label}. {changes}" if changes else f"{label}."

    def response_add(self, request, obj, post_url_continue=None):
        return self._step_response(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._step_response(request, obj) or super().response_change(request, obj)

    def _step_response(self, request, obj):
        """After a step button: say what happened; "Lưu nháp" stays on the item, the rest go back to the list."""
        if STEP_FIELD not in request.POST or not hasattr(request, "_workflow_step"):
            return None
        action, _step = request._workflow_step
        name = str(obj)
        if action == SAVE:
            text = gettext("Đã lưu “%(name)s”.") % {"name": name}
            if obj.status in (Status.DRAFT, Status.RETURNED) and not self.can_publish(request):
                text += " " + gettext("Khi viết xong, bấm “Gửi duyệt” để biên tập viên duyệt.")
            elif obj.status in (Status.DRAFT, Status.RETURNED):
                text += " " + gettext("Khi xong, bấm “Đăng” để bạn đọc thấy mục này.")
        elif action == SUBMIT:
            text = gettext("Đã gửi duyệt “%(name)s”; biên tập viên được báo qua thư điện tử.") % {
                "name": name
            }
        elif action == PUBLISH and obj.is_scheduled:
            text = gettext("“%(name)s” sẽ tự đăng lúc %(when)s.") % {
                "name": name,
                "when": local_moment(obj.published_at),
            }
        elif action == PUBLISH:
            text = gettext("Đã đăng “%(name)s”; bạn đọc đã thấy mục này.") % {"name": name}
        elif action == RETURN:
            text = gettext("Đã trả lại “%(name)s” cho người viết, kèm lý do.") % {"name": name}
        else:
            text = gettext("Đã gỡ “%(name)s” xuống; bạn đọc không còn thấy mục này.") % {"name": name}
        self.message_user(request, text, messages.SUCCESS)
        if action == SAVE and self.has_change_permission(request, obj):
            opts = obj._meta
            from django.contrib.admin.utils import quote
            from django.urls import reverse

            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
            return HttpResponseRedirect(url)
        return self._response_post_save(request, obj)

    # --- revisions ----------------------------------------------------------------------------
    def prepare_reverted_object(self, request, obj, before):
        super().prepare_reverted_object(request, obj, before)
        if before is not None:
            # Going back to a version brings back what the item says, not where it stood in the
            # workflow: publishing, taking down and sending for review stay steps of their own,
            # with their buttons, messages and mail. A live article stays live (with the old text),
            # one waiting for review stays in the queue.
            kept = {"status": before.status, "published_at": before.published_at}
            type(obj)._default_manager.filter(pk=obj.pk).update(**kept)
            obj.status, obj.published_at = before.status, before.published_at
            return
        if obj.status in LOCKED_STATUSES and not self.can_publish(request):
            # A recovered item was published or archived; only a publisher may bring that back.
            kept = Status.DRAFT
            type(obj)._default_manager.filter(pk=obj.pk).update(status=kept)
            if request.method == "POST":
                messages.warning(
                    request,
                    _(
                        "Mục đã xóa ở trạng thái “%(old)s”; bạn không có quyền xuất bản nên mục được khôi phục "
                        "ở trạng thái “%(kept)s”."
                    )
                    % {"old": obj.get_status_display(), "kept": Status(kept).label},
                )
            obj.status = kept

    # --- bulk actions -------------------------------------------------------------------------
    def _each(self, request, queryset, step, comment, **kwargs) -> tuple[int, int]:
        """All or nothing, through the service, one revision per object: (done, refused)."""
        done = refused = 0
        with transaction.atomic(using=queryset.db):
            for obj in queryset:
                try:
                    step(obj, user=request.user, comment=str(comment), **kwargs)
                except WorkflowError:
                    refused += 1
                else:
                    done += 1
        return done, refused

    def _report(self, request, done: int, refused: int, text) -> None:
        self.message_user(request, text % {"n": done}, messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                gettext("%(n)d mục không đổi được vì trạng thái hoặc quyền của bạn không cho phép.")
                % {"n": refused},
                messages.WARNING,
            )

    def _bulk(self, request, queryset, selected, step, comment, text) -> None:
        """`step` for the `selected` part of what was ticked; the rest is counted as not changed."""
        done, refused = self._each(request, selected, step, comment)
        self._report(request, done, refused + queryset.count() - selected.count(), text)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions and not self.can_publish(request):
            delete_selected, name, description = actions["delete_selected"]
            actions["delete_selected"] = (self._drafts_only(delete_selected), name, description)
        return actions

    @staticmethod
    def _drafts_only(delete_selected):
        """Django's bulk deletion for writers: the drafts of what was ticked (its confirmation page
        lists them), with the rest counted as skipped, as the other bulk steps do."""

        def delete_drafts(modeladmin, request, queryset):
            drafts = queryset.filter(status__in=DELETABLE_BY_WRITERS)
            skipped = queryset.count() - drafts.count()
            if skipped:
                modeladmin.message_user(
                    request,
                    gettext(
                        "%(n)d mục không xóa được: chỉ biên tập viên xóa mục đã gửi duyệt hoặc đã xuất bản."
                    )
                    % {"n": skipped},
                    messages.WARNING,
                )
            return delete_selected(modeladmin, request, drafts) if drafts.exists() else None

        return delete_drafts

    @admin.action(description=_("Gửi duyệt các mục đã chọn"))
    def submit_for_review(self, request, queryset):
        selected = queryset.filter(status__in=[Status.DRAFT, Status.RETURNED])
        self._bulk(
            request,
            queryset,
            selected,
            service.submit,
            _("Gửi duyệt hàng loạt"),
            gettext("Đã gửi duyệt %(n)d mục."),
        )

    @admin.action(description=_("Xuất bản các mục đã chọn"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        selected = queryset.exclude(status=Status.PUBLISHED)
        self._bulk(
            request,
            queryset,
            selected,
            service.publish,
            _("Xuất bản hàng loạt"),
            gettext("Đã xuất bản %(n)d mục."),
        )

    @admin.action(description=_("Lưu trữ các mục đã chọn"), permissions=["publish"])
    def archive_selected(self, request, queryset):
        selected = queryset.exclude(status=Status.ARCHIVED)
        self._bulk(
            request,
            queryset,
            selected,
            service.archive,
            _("Lưu trữ hàng loạt"),
            gettext("Đã lưu trữ %(n)d mục."),
        )
