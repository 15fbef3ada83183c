"""A term list that follows the organisation, for admin forms with `organization` and `term` (an
event's organiser and term, a membership's organisation and term).

The list holds the terms of the organisation the form holds (submitted, initial or saved) plus the
term already chosen, and `static/js/admin-organization-terms.js` reloads it from the admin
(`<app>_<model>_terms`, `OrganizationTermsViewMixin.term_choices_view`) when the organisation
changes, in the main form and in every inline row. Validation keeps the field's whole queryset (the
terms of the organisations in the user's scope), so a term of another organisation reaches the
model's `clean()`, whose message names the organisation whose terms are allowed; a ward
contributor is never offered nor told of another ward's terms.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.forms.models import BaseInlineFormSet, ModelChoiceIterator
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .models import Term
from .scoping import allowed_organization_ids

SCRIPT = "js/admin-organization-terms.js"
ORGANIZATION_FIELD = "organization"
TERM_FIELD = "term"


class ShownTerms(ModelChoiceIterator):
    """The choices of a term field: the empty choice, then `terms` (a queryset, or terms already
    read for a whole formset)."""

    def __init__(self, field, terms):
        super().__init__(field)
        self.queryset = terms

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for term in self.queryset:
            yield self.choice(term)

    def __len__(self):
        return len(self.queryset) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.queryset)


class OrganizationTermsFormMixin:
    """For a ModelForm with `organization` and `term`: the term list shows the terms of the
    organisation the form holds plus the term already chosen (see the module docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get(TERM_FIELD)
        if field is None or ORGANIZATION_FIELD not in self.fields:
            self.terms_shown_for = None
            return
        organization, chosen = self.terms_shown_for = (
            self._current_value(ORGANIZATION_FIELD),
            self._current_value(TERM_FIELD),
        )
        shown = Q(organization_id=organization) if organization else Q(pk__in=[])
        if chosen:
            shown |= Q(pk=chosen)
        field.widget.choices = ShownTerms(field, field.queryset.filter(shown))

    def _current_value(self, name: str) -> int | None:
        """The primary key the form will show for field `name`, if it is a well-formed one."""
        if self.is_bound:
            value = self.data.get(self.add_prefix(name))
        else:
            value = self.get_initial_for_field(self.fields[name], name)
        value = getattr(value, "pk", value)
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None


class OrganizationTermsFormSet(BaseInlineFormSet):
    """Inline rows with an OrganizationTermsFormMixin form: the term lists of all rows are read in
    one query, not one per row."""

    @cached_property
    def forms(self):
        forms = super().forms
        pickers = [form for form in forms if getattr(form, "terms_shown_for", None)]
        if pickers:
            shown = [form.terms_shown_for for form in pickers]
            wanted = Q(organization_id__in={org for org, _term in shown if org}) | Q(
                pk__in={term for _org, term in shown if term}
            )
            terms = list(pickers[0].fields[TERM_FIELD].queryset.filter(wanted))
            for form, (org, chosen) in zip(pickers, shown, strict=True):
                field = form.fields[TERM_FIELD]
                field.widget.choices = ShownTerms(
                    field, [term for term in terms if term.organization_id == org or term.pk == chosen]
                )
        return forms


def terms_url_name(model) -> str:
    """The name of the admin URL that lists an organisation's terms for `model`'s term field."""
    return f"{model._meta.app_label}_{model._meta.model_name}_terms"


class OrganizationTermsAdminMixin:
    """For a ModelAdmin or an inline whose form mixes in OrganizationTermsFormMixin: the term field
    offers the terms of the organisations in the user's scope (read with their organisation, for
    the labels) and tells the script where to ask for an organisation's terms: the view of the
    model's own admin (OrganizationTermsViewMixin)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == TERM_FIELD:
            ids = allowed_organization_ids(request.user)
            terms = Term.objects.select_related("organization")
            kwargs["queryset"] = terms if ids is None else terms.filter(organization_id__in=ids)
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == TERM_FIELD and formfield is not None:
            # Read by the script; in an inline row it finds the row's own organisation field.
            formfield.widget.attrs.update(
                {
                    "data-terms-url": reverse(f"{self.admin_site.name}:{terms_url_name(self.model)}"),
                    "data-organizer-field": ORGANIZATION_FIELD,
                }
            )
        return formfield

    @property
    def media(self):
        return super().media + forms.Media(js=[SCRIPT])


class OrganizationTermsViewMixin(OrganizationTermsAdminMixin):
    """For the ModelAdmin of a model with `organization` and `term`: also serves the JSON list of
    an organisation's terms, for its own form and for inlines of the same model on other pages."""

    def get_urls(self):
        return [
            path(
                "nhiem-ky/",
                self.admin_site.admin_view(self.term_choices_view),
                name=terms_url_name(self.model),
            ),
            *super().get_urls(),
        ]

    def term_choices_view(self, request):
        """The terms the term field accepts for the organisation `?organization=<id>`, as
        `{"results": [{"id": "7", "text": "…"}]}` (none outside the user's scope)."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        value = request.GET.get(ORGANIZATION_FIELD, "")
        if value and not (value.isascii() and value.isdigit()):
            return JsonResponse({"error": str(_("Mã đơn vị tổ chức không hợp lệ."))}, status=400)
        field = self.formfield_for_foreignkey(self.model._meta.get_field(TERM_FIELD), request)
        terms = field.queryset.filter(organization_id=int(value)) if value else field.queryset.none()
        return JsonResponse(
            {"results": [{"id": str(term.pk), "text": field.label_from_instance(term)} for term in terms]}
        )
