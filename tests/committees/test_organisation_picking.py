"""Picking an organisation in the admin: the autocomplete puts the user's own committee first, then
district and ward committees before their sub-units; a contributor's add forms start with their own
committee chosen; the autocomplete's queries do not grow with the number of organisations."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees.models import Organization, OrganizationKind
from tests.factories import OrganizationFactory, StaffAssignmentFactory, WardFactory

pytestmark = pytest.mark.django_db


def sub_unit(parent, name, kind=OrganizationKind.RESIDENTIAL_BOARD, order=1):
    return OrganizationFactory(name=name, kind=kind, parent=parent, order=order)


@pytest.fixture
def khuong_dinh_units(ward_a):
    """Ward A's sub-units. Their names sort before "Ủy ban …" and, as in the demo, the wards are
    numbered after the district's own units: by (order, name) alone they came before their ward."""
    ward_a.order = 10
    ward_a.save()
    return [
        sub_unit(ward_a, "Ban công tác Mặt trận khu dân cư số 1, phường Khương Đình", order=1),
        sub_unit(ward_a, "Ban công tác Mặt trận khu dân cư số 2, phường Khương Đình", order=2),
        sub_unit(ward_a, "Ban Thanh tra nhân dân phường Khương Đình", OrganizationKind.INSPECTION_BOARD, 9),
    ]


@pytest.fixture
def contributor_client(client, contributor_user, ward_a):
    StaffAssignmentFactory(user=contributor_user, organization=ward_a)
    client.force_login(contributor_user)
    return client


def picked(client, term="", model=("news", "article", "organization")):
    app_label, model_name, field_name = model
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [int(result["id"]) for result in response.json()["results"]]


# --- order -----------------------------------------------------------------------------------------
def test_contributor_sees_own_ward_committee_first_then_its_sub_units(
    contributor_client, ward_a, khuong_dinh_units, ward_b
):
    sub_unit(ward_b, "Ban công tác Mặt trận khu dân cư số 1, phường Thượng Đình")
    assert picked(contributor_client) == [ward_a.pk, *(unit.pk for unit in khuong_dinh_units)]
    # Typing part of the name keeps the order: "khuong dinh" matches all four, the ward first.
    assert picked(contributor_client, "khuong dinh")[0] == ward_a.pk


@pytest.mark.parametrize(
    "model",
    [
        ("news", "article", "organization"),
        ("events", "event", "organization"),
        ("events", "document", "issuer"),
    ],
)
def test_every_organisation_autocomplete_uses_the_same_order(
    contributor_client, ward_a, khuong_dinh_units, model
):
    assert picked(contributor_client, model=model)[0] == ward_a.pk


def test_editor_sees_district_then_wards_then_sub_units_grouped_by_parent(
    editor_client, district, ward_a, ward_b, khuong_dinh_units
):
    ward_a.order, ward_b.order = 2, 1  # the editors' own order of wards is kept
    ward_a.save()
    ward_b.save()
    standing = sub_unit(district, "Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Hà", order=1)
    board_b = sub_unit(ward_b, "Ban công tác Mặt trận khu dân cư số 1, phường Thượng Đình")
    ids = picked(editor_client)
    assert ids[:3] == [district.pk, ward_b.pk, ward_a.pk]
    # Sub-units follow, grouped under their parent in the parents' order.
    assert ids[3:] == [standing.pk, board_b.pk, *(unit.pk for unit in khuong_dinh_units)]


def test_dissolved_ward_comes_after_the_current_wards(editor_client, district, ward_a, ward_b):
    ward_a.dissolved_on = datetime.date(2025, 1, 1)
    ward_a.save()
    assert picked(editor_client) == [district.pk, ward_b.pk, ward_a.pk]


def test_editor_with_an_assignment_sees_that_committee_first(editor_client, editor_user, district, ward_b):
    StaffAssignmentFactory(user=editor_user, organization=ward_b)
    assert picked(editor_client)[:2] == [ward_b.pk, district.pk]


def test_the_changelist_keeps_its_own_sortable_order(editor_client, district, ward_a, khuong_dinh_units):
    html = editor_client.get(reverse("admin:committees_organization_changelist")).content.decode()
    # Meta ordering (order, name): the first residential-area board comes before the ward (order 0).
    assert html.index(khuong_dinh_units[0].name) < html.index(khuong_dinh_units[2].name)


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        picked(client)
    return len(queries)


def add_organisations(district, wards: int, boards_per_ward: int) -> None:
    for w in range(wards):
        ward = WardFactory(parent=district, order=10 + w)
        Organization.objects.bulk_create(
            Organization(
                name=f"Ban công tác Mặt trận khu dân cư số {b}, {ward.name}",
                kind=OrganizationKind.RESIDENTIAL_BOARD,
                parent=ward,
                search_name=f"ban cong tac {b}",
                slug=f"ban-{ward.pk}-{b}",
            )
            for b in range(boards_per_ward)
        )


@pytest.mark.parametrize(("role", "most"), [("editor", 7), ("contributor", 9)])
def test_autocomplete_queries_do_not_grow_with_the_organisations(
    request, role, most, district, ward_a, django_assert_max_num_queries
):
    # Session, user, permissions, one count and one page of results; a contributor's scope adds
    # their assignment and one query per level of their subtree.
    client = request.getfixturevalue(f"{role}_client")
    sub_unit(ward_a, "Ban công tác Mặt trận khu dân cư số 1, phường Khương Đình")
    add_organisations(district, wards=1, boards_per_ward=1)
    few = count_queries(client)
    add_organisations(district, wards=12, boards_per_ward=15)
    for n in range(2, 20):
        sub_unit(ward_a, f"Ban công tác Mặt trận khu dân cư số {n}, phường Khương Đình")
    assert Organization.objects.count() > 200
    assert count_queries(client) == few
    with django_assert_max_num_queries(most):
        picked(client)


# --- a contributor's own committee, chosen from the start -------------------------------------------
ADD_FORMS = [
    ("admin:news_article_add", "organization"),
    ("admin:events_event_add", "organization"),
    ("admin:events_document_add", "issuer"),
]


@pytest.mark.parametrize(("url_name", "field"), ADD_FORMS)
def test_contributor_add_forms_start_with_own_committee(contributor_client, ward_a, url_name, field):
    response = contributor_client.get(reverse(url_name))
    assert response.status_code == 200
    assert response.context["adminform"].form.initial[field] == ward_a.pk
    html = response.content.decode()
    assert f'<option value="{ward_a.pk}" selected>{ward_a.name}</option>' in html


@pytest.mark.parametrize(("url_name", "field"), ADD_FORMS)
def test_editor_add_forms_start_without_an_organisation(editor_client, ward_a, url_name, field):
    response = editor_client.get(reverse(url_name))
    assert field not in response.context["adminform"].form.initial


def test_query_string_chooses_another_of_the_contributors_units(contributor_client, khuong_dinh_units):
    board = khuong_dinh_units[0]
    response = contributor_client.get(reverse("admin:news_article_add"), {"organization": board.pk})
    assert response.context["adminform"].form.initial["organization"] == str(board.pk)


@pytest.mark.parametrize(("url_name", "field"), [*ADD_FORMS, ("admin:events_eventreport_add", "event")])
def test_a_malformed_query_string_value_is_ignored_not_a_server_error(editor_client, url_name, field):
    response = editor_client.get(reverse(url_name), {field: "abc"})
    assert response.status_code == 200
    assert field not in response.context["adminform"].form.initial
