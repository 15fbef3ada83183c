"""In a real browser with the real CKEditor: the whole editorial round trip between a ward contributor
and a district editor, through the named steps, the dashboard and the e-mails, to a scheduled
article that readers see only from its time, and its taking down.

Screenshots at 1366 and 360 px are written to test-artifacts/workflow/ for a person to look at.
"""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from frontcms.publishing import Status
from news.models import Article
from tests.factories import CategoryFactory, StaffAssignmentFactory, WardFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mat-khau-thu-123"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "workflow"
EDITOR_READY = (
    "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
)
TITLE = "Ra quân tổng vệ sinh môi trường tại khu dân cư số 3 phường Khương Đình"
REASON = "Bài cần ghi rõ số người tham gia và tên đơn vị phối hợp. Bổ sung rồi gửi duyệt lại."


def log_in(page, user, next_url="/quan-tri/"):
    page.context.clear_cookies()
    page.goto(f"/quan-tri/login/?next={next_url}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"**{next_url}")


def shoot(page, name, element=None):
    """Screenshots at 1366 and 360 px wide; on the phone the page must not scroll sideways."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 900), (360, 780)):
        page.set_viewport_size({"width": width, "height": height})
        if element is not None:
            page.locator(element).first.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"))
        else:
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        if width == 360:
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{name}: the page is {overflow}px wider than a 360 px phone"
    page.set_viewport_size({"width": 1366, "height": 900})


def accessibility_problems(page) -> list[str]:
    """Serious and critical axe-core findings on the page (axe-playwright-python, offline)."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v.get("impact") in {"serious", "critical"}
    ]


def expect_404(page, url):
    """The page answers 404 to a reader; the browser's note about it is expected, not a fault."""
    assert page.goto(url).status == 404
    errors = page.problems.console_errors
    errors[:] = [e for e in errors if "status of 404" not in e]


def dashboard_panel(page, title):
    return page.locator(".workdesk-panel", has=page.get_by_role("heading", name=title))


def test_contributor_and_editor_take_an_article_from_draft_to_scheduled_and_down(
    browser_page, contributor_user, editor_user
):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    ward = WardFactory(name="Ủy ban MTTQ Việt Nam phường Khương Đình")
    StaffAssignmentFactory(user=contributor_user, organization=ward)
    for user, address in ((contributor_user, "ctv@khuongdinh.vn"), (editor_user, "bientap@quan.vn")):
        user.email = address
        user.save()
    category = CategoryFactory(name="Tin phường")

    # --- The contributor writes the article in CKEditor and submits it. -----------------------------
    log_in(page, contributor_user, "/quan-tri/news/article/add/")
    page.wait_for_function(EDITOR_READY)
    assert page.locator("#id_status").count() == 0  # no status list any more
    steps = page.locator(".submit-row button[name=_workflow]").all_inner_texts()
    assert steps == ["Lưu nháp", "Gửi duyệt"]
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Hơn 120 đoàn viên, hội viên và nhân dân dọn vệ sinh ngõ xóm.")
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    page.keyboard.type("Sáng Chủ nhật, Ủy ban MTTQ phường phát động ra quân tổng vệ sinh môi trường.")
    page.select_option("#id_category", str(category.pk))
    page.locator("#id_organization").locator("xpath=..").locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("Khương Đình")
    page.locator(".select2-results__option", has_text="Khương Đình").click()
    shoot(page, "01-contributor-writes", ".submit-row")
    page.get_by_role("button", name="Gửi duyệt").click()
    page.wait_for_url("**/quan-tri/news/article/")
    assert "biên tập viên được báo qua thư điện tử" in page.locator(".messagelist").inner_text()
    article = Article.objects.get(title=TITLE)
    assert article.status == Status.PENDING
    assert [m.to for m in mail.outbox] == [["bientap@quan.vn"]]
    assert TITLE in mail.outbox[0].subject

    # --- The editor finds it on the dashboard and returns it with a reason. -------------------------
    log_in(page, editor_user)
    waiting = dashboard_panel(page, "Chờ tôi duyệt")
    assert waiting.locator(".workdesk-panel__count").inner_text() == "1"
    assert TITLE in waiting.inner_text()
    shoot(page, "02-editor-dashboard")
    assert not accessibility_problems(page)
    waiting.get_by_role("link", name=TITLE).click()
    page.wait_for_function(EDITOR_READY)
    steps = page.locator(".submit-row button[name=_workflow]").all_inner_texts()
    assert steps == ["Lưu", "Duyệt và đăng", "Trả lại"]
    page.get_by_role("button", name="Trả lại", exact=True).click()  # without a reason
    page.wait_for_load_state()
    assert "Hãy ghi lý do trả lại" in page.locator(".workflow-step--return").inner_text()
    page.wait_for_function(EDITOR_READY)
    page.get_by_label("Lý do trả lại").fill(REASON)
    shoot(page, "03-editor-returns", ".workflow-step--return")
    mail.outbox.clear()
    page.get_by_role("button", name="Trả lại", exact=True).click()
    page.wait_for_url("**/quan-tri/news/article/")
    article.refresh_from_db()
    assert article.status == Status.RETURNED
    assert [m.to for m in mail.outbox] == [["ctv@khuongdinh.vn"]] and REASON in mail.outbox[0].body

    # --- The contributor sees the reason, edits and submits again. ---------------------------------
    log_in(page, contributor_user)
    returned = dashboard_panel(page, "Bị trả lại cho tôi")
    assert REASON in returned.inner_text()
    shoot(page, "04-contributor-dashboard")
    assert not accessibility_problems(page)
    returned.get_by_role("link", name=TITLE).click()
    page.wait_for_function(EDITOR_READY)
    notice = page.locator("fieldset.workflow-returned")
    assert REASON in notice.inner_text()
    assert notice.bounding_box()["y"] < page.locator("#id_title").bounding_box()["y"]  # above the text
    shoot(page, "05-contributor-sees-reason", "fieldset.workflow-returned")
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Hơn 120 người tham gia, phối hợp với Đoàn Thanh niên phường.")
    page.get_by_role("button", name="Gửi duyệt lại").click()
    page.wait_for_url("**/quan-tri/news/article/")
    article.refresh_from_db()
    assert article.status == Status.PENDING and "Đoàn Thanh niên" in article.body

    # --- The editor approves it for tomorrow 08:00. ------------------------------------------------
    log_in(page, editor_user, f"/quan-tri/news/article/{article.pk}/change/")
    page.wait_for_function(EDITOR_READY)
    assert page.locator("fieldset.workflow-returned").count() == 0  # resubmitted: the notice is gone
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    moment = tomorrow.replace(hour=8, minute=0, second=0, microsecond=0)
    page.fill("#id_publish_at_0", moment.strftime("%d/%m/%Y"))
    page.fill("#id_publish_at_1", "08:00")
    shoot(page, "06-editor-approves-for-tomorrow", ".workflow-step--publish")
    page.get_by_role("button", name="Duyệt và đăng").click()
    page.wait_for_url("**/quan-tri/news/article/")
    label = f"Hẹn giờ đăng ({moment:%d/%m/%Y} 08:00)"
    assert label in page.locator("#result_list").inner_text()
    shoot(page, "07-list-shows-scheduled")
    article.refresh_from_db()
    assert article.is_scheduled and article.published_at == moment
    assert [m.to for m in mail.outbox][-1] == ["ctv@khuongdinh.vn"]
    page.goto("/quan-tri/")
    assert label in dashboard_panel(page, "Sắp đăng").inner_text()

    # --- Readers: nothing until the time, then the article; taken down, gone again. ----------------
    page.context.clear_cookies()
    expect_404(page, article.get_absolute_url())
    with time_machine.travel(moment + datetime.timedelta(minutes=1), tick=True):
        response = page.goto(article.get_absolute_url())
        assert response.status == 200
        assert page.get_by_role("heading", level=1).inner_text() == TITLE
        log_in(page, editor_user, f"/quan-tri/news/article/{article.pk}/change/")
        assert "Đã xuất bản" in page.locator(".field-workflow_state").inner_text()
        page.get_by_role("button", name="Gỡ xuống").click()
        page.wait_for_url("**/quan-tri/news/article/")
        page.context.clear_cookies()
        expect_404(page, article.get_absolute_url())
    article.refresh_from_db()
    assert article.status == Status.ARCHIVED
