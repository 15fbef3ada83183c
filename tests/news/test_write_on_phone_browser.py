"""In a real browser on a 360 px phone: a ward contributor writes a news item (title, summary, body
in the real CKEditor, cover photo) and submits it for review; their own ward committee is already
chosen as the unit, so the item lands on the ward's page.

Screenshots of the form at 360 and 1366 px go to test-artifacts/forms/ for a person to look at.
"""

import pytest

from committees.models import OrganizationKind
from frontcms.publishing import Status
from news.models import Article
from tests.e2e.admin_forms import (
    EDITOR_READY,
    chosen_in_autocomplete,
    screenshot,
    sideways_overflow,
    submit_for_review,
)
from tests.factories import OrganizationFactory, StaffAssignmentFactory, WardFactory
from tests.frontcms.test_admin_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WARD = "Ủy ban MTTQ Việt Nam phường Khương Đình"
TITLE = "Phường Khương Đình ra mắt mô hình “Khu dân cư tự quản về vệ sinh môi trường”"


@pytest.fixture
def ward(contributor_user):
    ward = WardFactory(name=WARD, short_name="Phường Khương Đình", order=10)
    for n in range(1, 5):  # sub-units whose names sort before the ward's
        OrganizationFactory(
            name=f"Ban công tác Mặt trận khu dân cư số {n}, phường Khương Đình",
            kind=OrganizationKind.RESIDENTIAL_BOARD,
            parent=ward,
            order=n,
        )
    StaffAssignmentFactory(user=contributor_user, organization=ward)
    return ward


def within_form(page, selector: str) -> None:
    """`selector` is shown whole inside the form's column (which ends 15 px before the screen's
    edge): nothing of it is cut off."""
    form = page.locator("#content-main").bounding_box()
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    assert box["x"] >= form["x"] and box["x"] + box["width"] <= form["x"] + form["width"] + 0.5, (
        f"{selector} leaves the form: {box}, form {form}"
    )


@pytest.mark.viewport(360, 780)
def test_contributor_writes_a_news_item_on_a_phone_and_submits_it(
    browser_page, contributor_user, ward, cover_file
):
    page = browser_page
    log_in(page, contributor_user, "/quan-tri/news/article/add/")
    page.wait_for_function(EDITOR_READY)
    assert sideways_overflow(page) <= 1, "the form scrolls sideways"

    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Sáng 20/5, hơn 100 hộ dân khu dân cư số 3 cam kết giữ gìn ngõ phố xanh, sạch.")
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.type("Mô hình do Ban công tác Mặt trận khu dân cư số 3 phát động.")
    page.set_input_files("#id_cover", str(cover_file))
    page.fill("#id_cover_caption", "Đại biểu cắt băng ra mắt mô hình")
    # The unit is their own ward committee from the start, not one of its four boards.
    assert chosen_in_autocomplete(page, "organization") == WARD

    # Every step of the path fits the phone's width: fields, the editor with its toolbar, the button.
    for selector in ("#id_title", "#id_summary", "#cke_id_body", "#cke_id_body .cke_top", "#id_cover"):
        within_form(page, selector)
    assert sideways_overflow(page) <= 1
    page.locator("button[name=_workflow][value=submit]").scroll_into_view_if_needed()
    within_form(page, "button[name=_workflow][value=submit]")
    screenshot(page, "article-add-contributor-360")
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot(page, "article-add-contributor-1366")
    page.set_viewport_size({"width": 360, "height": 780})

    submit_for_review(page)
    page.wait_for_url("**/quan-tri/news/article/")
    assert page.locator(".messagelist .success").count() == 1
    article = Article.objects.get()
    assert article.title == TITLE and article.status == Status.PENDING
    assert article.organization == ward and article.cover and "khu dân cư số 3" in article.body
    assert sideways_overflow(page) <= 1
    screenshot(page, "article-list-contributor-360")
