"""A membership's term list follows its organisation, as an event's follows its organiser
(committees.term_picking): on the membership's own form and in each row of a person's page, with
a JSON list for the script, a Vietnamese error that names the organisation, ward scoping, and the
rows' lists read in one query."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees.models import Membership
from tests.committees.test_admin import person_form
from tests.factories import MembershipFactory, PersonFactory, TermFactory, WardFactory

pytestmark = pytest.mark.django_db
D = datetime.date
ADD = reverse("admin:committees_membership_add")
TERMS = reverse("admin:committees_membership_terms")


@pytest.fixture
def ward(ward_a):
    return ward_a  # the contributor's ward (tests/conftest.py contributor_client)


@pytest.fixture
def other_ward(ward_b):
    return ward_b


@pytest.fixture
def membership_contributor(contributor_user):
    """A ward contributor who was also given the right to edit memberships (no role has it by
    default): the forms and the JSON list are scoped to their ward all the same."""
    codenames = ["add_membership", "change_membership", "view_membership"]
    contributor_user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return contributor_user


def term_options(response, name="term") -> list[str]:
    """The values of the options of the term list named `name`, as the page sends them."""
    html = response.content.decode()
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no list {name} on the page"
    return re.findall(r'<option value="([^"]*)"', select[1])


def membership_form(organization, term=None, **overrides) -> dict:
    from tests.factories import PositionFactory

    return {
        "person": PersonFactory().pk,
        "organization": organization.pk if organization else "",
        "term": term.pk if term else "",
        "position": PositionFactory().pk,
        "start_date": "2024-06-01",
        "end_date": "",
        "end_reason": "",
        "entry_kind": "elected",
        "replaces": "",
        "is_full_time": "",
        "represents": "",
        "order": "0",
        **overrides,
    }


def errors(response) -> dict:
    return response.context["adminform"].form.errors


# --- validation -------------------------------------------------------------------------------------
def test_term_of_another_organisation_is_refused_with_the_organisation_named(editor_client, ward, other_term):
    response = editor_client.post(ADD, membership_form(ward, other_term))
    assert response.status_code == 200
    assert errors(response)["term"] == [
        "Chỉ chọn được nhiệm kỳ của tổ chức đã chọn, “Ủy ban MTTQ Việt Nam phường Khương Đình”; "
        "“Phường Thượng Đình – Khóa XVIII, nhiệm kỳ 2024-2029” là nhiệm kỳ của tổ chức khác. "
        "Hãy chọn lại nhiệm kỳ hoặc để trống."
    ]
    assert not Membership.objects.exists()


def test_term_of_the_organisation_is_saved(editor_client, ward, ward_terms):
    response = editor_client.post(ADD, membership_form(ward, ward_terms[1]))
    assert response.status_code == 302
    assert Membership.objects.get().term == ward_terms[1]


# --- what the membership form lists ----------------------------------------------------------------
def test_change_form_lists_only_the_organisations_terms(editor_client, ward, ward_terms, other_term, term):
    membership = MembershipFactory(organization=ward, term=ward_terms[1], start_date=D(2024, 6, 1))
    response = editor_client.get(reverse("admin:committees_membership_change", args=[membership.pk]))
    assert term_options(response) == ["", str(ward_terms[1].pk), str(ward_terms[0].pk)]


def test_add_form_lists_no_term_until_an_organisation_is_chosen(editor_client, ward, ward_terms, other_term):
    assert term_options(editor_client.get(ADD)) == [""]
    chosen = editor_client.get(ADD, {"organization": ward.pk})
    assert term_options(chosen) == ["", str(ward_terms[1].pk), str(ward_terms[0].pk)]


def test_refused_form_lists_the_organisations_terms_and_keeps_the_choice_shown(
    editor_client, ward, ward_terms, other_term
):
    TermFactory(organization=WardFactory(name="Ủy ban MTTQ Việt Nam phường Hạ Đình"))  # not listed
    response = editor_client.post(ADD, membership_form(ward, other_term))
    options = term_options(response)
    assert options == ["", str(ward_terms[1].pk), str(ward_terms[0].pk), str(other_term.pk)]
    assert f'<option value="{other_term.pk}" selected>' in response.content.decode()


def test_term_list_is_a_plain_list_that_tells_the_script_where_to_ask(editor_client):
    html = editor_client.get(ADD).content.decode()
    select = re.search(r'<select name="term"[^>]*>', html)[0]
    assert f'data-terms-url="{TERMS}"' in select and 'data-organizer-field="organization"' in select
    assert "admin-autocomplete" not in select  # no search box over every term of every organisation
    assert "js/admin-organization-terms.js" in html


# --- the rows of a person's page ---------------------------------------------------------------------
def person_page(client, person):
    response = client.get(reverse("admin:committees_person_change", args=[person.pk]))
    assert response.status_code == 200
    return response


def test_each_row_of_a_persons_page_lists_its_own_organisations_terms(
    editor_client, district, term, next_term, ward, ward_terms, other_term
):
    person = PersonFactory()
    MembershipFactory(person=person, organization=ward, term=ward_terms[1], start_date=D(2024, 6, 1))
    MembershipFactory(person=person, organization=district, term=term, start_date=D(2020, 1, 1))
    response = person_page(editor_client, person)
    rows = {
        form.instance.organization_id: form.prefix
        for form in response.context["inline_admin_formsets"][0].formset
    }
    assert term_options(response, f"{rows[ward.pk]}-term") == [
        "",
        str(ward_terms[1].pk),
        str(ward_terms[0].pk),
    ]
    assert term_options(response, f"{rows[district.pk]}-term") == ["", str(next_term.pk), str(term.pk)]
    assert term_options(response, "memberships-__prefix__-term") == [""]  # "Thêm": no organisation yet
    html = response.content.decode()
    assert f'data-terms-url="{TERMS}"' in html and "js/admin-organization-terms.js" in html


def term_queries(client, person) -> int:
    with CaptureQueriesContext(connection) as queries:
        person_page(client, person)
    return sum('FROM "committees_term"' in query["sql"] for query in queries.captured_queries)


def test_a_persons_page_reads_the_term_lists_of_all_rows_in_one_query(editor_client, district, term):
    person = PersonFactory()
    for n in range(2):
        MembershipFactory(person=person, organization=district, term=term, start_date=D(2020, 1, 1 + n))
    assert term_queries(editor_client, person) == 1
    for n in range(10):
        organization = WardFactory()
        own = TermFactory(organization=organization, number=1, start_date=D(2019, 1, 1))
        TermFactory(organization=organization, number=2, start_date=D(2024, 1, 1))
        MembershipFactory(person=person, organization=organization, term=own, start_date=D(2020, 1, 1 + n))
    assert term_queries(editor_client, person) == 1


def test_a_row_with_a_term_of_another_organisation_is_refused_on_a_persons_page(
    editor_client, ward, other_term, chair
):
    data = person_form(organization=ward.pk, term=other_term.pk, position=chair.pk, start_date="2024-06-01")
    response = editor_client.post(reverse("admin:committees_person_add"), data)
    assert response.status_code == 200
    assert "Chỉ chọn được nhiệm kỳ của tổ chức đã chọn, “Ủy ban MTTQ Việt Nam phường Khương Đình”" in (
        response.content.decode()
    )
    assert not Membership.objects.exists()
    # The refused row lists the terms of its organisation, and the term that was sent.
    assert term_options(response, "memberships-0-term") == ["", str(other_term.pk)]


# --- the script's JSON list ---------------------------------------------------------------------
def test_terms_json_lists_one_organisations_terms_newest_first(editor_client, ward, ward_terms, other_term):
    response = editor_client.get(TERMS, {"organization": ward.pk})
    assert response.json() == {
        "results": [
            {"id": str(ward_terms[1].pk), "text": str(ward_terms[1])},
            {"id": str(ward_terms[0].pk), "text": str(ward_terms[0])},
        ]
    }
    assert editor_client.get(TERMS).json() == {"results": []}
    assert editor_client.get(TERMS, {"organization": "abc"}).status_code == 400


def test_terms_json_is_closed_to_contributors_without_membership_rights(contributor_client, ward, ward_terms):
    assert contributor_client.get(TERMS, {"organization": ward.pk}).status_code == 403


def test_terms_json_queries_are_bounded(editor_client, ward, django_assert_max_num_queries):
    for number in range(1, 15):
        TermFactory(organization=ward, number=number)
    with django_assert_max_num_queries(5):
        assert len(editor_client.get(TERMS, {"organization": ward.pk}).json()["results"]) == 14


# --- a contributor never sees another ward's terms ------------------------------------------------
def test_contributor_lists_and_gets_only_own_wards_terms(
    membership_contributor, contributor_client, ward, ward_b, ward_terms, other_term
):
    assert len(contributor_client.get(TERMS, {"organization": ward.pk}).json()["results"]) == 2
    assert contributor_client.get(TERMS, {"organization": ward_b.pk}).json() == {"results": []}
    html = contributor_client.get(ADD).content.decode()
    assert term_options(contributor_client.get(ADD)) == ["", str(ward_terms[1].pk), str(ward_terms[0].pk)]
    assert "Thượng Đình" not in html


def test_contributors_forged_term_of_another_ward_is_refused_without_naming_it(
    membership_contributor, contributor_client, ward, other_term
):
    response = contributor_client.post(ADD, membership_form(ward, other_term))
    assert errors(response)["term"] == [
        "Mục đã chọn không tồn tại hoặc nằm ngoài phạm vi bạn được xem. Hãy chọn mục khác."
    ]
    assert "Thượng Đình" not in response.content.decode()
    assert not Membership.objects.exists()
