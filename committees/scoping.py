"""Ward-scoped editing: what a Cộng tác viên (contributor bound to an organisation) may touch.

A contributor is a staff user with a `StaffAssignment` who is neither a superuser nor holds the
`committees.edit_all_organizations` permission (editors and admins hold it). Contributors see and
change only objects whose organisation is their own or one of its sub-organisations. The admin
mixin below applies that to list, change, delete, history, revert and recover, bulk actions,
autocomplete and form choices, and re-checks on save so that a forged form value is refused.

Fields that point at scoped content (an article's event, its related articles, an event's
documents, …) offer a contributor what that content's admin lets them pick: their own, plus what
every reader already sees (`selectable_queryset`). `ScopedChoicesMixin` applies it to any admin
or inline form; a forged id outside it is a form error, and autocomplete offers the same set.
"""

from __future__ import annotations

from django.contrib.admin import RelatedFieldListFilter
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Organization, Term

EDIT_ALL_PERMISSION = "committees.edit_all_organizations"


def is_scoped(user) -> bool:
    """True for a contributor limited to one organisation's subtree."""
    return not (not user.is_authenticated or user.is_superuser or user.has_perm(EDIT_ALL_PERMISSION))


def allowed_organization_ids(user) -> set[int] | None:
    """Organisation ids `user` may edit; None means no limit. Cached on the user object per request."""
    if not is_scoped(user):
        return None
    cached = getattr(user, "_frontcms_allowed_orgs", None)
    if cached is not None:
        return cached
    own = own_organization_id(user)
    ids = Organization.objects.subtree_ids([own]) if own else set()
    user._frontcms_allowed_orgs = ids
    return ids


def own_organization_id(user) -> int | None:
    """The organisation of the user's StaffAssignment (a contributor's own committee), or None."""
    if not user.is_authenticated:
        return None
    try:
        return user.staff_assignment.organization_id
    except ObjectDoesNotExist:
        return None


def may_open(user, obj) -> bool:
    """Whether `user` may open `obj` as far as ward scoping goes (the admin of its model decides):
    the publishing service mails nobody about an item they could not open."""
    from django.contrib import admin

    model_admin = admin.site._registry.get(type(obj))
    if not isinstance(model_admin, OrganizationScopedAdminMixin):
        return True
    return model_admin.in_scope(allowed_organization_ids(user), obj)


def is_autocomplete_request(request: HttpRequest, admin_site) -> bool:
    """True when the admin's AutocompleteJsonView is asking (select2 search of a foreign key)."""
    return request.path == reverse(f"{admin_site.name}:autocomplete")


def allowed_organizations(user):
    ids = allowed_organization_ids(user)
    qs = Organization.objects.all()
    return qs if ids is None else qs.filter(pk__in=ids)


class ScopedOrganizationListFilter(RelatedFieldListFilter):
    """List filter on an organisation FK that offers a contributor only the organisations in scope."""

    def field_choices(self, field, request, model_admin):
        choices = super().field_choices(field, request, model_admin)
        ids = allowed_organization_ids(request.user)
        if ids is None or field.related_model is not Organization:
            return choices
        return [(pk, label) for pk, label in choices if pk in ids]


class TermListFilter(RelatedFieldListFilter):
    """List filter on a term FK: the terms of the organisations in the user's scope, read with their
    organisation in one query (a term's name holds its organisation's)."""

    def field_choices(self, field, request, model_admin):
        ids = allowed_organization_ids(request.user)
        terms = Term.objects.select_related("organization")
        if ids is not None:
            terms = terms.filter(organization_id__in=ids)
        return [(term.pk, str(term)) for term in terms]


OUT_OF_SCOPE_CHOICE = _("Mục đã chọn không tồn tại hoặc nằm ngoài phạm vi bạn được xem. Hãy chọn mục khác.")


class ScopedChoicesMixin:
    """For ModelAdmins and inlines: a foreign key or many-to-many field pointing at a model whose
    admin is ward-scoped offers a contributor only that admin's `selectable_queryset`, so a forged
    or typed id of anything else is a form error (and its title never reaches the page)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._scope_choices(formfield, db_field, request)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            target = self._scoped_target(request, db_field.remote_field.model)
            if target is not None and target.offers_beyond_scope(request):
                # What may be picked includes what every reader sees from other units, whose admin
                # pages answer this user 404: no "change", "view" or "delete" link beside the field.
                widget.can_change_related = widget.can_view_related = widget.can_delete_related = False
        return formfield

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._scope_choices(formfield, db_field, request)

    def _scoped_target(self, request, model):
        """The ward-scoped admin of `model` when this user is a contributor, else None."""
        if allowed_organization_ids(request.user) is None:
            return None
        try:
            target = self.admin_site.get_model_admin(model)
        except NotRegistered:
            return None
        return target if isinstance(target, OrganizationScopedAdminMixin) else None

    def visible_related(self, request, model, pk):
        """The `model` object `pk` if this user may see it named (what they may pick), else None."""
        target = self._scoped_target(request, model)
        queryset = target.selectable_queryset(request) if target is not None else model._default_manager
        return queryset.filter(pk=pk).first()

    def _scope_choices(self, formfield, db_field, request):
        target = None if formfield is None else self._scoped_target(request, db_field.remote_field.model)
        if target is None:
            return formfield
        formfield.queryset = formfield.queryset.filter(
            pk__in=target.selectable_queryset(request).values("pk")
        )
        formfield.error_messages = {**formfield.error_messages, "invalid_choice": OUT_OF_SCOPE_CHOICE}
        return formfield


class OrganizationScopedAdminMixin(ScopedChoicesMixin):
    """ModelAdmin mixin. Set `organization_field` to the path of the object's organisation FK
    (`"pk"` for the Organization admin itself).

    For a contributor: lists, bulk actions and form choices hold only the organisations in scope;
    an object outside it answers 404 on its change, delete, history and revert pages (never a
    redirect that would confirm it exists); a forged organisation value is refused by the form and
    again on save; deleted objects cannot be recovered. Fields of other forms pointing at this
    model, and autocomplete (AutocompleteJsonView asks this admin), offer `selectable_queryset`.
    """

    organization_field = "organization"

    def _allowed(self, request: HttpRequest):
        return allowed_organization_ids(request.user)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        ids = self._allowed(request)
        if ids is None:
            return qs
        return qs.filter(**{f"{self.organization_field}__in": ids})

    def _object_allowed(self, request, obj) -> bool:
        return self.in_scope(self._allowed(request), obj)

    def in_scope(self, ids: set[int] | None, obj) -> bool:
        """Whether `obj` belongs to one of the organisations `ids` (None: no limit)."""
        if ids is None or obj is None:
            return True
        if self.organization_field == "pk":
            return obj.pk is None or obj.pk in ids
        org_id = obj
        for part in self.organization_field.split("__"):
            org_id = getattr(org_id, part, None) if org_id is not None else None
        org_pk = getattr(org_id, "pk", org_id)
        return org_pk in ids

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and self._allowed(request) is not None:
            raise Http404("not found or outside the contributor's scope")
        return obj

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if self._allowed(request) is None:
            return filters
        return [
            (f, ScopedOrganizationListFilter) if isinstance(f, str) and f == self.organization_field else f
            for f in filters
        ]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._object_allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._object_allowed(request, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._object_allowed(request, obj)

    def selectable_queryset(self, request):
        """What this user may pick in another form's field pointing at this model: what this admin
        shows them, plus, for content with a workflow, what every reader sees (published)."""
        queryset = self.get_queryset(request)
        if not self.offers_beyond_scope(request):
            return queryset
        published = self.model._default_manager.published()
        return self.model._default_manager.filter(
            Q(pk__in=queryset.values("pk")) | Q(pk__in=published.values("pk"))
        )

    def offers_beyond_scope(self, request) -> bool:
        """Whether `selectable_queryset` adds, for this user, what every reader sees from other
        units (content with a workflow), which this admin's pages do not open for them."""
        return self._allowed(request) is not None and hasattr(self.model._default_manager, "published")

    def get_search_results(self, request, queryset, search_term):
        # Autocomplete (AutocompleteJsonView) offers what the form accepts: selectable_queryset.
        if self._allowed(request) is not None and is_autocomplete_request(request, self.admin_site):
            ordering = queryset.query.order_by or self.model._meta.ordering or ["pk"]
            queryset = queryset.model._default_manager.filter(
                pk__in=self.selectable_queryset(request).values("pk")
            ).order_by(*ordering)
            if isinstance(self.list_select_related, (list, tuple)):
                queryset = queryset.select_related(*self.list_select_related)
        return super().get_search_results(request, queryset, search_term)

    # --- revisions (frontcms.revisions.RevisionAdmin hooks) --------------------------------------
    def has_recover_permission(self, request):
        # What was deleted may have belonged to anyone: contributors never recover.
        return self._allowed(request) is None and super().has_recover_permission(request)

    def may_see_version(self, request, version):
        """Only versions from when the object belonged to an organisation in scope."""
        ids = self._allowed(request)
        if ids is None:
            return super().may_see_version(request, version)
        first, _sep, rest = self.organization_field.partition("__")
        if first == "pk":
            return str(version.object_id) in {str(pk) for pk in ids}
        field = self.model._meta.get_field(first)
        value = version.field_dict.get(field.attname)
        if rest and value is not None:
            value = field.related_model._default_manager.filter(pk=value).values_list(rest, flat=True).first()
        return value in ids and super().may_see_version(request, version)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Every organisation choice (the object's organisation, a parent, …) stays in scope.
        if db_field.related_model is Organization and self._allowed(request) is not None:
            kwargs["queryset"] = allowed_organizations(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        """Add forms start from the query string (`?event=12`, as Django does) and, for a
        contributor, with their own committee as the object's organisation. A query-string value
        that is no valid key of its field is dropped: an autocomplete widget would fail on it."""
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.many_to_one or field.one_to_one:
                try:
                    field.target_field.to_python(value)
                except ValidationError:
                    del initial[name]
        own = own_organization_id(request.user)
        field_name = self.organization_field  # "pk" or a path through another object: no own field
        if own is not None and self._allowed(request) is not None and field_name in self._own_fields():
            initial.setdefault(field_name, own)
        return initial

    def _own_fields(self) -> set[str]:
        try:
            field = self.model._meta.get_field(self.organization_field)
        except FieldDoesNotExist:
            return set()
        return {field.name} if field.many_to_one and field.related_model is Organization else set()

    def save_model(self, request, obj, form, change):
        if not self._object_allowed(request, obj):
            raise PermissionDenied("organisation outside the contributor's scope")
        super().save_model(request, obj, form, change)
