"""The event and report forms fit the work: the term follows the organiser (narrowed list, a JSON
list for the script, and a Vietnamese error that names the organiser), publication status and event
state are told apart, and the event's page lists its report with "Thêm báo cáo" filled in."""

import datetime
import re

import pytest
from django.urls import reverse

from events.models import Event, EventReport
from frontcms.publishing import Status
from tests.events.test_admin import event_form, report_form
from tests.factories import EventFactory, EventReportFactory, TermFactory, WardFactory

pytestmark = pytest.mark.django_db
D = datetime.date
ADD = reverse("admin:events_event_add")
TERMS = reverse("admin:events_event_terms")


@pytest.fixture
def ward():
    return WardFactory(name="Ủy ban MTTQ Việt Nam phường Khương Đình")


@pytest.fixture
def other_ward():
    return WardFactory(name="Ủy ban MTTQ Việt Nam phường Thượng Đình")


def term_options(response) -> list[str]:
    """The values of the term list's options, as the page sends them."""
    html = response.content.decode()
    select = re.search(r'<select name="term"[^>]*>(.*?)</select>', html, re.S)
    assert select, "no term list on the page"
    return re.findall(r'<option value="([^"]*)"', select[1])


def errors(response) -> dict:
    return response.context["adminform"].form.errors


# --- the term follows the organiser: validation --------------------------------------------------
def test_term_of_another_organiser_is_refused_with_the_organiser_named(editor_client, ward, other_term):
    response = editor_client.post(ADD, event_form(ward, term=other_term.pk))
    assert response.status_code == 200
    message = errors(response)["term"][0]
    assert message == (
        "Chỉ chọn được nhiệm kỳ của đơn vị tổ chức đã chọn, “Ủy ban MTTQ Việt Nam phường Khương Đình”; "
        "“Ủy ban MTTQ Việt Nam phường Thượng Đình – Khóa XVIII, nhiệm kỳ 2024-2029” là nhiệm kỳ của "
        "đơn vị khác. Hãy chọn lại nhiệm kỳ hoặc để trống."
    )
    assert not Event.objects.exists()


def test_term_without_organiser_is_refused(editor_client, ward_terms):
    response = editor_client.post(ADD, event_form(None, term=ward_terms[0].pk))
    assert "Hãy chọn đơn vị tổ chức trước" in errors(response)["term"][0]
    assert not Event.objects.exists()


def test_term_of_the_organiser_is_saved(editor_client, ward, ward_terms):
    response = editor_client.post(ADD, event_form(ward, term=ward_terms[1].pk))
    assert response.status_code == 302
    assert Event.objects.get().term == ward_terms[1]


def test_contributor_gets_the_same_message_within_own_units(contributor_client, ward, ward_terms):
    board = WardFactory(name="Ban công tác Mặt trận khu dân cư số 1", parent=ward)
    response = contributor_client.post(ADD, event_form(board, term=ward_terms[0].pk))
    assert "Chỉ chọn được nhiệm kỳ của đơn vị tổ chức đã chọn, “Ban công tác" in errors(response)["term"][0]


# --- the term follows the organiser: what the list shows -----------------------------------------
def test_change_form_lists_only_the_organisers_terms(editor_client, ward, ward_terms, other_term):
    event = EventFactory(organization=ward, term=ward_terms[0])
    response = editor_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert term_options(response) == ["", str(ward_terms[1].pk), str(ward_terms[0].pk)]


def test_add_form_without_organiser_lists_no_term(editor_client, ward_terms, other_term):
    assert term_options(editor_client.get(ADD)) == [""]


def test_contributor_add_form_lists_own_committees_terms_without_script(
    contributor_client, ward_terms, other_term
):
    assert term_options(contributor_client.get(ADD)) == ["", str(ward_terms[1].pk), str(ward_terms[0].pk)]


def test_refused_form_lists_the_new_organisers_terms_and_keeps_the_choice_shown(
    editor_client, ward, ward_terms, other_term
):
    TermFactory(organization=WardFactory(name="Ủy ban MTTQ Việt Nam phường Hạ Đình"))  # not listed
    response = editor_client.post(ADD, event_form(ward, term=other_term.pk))
    options = term_options(response)
    assert options == ["", str(ward_terms[1].pk), str(ward_terms[0].pk), str(other_term.pk)]
    assert f'<option value="{other_term.pk}" selected>' in response.content.decode()


def test_a_saved_term_stays_listed_when_the_event_has_no_organiser(editor_client, ward_terms):
    # Older events may hold a term without an organiser: saving them again must not drop it.
    event = EventFactory(organization=None, term=ward_terms[0])
    response = editor_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert term_options(response) == ["", str(ward_terms[0].pk)]


def test_term_list_tells_the_script_where_to_ask(editor_client):
    html = editor_client.get(ADD).content.decode()
    assert f'data-terms-url="{TERMS}"' in html and 'data-organizer-field="organization"' in html
    assert "js/admin-organization-terms.js" in html


# --- the script's JSON list -----------------------------------------------------------------------
def test_terms_json_lists_one_organisers_terms_newest_first(editor_client, ward, ward_terms, other_term):
    response = editor_client.get(TERMS, {"organization": ward.pk})
    assert response.status_code == 200
    assert response.json() == {
        "results": [
            {"id": str(ward_terms[1].pk), "text": str(ward_terms[1])},
            {"id": str(ward_terms[0].pk), "text": str(ward_terms[0])},
        ]
    }
    assert editor_client.get(TERMS).json() == {"results": []}


def test_terms_json_is_scoped_for_contributors(contributor_client, ward, ward_terms, other_ward, other_term):
    assert len(contributor_client.get(TERMS, {"organization": ward.pk}).json()["results"]) == 2
    # Another ward's terms are not listed: the same answer as for an organisation that does not exist.
    assert contributor_client.get(TERMS, {"organization": other_ward.pk}).json() == {"results": []}
    assert contributor_client.get(TERMS, {"organization": 999999}).json() == {"results": []}


@pytest.mark.parametrize("value", ["abc", "1 OR 1=1", "²", "-1"])
def test_terms_json_refuses_a_malformed_organisation(editor_client, value):
    response = editor_client.get(TERMS, {"organization": value})
    assert response.status_code == 400
    assert response.json() == {"error": "Mã đơn vị tổ chức không hợp lệ."}


def test_terms_json_needs_a_staff_login(client, ward):
    response = client.get(TERMS, {"organization": ward.pk})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_terms_json_queries_are_bounded(editor_client, ward, django_assert_max_num_queries):
    for number in range(1, 15):
        TermFactory(organization=ward, number=number)
    with django_assert_max_num_queries(5):
        assert len(editor_client.get(TERMS, {"organization": ward.pk}).json()["results"]) == 14


# --- publication status and event state are told apart ------------------------------------------
def test_event_list_names_publication_status_and_event_state_apart(editor_client, ward):
    EventFactory(organization=ward)
    html = editor_client.get(reverse("admin:events_event_changelist")).content.decode()
    for text in (
        "Trạng thái xuất bản",
        "Tình trạng tổ chức",
        "Theo trạng thái xuất bản",
        "Theo tình trạng tổ chức",
    ):
        assert text in html
    form = editor_client.get(ADD).content.decode()
    assert "Việc đăng sự kiện lên cổng do “Trạng thái xuất bản” quyết định." in form


@pytest.mark.parametrize(
    "url_name", ["events_eventreport_changelist", "events_document_changelist", "news_article_changelist"]
)
def test_other_lists_say_publication_status(editor_client, url_name):
    html = editor_client.get(reverse(f"admin:{url_name}")).content.decode()
    assert "Theo trạng thái xuất bản" in html


# --- the event lists its report; "Thêm báo cáo" fills the event in --------------------------------
def change_page(client, event) -> str:
    response = client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_event_without_report_offers_to_add_one_for_this_event(contributor_client, ward):
    event = EventFactory(organization=ward)
    html = change_page(contributor_client, event)
    add = reverse("admin:events_eventreport_add")
    assert "Sự kiện chưa có báo cáo." in html
    assert f'<a class="button" href="{add}?event={event.pk}">Thêm báo cáo</a>' in html


def test_event_with_report_lists_its_status_and_link(contributor_client, ward):
    report = EventReportFactory(event=EventFactory(organization=ward), status=Status.PENDING)
    html = change_page(contributor_client, report.event)
    assert reverse("admin:events_eventreport_change", args=[report.pk]) in html
    assert "Chờ duyệt" in html and "Thêm báo cáo" not in html


def test_the_add_form_has_no_report_panel(editor_client):
    assert "Báo cáo sau sự kiện" not in editor_client.get(ADD).content.decode()


def test_report_form_starts_with_the_event_filled_in(contributor_client, ward):
    event = EventFactory(organization=ward, title="Hội nghị đối thoại phường Khương Đình")
    url = reverse("admin:events_eventreport_add")
    response = contributor_client.get(url, {"event": event.pk})
    assert response.context["adminform"].form.initial["event"] == str(event.pk)
    assert f'<option value="{event.pk}" selected>Hội nghị đối thoại phường Khương Đình</option>' in (
        response.content.decode()
    )
    assert contributor_client.post(url, report_form(event)).status_code == 302
    assert EventReport.objects.get().event == event


def test_report_form_filled_with_another_wards_event_shows_nothing_and_refuses_it(
    contributor_client, other_ward
):
    event = EventFactory(organization=other_ward, title="Sự kiện bí mật của phường khác", status=Status.DRAFT)
    url = reverse("admin:events_eventreport_add")
    response = contributor_client.get(url, {"event": event.pk})
    assert "Sự kiện bí mật của phường khác" not in response.content.decode()
    assert "event" in errors(contributor_client.post(url, report_form(event)))
    assert not EventReport.objects.exists()


def test_second_report_for_an_event_is_refused_with_a_clear_message(editor_client, ward):
    report = EventReportFactory(event=EventFactory(organization=ward))
    response = editor_client.post(reverse("admin:events_eventreport_add"), report_form(report.event))
    assert errors(response)["event"] == [
        "Sự kiện này đã có báo cáo (mỗi sự kiện một báo cáo): hãy mở báo cáo đó để sửa."
    ]


def test_report_event_autocomplete_offers_own_events_without_a_report(contributor_client, ward, other_ward):
    open_event = EventFactory(organization=ward, title="Chưa có báo cáo")
    EventReportFactory(event=EventFactory(organization=ward, title="Đã có báo cáo"))
    EventFactory(organization=other_ward, title="Của phường khác, đã xuất bản", status=Status.PUBLISHED)
    response = contributor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": "eventreport", "field_name": "event", "term": ""},
    )
    assert [r["id"] for r in response.json()["results"]] == [str(open_event.pk)]


# --- pickers link only to what the user may open ----------------------------------------------------
def test_pickers_of_shared_content_have_no_change_link_for_a_contributor(contributor_client, editor_user):
    """A contributor may pick what every reader sees from other units (a district document, a
    published article), whose admin pages answer them 404: the pickers offer no link to them."""
    client = contributor_client
    for user, linked in ((None, False), (editor_user, True)):
        if user is not None:
            client.force_login(user)
        event_page = client.get(ADD).content.decode()
        article_page = client.get(reverse("admin:news_article_add")).content.decode()
        for link in ("change", "view"):
            assert (f'id="{link}_id_Event_documents-__prefix__-document"' in event_page) is linked
            assert (f'id="{link}_id_related_picks-__prefix__-to_article"' in article_page) is linked
        assert 'id="add_id_Event_documents-__prefix__-document"' in event_page  # adding stays
