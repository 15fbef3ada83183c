"""A document's number (số, ký hiệu) names one document of its issuer in a year: the admin form
refuses a second one, whatever its case or spacing, names the first and links it for those who may
open it. Documents that already share a number (imported) still save when the number, issuer and
date stay as they are."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from events.models import Document
from tests.factories import DocumentFactory, WardFactory
from tests.security.support import admin_form_data

pytestmark = pytest.mark.django_db
ADD = reverse("admin:events_document_add")
TAKEN = "Số, ký hiệu này đã được dùng cho văn bản"


@pytest.fixture
def ward():
    return WardFactory(name="Ủy ban MTTQ Việt Nam phường Khương Đình")


@pytest.fixture
def plan(ward):
    return DocumentFactory(
        number="123/KH-MTTQ",
        title="Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2024",
        issuer=ward,
        issued_on=datetime.date(2024, 3, 5),
    )


def document_form(issuer, number="123/KH-MTTQ", issued_on="2024-11-20", **overrides) -> dict:
    return {
        "number": number,
        "doc_type": "ke-hoach",
        "title": "Kế hoạch giám sát năm 2024",
        "issuer": issuer.pk if issuer else "",
        "issued_on": issued_on,
        "signer": "",
        "summary": "",
        "slug": "",
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        **overrides,
    }


def number_errors(response) -> list[str]:
    assert response.status_code == 200, "the form was accepted"
    return response.context["adminform"].form.errors.get("number", [])


def change_url(document) -> str:
    return reverse("admin:events_document_change", args=[document.pk])


# --- a new document -----------------------------------------------------------------------------
@pytest.mark.parametrize("number", ["123/KH-MTTQ", "123/kh-mttq", " 123 / KH - MTTQ ", "123/Kh-Mttq"])
def test_a_number_its_issuer_gave_this_year_is_refused_naming_the_document(editor_client, ward, plan, number):
    response = editor_client.post(ADD, document_form(ward, number))
    assert number_errors(response) == [
        f'Số, ký hiệu này đã được dùng cho văn bản <a href="{change_url(plan)}" target="_blank" '
        'rel="noopener">“123/KH-MTTQ – Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2024”</a> '
        "do Ủy ban MTTQ Việt Nam phường Khương Đình ban hành ngày 05/03/2024. Số văn bản của một cơ quan "
        "không lặp lại trong cùng một năm: hãy kiểm tra lại số, ký hiệu, cơ quan ban hành hoặc ngày ban hành."
    ]
    html = response.content.decode()
    assert f'<a href="{change_url(plan)}" target="_blank" rel="noopener">“123/KH-MTTQ' in html  # a link
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("number", "issued_on", "other_issuer"),
    [
        ("123/KH-MTTQ", "2025-01-02", False),  # numbers start again each year
        ("123/KH-MTTQ", "2024-11-20", True),  # another issuer's numbers are its own
        ("124/KH-MTTQ", "2024-11-20", False),
        ("123/BC-MTTQ", "2024-11-20", False),
        ("", "2024-11-20", False),  # no number: nothing to compare
    ],
)
def test_another_year_issuer_or_number_is_accepted(
    editor_client, ward, plan, number, issued_on, other_issuer
):
    issuer = WardFactory() if other_issuer else ward
    response = editor_client.post(ADD, document_form(issuer, number, issued_on))
    assert response.status_code == 302, number_errors(response)
    assert Document.objects.count() == 2


def test_a_document_without_issuer_is_not_compared(editor_client, plan):
    DocumentFactory(number="123/KH-MTTQ", issuer=None, issued_on=datetime.date(2024, 3, 5))
    assert editor_client.post(ADD, document_form(None)).status_code == 302


def test_the_title_in_the_message_is_escaped(editor_client, ward):
    DocumentFactory(number="5/TB-MTTQ", title="Thông báo <script>alert(1)</script>", issuer=ward)
    response = editor_client.post(ADD, document_form(ward, "5/TB-MTTQ", "2024-05-09"))
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "Thông báo &lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- who sees a link ------------------------------------------------------------------------------
def test_contributor_is_linked_to_their_wards_document(contributor_client, ward, plan):
    (message,) = number_errors(contributor_client.post(ADD, document_form(ward)))
    assert f'<a href="{change_url(plan)}"' in message


def test_a_user_who_may_not_open_the_document_gets_its_name_without_a_link(
    client, django_user_model, ward, plan
):
    user = django_user_model.objects.create_user(username="chi-them", password="x", is_staff=True)
    codenames = ["add_document", "edit_all_organizations"]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    assert client.get(change_url(plan)).status_code == 403
    (message,) = number_errors(client.post(ADD, document_form(ward)))
    assert message.startswith(
        f"{TAKEN} “123/KH-MTTQ – Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2024” do "
    )
    assert "<a " not in message


# --- documents that already share a number -----------------------------------------------------------
@pytest.fixture
def imported_twin(ward, plan):
    """An older import left a second document with the same number, issuer and year."""
    return DocumentFactory(
        number="123/KH-MTTQ ",
        title="Bản trùng số từ trang cũ",
        issuer=ward,
        issued_on=datetime.date(2024, 3, 6),
    )


def change_form(client, document, **changes) -> dict:
    data = admin_form_data(client.get(change_url(document)))
    data.update(changes)
    return data


def test_an_unrelated_change_to_a_document_sharing_its_number_saves(editor_client, imported_twin):
    response = editor_client.post(
        change_url(imported_twin), change_form(editor_client, imported_twin, summary="Bổ sung tóm tắt.")
    )
    assert response.status_code == 302, number_errors(response)
    imported_twin.refresh_from_db()
    assert imported_twin.summary == "Bổ sung tóm tắt."


def test_fixing_the_case_or_spaces_of_such_a_documents_number_saves(editor_client, imported_twin):
    response = editor_client.post(
        change_url(imported_twin), change_form(editor_client, imported_twin, number="123/kh-mttq")
    )
    assert response.status_code == 302, number_errors(response)


@pytest.mark.parametrize(
    "changes",
    [{"number": "124/kh-mttq"}, {"issued_on": "2024-04-01"}],
    ids=["number", "date in the same year"],
)
def test_changing_the_number_or_date_of_such_a_document_is_checked(
    editor_client, ward, plan, imported_twin, changes
):
    DocumentFactory(
        number="124/KH-MTTQ", title="Kế hoạch số 124", issuer=ward, issued_on=datetime.date(2024, 8, 1)
    )
    response = editor_client.post(
        change_url(imported_twin), change_form(editor_client, imported_twin, **changes)
    )
    (message,) = number_errors(response)
    other = "Kế hoạch số 124" if "number" in changes else "Kế hoạch tổ chức Ngày hội"
    assert message.startswith(TAKEN) and other in message  # the other document, never itself


def test_moving_such_a_document_to_another_year_saves(editor_client, imported_twin):
    response = editor_client.post(
        change_url(imported_twin), change_form(editor_client, imported_twin, issued_on="2023-12-30")
    )
    assert response.status_code == 302, number_errors(response)


def test_a_document_is_never_its_own_duplicate(editor_client, plan):
    response = editor_client.post(change_url(plan), change_form(editor_client, plan, issued_on="2024-03-06"))
    assert response.status_code == 302, number_errors(response)


# --- the query ----------------------------------------------------------------------------------
def test_the_comparison_reads_a_bounded_number_of_queries(ward, plan, django_assert_max_num_queries):
    for n in range(40):
        DocumentFactory(
            number=f"{n + 200}/KH-MTTQ", issuer=ward, issued_on=datetime.date(2024, 1 + n % 12, 1)
        )
    with django_assert_max_num_queries(2):
        assert list(Document.objects.numbered("123/kh-MTTQ", issuer_id=ward.pk, year=2024)) == [plan]
    assert not Document.objects.numbered("123/KH-MTTQ", issuer_id=ward.pk, year=2023).exists()
    assert not Document.objects.numbered(" ", issuer_id=ward.pk, year=2024).exists()
    assert not Document.objects.numbered("123/KH-MTTQ", issuer_id=None, year=2024).exists()
