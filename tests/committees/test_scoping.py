"""Ward-scoped editing: a contributor of ward A against ward B's organisations and terms, in every
admin entry point (list, open, change, delete, history, forged values, bulk actions, autocomplete)."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from committees.models import OrganizationKind, Term
from committees.scoping import allowed_organization_ids, is_scoped
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    StaffAssignmentFactory,
    TermFactory,
)

D = datetime.date


@pytest.fixture
def board_a(ward_a):
    return OrganizationFactory(
        name="Ban công tác Mặt trận khu dân cư số 1, phường Khương Đình",
        kind=OrganizationKind.RESIDENTIAL_BOARD,
        parent=ward_a,
    )


@pytest.fixture
def term_a(ward_a):
    return TermFactory(organization=ward_a, number=18, start_date=D(2024, 5, 31), end_date=D(2029, 5, 31))


@pytest.fixture
def term_b(ward_b):
    return TermFactory(organization=ward_b, number=18, start_date=D(2024, 5, 31), end_date=D(2029, 5, 31))


@pytest.fixture
def contributor(contributor_user, ward_a, board_a):
    StaffAssignmentFactory(user=contributor_user, organization=ward_a)
    return contributor_user


@pytest.fixture
def contributor_client(client, contributor):
    client.force_login(contributor)
    return client


def grant(user, *codenames):
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="committees", codename__in=codenames)
    )
    for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(attr, None)


def admin_url(name, *args):
    return reverse(f"admin:committees_{name}", args=args)


def test_scope_is_the_ward_and_its_sub_organisations(contributor, ward_a, board_a, ward_b, district):
    assert is_scoped(contributor)
    assert allowed_organization_ids(contributor) == {ward_a.pk, board_a.pk}


def test_editors_and_admins_are_not_scoped(editor_user, admin_user):
    assert not is_scoped(editor_user) and allowed_organization_ids(editor_user) is None
    assert not is_scoped(admin_user)


def test_contributor_without_assignment_sees_nothing(client, contributor_user, ward_a):
    client.force_login(contributor_user)
    response = client.get(admin_url("organization_changelist"))
    assert response.status_code == 200
    assert ward_a.name not in response.content.decode()


def test_organisation_list_shows_only_own_subtree(contributor_client, ward_a, board_a, ward_b, district):
    html = contributor_client.get(admin_url("organization_changelist")).content.decode()
    assert admin_url("organization_change", ward_a.pk) in html
    assert admin_url("organization_change", board_a.pk) in html
    assert ward_b.name not in html
    assert admin_url("organization_change", district.pk) not in html  # shown only as ward A's parent


def test_opening_another_wards_organisation_by_url_is_404(contributor_client, ward_a, ward_b):
    assert contributor_client.get(admin_url("organization_change", ward_a.pk)).status_code == 200
    for name in ("organization_change", "organization_delete", "organization_history"):
        assert contributor_client.get(admin_url(name, ward_b.pk)).status_code == 404, name


def test_changing_or_deleting_another_wards_organisation_is_refused(contributor, contributor_client, ward_b):
    grant(contributor, "change_organization", "delete_organization")
    response = contributor_client.post(
        admin_url("organization_change", ward_b.pk), {"name": "Bị sửa", "kind": "ward"}
    )
    assert response.status_code == 404
    assert (
        contributor_client.post(admin_url("organization_delete", ward_b.pk), {"post": "yes"}).status_code
        == 404
    )
    ward_b.refresh_from_db()
    assert ward_b.name != "Bị sửa"


def test_contributor_cannot_change_even_own_organisation_by_default(contributor_client, ward_a):
    response = contributor_client.post(
        admin_url("organization_change", ward_a.pk), {"name": "Bị sửa", "kind": "ward"}
    )
    assert response.status_code == 403
    ward_a.refresh_from_db()
    assert ward_a.name != "Bị sửa"


def test_term_list_and_open(contributor_client, term_a, term_b):
    html = contributor_client.get(admin_url("term_changelist")).content.decode()
    assert term_a.organization.name in html and term_b.organization.name not in html
    assert contributor_client.get(admin_url("term_change", term_a.pk)).status_code == 200
    assert contributor_client.get(admin_url("term_change", term_b.pk)).status_code == 404


def test_organisation_filter_offers_only_own_subtree(contributor_client, term_a, term_b, ward_b):
    html = contributor_client.get(admin_url("term_changelist")).content.decode()
    assert f"organization__id__exact={ward_b.pk}" not in html
    assert f"organization__id__exact={term_a.organization_id}" in html


def term_post(term, organization, **extra):
    data = {
        "organization": organization.pk,
        "number": term.number,
        "start_date": term.start_date.isoformat(),
        "end_date": term.end_date.isoformat(),
        "congress_name": "",
        "congress_date": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_forged_organisation_on_change_is_refused(contributor, contributor_client, term_a, ward_b):
    grant(contributor, "change_term")
    response = contributor_client.post(admin_url("term_change", term_a.pk), term_post(term_a, ward_b))
    assert response.status_code == 200  # the form comes back with an error
    assert "organization" in response.context["adminform"].form.errors
    term_a.refresh_from_db()
    assert term_a.organization_id != ward_b.pk


def test_forged_organisation_on_add_is_refused(contributor, contributor_client, ward_b, ward_a):
    grant(contributor, "add_term")
    probe = Term(number=30, start_date=D(2024, 1, 1), end_date=D(2029, 1, 1))
    response = contributor_client.post(admin_url("term_add"), term_post(probe, ward_b))
    assert "organization" in response.context["adminform"].form.errors
    assert not Term.objects.filter(number=30).exists()
    response = contributor_client.post(admin_url("term_add"), term_post(probe, ward_a))
    assert response.status_code == 302
    assert Term.objects.get(number=30).organization == ward_a


def test_bulk_delete_ignores_another_wards_objects(contributor, contributor_client, term_a, term_b):
    grant(contributor, "delete_term")
    contributor_client.post(
        admin_url("term_changelist"),
        {"action": "delete_selected", "_selected_action": [term_a.pk, term_b.pk], "post": "yes"},
    )
    assert Term.objects.filter(pk=term_b.pk).exists()
    assert not Term.objects.filter(pk=term_a.pk).exists()


def autocomplete(client, term=""):
    return client.get(
        reverse("admin:autocomplete"),
        {"app_label": "committees", "model_name": "term", "field_name": "organization", "term": term},
    )


def test_organisation_autocomplete_is_scoped(contributor_client, ward_a, board_a, ward_b, district):
    response = autocomplete(contributor_client)
    assert response.status_code == 200
    ids = {int(r["id"]) for r in response.json()["results"]}
    assert ids == {ward_a.pk, board_a.pk}
    assert autocomplete(contributor_client, "thuong dinh").json()["results"] == []


def test_organisation_autocomplete_finds_names_without_diacritics_for_editors(editor_client, ward_b):
    ids = {int(r["id"]) for r in autocomplete(editor_client, "thuong dinh").json()["results"]}
    assert ids == {ward_b.pk}


def test_people_and_memberships_admins_are_closed_to_contributors(contributor_client, ward_a, chair):
    person = PersonFactory()
    membership = MembershipFactory(
        person=person, organization=ward_a, position=chair, start_date=D(2024, 6, 1)
    )
    assert contributor_client.get(admin_url("person_changelist")).status_code == 403
    assert contributor_client.get(admin_url("person_change", person.pk)).status_code == 403
    assert contributor_client.get(admin_url("membership_changelist")).status_code == 403
    assert contributor_client.get(admin_url("membership_change", membership.pk)).status_code == 403
    response = contributor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "committees", "model_name": "membership", "field_name": "person", "term": ""},
    )
    assert response.status_code == 403


def test_editor_sees_and_opens_every_ward(editor_client, ward_a, ward_b, term_b):
    html = editor_client.get(admin_url("organization_changelist")).content.decode()
    assert ward_a.name in html and ward_b.name in html
    assert editor_client.get(admin_url("organization_change", ward_b.pk)).status_code == 200
    assert editor_client.get(admin_url("term_change", term_b.pk)).status_code == 200
