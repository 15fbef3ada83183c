"""In a real browser: a district editor and a ward contributor add events, choosing the organiser by
typing and seeing the term list follow it; the contributor adds the report from the event's page.
The same term list follows each row's organisation on a person's page (committees.term_picking).

Screenshots at 1366 and 360 px go to test-artifacts/forms/ for a person to look at.
"""

import datetime

import pytest
from django.utils import timezone

from committees.models import Membership, OrganizationKind
from events.models import Event, EventReport
from frontcms.publishing import Status
from tests.e2e.admin_forms import (
    EDITOR_READY,
    autocomplete_offers,
    choose_in_autocomplete,
    chosen_in_autocomplete,
    save_draft,
    screenshot,
    sideways_overflow,
    submit_for_review,
)
from tests.factories import (
    DocumentFactory,
    EventFactory,
    EventReportFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    StaffAssignmentFactory,
    TermFactory,
    WardFactory,
    ward_terms,
)
from tests.frontcms.test_admin_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = datetime.date
KHUONG_DINH = "Ủy ban MTTQ Việt Nam phường Khương Đình"
THUONG_DINH = "Ủy ban MTTQ Việt Nam phường Thượng Đình"


@pytest.fixture
def district_and_wards():
    """A district with two wards (numbered after the district's own units, as in the demo), each
    ward with its terms and residential-area boards."""
    district = OrganizationFactory(name="Ủy ban MTTQ Việt Nam quận Thanh Hà", short_name="Quận Thanh Hà")
    wards = {}
    for order, (name, short) in enumerate(
        [(KHUONG_DINH, "Phường Khương Đình"), (THUONG_DINH, "Phường Thượng Đình")], start=10
    ):
        ward = WardFactory(name=name, short_name=short, parent=district, order=order)
        ward_terms(ward)
        for n in (1, 2):
            OrganizationFactory(
                name=f"Ban công tác Mặt trận khu dân cư số {n}, {short.lower()}",
                kind=OrganizationKind.RESIDENTIAL_BOARD,
                parent=ward,
                order=n,
            )
        wards[short] = ward
    TermFactory(organization=district, number=5, start_date=D(2019, 6, 20), end_date=D(2024, 6, 20))
    return district, wards


def terms_of(ward: str) -> list[str]:
    """The term list for a ward's committee: the empty choice, then its terms newest first."""
    return [
        "---------",
        f"Phường {ward} – Khóa XVIII, nhiệm kỳ 2024-2029",
        f"Phường {ward} – Khóa XVII, nhiệm kỳ 2019-2024",
    ]


def term_texts(page, field: str = "term") -> list[str]:
    return page.locator(f"#id_{field} option").all_inner_texts()


def wait_for_terms(page, expected: list[str], field: str = "term") -> None:
    page.wait_for_function(
        "([field, expected]) => JSON.stringify("
        "[...document.querySelectorAll(`#id_${field} option`)].map(o => o.text)) === JSON.stringify(expected)",
        arg=[field, expected],
    )


def fill_event(page, title: str) -> None:
    page.fill("#id_title", title)
    page.select_option("#id_kind", label="Hội nghị")
    page.fill("#id_starts_at_0", "20/05/2026")
    page.fill("#id_starts_at_1", "08:00")
    page.fill("#id_venue", "Hội trường Ủy ban MTTQ phường")


@pytest.mark.viewport(1366, 900)
def test_editor_picks_the_organiser_by_typing_and_the_terms_follow(
    browser_page, editor_user, district_and_wards
):
    page = browser_page
    district, wards = district_and_wards
    log_in(page, editor_user, "/quan-tri/events/event/add/")
    assert term_texts(page) == ["---------"]  # no organiser yet, so no term to offer
    fill_event(page, "Hội nghị đối thoại với Ban công tác Mặt trận khu dân cư")

    # Typed without diacritics: the ward committee comes before its own residential-area boards.
    offered = autocomplete_offers(page, "organization", "khuong dinh")
    assert offered[0] == KHUONG_DINH
    assert offered[1:] == [
        "Ban công tác Mặt trận khu dân cư số 1, phường khương đình",
        "Ban công tác Mặt trận khu dân cư số 2, phường khương đình",
    ]
    page.locator(".select2-results__option", has_text=KHUONG_DINH).click()
    wait_for_terms(page, terms_of("Khương Đình"))
    page.select_option("#id_term", label=terms_of("Khương Đình")[1])

    # Another organiser: its own terms replace the list, and the term chosen for the first one goes.
    choose_in_autocomplete(page, "organization", "thuong", THUONG_DINH)
    wait_for_terms(page, terms_of("Thượng Đình"))
    assert page.locator("#id_term").input_value() == ""
    # Cleared: no term to offer.
    page.locator("#id_organization + .select2 .select2-selection__clear").click()
    page.keyboard.press("Escape")
    wait_for_terms(page, ["---------"])

    choose_in_autocomplete(page, "organization", "khuong dinh", KHUONG_DINH)
    wait_for_terms(page, terms_of("Khương Đình"))
    page.select_option("#id_term", label=terms_of("Khương Đình")[1])
    labels = page.locator("#event_form label").all_inner_texts()
    assert "Trạng thái xuất bản:" in labels and "Tình trạng tổ chức:" in labels
    screenshot(page, "event-add-editor-1366")
    page.set_viewport_size({"width": 360, "height": 780})
    assert sideways_overflow(page) <= 1
    screenshot(page, "event-add-editor-360")
    page.set_viewport_size({"width": 1366, "height": 900})

    save_draft(page)  # "Lưu nháp" keeps the editor on the saved event
    page.wait_for_url("**/quan-tri/events/event/*/change/")
    event = Event.objects.get()
    assert event.organization == wards["Phường Khương Đình"] and event.term.number == 18


@pytest.mark.viewport(1366, 900)
def test_contributor_adds_an_event_then_its_report_from_the_event_page(
    browser_page, contributor_user, district_and_wards
):
    page = browser_page
    _district, wards = district_and_wards
    ward = wards["Phường Khương Đình"]
    StaffAssignmentFactory(user=contributor_user, organization=ward)
    log_in(page, contributor_user, "/quan-tri/events/event/add/")

    # Their own committee is chosen already, and its terms are listed without asking the server.
    assert chosen_in_autocomplete(page, "organization") == KHUONG_DINH
    own_terms = terms_of("Khương Đình")
    assert term_texts(page) == own_terms
    # Their autocomplete offers their committee first, then its boards; never another ward.
    offered = autocomplete_offers(page, "organization", "")
    assert offered == [
        KHUONG_DINH,
        "Ban công tác Mặt trận khu dân cư số 1, phường khương đình",
        "Ban công tác Mặt trận khu dân cư số 2, phường khương đình",
    ]
    page.locator(".select2-results__option", has_text="số 2").click()
    wait_for_terms(page, ["---------"])  # the board has no terms of its own
    choose_in_autocomplete(page, "organization", "uy ban", KHUONG_DINH)
    wait_for_terms(page, own_terms)

    fill_event(page, "Hội nghị đối thoại giữa Ban Thường trực với các Ban công tác Mặt trận")
    page.select_option("#id_term", label=own_terms[1])
    screenshot(page, "event-add-contributor-1366")
    submit_for_review(page)
    page.wait_for_url("**/quan-tri/events/event/")
    event = Event.objects.get()
    assert event.status == Status.PENDING and event.organization == ward and event.term.number == 18

    # The event's page lists its report: none yet, and a button to write it.
    page.goto(f"/quan-tri/events/event/{event.pk}/change/")
    panel = page.locator(".report-panel")
    assert "Sự kiện chưa có báo cáo." in panel.inner_text()
    panel.get_by_role("link", name="Thêm báo cáo").click()
    page.wait_for_url(f"**/quan-tri/events/eventreport/add/?event={event.pk}")
    assert chosen_in_autocomplete(page, "event") == event.title
    page.wait_for_function(EDITOR_READY)
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").fill(
        "Hội nghị đã nghe 14 ý kiến của các Trưởng ban công tác Mặt trận."
    )
    page.fill("#id_delegates_count", "45")
    screenshot(page, "report-add-from-event-1366")
    submit_for_review(page)
    page.wait_for_url("**/quan-tri/events/eventreport/")
    report = EventReport.objects.get()
    assert report.event == event and report.status == Status.PENDING

    page.goto(f"/quan-tri/events/event/{event.pk}/change/")
    panel = page.locator(".report-panel")
    assert "Chờ duyệt" in panel.inner_text()
    assert panel.get_by_role("link", name=str(report)).get_attribute("href") == (
        f"/quan-tri/events/eventreport/{report.pk}/change/"
    )
    assert panel.get_by_role("link", name="Thêm báo cáo").count() == 0
    panel.scroll_into_view_if_needed()
    screenshot(page, "event-change-with-report-1366")
    page.set_viewport_size({"width": 360, "height": 780})
    assert sideways_overflow(page) <= 1
    screenshot(page, "event-change-with-report-360")


@pytest.mark.viewport(1366, 900)
def test_each_row_of_a_persons_page_lists_the_terms_of_its_own_organisation(
    browser_page, editor_user, district_and_wards
):
    page = browser_page
    district, wards = district_and_wards
    district_term = district.terms.get()
    person = PersonFactory(full_name="Nguyễn Thị Hạnh")
    MembershipFactory(person=person, organization=district, term=district_term, start_date=D(2019, 7, 1))
    PositionFactory(name="Phó Chủ tịch", rank=20)
    log_in(page, editor_user, f"/quan-tri/committees/person/{person.pk}/change/")
    district_terms = ["---------", "Quận Thanh Hà – Khóa V, nhiệm kỳ 2019-2024"]
    assert term_texts(page, "memberships-0-term") == district_terms

    # Two rows added with "Thêm": each list follows its own row's organisation, nobody else's.
    add_row = page.locator("#memberships-group .add-row a")
    add_row.click()
    assert term_texts(page, "memberships-1-term") == ["---------"]
    choose_in_autocomplete(page, "memberships-1-organization", "khuong dinh", KHUONG_DINH)
    wait_for_terms(page, terms_of("Khương Đình"), "memberships-1-term")
    add_row.click()
    choose_in_autocomplete(page, "memberships-2-organization", "thuong dinh", THUONG_DINH)
    wait_for_terms(page, terms_of("Thượng Đình"), "memberships-2-term")
    assert term_texts(page, "memberships-1-term") == terms_of("Khương Đình")
    assert term_texts(page, "memberships-0-term") == district_terms
    # The saved row follows its organisation too.
    choose_in_autocomplete(page, "memberships-0-organization", "khuong dinh", KHUONG_DINH)
    wait_for_terms(page, terms_of("Khương Đình"), "memberships-0-term")
    choose_in_autocomplete(
        page, "memberships-0-organization", "thanh ha", "Ủy ban MTTQ Việt Nam quận Thanh Hà"
    )
    wait_for_terms(page, district_terms, "memberships-0-term")
    page.select_option("#id_memberships-0-term", label=district_terms[1])

    for row, ward in ((1, "Khương Đình"), (2, "Thượng Đình")):
        page.select_option(f"#id_memberships-{row}-term", label=terms_of(ward)[1])
        page.select_option(f"#id_memberships-{row}-position", label="Phó Chủ tịch")
        page.fill(f"#id_memberships-{row}-start_date", "01/06/2024")
    screenshot(page, "person-memberships-1366")
    page.locator("input[name=_save]").click()
    page.wait_for_url("**/quan-tri/committees/person/")
    saved = {
        (m.organization.short_name, m.term.number)
        for m in Membership.objects.select_related("organization", "term")
    }
    assert saved == {("Quận Thanh Hà", 5), ("Phường Khương Đình", 18), ("Phường Thượng Đình", 18)}


@pytest.fixture
def lists(district_and_wards):
    district, wards = district_and_wards
    for n, ward in enumerate([district, *wards.values()] * 3):
        event = EventFactory(
            title=f"Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân lần {n}",
            organization=ward,
            starts_at=timezone.now() - datetime.timedelta(days=n),
        )
        if n % 2:
            EventReportFactory(event=event, status=Status.PENDING)
        DocumentFactory(issuer=ward, title=f"Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 202{n}")


@pytest.mark.viewport(1366, 768)
@pytest.mark.parametrize(
    ("model", "columns"),
    [
        ("event", ("Trạng thái xuất bản", "Tình trạng tổ chức")),
        ("eventreport", ("Trạng thái xuất bản",)),
        ("document", ("Trạng thái xuất bản",)),
    ],
)
def test_event_report_and_document_lists_are_readable_at_1366(
    browser_page, editor_user, lists, model, columns
):
    page = browser_page
    log_in(page, editor_user, f"/quan-tri/events/{model}/")
    screenshot(page, f"list-{model}-1366")
    results = page.locator("#changelist-form .results")
    assert results.evaluate("box => box.scrollWidth - box.clientWidth") <= 1, "columns are cut off"
    headers = [" ".join(h.split()) for h in page.locator("#result_list thead th").all_text_contents()]
    for column in columns:
        assert column in headers
    last = page.locator("#result_list thead th").last.bounding_box()
    assert last["x"] + last["width"] <= 1366
