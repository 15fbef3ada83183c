"""In a real browser: a reader rates and comments, a moderator approves, the reader sees it."""

import pytest
from django.urls import reverse

from frontcms.engagement.models import Comment, CommentStatus, Rating
from tests.engagement.conftest import ct_args
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_rates_and_comments_moderator_approves(browser_page, chromium, live_server, admin_user):
    article = ArticleFactory(title="Hội nghị đối thoại với nhân dân phường Thanh Bình")
    page = browser_page
    page.goto(article.get_absolute_url())
    assert "Chưa có lượt đánh giá nào." in page.locator("#danh-gia").inner_text()

    # rate: a click on the fourth star submits at once (JS); the block is replaced in place with
    # the result, the reader stays on the article where they were, the notice gets the focus
    page.locator("label[for=danh-gia-4]").click()
    notice = page.locator("#danh-gia .notice")
    notice.wait_for()
    rating = page.locator("#danh-gia").inner_text()
    assert "Cảm ơn bạn đã đánh giá." in rating and "Trung bình 4/5 (1 lượt đánh giá)" in rating
    assert page.url.endswith(article.get_absolute_url())  # no reload, no ?danh-gia=…
    assert notice.evaluate("element => element === document.activeElement")
    assert Rating.objects.get().score == 4
    # the new block works too: a second rating from the same reader is refused, in place
    page.locator("label[for=danh-gia-1]").click()
    page.get_by_text("Bạn đã đánh giá nội dung này rồi.").wait_for()
    assert Rating.objects.get().score == 4

    # comment on its own page, with the captcha
    page.get_by_role("link", name="Gửi ý kiến của bạn").click()
    page.get_by_label("Họ tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("Nội dung").fill("Mong phường tổ chức đối thoại thường xuyên hơn.\nXin cảm ơn.")
    page.get_by_label("Mã xác thực").fill("PASSED")
    page.get_by_role("button", name="Gửi ý kiến").click()
    assert "Ý kiến của bạn đang chờ kiểm duyệt" in page.locator("main").inner_text()
    assert Comment.objects.get().status == CommentStatus.PENDING

    # a moderator approves it in the admin
    staff = chromium.new_context(base_url=live_server.url, locale="vi-VN")
    admin = staff.new_page()
    admin.goto("/quan-tri/login/")
    admin.locator("#id_username").fill(admin_user.username)
    admin.locator("#id_password").fill("Mat-khau-thu-123")
    admin.locator("input[type=submit], button[type=submit]").first.click()
    admin.goto("/quan-tri/engagement/comment/?status__exact=pending")
    admin.locator("input.action-select").first.check()
    admin.locator("select[name=action]").select_option("mark_approved")
    admin.locator("button[name=index]").click()
    admin.wait_for_load_state()
    assert "Đã cập nhật 1 ý kiến." in admin.locator("body").inner_text()
    staff.close()

    # the reader sees the approved comment under the article (the cached page was refreshed)
    page.goto(article.get_absolute_url())
    comments = page.locator("#y-kien").inner_text()
    assert "Nguyễn Thị Hoa" in comments and "Mong phường tổ chức đối thoại thường xuyên hơn." in comments
    assert "Ý kiến bạn đọc (1)" in page.locator("#y-kien-tieu-de").text_content()


def test_without_javascript_a_rating_reloads_the_page_with_the_result(chromium, live_server):
    """The rating form is a plain form: with JavaScript off it posts, and the article comes back
    with the figures and the notice."""
    article = ArticleFactory(title="Tập huấn nghiệp vụ công tác Mặt trận năm 2026")
    context = chromium.new_context(base_url=live_server.url, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    page.goto(article.get_absolute_url())
    page.locator("label[for=danh-gia-5]").click()  # chooses the star; without JS nothing is sent yet
    assert "danh-gia" not in page.url and page.locator("#danh-gia-5").is_checked()
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_url("**danh-gia=cam-on**")
    rating = page.locator("#danh-gia").inner_text()
    assert "Cảm ơn bạn đã đánh giá." in rating and "Trung bình 5/5 (1 lượt đánh giá)" in rating
    context.close()


def _rating_page(chromium, live_server, article, background):
    """A page of `article` whose background rating requests go to `background(route)` (the form
    posted as without JavaScript goes straight to the server), and the URLs of its POSTs."""
    context = chromium.new_context(base_url=live_server.url, locale="vi-VN")
    page = context.new_page()
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)

    def route(route_obj):
        if route_obj.request.headers.get("x-requested-with") == "XMLHttpRequest":
            background(route_obj)
        else:
            route_obj.continue_()

    page.route(live_server.url + reverse("engagement:rate", args=ct_args(article)), route)
    page.goto(article.get_absolute_url())
    return page, posts


def test_a_rating_answered_without_its_block_is_not_posted_again(chromium, live_server):
    """The server stored the rating but its answer has no block to show (a proxy's error page, say):
    the article is loaded again with its new figures, and the reader is not told that they had
    already rated, which a second post would say."""
    article = ArticleFactory(title="Hội nghị tổng kết công tác Mặt trận năm 2025")

    def stored_but_lost(route):
        route.fulfill(response=route.fetch(), body="<p>Máy chủ đang bận.</p>")

    page, posts = _rating_page(chromium, live_server, article, stored_but_lost)
    page.locator("label[for=danh-gia-4]").click()
    page.get_by_text("Trung bình 4/5 (1 lượt đánh giá)").wait_for()
    assert "Bạn đã đánh giá nội dung này rồi." not in page.locator("#danh-gia").inner_text()
    assert len(posts) == 1 and Rating.objects.get().score == 4
    page.context.close()


def test_a_rating_that_never_reached_the_server_is_posted_as_without_javascript(chromium, live_server):
    """The background request failed before any answer (the network): the form is submitted as
    without JavaScript, and the article comes back with the figures and the notice."""
    article = ArticleFactory(title="Lấy ý kiến nhân dân về chỉnh trang đô thị")
    page, posts = _rating_page(chromium, live_server, article, lambda route: route.abort("connectionfailed"))
    page.locator("label[for=danh-gia-4]").click()
    page.wait_for_url("**danh-gia=cam-on**")
    rating = page.locator("#danh-gia").inner_text()
    assert "Cảm ơn bạn đã đánh giá." in rating and "Trung bình 4/5 (1 lượt đánh giá)" in rating
    assert len(posts) == 2 and Rating.objects.get().score == 4  # the aborted one stored nothing
    page.context.close()


def test_a_rating_answered_with_an_error_is_posted_as_without_javascript(chromium, live_server):
    """An error answer (a proxy's 503, say) stored nothing: the form is submitted as without
    JavaScript, and the page says what happened."""
    article = ArticleFactory(title="Tập huấn nghiệp vụ công tác Mặt trận cơ sở")
    page, posts = _rating_page(
        chromium, live_server, article, lambda route: route.fulfill(status=503, body="Máy chủ đang bận.")
    )
    page.locator("label[for=danh-gia-3]").click()
    page.wait_for_url("**danh-gia=cam-on**")
    assert "Cảm ơn bạn đã đánh giá." in page.locator("#danh-gia").inner_text()
    assert len(posts) == 2 and Rating.objects.get().score == 3
    page.context.close()


def test_a_lost_answer_on_a_page_with_an_older_notice_drops_that_notice(chromium, live_server):
    """The page came with `?danh-gia=…` from an earlier rating without JavaScript: when the answer
    to the next one cannot be used, the page is loaded again without that notice."""
    article = ArticleFactory(title="Hội nghị đại biểu nhân dân khu dân cư số 3")
    page, posts = _rating_page(
        chromium,
        live_server,
        article,
        lambda route: route.fulfill(response=route.fetch(), body="<p>Máy chủ đang bận.</p>"),
    )
    page.goto(article.get_absolute_url() + "?danh-gia=qua-nhieu")
    page.locator("label[for=danh-gia-2]").click()
    page.wait_for_url(lambda url: "danh-gia=" not in url)
    page.get_by_text("Trung bình 2/5 (1 lượt đánh giá)").wait_for()
    assert page.locator("#danh-gia .notice").count() == 0
    assert len(posts) == 1
    page.context.close()
