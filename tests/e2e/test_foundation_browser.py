"""In a real browser: a reader opens the home page, follows the menu to a static page."""

import pytest

from frontcms.models import SiteSettings
from tests.factories import MenuItemFactory, PageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def about_page():
    SiteSettings(site_name="Ủy ban MTTQ Việt Nam quận Mẫu", address="Số 9 phố Khương Hạ").save()
    page = PageFactory(
        title="Giới thiệu",
        body="<p>Ủy ban Mặt trận Tổ quốc Việt Nam quận là tổ chức liên minh chính trị.</p>",
    )
    MenuItemFactory(title="Giới thiệu", page=page)
    return page


def test_reader_follows_menu_to_static_page(browser_page, about_page):
    page = browser_page
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "ỦY BAN MTTQ VIỆT NAM QUẬN MẪU" in page.locator(".brand__name").inner_text().upper()
    page.get_by_role("navigation", name="Menu chính").get_by_role("link", name="Giới thiệu").click()
    page.wait_for_url("**/gioi-thieu/")
    assert page.get_by_role("heading", level=1).inner_text() == "Giới thiệu"
    assert "liên minh chính trị" in page.locator("main").inner_text()
    assert "Số 9 phố Khương Hạ" in page.locator("footer").inner_text()


@pytest.mark.viewport(360, 800)
def test_phone_menu_button_opens_menu_without_horizontal_scroll(browser_page, about_page):
    page = browser_page
    page.goto("/")
    link = page.get_by_role("navigation", name="Menu chính").get_by_role("link", name="Giới thiệu")
    assert not link.is_visible()
    toggle = page.get_by_role("button", name="Danh mục")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert link.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_text_size_and_contrast_persist_across_pages(browser_page, about_page):
    page = browser_page
    page.goto("/")
    page.get_by_role("button", name="A+").click()
    page.get_by_role("button", name="Tương phản cao").click()
    page.goto(about_page.get_absolute_url())
    classes = page.locator("html").get_attribute("class")
    assert "font-step-1" in classes and "high-contrast" in classes


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(browser_page, about_page):
    page = browser_page
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Bỏ qua" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"
