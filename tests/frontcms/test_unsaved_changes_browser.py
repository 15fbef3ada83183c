"""In a real browser: staff who leave an admin form with changes they have not saved are asked
first (static/js/admin-unsaved.js); saving, or leaving a form they did not change, asks nothing."""

import pytest

from events.models import Event
from frontcms.publishing import Status
from tests.e2e.admin_forms import EDITOR_READY
from tests.factories import ArticleFactory, EventFactory, WardFactory
from tests.frontcms.test_admin_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Dialogs:
    """Every dialog the page opens, answered as told (dismissed: the page stays)."""

    def __init__(self, page, accept: bool = False):
        self.kinds: list[str] = []
        self.accept = accept
        page.on("dialog", self._answer)

    def _answer(self, dialog):
        self.kinds.append(dialog.type)
        if self.accept:
            dialog.accept()
        else:
            dialog.dismiss()


@pytest.fixture
def event_form(browser_page, editor_user):
    """An editor on a draft event's change page: the page, the event and the page's address."""
    event = EventFactory(organization=WardFactory(), status=Status.DRAFT)
    change = f"/quan-tri/events/event/{event.pk}/change/"
    log_in(browser_page, editor_user, change)
    return browser_page, event, change


def test_leaving_an_edited_event_for_its_report_asks_first(event_form):
    page, event, change = event_form
    dialogs = Dialogs(page)
    page.fill("#id_title", "Hội nghị hiệp thương lần thứ hai")
    add_report = page.locator(".report-panel").get_by_role("link", name="Thêm báo cáo")
    add_report.click(no_wait_after=True)
    page.wait_for_timeout(300)
    assert dialogs.kinds == ["beforeunload"]
    assert page.url.endswith(change)  # stayed, with what was typed
    assert page.input_value("#id_title") == "Hội nghị hiệp thương lần thứ hai"

    dialogs.accept = True  # "Rời khỏi": the page goes, the change with it
    add_report.click()
    page.wait_for_url(f"**/quan-tri/events/eventreport/add/?event={event.pk}")
    assert Event.objects.get().title == event.title


def test_text_typed_only_in_the_rich_text_editor_counts_as_a_change(browser_page, editor_user):
    page = browser_page
    article = ArticleFactory(status=Status.DRAFT, body="<p>Nội dung ban đầu.</p>")
    log_in(page, editor_user, f"/quan-tri/news/article/{article.pk}/change/")
    page.wait_for_function(EDITOR_READY)
    dialogs = Dialogs(page)
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    page.keyboard.type(" Thêm một câu.")
    page.locator(".breadcrumbs a").last.click(no_wait_after=True)
    page.wait_for_timeout(300)
    assert dialogs.kinds == ["beforeunload"]


def test_saving_or_leaving_an_untouched_form_asks_nothing(event_form):
    page, _event, change = event_form
    dialogs = Dialogs(page)
    page.locator(".breadcrumbs a").last.click()
    page.wait_for_url("**/quan-tri/events/event/")

    page.goto(change)
    page.fill("#id_title", "Hội nghị hiệp thương lần thứ hai")
    with page.expect_navigation():
        page.locator("button[name=_workflow][value=save]").click()
    assert dialogs.kinds == []
    assert Event.objects.get().title == "Hội nghị hiệp thương lần thứ hai"


def test_a_form_shown_again_with_errors_counts_as_changed(event_form):
    """What a form with errors holds was never saved: leaving it asks first, untouched or not."""
    page, _event, _change = event_form
    page.fill("#id_title", "")
    with page.expect_navigation():
        page.locator("button[name=_workflow][value=save]").click()
    assert page.locator(".errornote").is_visible()
    dialogs = Dialogs(page)
    page.locator(".breadcrumbs a").last.click(no_wait_after=True)
    page.wait_for_timeout(300)
    assert dialogs.kinds == ["beforeunload"]
