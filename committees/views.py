"""Public pages: the organisation tree, an organisation, a term and its comparison, a person,
and the English pages required by Decree 42/2022/NĐ-CP."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from frontcms import languages
from frontcms.cache import depends_on, kept, next_midnight, tag
from frontcms.publishing import next_publication
from frontcms.views import DependsOnMixin, OldSlugRedirectMixin, SharedObjectMixin

from . import structure
from .models import ContactPoint, Membership, Organization, OrganizationKind, Person, Position, Term

LATEST_ITEMS = 5


def _published_related(obj, name: str, order: str, **shown_in):
    """The latest published items of a reverse relation that may not exist yet (news.Article).

    What is being computed depends on their list: the model's list narrowed by `shown_in`
    (`organization=3`, a list the model's items name in listed_in()), or all of them."""
    manager = getattr(obj, name, None)
    if manager is None or not hasattr(manager, "published"):
        return []
    depends_on(tag(manager.model, **shown_in))
    next_publication(manager.model)
    return list(manager.published().order_by(order)[:LATEST_ITEMS])


def _people_of(org_id) -> None:
    """Who serves in the organisation, in which position, day by day (a membership ends or starts
    at midnight)."""
    depends_on(tag(Membership, organization=org_id), tag(Position), until=next_midnight())


def _tree_organizations() -> list[Organization]:
    return list(
        Organization.objects.only(
            "name", "short_name", "name_en", "slug", "kind", "parent_id", "order", "dissolved_on"
        )
    )


def _tree_context() -> dict:
    orgs = _tree_organizations()
    current = [o for o in orgs if not o.is_dissolved]
    by_pk = {o.pk: o for o in orgs}
    # A dissolved organisation's own dissolved sub-organisations are listed on its page, not here.
    dissolved_ids = [
        o.pk
        for o in orgs
        if o.is_dissolved and not (o.parent_id in by_pk and by_pk[o.parent_id].is_dissolved)
    ]
    dissolved = list(
        Organization.objects.filter(pk__in=dissolved_ids)
        .prefetch_related(Prefetch("succeeded_by", queryset=Organization.objects.only("name", "slug")))
        .order_by("-dissolved_on", "name")
    )
    return {"tree": structure.build_tree(current), "dissolved": dissolved}


class OrganizationTreeView(DependsOnMixin, TemplateView):
    """`/to-chuc/`: the organisation chart of the current structure, dissolved ones apart."""

    template_name = "committees/tree.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_tree_context())
        context["breadcrumbs"] = [(_("Tổ chức"), None)]
        return context

    def dependencies(self) -> None:
        depends_on(tag(Organization), until=next_midnight())  # dissolved on their date


def _alternates(org) -> list[tuple[str, str]]:
    """An organisation's page in Vietnamese and in English, for the hreflang links of both."""
    return languages.alternates({"vi": org.get_absolute_url(), "en": org.get_english_url()})


class OrganizationMixin(OldSlugRedirectMixin):
    model = Organization
    context_object_name = "org"

    def get_queryset(self):
        return Organization.objects.select_related("parent")


class OrganizationDetailView(OrganizationMixin, SharedObjectMixin, DetailView):
    """`/to-chuc/<slug>/`: leadership, members, past terms, sub-organisations, news and events."""

    template_name = "committees/organization.html"
    head_is_per_path = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = self.object
        # Leadership, roster, terms, news and events are the same for every reader and cost a
        # dozen queries and hundreds of rows for a district committee: the rendered body is kept
        # until something it shows changes (or midnight, when memberships may start or end).
        context["body_html"] = kept(
            f"committees:organization-body:{org.pk}",
            lambda: render_to_string("committees/partials/organization_body.html", self.body_context(org)),
        )
        context["breadcrumbs"] = self.breadcrumbs(org)
        context["alternates"] = _alternates(org)
        return context

    @staticmethod
    def body_context(org) -> dict:
        # The organisation, its terms and people, its contacts, and the organisations it names.
        depends_on(tag(org), tag(Organization), tag(ContactPoint))
        _people_of(org.pk)
        terms = list(org.terms.all())
        current_term = org.current_term(terms)
        # A dissolved organisation shows its members as they were on its last day.
        on = org.dissolved_on - datetime.timedelta(days=1) if org.is_dissolved else None
        members = list(Membership.objects.filter(organization=org).active_on(on).with_related())
        children = list(org.children.all())
        return {
            "org": org,
            "terms": terms,
            "current_term": current_term,
            "past_terms": [
                t for t in terms if current_term is None or t.start_date < current_term.start_date
            ],
            "leadership": structure.leadership(members),
            "roster": structure.roster(members),
            "children": [c for c in children if not c.is_dissolved],
            "dissolved_children": [c for c in children if c.is_dissolved],
            "successors": list(org.succeeded_by.all()),
            "predecessors": list(org.predecessors.all()),
            "contacts": list(org.contact_points.select_related("person")),
            "events": _published_related(org, "events", "-starts_at", organization=org.pk),
            "articles": _published_related(org, "articles", "-published_at", organization=org.pk),
            "has_articles": hasattr(org, "articles"),
        }

    @staticmethod
    def breadcrumbs(org, last_url=None):
        crumbs = [(_("Tổ chức"), reverse("committees:tree"))]
        if org.parent_id:
            crumbs.append((org.parent.name, org.parent.get_absolute_url()))
        crumbs.append((org.name, last_url))
        return crumbs


class TermMixin:
    def get_term(self) -> tuple[Organization, Term]:
        if not hasattr(self, "org_and_term"):  # once per request: the page and its dependencies
            org = get_object_or_404(Organization.objects.select_related("parent"), slug=self.kwargs["slug"])
            term = get_object_or_404(Term, organization=org, number=self.kwargs["number"])
            term.organization = org
            self.org_and_term = (org, term)
        return self.org_and_term


class TermPageMixin(TermMixin, DependsOnMixin):
    def dependencies(self) -> None:
        org, _term = self.get_term()
        depends_on(tag(org), tag(Term))
        _people_of(org.pk)


class TermDetailView(TermPageMixin, TemplateView):
    """`/to-chuc/<slug>/nhiem-ky/<number>/`: everyone who served in a term, and when."""

    template_name = "committees/term.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org, term = self.get_term()
        memberships = list(term.memberships.with_related())
        terms = list(org.terms.all())
        context.update(
            org=org,
            term=term,
            terms=terms,
            previous=next((t for t in terms if t.start_date < term.start_date), None),
            leadership=sorted(
                (m for m in memberships if m.position.is_leadership),
                key=lambda m: (m.start_date, structure.rank_key(m)),
            ),
            roster=structure.roster(memberships),
            composition=structure.composition(memberships),
            congress_events=[
                e for e in _published_related(term, "events", "starts_at") if e.kind == "congress"
            ],
            breadcrumbs=[
                (_("Tổ chức"), reverse("committees:tree")),
                (org.name, org.get_absolute_url()),
                (term.label, None),
            ],
        )
        return context


class TermCompareView(TermPageMixin, TemplateView):
    """`/to-chuc/<slug>/nhiem-ky/<number>/so-sanh/`: this term against the previous one."""

    template_name = "committees/term_compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org, term = self.get_term()
        terms = list(org.terms.all())
        previous = next((t for t in terms if t.start_date < term.start_date), None)
        memberships = list(
            Membership.objects.filter(term__in=[t for t in (term, previous) if t]).with_related()
        )
        context.update(
            org=org,
            comparison=structure.compare_terms(term, previous, memberships),
            breadcrumbs=[
                (_("Tổ chức"), reverse("committees:tree")),
                (org.name, org.get_absolute_url()),
                (term.label, term.get_absolute_url()),
                (_("So sánh nhiệm kỳ"), None),
            ],
        )
        return context


class PersonDetailView(OldSlugRedirectMixin, DependsOnMixin, DetailView):
    """`/nhan-su/<slug>/`: photo, short bio, current positions and history. No private data."""

    model = Person
    head_is_per_path = True
    template_name = "committees/person.html"
    context_object_name = "person"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        memberships = list(self.object.memberships.with_related().order_by("-start_date", "position__rank"))
        context.update(
            current=[m for m in memberships if m.is_current],
            history=[m for m in memberships if not m.is_current],
            breadcrumbs=[(_("Tổ chức"), reverse("committees:tree")), (self.object.full_name, None)],
        )
        return context

    def dependencies(self) -> None:
        person = self.object
        # The person, their positions (current ones end at midnight) in organisations and terms.
        depends_on(
            tag(person),
            tag(Membership, person=person.pk),
            tag(Organization),
            tag(Term),
            tag(Position),
            until=next_midnight(),
        )


# --- English (Decree 42/2022/NĐ-CP) ---------------------------------------------------------------
# These pages run in English (frontcms.languages.PathLanguageMiddleware): their templates share the
# Vietnamese pages' {% translate %} strings, which locale/en gives in English.
def main_committee():
    return (
        Organization.objects.current()
        .filter(kind=OrganizationKind.DISTRICT_COMMITTEE, parent__isnull=True)
        .order_by("order", "pk")
        .first()
    )


def _leadership_on_its_last_day(org) -> list[Membership]:
    """The current leaders; a dissolved organisation's as they were on its last day."""
    on = org.dissolved_on - datetime.timedelta(days=1) if org.is_dissolved else None
    return structure.leadership(
        list(Membership.objects.filter(organization=org).active_on(on).leadership().with_related())
    )


def _contacts(org) -> list[ContactPoint]:
    return list(ContactPoint.objects.filter(organization=org).select_related("person"))


class EnglishHomeView(DependsOnMixin, TemplateView):
    """`/en/`: introduction, functions, leadership, structure and contacts in English."""

    template_name = "committees/english.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = main_committee()
        current = [o for o in _tree_organizations() if not o.is_dissolved]
        context.update(
            org=org,
            leadership=_leadership_on_its_last_day(org) if org else [],
            tree=structure.build_tree(current),
            contacts=_contacts(org) if org else [],
            is_home=True,
            alternates=languages.home_alternates(),
        )
        if org is not None:
            _people_of(org.pk)
        return context

    def dependencies(self) -> None:
        depends_on(tag(Organization), tag(ContactPoint), until=next_midnight())


class EnglishOrganizationView(OrganizationMixin, DependsOnMixin, DetailView):
    """`/en/to-chuc/<slug>/`: one organisation in English."""

    template_name = "committees/english.html"

    def renamed_url(self, obj) -> str:
        return obj.get_english_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = self.object
        children = list(org.children.all())
        context.update(
            contacts=_contacts(org),
            leadership=_leadership_on_its_last_day(org),
            children=[c for c in children if not c.is_dissolved],
            dissolved_children=[c for c in children if c.is_dissolved],
            successors=list(org.succeeded_by.all()),
            predecessors=list(org.predecessors.all()),
            breadcrumbs=[
                *([(org.parent.english_name_html, org.parent.get_english_url())] if org.parent_id else []),
                (org.english_name_html, None),
            ],
            alternates=_alternates(org),
        )
        return context

    def dependencies(self) -> None:
        depends_on(tag(self.object), tag(Organization), tag(ContactPoint))
        _people_of(self.object.pk)
