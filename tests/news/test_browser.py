"""In a real browser: an editor writes and publishes an article with a cover; a reader finds it."""

import re

import pytest

from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_publishes_article_and_reader_finds_it_on_home_page(browser_page, editor_user, cover_file):
    category = CategoryFactory(name="Tin hoạt động")
    ArticleFactory(title="Tin cũ hơn", category=category)
    page = browser_page

    page.goto("/quan-tri/login/?next=/quan-tri/news/article/add/")
    page.fill("#id_username", editor_user.username)
    page.fill("#id_password", "Mat-khau-thu-123")
    page.click("input[type=submit]")
    page.wait_for_url("**/quan-tri/news/article/add/")

    page.fill("#id_title", "Ra mắt mô hình Khu dân cư tự quản phường Khương Mai")
    page.fill("#id_summary", "Mô hình giúp người dân cùng giữ gìn vệ sinh, an ninh trật tự trong ngõ phố.")
    page.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )
    page.evaluate(
        "CKEDITOR.instances.id_body.setData("
        "'<p>Sáng 20/5, Ủy ban MTTQ phường Khương Mai ra mắt mô hình tự quản ở khu dân cư số 3.</p>')"
    )
    page.set_input_files("#id_cover", str(cover_file))
    page.fill("#id_cover_caption", "Các đại biểu cắt băng ra mắt mô hình")
    page.select_option("#id_category", str(category.pk))
    page.get_by_role("button", name="Đăng", exact=True).click()
    page.wait_for_url("**/quan-tri/news/article/")
    assert page.locator(".messagelist .success").count() == 1

    article = Article.objects.get(title__startswith="Ra mắt mô hình")
    assert article.is_published and article.cover and "khu dân cư số 3" in article.body

    # A reader without an account.
    page.context.clear_cookies()
    page.goto("/")
    link = page.get_by_role("link", name="Ra mắt mô hình Khu dân cư tự quản phường Khương Mai").first
    link.click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Ra mắt mô hình Khu dân cư tự quản phường Khương Mai"
    )
    main = page.locator("main")
    assert "khu dân cư số 3" in main.inner_text()
    assert "Các đại biểu cắt băng ra mắt mô hình" in main.inner_text()
    cover = main.locator(".news-article__cover img")
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0")
    # Progressive enhancement: the copy-link and print buttons appear with JavaScript.
    assert page.get_by_role("button", name="In bài viết").is_visible()
    assert page.get_by_role("button", name="Chép liên kết").is_visible()


def test_article_prints_without_menus_sidebar_or_comments_and_with_its_address(browser_page):
    article = ArticleFactory(title="Tổng kết công tác Mặt trận năm", body="<p>Nội dung để in.</p>")
    page = browser_page
    page.goto(article.get_absolute_url())
    page.emulate_media(media="print")
    for selector in (".site-header", ".main-nav", ".sidebar", ".site-footer", ".news-share"):
        assert not page.locator(selector).first.is_visible(), selector
    for form in page.locator("main form").all():
        assert not form.is_visible()
    print_url = page.locator(".print-url")
    assert print_url.is_visible()
    assert article.get_absolute_url() in print_url.inner_text()
    assert page.locator("main h1").is_visible()


@pytest.mark.viewport(360, 800)
def test_news_list_and_article_fit_a_phone_screen(browser_page):
    category = CategoryFactory(name="Tin phường")
    for n in range(25):
        ArticleFactory(title=f"Ủy ban MTTQ phường Khương Trung họp giao ban tháng {n}", category=category)
    page = browser_page
    page.goto("/tin-tuc/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("link", name="2", exact=True).click()
    page.wait_for_url("**/tin-tuc/?trang=2")
    page.locator(".card__title a").first.click()
    # The article's own address (not the list's): evaluated mid-navigation, the page has no document.
    page.wait_for_url(re.compile(r"/tin-tuc/[^/?]+/$"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
