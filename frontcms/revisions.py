"""Revision history in the admin that never crosses a scope or a model: the base of every admin
with history (`RevisionAdmin`), and `own_revision` for saves that need a revision of their own.

django-reversion's VersionAdmin finds a version by id (and object id) but not by model, reverts
the version's whole revision (every object saved with it) and recovers any version by id alone.
RevisionAdmin keeps its history, revert and recover screens and closes those holes:

- Revert: only a version of this admin's model and of this object, which the user may change
  (the admin's own, scoped `get_object` and `has_change_permission`). Only that object's data is
  written back: its version and those of the children it follows (its inlines) whose parent link
  points at it. Other objects that an old revision happens to hold (old bulk revisions held many)
  are left alone. A model whose followed relations cannot be attributed this way is refused.
  Children it has now but did not have then are deleted, as reversion does.
- Recover: only the latest version of a deleted object of this model, and only for users with
  `has_recover_permission`; the recover list shows `deleted_versions(request)`.
- After the revert, before the form runs, `prepare_reverted_object` may adjust the object (the
  workflow keeps contributors from publishing through it), and the object must still be one the
  user may change, in their scope: otherwise nothing is written and the user gets a message.
- A revert or recover that is saved refreshes the search index and the caches: reversion writes
  with raw=True, which the signal receivers skip.
- Each object saved from the change list (list_editable) gets a revision of its own, and bulk
  actions save each object in `own_revision`: a later revert of one never touches the others.
- Tags (django-taggit fields, which reversion's serialiser leaves out) are kept with each version
  by name (`VersionTags`), wherever the revision is made: the admin, `own_revision`, commands.
  A revert or recover sets the object's tags to those names, making again any tag deleted since;
  a version saved before tags were kept leaves the current tags as they are.

The ward scoping mixin (committees.scoping) overrides the hooks; this module imports no app.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

import reversion
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, connections, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import localize
from django.utils.text import capfirst
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version
from reversion.revisions import _get_options  # the registered `follow`; reversion has no public accessor
from reversion.signals import post_revision_commit
from reversion.utils import mute_signals
from taggit.managers import TaggableManager

from .text import collation_key


@contextmanager
def own_revision(user, comment: str) -> Iterator[None]:
    """A revision holding only what is saved inside the block, by `user`, with `comment`.

    reversion merges a nested block into the outer one, which is how bulk actions used to put
    every selected object in one revision; so an outer block here is a programming error.
    """
    if reversion.is_active():
        raise RuntimeError("own_revision() inside another revision block would merge into it")
    with reversion.create_revision():
        reversion.set_user(user if user is not None and user.is_authenticated else None)
        reversion.set_comment(str(comment))
        yield


# --- tags kept with each version -------------------------------------------------------------------
def tag_fields(model) -> list[TaggableManager]:
    """The django-taggit fields of `model`."""
    return [field for field in model._meta.many_to_many if isinstance(field, TaggableManager)]


def _tag_names(version: Version, field: TaggableManager) -> list[str]:
    """The names of the tags the version's object has now in `field`."""
    model = version._model
    obj = model(pk=model._meta.pk.to_python(version.object_id))  # for its lookup only: no query
    items = field.through._default_manager.using(version.db).filter(**field.through.lookup_kwargs(obj))
    return sorted(items.values_list("tag__name", flat=True), key=collation_key)  # as the form lists them


@receiver(post_revision_commit, dispatch_uid="frontcms-revisions-keep-tags")
def keep_tags(sender, revision, versions, **kwargs) -> None:
    """Record the tags of every tagged object of a revision just saved: at the end of the block,
    so what the admin form saved after the object itself (its tags) is in."""
    from .models import VersionTags

    records = [
        VersionTags(version=version, names={field.name: _tag_names(version, field) for field in fields})
        for version in versions
        if (fields := tag_fields(version._model))
    ]
    VersionTags.objects.bulk_create(records)


def kept_tags(version: Version) -> dict[str, list[str]] | None:
    """The tag names kept with `version` by field, or None for a version saved before tags were kept."""
    from .models import VersionTags

    return VersionTags.objects.filter(version=version).values_list("names", flat=True).first()


def _restore_tags(versions: list[Version]) -> None:
    """Set each reverted object's tags to those of its version (a version without them: left alone)."""
    for version in versions:
        fields = {field.name: field for field in tag_fields(version._model)}
        names = kept_tags(version) if fields else None
        if not names:
            continue
        obj = version._model._default_manager.using(version.db).get(pk=version.object_id)
        for name, tags in names.items():
            if name in fields:  # a field removed since has nothing to restore
                getattr(obj, name).set(tags)  # taggit makes a tag deleted since again, by name


class _KeepNothing(Exception):
    """Leaves the revert transaction (rolling it back) with the page already rendered."""

    def __init__(self, response):
        self.response = response


def child_relations(model) -> list[models.ForeignObjectRel]:
    """The reverse relations (inline children) that reversion follows from `model`.

    A followed name that is not a reverse foreign key (a forward key, a generic or many-to-many
    relation) cannot be attributed to one object, so reverting such a model is refused.
    """
    if not reversion.is_registered(model):
        return []
    by_accessor = {rel.get_accessor_name(): rel for rel in model._meta.related_objects}
    relations = []
    for name in _get_options(model).follow:
        rel = by_accessor.get(name)
        if rel is None or rel.many_to_many:
            raise RevertError(
                _("Không thể khôi phục: phiên bản này gồm dữ liệu không xác định được thuộc về mục nào.")
            )
        relations.append(rel)
    return relations


def _current_children(obj) -> Iterator[models.Model]:
    for rel in child_relations(type(obj)):
        for child in rel.related_model._default_manager.filter(**{rel.field.name: obj.pk}):
            yield child
            yield from _current_children(child)


def own_versions(version: Version, model) -> list[Version]:
    """`version` and the versions of its revision that are its object's own followed children."""
    others = [v for v in version.revision.version_set.filter(db=version.db) if v.pk != version.pk]
    own = [version]
    parents = [(model, version.object_id)]
    while parents:
        parent_model, parent_id = parents.pop()
        for rel in child_relations(parent_model):
            ct_id = ContentType.objects.get_for_model(rel.related_model).pk
            for candidate in others:
                if candidate in own or candidate.content_type_id != ct_id:
                    continue
                if str(candidate.field_dict.get(rel.field.attname)) == str(parent_id):
                    own.append(candidate)
                    parents.append((rel.related_model, candidate.object_id))
    return own


def _write_back(versions: list[Version]) -> None:
    """Save each version's data (raw), retrying those that wait for another (a child for its parent)."""
    pending = list(versions)
    while pending:
        failed = []
        for version in pending:
            try:
                with transaction.atomic(using=version.db):
                    version.revert()
            except (IntegrityError, ObjectDoesNotExist):
                failed.append(version)
        if len(failed) == len(pending):
            raise RevertError(
                _(
                    "Không khôi phục được “%(object)s”: phiên bản này trỏ tới dữ liệu không còn nữa "
                    "hoặc trùng với một mục khác."
                )
                % {"object": failed[0].object_repr}
            )
        pending = failed


def _check_constraints(versions: list[Version]) -> None:
    """Foreign keys are checked at commit; check them now, so a dangling one is a message, not a 500."""
    db = versions[0].db
    tables = sorted({v._model._meta.db_table for v in versions})
    try:
        with transaction.atomic(using=db):
            connections[db].check_constraints(table_names=tables)
    except IntegrityError:
        raise RevertError(_("Không khôi phục được: phiên bản này trỏ tới dữ liệu đã bị xóa.")) from None


def _current_objects(versions: list[Version]) -> list:
    found = (
        version._model._default_manager.using(version.db).filter(pk=version.object_id).first()
        for version in versions
    )
    return [obj for obj in found if obj is not None]


def cache_tags_of(versions: list[Version]) -> set[str]:
    """The cache tags (frontcms.cache) of the objects these versions belong to, as they are now."""
    from .cache import CacheTagged

    return {
        name
        for obj in _current_objects(versions)
        if isinstance(obj, CacheTagged)
        for name in obj.cache_tags()
    }


def refresh_after_revert(versions: list[Version], tags_before: set[str]) -> None:
    """Search rows and cached pages follow what a revert wrote (raw saves send no usable signal):
    what showed the objects before the revert (`tags_before`) and what shows them now."""
    from .cache import invalidate
    from .search import index_object

    for obj in _current_objects(versions):
        index_object(obj)
    invalidate(*(tags_before | cache_tags_of(versions)))


class RevisionAdmin(VersionAdmin):
    """VersionAdmin whose revert and recover stay within this model, this object and the user's rights."""

    change_list_template = "frontcms/admin/revisions/change_list.html"
    # reversion's screens with Vietnamese text (reversion ships no Vietnamese catalogue).
    object_history_template = "frontcms/admin/revisions/object_history.html"
    revision_form_template = "frontcms/admin/revisions/revision_form.html"
    recover_form_template = "frontcms/admin/revisions/recover_form.html"
    recover_list_template = "frontcms/admin/revisions/recover_list.html"

    # --- hooks ------------------------------------------------------------------------------------
    def has_recover_permission(self, request) -> bool:
        """Whether the user may list and recover deleted objects of this model."""
        return self.has_add_permission(request) and self.has_change_permission(request)

    def may_see_version(self, request, version: Version) -> bool:
        """Whether what this version holds may be shown to this user (an object that moved between
        scopes keeps the versions of its time in the other one)."""
        return True

    def may_see_deleted_version(self, request, version: Version) -> bool:
        """Whether a deleted object's last version is shown to (and recoverable by) this user."""
        return self.may_see_version(request, version)

    def prepare_reverted_object(self, request, obj, before) -> None:
        """Adjust `obj` as the version left it, before the form shows it (`before`: the object as
        it was, None for a recovery). Write changes to the database: the form reloads the object."""

    # --- querysets --------------------------------------------------------------------------------
    def visible_versions(self, request, obj) -> list[Version]:
        """The versions of `obj` this user may see, newest first: what its history page lists and
        what may be compared."""
        versions = Version.objects.get_for_object(obj).select_related("revision", "revision__user")
        return [version for version in versions.order_by("-pk") if self.may_see_version(request, version)]

    def deleted_versions(self, request) -> list[Version]:
        """The last version of each deleted object of this model that this user may see."""
        versions = self._reversion_order_version_queryset(
            request, Version.objects.get_deleted(self.model).select_related("revision", "revision__user")
        )
        return [v for v in versions if self.may_see_deleted_version(request, v)]

    # --- views ------------------------------------------------------------------------------------
    def changelist_view(self, request, extra_context=None):
        # No revision around the whole list (VersionAdmin opens one): each object saved from it,
        # by list_editable or a bulk action, gets its own (save_model, own_revision).
        context = {"has_recover_permission": self.has_recover_permission(request), **(extra_context or {})}
        return super(VersionAdmin, self).changelist_view(request, context)

    def save_model(self, request, obj, form, change):
        if reversion.is_active():
            super().save_model(request, obj, form, change)
            return
        with own_revision(request.user, _("Sửa trong danh sách")):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # reversion took the object's version when it was saved, before its inlines: a
        # many-to-many edited through an inline of its through rows (an event's documents)
        # would be recorded one save late. Taken again now, it holds what this save left.
        if reversion.is_active():
            reversion.add_to_revision(form.instance)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))  # scoped: 404 outside the user's scope
        if obj is None:
            return super().history_view(request, object_id, extra_context)  # "does not exist"
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        # reversion's history_view would list (and look up) every version, from any scope the
        # object was in: the list is made here, and Django's own history page shows it.
        name = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_revision"
        versions = self.visible_versions(request, obj)
        if not self.history_latest_first:
            versions.reverse()
        # Only a user who may change the object may go back to a version (revision_view): the
        # others (a contributor on a published article) see the list without links to a refusal.
        may_revert = self.has_change_permission(request, obj)
        actions = [
            {
                "revision": version.revision,
                "url": reverse(name, args=(quote(version.object_id), version.pk)) if may_revert else None,
            }
            for version in versions
        ]
        context = {"action_list": actions, "may_revert": may_revert, **(extra_context or {})}
        return super(VersionAdmin, self).history_view(request, object_id, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("Không tìm thấy mục này."))
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = Version.objects.get_for_object(obj).filter(pk=version_id).first()
        if version is None:
            raise Http404(_("Không có phiên bản này của mục này."))
        context = {
            "title": _("Trở về phiên bản cũ: %(name)s") % {"name": version.object_repr},
            "revert": True,
            **(extra_context or {}),
        }
        template = self.revision_form_template or self._reversion_get_template_list("revision_form.html")
        return self._revert_view(request, version, obj, template, context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_recover_permission(request):
            raise PermissionDenied
        version = Version.objects.get_deleted(self.model).filter(pk=version_id).first()
        if version is None or not self.may_see_deleted_version(request, version):
            raise Http404(_("Không có mục đã xóa nào ứng với phiên bản này."))
        context = {
            "title": _("Khôi phục mục đã xóa: %(name)s") % {"name": version.object_repr},
            "recover": True,
            **(extra_context or {}),
        }
        template = self.recover_form_template or self._reversion_get_template_list("recover_form.html")
        return self._revert_view(request, version, None, template, context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_recover_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "app_label": opts.app_label,
            "module_name": capfirst(opts.verbose_name),
            "title": _("Khôi phục %(name)s đã xóa") % {"name": opts.verbose_name_plural},
            "deleted": self.deleted_versions(request),
            **(extra_context or {}),
        }
        template = self.recover_list_template or self._reversion_get_template_list("recover_list.html")
        return render(request, template, context)

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        # VersionAdmin's own entry point reverts a whole revision: nothing may reach it any more.
        raise PermissionDenied

    # --- the revert itself ------------------------------------------------------------------------
    def _revert_view(self, request, version, before, template_name, context):
        """Write `version`'s object back inside a transaction and run the change form on it: a GET
        (or a form with errors) shows it and rolls everything back; a valid POST keeps it."""
        writing = request.method == "POST"
        # A preview must not reach the index, the caches or any other receiver.
        signals = (
            nullcontext()
            if writing
            else mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed)
        )
        try:
            with transaction.atomic(using=version.db), signals:
                versions = own_versions(version, self.model)
                tags_before = cache_tags_of(versions) if writing else set()
                obj = self._write_versions(version, versions, before)
                self._check_slug(before, obj)
                self.prepare_reverted_object(request, obj, before)
                obj = self.model._default_manager.using(version.db).get(pk=obj.pk)
                in_scope = self.get_queryset(request).filter(pk=obj.pk).exists()
                if not (in_scope and self.has_change_permission(request, obj)):
                    raise RevertError(
                        _(
                            "Không thể dùng phiên bản này: khi trở về phiên bản đó, mục sẽ nằm ngoài "
                            "phạm vi bạn được sửa."
                        )
                    )
                request._frontcms_reverting = True  # get_inline_instances
                if not writing:
                    self._tell_links_restored(request, obj)
                with self.create_revision(request):
                    response = self.changeform_view(request, quote(str(obj.pk)), request.path, context)
                    if writing and response.status_code == 302:
                        _check_constraints(versions)
                        self._keep_slug_history(
                            before, self.model._default_manager.using(version.db).get(pk=obj.pk)
                        )
                        refresh_after_revert(versions, tags_before)
                        reversion.set_comment(
                            _("Trở về phiên bản lưu lúc %(datetime)s")
                            % {"datetime": localize(template_localtime(version.revision.date_created))}
                        )
                    elif response.status_code == 200:
                        response.template_name = template_name
                        response.render()  # now, while the reverted data is in the transaction
                        raise _KeepNothing(response)
                    else:
                        raise RevertError(_("Không mở được phiên bản này."))
        except (RevertError, models.ProtectedError) as error:
            messages.error(request, str(error))
            opts = self.model._meta
            return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
        except _KeepNothing as kept:
            return kept.response
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST" and request.FILES:
            # Shown again with errors: a browser never fills a file input back in, and a form
            # sent as it stands would save without the files (a document without its PDF).
            names = ", ".join(
                f"“{upload.name}”" for _field, uploads in request.FILES.lists() for upload in uploads
            )
            messages.warning(
                request,
                _(
                    "Các tệp bạn đã chọn chưa được lưu vì biểu mẫu còn lỗi: %(names)s. Hãy sửa lỗi "
                    "rồi chọn lại các tệp này trước khi lưu."
                )
                % {"names": names},
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_inline_instances(self, request, obj=None):
        """On the revert and recover screens, no inline of a many-to-many's own rows (an event's
        documents): the version brings the links back itself, as a list, and re-creating them gives
        the rows new ids (on PostgreSQL, sequences are not rolled back with the preview), so the
        rows the preview showed would not be there when its form is sent. They are named in a
        message instead (_tell_links_restored) and edited on the item's page afterwards."""
        inlines = super().get_inline_instances(request, obj)
        if getattr(request, "_frontcms_reverting", False):
            return [inline for inline in inlines if not inline.model._meta.auto_created]
        return inlines

    def _tell_links_restored(self, request, obj) -> None:
        """Name what the version links `obj` to through the inlines get_inline_instances leaves out."""
        through = {inline.model for inline in self.inlines if inline.model._meta.auto_created}
        for field in self.model._meta.many_to_many:
            if field.remote_field.through not in through:
                continue
            names = ", ".join(f"“{item}”" for item in getattr(obj, field.name).all()) or _("không có")
            messages.info(
                request,
                _(
                    "%(links)s theo phiên bản này: %(names)s. Chúng trở lại cùng phiên bản khi lưu; "
                    "muốn đổi, hãy sửa ở trang của mục sau khi lưu."
                )
                % {"links": capfirst(str(field.verbose_name)), "names": names},
            )

    def _write_versions(self, version, versions, before):
        if before is not None:
            own = {(v.content_type_id, v.object_id) for v in versions}
            for child in list(_current_children(before)):
                if (ContentType.objects.get_for_model(type(child)).pk, str(child.pk)) not in own:
                    child.delete()
        _write_back(versions)
        _restore_tags(versions)
        return self.model._default_manager.using(version.db).get(pk=version.object_id)

    @staticmethod
    def _check_slug(before, obj) -> None:
        """A version's slug that is now another object's old slug would take over its links."""
        validate = getattr(obj, "validate_slug_history", None)
        if validate is None or (before is not None and before.slug == obj.slug):
            return
        try:
            validate()
        except ValidationError as error:
            raise RevertError(" ".join(error.messages)) from None

    @staticmethod
    def _keep_slug_history(before, obj) -> None:
        """The slug the object had before the revert keeps redirecting to it (slugged models)."""
        remember = getattr(obj, "remember_old_slug", None)
        if remember is not None:
            remember(getattr(before, "slug", "") if before is not None else "")
