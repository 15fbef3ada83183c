"""The publishing service: each step of the editorial workflow is one function, and the rules live here.

Every function takes the item and the acting user (keyword-only; `user=None` is the system, for
management commands such as `import_articles`). Inside `transaction.atomic()` it reads the item's
stored status (locking the row), checks the role and the state, saves the item in a revision of
its own (or in the admin's, which also holds the item's inlines), records the step
(`frontcms.models.WorkflowStep`: who, when, why) and, once the transaction has committed, tells
people by e-mail (`EMAIL_URL`). A broken rule raises `WorkflowError` with a Vietnamese message.

- `save_draft` ("Lưu nháp", "Lưu"): keeps what was typed and the state; a new item is a draft.
- `submit` ("Gửi duyệt"): a draft or a returned item waits for review. Editors are told.
- `publish` ("Duyệt và đăng" for a pending item; "Đăng", "Đăng lại", "Đổi giờ đăng" otherwise):
  published now or at `at` (a future time schedules it). Publishers only. Whoever submitted the
  item is told.
- `return_to_author` ("Trả lại"): a pending item goes back, with a reason that stays on the item
  until it is submitted again. Publishers only. Whoever submitted it is told.
- `archive` ("Gỡ xuống"): the item leaves the public site. Publishers only.

Publishers are the users holding the model's publish permission (`Publishable.publish_permission`).
Which objects a user may touch at all (a ward contributor: their own ward's) is decided by the admin
that shows them (`committees.scoping`); the core knows roles and states and imports no app.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import reversion
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import WorkflowAction, WorkflowStep, site_url
from .publishing import PUBLICATION_STATUSES, Status, local_moment
from .revisions import own_revision

logger = logging.getLogger(__name__)

# Contributors may not change what readers see or saw: only publishers touch these.
LOCKED_STATUSES = PUBLICATION_STATUSES
# What contributors may delete: their unit's drafts, sent back or not yet sent. Once sent for review
# an item is in the editors' queue, and only they take it out; readers never saw either kind.
DELETABLE_BY_WRITERS = frozenset({Status.DRAFT, Status.RETURNED})

SAVE, SUBMIT, PUBLISH, RETURN, ARCHIVE = "save", "submit", "publish", "return", "archive"
ACTIONS = (SAVE, SUBMIT, PUBLISH, RETURN, ARCHIVE)


class WorkflowError(Exception):
    """A workflow rule refused the step; `message` says why, in Vietnamese."""

    def __init__(self, message) -> None:
        self.message = str(message)
        super().__init__(self.message)


# --- who may do what --------------------------------------------------------------------------------
def can_publish(user, model) -> bool:
    """Publishers hold the model's publish permission; the system (None) always may."""
    return user is None or (user.is_active and user.has_perm(model.get_publish_permission()))


def _may_edit(user, obj) -> bool:
    if user is None:
        return True
    opts = obj._meta
    action = "add" if obj._state.adding else "change"
    return user.is_active and user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


def check(action: str, status: str | None, *, user, model, reason: str = "") -> None:
    """Raise WorkflowError unless `user` may take `action` on an item of `model` in `status`
    (None: not saved yet). The admin asks this to validate its form; each step asks it again."""
    publisher = can_publish(user, model)
    if action not in ACTIONS:
        raise WorkflowError(_("Thao tác không hợp lệ."))
    if action in (SAVE, SUBMIT) and status in LOCKED_STATUSES and not publisher:
        raise WorkflowError(_("Mục này đã xuất bản hoặc đã lưu trữ: chỉ biên tập viên được sửa và đăng lại."))
    if action == SUBMIT and status not in (None, Status.DRAFT, Status.RETURNED):
        if status == Status.PENDING:
            raise WorkflowError(_("Mục này đã được gửi và đang chờ duyệt."))
        raise WorkflowError(_("Chỉ gửi duyệt được bản nháp hoặc mục bị trả lại."))
    if action in (PUBLISH, RETURN, ARCHIVE) and not publisher:
        raise WorkflowError(
            _("Bạn không có quyền duyệt, trả lại hay gỡ bài; hãy bấm “Gửi duyệt” để biên tập viên duyệt.")
        )
    if action == RETURN:
        if status != Status.PENDING:
            raise WorkflowError(_("Chỉ trả lại được mục đang chờ duyệt."))
        if not reason.strip():
            raise WorkflowError(_("Hãy ghi lý do trả lại, để người viết biết cần sửa gì."))
    if action == ARCHIVE:
        if status is None:
            raise WorkflowError(_("Mục chưa được lưu nên chưa thể gỡ xuống."))
        if status == Status.ARCHIVED:
            raise WorkflowError(_("Mục này đã được gỡ xuống."))


def available_actions(obj, user) -> list[str]:
    """The steps `user` may take on `obj` now, for the admin's buttons."""
    status = None if obj._state.adding else obj.status
    found = []
    for action in ACTIONS:
        try:
            check(action, status, user=user, model=type(obj), reason="-")
        except WorkflowError:
            continue
        found.append(action)
    return found


# --- the steps --------------------------------------------------------------------------------------
def save_draft(
    obj, *, user, save: Callable[[], None] | None = None, comment: str = ""
) -> WorkflowStep | None:
    """ "Lưu nháp": save what was typed without moving the item along; a new item becomes a draft.

    Whatever status the object carries in memory, the stored one is kept. A publisher who changes
    the publish time of a published item reschedules it (a recorded step); anyone else's change of
    that time is dropped."""
    with _step(obj, SAVE, user=user, save=save, comment=comment or _("Lưu nháp")) as step:
        if step.from_status is None:
            obj.status = Status.DRAFT
            step.record(WorkflowAction.CREATED)
        else:
            obj.status = step.from_status
            if obj.status == Status.PUBLISHED and obj.published_at != step.stored_published_at:
                if can_publish(user, type(obj)):
                    step.record(WorkflowAction.RESCHEDULED, publish_at=obj.published_at)
                else:
                    obj.published_at = step.stored_published_at
    return step.saved


def submit(obj, *, user, save: Callable[[], None] | None = None, comment: str = "") -> WorkflowStep:
    """ "Gửi duyệt": the item waits for an editor's review; the model's publishers are e-mailed."""
    with _step(obj, SUBMIT, user=user, save=save, comment=comment or _("Gửi duyệt")) as step:
        obj.status = Status.PENDING
        step.record(WorkflowAction.SUBMITTED)
        step.notify("submitted", _publishers(type(obj), besides=user))
    return step.saved


def publish(
    obj,
    *,
    user,
    at=None,
    save: Callable[[], None] | None = None,
    comment: str = "",
) -> WorkflowStep:
    """ "Duyệt và đăng": published now, or at `at` (in the future: scheduled, it appears by itself
    then). From a pending item this is the approval; whoever submitted it is e-mailed."""
    moment = at or timezone.now()
    refusal = obj.publication_refusal(moment)
    if refusal:
        raise WorkflowError(refusal)
    with _step(obj, PUBLISH, user=user, save=save, comment=comment) as step:
        if step.from_status == Status.PENDING:
            action = WorkflowAction.APPROVED
        elif step.from_status == Status.PUBLISHED:
            action = WorkflowAction.RESCHEDULED
        else:
            action = WorkflowAction.PUBLISHED
        step.comment = step.comment or str(action.label)
        obj.status = Status.PUBLISHED
        obj.published_at = moment
        step.record(action, publish_at=moment)
        if action != WorkflowAction.RESCHEDULED:
            step.notify("published", [submitter(obj)], besides=user)
    return step.saved


def return_to_author(
    obj, *, user, reason: str, save: Callable[[], None] | None = None, comment: str = ""
) -> WorkflowStep:
    """ "Trả lại": a pending item goes back to whoever submitted it, with the reason, which stays
    on the item until it is submitted again."""
    reason = reason.strip()
    with _step(obj, RETURN, user=user, save=save, comment=comment or _("Trả lại"), reason=reason) as step:
        recipient = submitter(obj)
        obj.status = Status.RETURNED
        step.record(WorkflowAction.RETURNED, reason=reason, recipient=recipient)
        step.notify("returned", [recipient], besides=user)
    return step.saved


def archive(obj, *, user, save: Callable[[], None] | None = None, comment: str = "") -> WorkflowStep:
    """ "Gỡ xuống" (a published item) or "Lưu trữ": the item is archived and leaves the public site;
    an editor may publish it again."""
    with _step(obj, ARCHIVE, user=user, save=save, comment=comment) as step:
        action = (
            WorkflowAction.UNPUBLISHED if step.from_status == Status.PUBLISHED else WorkflowAction.ARCHIVED
        )
        step.comment = step.comment or str(action.label)
        obj.status = Status.ARCHIVED
        step.record(action)
    return step.saved


# --- what the steps read ----------------------------------------------------------------------------
def steps_of(obj) -> models.QuerySet:
    return WorkflowStep.objects.for_object(obj).select_related("actor")


def submitter(obj):
    """Who the item goes back to: whoever last submitted it, else whoever created it (None: the system)."""
    steps = steps_of(obj).filter(actor__isnull=False)
    step = steps.filter(action=WorkflowAction.SUBMITTED).first() or steps.filter(from_status="").last()
    return step.actor if step is not None else None


def return_reason(obj) -> WorkflowStep | None:
    """The step that returned the item, while it stays returned."""
    if obj.status != Status.RETURNED or obj.pk is None:
        return None
    return steps_of(obj).filter(action=WorkflowAction.RETURNED).first()


# --- how a step runs --------------------------------------------------------------------------------
class _Step:
    def __init__(self, obj, action: str, user, comment: str) -> None:
        self.obj, self.action, self.user, self.comment = obj, action, user, str(comment)
        self.from_status: str | None = None
        self.stored_published_at = None
        self.saved: WorkflowStep | None = None
        self._records: list[dict] = []
        self._mails: list[tuple[str, list]] = []

    def record(self, action: WorkflowAction, **values) -> None:
        self._records.append({"action": action, **values})

    def notify(self, kind: str, recipients, besides=None) -> None:
        people = [u for u in recipients if u is not None and (besides is None or u.pk != besides.pk)]
        if people:
            self._mails.append((kind, people))


@contextmanager
def _step(obj, action: str, *, user, save, comment: str, reason: str = "") -> Iterator[_Step]:
    step = _Step(obj, action, user, comment)
    model = type(obj)
    with transaction.atomic(using=obj._state.db or None):
        if not obj._state.adding:
            stored = (
                model._default_manager.select_for_update()
                .filter(pk=obj.pk)
                .values_list("status", "published_at")
            )
            step.from_status, step.stored_published_at = stored.first() or (None, None)
        if user is not None and not _may_edit(user, obj):
            raise WorkflowError(_("Bạn không có quyền sửa mục này."))
        check(action, step.from_status, user=user, model=model, reason=reason)
        yield step
        with _revision(user, step.comment):
            (save or obj.save)()
        for values in step._records:
            step.saved = _record(obj, user=user, from_status=step.from_status or "", **values)
        for kind, people in step._mails:
            _send_after_commit(kind, obj, step.saved, people)


@contextmanager
def _revision(user, comment: str) -> Iterator[None]:
    if reversion.is_active():
        # The admin's change form: its revision holds the item and its inlines, and the admin's
        # history message names the step (frontcms.workflow).
        yield
        return
    with own_revision(user, comment):
        yield


def _record(obj, action, *, user, from_status: str, **values) -> WorkflowStep:
    return WorkflowStep.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        action=action,
        from_status=from_status or "",
        to_status=obj.status,
        actor=user,
        actor_name=actor_name(user),
        **values,
    )


def actor_name(user) -> str:
    if user is None:
        return _("Hệ thống")
    return (user.get_full_name() or user.get_username())[:150]


# --- e-mail -----------------------------------------------------------------------------------------
# Apps that limit who may open an item (committees: a ward contributor, their ward's items) say so
# here: a mail names the item and the return reason, so it goes only to people who may open it.
_audience_checks: list[Callable[[object, models.Model], bool]] = []


def register_audience_check(check: Callable[[object, models.Model], bool]) -> None:
    """`check(user, obj)` is False when `user` may not open `obj` (and so is not mailed about it)."""
    if check not in _audience_checks:
        _audience_checks.append(check)


def may_be_told(user, obj) -> bool:
    return all(check(user, obj) for check in _audience_checks)


def _publishers(model, besides=None) -> list:
    """Active staff with an e-mail address who may publish `model`: they review what is submitted."""
    app_label, codename = model.get_publish_permission().split(".", 1)
    holds = Q(codename=codename, content_type__app_label=app_label)
    from django.contrib.auth.models import Permission

    permission = Permission.objects.filter(holds).first()
    users = get_user_model()._default_manager.filter(is_active=True, is_staff=True).exclude(email="")
    if besides is not None:
        users = users.exclude(pk=besides.pk)
    rights = Q(is_superuser=True)
    if permission is not None:
        rights |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    return list(users.filter(rights).distinct().order_by("pk"))


def admin_link(obj) -> str:
    opts = obj._meta
    try:
        path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""
    return site_url() + path


SUBJECTS = {
    "submitted": lambda obj: _("Chờ duyệt: %(title)s") % {"title": obj},
    "published": lambda obj: (
        (_("Đã duyệt, hẹn giờ đăng: %(title)s") if obj.is_scheduled else _("Đã duyệt và đăng: %(title)s"))
        % {"title": obj}
    ),
    "returned": lambda obj: _("Trả lại để sửa: %(title)s") % {"title": obj},
}


def _send_after_commit(kind: str, obj, step: WorkflowStep, people: list) -> None:
    """E-mail once the step is stored for good: a rolled-back step tells nobody."""
    subject = str(SUBJECTS[kind](obj))[:200]
    body = render_to_string(
        f"frontcms/workflow/email_{kind}.txt",
        {
            "object": obj,
            "kind": obj._meta.verbose_name,
            "step": step,
            "when": local_moment(obj.published_at) if obj.status == Status.PUBLISHED else "",
            "link": admin_link(obj),
            "dashboard": site_url() + reverse("admin:index"),
        },
    )
    messages = [
        EmailMessage(subject=subject, body=body, to=[person.email])
        for person in people
        if person.email and may_be_told(person, obj)
    ]

    def send() -> None:
        try:
            get_connection().send_messages(messages)
        except Exception:  # noqa: BLE001 - the mail server's trouble must not undo a stored step
            logger.exception("Workflow e-mail %r about %s could not be sent", kind, obj)

    if messages:
        transaction.on_commit(send)
