"""Admin forms of the events app: the event's term follows its organiser."""

from __future__ import annotations

from django.db.models import Q
from django.forms.models import ModelChoiceIterator


class OrganizerTermsFormMixin:
    """For a ModelForm with `organization` and `term`: the term list shows the terms of the
    organiser the form holds (submitted, initial or saved) plus the term already chosen.

    Validation keeps the field's whole (scoped) queryset, so a term of another organiser reaches
    `Event.clean()`, whose message names the organiser whose terms are allowed. The admin's
    script (static/js/admin-event-terms.js) reloads the list when the organiser changes.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        term = self.fields.get("term")
        if term is None or "organization" not in self.fields:
            return
        organizer = self._current_value("organization")
        chosen = self._current_value("term")
        shown = Q(organization_id=organizer) if organizer else Q(pk__in=[])
        if chosen:
            shown |= Q(pk=chosen)
        choices = ModelChoiceIterator(term)
        choices.queryset = term.queryset.filter(shown)
        term.widget.choices = choices

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
