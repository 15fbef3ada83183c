"""The admin in a real browser: Vietnamese calendar and clock, dd/mm/yyyy, readable lists.

Screenshots of the article list at 1366 and 360 px go to test-artifacts/screenshots/ for a person
to look at; the assertions check what they would look for.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from tests.e2e.admin_forms import EDITOR_READY
from tests.factories import ArticleFactory, CategoryFactory, WardFactory
from tests.frontcms.test_admin_vietnamese import problems_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PASSWORD = "Mat-khau-thu-123"


def open_article_list(page, user, screenshot: str) -> None:
    log_in(page, user, "/quan-tri/news/article/")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / screenshot), full_page=True)


def log_in(page, user, next_url: str) -> None:
    page.goto(f"/quan-tri/login/?next={next_url}")
    assert not problems_on("login", page.content())
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_url}")


@pytest.fixture
def articles():
    ward = WardFactory(name="Ủy ban MTTQ Việt Nam phường Khương Đình")
    category = CategoryFactory(name="Giám sát phản biện")
    for n in range(12):
        ArticleFactory(
            title=f"Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân phường Khương Đình lần {n}",
            organization=ward,
            category=category,
            is_featured=n % 3 == 0,
            published_at=timezone.now() - datetime.timedelta(days=n),
        )


def test_calendar_and_clock_speak_vietnamese_and_write_dd_mm_yyyy_and_24_hour_time(browser_page, editor_user):
    page = browser_page
    log_in(page, editor_user, "/quan-tri/news/article/add/")
    # After the scripts ran: the widgets they add, and the translations they load, are Vietnamese.
    assert not problems_on("article add form", page.content())

    date_input, time_input = page.locator("#id_publish_at_0"), page.locator("#id_publish_at_1")
    today = timezone.localdate()
    page.get_by_role("link", name="Hôm nay").first.click()
    assert date_input.input_value() == today.strftime("%d/%m/%Y")
    page.get_by_role("link", name="Bây giờ").first.click()
    assert len(time_input.input_value()) == 5 and time_input.input_value()[2] == ":"

    # What staff type is read back by the calendar: it opens on that month, in Vietnamese,
    # the week starting on Monday.
    date_input.fill("2/12/2026")
    page.locator("#calendarlink0").click()
    calendar = page.locator("#calendarbox0")
    assert calendar.locator("caption").text_content() == "Tháng Mười Hai 2026"  # shown in capitals
    assert calendar.locator("th").first.text_content() == "2"  # thứ hai
    calendar.get_by_role("link", name="24", exact=True).click()
    assert date_input.input_value() == "24/12/2026"

    page.locator("#clocklink0").click()
    page.locator("#clockbox0").get_by_role("link", name="Buổi trưa").click()
    assert time_input.input_value() == "12:00"
    page.locator("#clocklink0").click()
    page.locator("#clockbox0").get_by_role("link", name="6 giờ chiều").click()
    assert time_input.input_value() == "18:00"


@pytest.mark.viewport(1366, 768)
def test_article_list_at_1366_px_keeps_every_column_and_room_for_titles(browser_page, editor_user, articles):
    page = browser_page
    open_article_list(page, editor_user, "admin-article-list-1366.png")
    assert not problems_on("article list", page.content())
    assert page.locator("#nav-sidebar").is_visible(), "measured with the navigation sidebar open"

    results = page.locator("#changelist-form .results")
    overflow = results.evaluate("box => box.scrollWidth - box.clientWidth")
    assert overflow <= 1, f"the table is {overflow}px wider than its box: columns are cut off"
    title = page.locator("#result_list tbody td.field-title").first.bounding_box()
    assert title["width"] >= 300, f"titles get only {title['width']}px"
    lines = page.locator("#result_list tbody td.field-title a").first.evaluate(
        "a => Math.round(a.getBoundingClientRect().height / parseFloat(getComputedStyle(a).lineHeight))"
    )
    assert lines <= 3, f"a title of 16 words takes {lines} lines"
    featured = page.locator("#result_list thead th.column-is_featured").bounding_box()
    assert featured["x"] + featured["width"] <= 1366, "the last column is off screen"
    # The filters sit above the list, each list of choices in its own box.
    filters, table = page.locator("#changelist-filter").bounding_box(), results.bounding_box()
    assert filters["y"] + filters["height"] <= table["y"]
    # A short list shows every choice (the status filter's last is "Lưu trữ"); long ones scroll.
    for choices in page.locator("#changelist-filter details ul").all():
        if choices.locator("li").count() <= 8:
            hidden = choices.evaluate("ul => ul.scrollHeight - ul.clientHeight")
            assert hidden <= 1, f"{choices.inner_text()[:40]!r}: {hidden}px of choices hidden"
    assert page.get_by_text("Đã chọn 0/12").is_visible()


@pytest.mark.viewport(360, 780)
def test_article_list_stays_usable_on_a_phone(browser_page, editor_user, articles):
    page = browser_page
    open_article_list(page, editor_user, "admin-article-list-360.png")
    page_overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert page_overflow <= 1, "the page scrolls sideways; only the table may"
    title = page.locator("#result_list tbody td.field-title").first.bounding_box()
    assert title["x"] + min(title["width"], 150) <= 360, "the first title is not on screen"
    assert title["width"] >= 150
    assert page.get_by_role("button", name="Tìm kiếm").is_visible()


def test_the_editors_format_list_speaks_vietnamese(browser_page, editor_user):
    """CKEditor's own Vietnamese leaves the headings as "Heading 2"…"""
    page = browser_page
    log_in(page, editor_user, "/quan-tri/news/article/add/")
    page.wait_for_function(EDITOR_READY)
    page.locator(".cke_combo__format .cke_combo_button").click()
    panel = page.frame_locator("iframe.cke_panel_frame").first
    panel.locator(".cke_panel_listItem").first.wait_for()
    labels = [item.strip() for item in panel.locator(".cke_panel_listItem").all_inner_texts()]
    assert labels == ["Đoạn văn", "Tiêu đề mục", "Tiêu đề nhỏ", "Tiêu đề nhỏ hơn"], labels


def test_a_long_title_is_not_covered_by_the_forms_buttons(browser_page, editor_user):
    article = ArticleFactory(
        title="Hội nghị đối thoại giữa Ban Thường trực Ủy ban MTTQ Việt Nam phường Khương Đình với các "
        "Ban công tác Mặt trận khu dân cư về việc triển khai Quy chế dân chủ ở cơ sở"
    )
    page = browser_page
    log_in(page, editor_user, f"/quan-tri/news/article/{article.pk}/change/")
    title = page.locator("#content h2").first.bounding_box()
    tools = page.locator(".object-tools").first.bounding_box()
    assert tools["y"] >= title["y"] + title["height"], (title, tools)


def test_a_table_of_inline_rows_scrolls_in_its_box_not_the_page(browser_page, editor_user):
    """A person's posts (ten columns, three pickers) made the whole page 2,790 px wide at 1280."""
    from tests.factories import MembershipFactory

    membership = MembershipFactory()
    page = browser_page
    log_in(page, editor_user, f"/quan-tri/committees/person/{membership.person.pk}/change/")
    page.locator(".inline-group table").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    box = page.locator(".inline-group .tabular fieldset.module").first
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # the rest is a scroll away


@pytest.mark.parametrize("width", [1366, 390])
def test_a_read_only_body_stays_inside_the_page(chromium, live_server, contributor_user, width):
    """A contributor reading a published article of their ward sees its text and pictures whole:
    a wide picture or a long address used to widen the body past the screen, cut off."""
    from frontcms.publishing import Status
    from tests.factories import StaffAssignmentFactory

    ward = WardFactory()
    StaffAssignmentFactory(user=contributor_user, organization=ward)
    body = (
        '<figure class="image"><img src="/media/uploads/rong.jpg" alt="" width="1600" height="900">'
        "<figcaption>Ảnh rộng</figcaption></figure>"
        f"<p>Xem tại https://mattran.example.vn/{'tin-tuc-' * 40}.html để biết thêm.</p>"
    )
    article = ArticleFactory(organization=ward, status=Status.PUBLISHED, body=body)
    context = chromium.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        log_in(page, contributor_user, f"/quan-tri/news/article/{article.pk}/change/")
        shown = page.locator(".field-body .readonly")
        box = shown.bounding_box()
        assert box["x"] + box["width"] <= width, f"the body reaches {box['x'] + box['width']}px"
        assert shown.evaluate("el => el.scrollWidth - el.clientWidth") <= 1
        picture = shown.locator("img").bounding_box()
        assert picture["x"] + picture["width"] <= box["x"] + box["width"] + 1
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    finally:
        context.close()
