"""In a real browser: a ward contributor posts a conference report, an editor publishes it, a citizen reads it."""

import datetime

import pytest
from django.utils import timezone

from events.models import EventReport
from frontcms.publishing import Status
from tests.e2e.admin_forms import autocomplete_offers
from tests.factories import EventFactory, StaffAssignmentFactory, WardFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mat-khau-thu-123"


def log_in(page, username):
    page.goto("/quan-tri/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit], button[type=submit]").first.click()
    page.wait_for_url("**/quan-tri/")


def log_out(page):
    page.locator("#logout-form button, form[action$='logout/'] button").first.click()
    page.wait_for_load_state()


def test_contributor_posts_report_editor_publishes_citizen_reads(browser_page, contributor_user, editor_user):
    page = browser_page
    ward = WardFactory(name="Ủy ban MTTQ Việt Nam phường Thanh Bình")
    StaffAssignmentFactory(user=contributor_user, organization=ward)
    event = EventFactory(
        title="Hội nghị đối thoại phường Thanh Bình",
        organization=ward,
        starts_at=timezone.now() - datetime.timedelta(days=1),
    )
    EventFactory(title="Hội nghị của phường khác", organization=WardFactory())

    # The contributor writes the report of their ward's conference and submits it for review.
    log_in(page, contributor_user.username)
    page.goto("/quan-tri/events/eventreport/add/")
    options = autocomplete_offers(page, "event", "Hội nghị")
    assert "Hội nghị đối thoại phường Thanh Bình" in options
    assert "Hội nghị của phường khác" not in options
    page.locator(".select2-results__option", has_text="Hội nghị đối thoại phường Thanh Bình").click()
    page.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").fill(
        "Hội nghị đã nghe 14 ý kiến của các Trưởng ban công tác Mặt trận."
    )
    page.fill("#id_delegates_count", "45")
    page.fill("#id_opinions_count", "14")
    page.fill("#id_results", "Trả lời trực tiếp 10 ý kiến; 4 ý kiến chuyển UBND phường.")
    steps = page.locator(".submit-row button[name=_workflow]").all_inner_texts()
    assert steps == ["Lưu nháp", "Gửi duyệt"]  # no status list, and nothing that publishes
    page.get_by_role("button", name="Gửi duyệt").click()
    page.wait_for_url("**/quan-tri/events/eventreport/")
    report = EventReport.objects.get()
    assert report.status == Status.PENDING and "14 ý kiến" in report.body
    log_out(page)

    # Not visible to citizens while it waits for review.
    page.goto(event.get_absolute_url())
    assert "14 ý kiến" not in page.locator("main").inner_text()

    # The editor publishes it.
    log_in(page, editor_user.username)
    page.goto(f"/quan-tri/events/eventreport/{report.pk}/change/")
    page.get_by_role("button", name="Duyệt và đăng").click()
    page.wait_for_url("**/quan-tri/events/eventreport/")
    log_out(page)

    # A citizen sees the report and its figures on the event page.
    page.context.clear_cookies()
    page.goto(event.get_absolute_url())
    main = page.locator("main")
    assert "Hội nghị đã nghe 14 ý kiến của các Trưởng ban công tác Mặt trận." in main.inner_text()
    assert "Trả lời trực tiếp 10 ý kiến" in main.inner_text()
    figures = page.locator(".report-figures").inner_text()
    assert "45" in figures and "14" in figures
