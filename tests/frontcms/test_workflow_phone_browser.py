"""On a 360 px phone and at 1366 px, with JavaScript on: an editor's step buttons, the publish-time
widget, the old-addresses inline and the list's bulk actions work without a JavaScript error (the
`browser_page` fixture fails on any), and the old address answers 301 afterwards."""

import datetime

import pytest
from django.utils import timezone

from frontcms.publishing import Status
from news.models import Article, LegacyPath
from tests.factories import ArticleFactory
from tests.frontcms.test_workflow_browser import EDITOR_READY, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1366])
def test_an_editor_reschedules_adds_an_old_address_takes_down_and_republishes(
    browser_page, editor_user, width
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 800})
    article = ArticleFactory(title="Hội nghị đối thoại năm 2019", status=Status.PUBLISHED)
    pending = ArticleFactory(title="Tin chờ duyệt ở phường", status=Status.PENDING)
    change = f"/quan-tri/news/article/{article.pk}/change/"
    log_in(page, editor_user, change)
    page.wait_for_function(EDITOR_READY)

    # An old address through the inline's "add" link (admin JavaScript), saved with "Lưu".
    page.locator("#legacy_paths-group .add-row a").click()
    page.locator("#id_legacy_paths-0-path").fill("/Default.aspx?tabid=57&ArticleID=123")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_url(f"**{change}")
    assert LegacyPath.objects.get(article=article).key == "/?articleid=123&tabid=57"

    # "Đổi giờ đăng" with a time picked through the date widget's "Hôm nay" link and typed hour.
    page.wait_for_function(EDITOR_READY)
    page.locator("#id_publish_at_0").locator("xpath=..").get_by_role("link", name="Hôm nay").click()
    page.locator("#id_publish_at_1").fill("23:59")
    page.get_by_role("button", name="Đổi giờ đăng").click()
    page.wait_for_url("**/quan-tri/news/article/")
    assert "sẽ tự đăng lúc" in page.locator(".messagelist").inner_text()
    article.refresh_from_db()
    local = timezone.localtime(article.published_at)
    assert (local.date(), local.time()) == (timezone.localdate(), datetime.time(23, 59))

    # "Gỡ xuống", then the list's bulk action publishes it and the pending one again.
    page.goto(change)
    page.wait_for_function(EDITOR_READY)
    page.get_by_role("button", name="Gỡ xuống").click()
    page.wait_for_url("**/quan-tri/news/article/")
    article.refresh_from_db()
    assert article.status == Status.ARCHIVED
    for obj in (article, pending):
        page.locator(f"input.action-select[value='{obj.pk}']").check()
    page.select_option("select[name=action]", "publish_selected")
    page.locator("button[name=index]").click()
    page.wait_for_load_state()
    assert "Đã xuất bản 2 mục." in page.locator(".messagelist").inner_text()
    assert set(Article.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1

    response = page.request.get("/Default.aspx?tabid=57&ArticleID=123", max_redirects=0)
    assert response.status == 301 and response.headers["location"] == f"/tin-tuc/{article.slug}/"
