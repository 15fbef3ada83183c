"""No stale page survives a change, for anonymous readers served through the page cache.

Every test runs twice: with local memory (the default) and with Django's Redis backend against a
real `redis-server` started for the session. Each one first proves the page is served from the
cache (`X-Page-Cache: hit`), then makes one kind of change and checks the next response.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from frontcms.engagement.models import CommentStatus
from frontcms.models import MenuItem, SiteSettings
from frontcms.publishing import Status
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    EventFactory,
    PageFactory,
)

pytestmark = pytest.mark.django_db

NEWS = "/tin-tuc/"


def cached_html(client, url: str) -> str:
    """The page as an anonymous reader gets it, after making sure it sits in the page cache."""
    first = client.get(url)
    assert first.status_code == 200, url
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit", url
    return second.content.decode()


def fresh_html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_publishing_an_article_shows_it_at_once(cache_backend, client):
    ArticleFactory(title="Tin cũ về Ban Thường trực")
    draft = ArticleFactory(title="Hội nghị hiệp thương vừa xuất bản", status=Status.DRAFT)
    assert "Hội nghị hiệp thương vừa xuất bản" not in cached_html(client, NEWS)
    assert "Hội nghị hiệp thương vừa xuất bản" not in cached_html(client, "/")
    draft.status = Status.PUBLISHED
    draft.save()
    assert "Hội nghị hiệp thương vừa xuất bản" in fresh_html(client, NEWS)
    assert "Hội nghị hiệp thương vừa xuất bản" in fresh_html(client, "/")
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_editing_an_article_refreshes_its_page_and_lists(cache_backend, client):
    article = ArticleFactory(title="Tập huấn nghiệp vụ bản cũ", body="<p>Đoạn văn bản cũ.</p>")
    url = article.get_absolute_url()
    assert "Đoạn văn bản cũ." in cached_html(client, url)
    assert "Tập huấn nghiệp vụ bản cũ" in cached_html(client, NEWS)
    article.title = "Tập huấn nghiệp vụ bản mới"
    article.body = "<p>Đoạn văn bản mới.</p>"
    article.save()
    html = fresh_html(client, url)
    assert "Đoạn văn bản mới." in html and "Đoạn văn bản cũ." not in html
    html = fresh_html(client, NEWS)
    assert "Tập huấn nghiệp vụ bản mới" in html and "Tập huấn nghiệp vụ bản cũ" not in html


def test_unpublishing_an_article_removes_it_everywhere(cache_backend, client):
    article = ArticleFactory(title="Tin sẽ bị gỡ xuống")
    url = article.get_absolute_url()
    cached_html(client, url)
    assert "Tin sẽ bị gỡ xuống" in cached_html(client, NEWS)
    assert "Tin sẽ bị gỡ xuống" in cached_html(client, "/")
    article.status = Status.ARCHIVED
    article.save()
    assert client.get(url).status_code == 404
    assert "Tin sẽ bị gỡ xuống" not in fresh_html(client, NEWS)
    assert "Tin sẽ bị gỡ xuống" not in fresh_html(client, "/")


def test_a_scheduled_article_appears_by_itself_at_its_time(cache_backend, client):
    now = timezone.now()
    ArticleFactory(title="Tin đã đăng từ trước")
    scheduled = ArticleFactory(
        title="Tin hẹn giờ đăng lúc chín giờ", published_at=now + datetime.timedelta(hours=1)
    )
    with time_machine.travel(now, tick=False):
        assert "Tin hẹn giờ đăng lúc chín giờ" not in cached_html(client, NEWS)
        assert "Tin hẹn giờ đăng lúc chín giờ" not in cached_html(client, "/")
        assert client.get(scheduled.get_absolute_url()).status_code == 404
    # Nothing is saved in between: only the clock moves past the publish time.
    with time_machine.travel(now + datetime.timedelta(hours=1, minutes=1), tick=False):
        assert "Tin hẹn giờ đăng lúc chín giờ" in fresh_html(client, NEWS)
        assert "Tin hẹn giờ đăng lúc chín giờ" in fresh_html(client, "/")
        assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_menu_changes_show_on_every_cached_page(cache_backend, client):
    page = PageFactory(title="Giới thiệu")
    item = MenuItem.objects.create(title="Mục cũ của menu", page=page)
    article = ArticleFactory()
    for url in ("/", NEWS, article.get_absolute_url()):
        assert "Mục cũ của menu" in cached_html(client, url)
    item.title = "Mục mới của menu"
    item.save()
    for url in ("/", NEWS, article.get_absolute_url()):
        html = fresh_html(client, url)
        assert "Mục mới của menu" in html and "Mục cũ của menu" not in html


def test_site_settings_changes_show_on_every_cached_page(cache_backend, client):
    article = ArticleFactory()
    for url in ("/", NEWS, article.get_absolute_url()):
        cached_html(client, url)
    settings_row = SiteSettings.objects.first() or SiteSettings()
    settings_row.site_name = "Cổng thông tin đã đổi tên"
    settings_row.save()
    for url in ("/", NEWS, article.get_absolute_url()):
        assert "Cổng thông tin đã đổi tên" in fresh_html(client, url)


def test_an_approved_comment_changes_the_count(cache_backend, client):
    article = ArticleFactory(title="Bài có ý kiến bạn đọc")
    CommentFactory(content_object=article, text="Ý kiến thứ nhất đã duyệt.")
    pending = CommentFactory(
        content_object=article, text="Ý kiến thứ hai chờ duyệt.", status=CommentStatus.PENDING
    )
    url = article.get_absolute_url()
    html = cached_html(client, url)
    assert "Ý kiến bạn đọc (1)" in html and "Ý kiến thứ hai chờ duyệt." not in html
    pending.status = CommentStatus.APPROVED
    pending.save()
    html = fresh_html(client, url)
    assert "Ý kiến bạn đọc (2)" in html and "Ý kiến thứ hai chờ duyệt." in html


def test_an_event_change_refreshes_its_page_the_list_and_the_home_page(cache_backend, client):
    event = EventFactory(title="Hội nghị đối thoại tại nhà văn hóa", venue="Nhà văn hóa khu dân cư số 3")
    url = event.get_absolute_url()
    assert "Nhà văn hóa khu dân cư số 3" in cached_html(client, url)
    assert "Hội nghị đối thoại tại nhà văn hóa" in cached_html(client, reverse("events:list"))
    assert "Hội nghị đối thoại tại nhà văn hóa" in cached_html(client, "/")
    event.title = "Hội nghị đối thoại chuyển sang hội trường"
    event.venue = "Hội trường Ủy ban nhân dân quận"
    event.save()
    assert "Hội trường Ủy ban nhân dân quận" in fresh_html(client, url)
    for list_url in (reverse("events:list"), "/"):
        html = fresh_html(client, list_url)
        assert "Hội nghị đối thoại chuyển sang hội trường" in html
        assert "Hội nghị đối thoại tại nhà văn hóa" not in html


def test_logged_in_staff_always_see_fresh_pages(cache_backend, client, editor_user):
    from news.models import Article

    article = ArticleFactory(title="Tiêu đề trước khi sửa")
    url = article.get_absolute_url()
    assert "Tiêu đề trước khi sửa" in cached_html(client, url)
    # A change that bypasses every signal: anonymous readers keep the cached copy for now, but
    # staff must never be served from the page cache.
    Article.objects.filter(pk=article.pk).update(title="Tiêu đề sau khi sửa")
    assert "Tiêu đề trước khi sửa" in client.get(url).content.decode()
    client.force_login(editor_user)
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
        assert "Tiêu đề sau khi sửa" in response.content.decode()


def test_a_response_that_sets_a_cookie_on_the_way_out_is_never_stored(cache_backend, client, monkeypatch):
    """Middleware between the two halves of the page cache (sessions, messages) may add a cookie
    after the inner half has judged the page cacheable: the outer half must not store it."""
    from django.contrib.sessions.middleware import SessionMiddleware

    original = SessionMiddleware.process_response

    def set_cookie(self, request, response):
        response = original(self, request, response)
        response.set_cookie("sessionid", "khach-a")
        return response

    monkeypatch.setattr(SessionMiddleware, "process_response", set_cookie)
    article = ArticleFactory()
    first = client.get(article.get_absolute_url())
    assert first.cookies["sessionid"].value == "khach-a"
    client.cookies.clear()
    second = client.get(article.get_absolute_url())
    assert second.get("X-Page-Cache") != "hit"


def test_a_cached_hit_answers_304_to_a_browser_that_has_it(cache_backend, client):
    article = ArticleFactory()
    url = article.get_absolute_url()
    client.get(url)
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit"
    assert client.get(url, HTTP_IF_NONE_MATCH=hit["ETag"]).status_code == 304


def test_cached_home_fragments_never_show_staff_a_stale_home(cache_backend, client, editor_user):
    """Home blocks are kept in the cache, as HTML, for everyone (staff included); a publish or a
    scheduled time passing still shows at once."""
    from django.core.cache import cache
    from django.test import Client

    from frontcms.cache import kept_key

    reader = Client()
    client.force_login(editor_user)
    now = timezone.now()
    ArticleFactory(title="Tin nền của trang chủ")
    ArticleFactory(title="Tin hẹn giờ cho biên tập viên", published_at=now + datetime.timedelta(hours=2))
    with time_machine.travel(now, tick=False):
        cached_html(reader, "/")  # an anonymous visit works out the next time-driven change
        assert "Tin nền của trang chủ" in fresh_html(client, "/")
        assert cache.get(kept_key("block:news_featured")) is not None
        ArticleFactory(title="Tin mới đăng cho biên tập viên")
        assert "Tin mới đăng cho biên tập viên" in fresh_html(client, "/")
        cached_html(reader, "/")
        html = fresh_html(client, "/")  # served with the fragments of the new version
        assert "Tin mới đăng cho biên tập viên" in html and "Tin hẹn giờ cho biên tập viên" not in html
        assert cache.get(kept_key("block:news_featured")) is not None
    with time_machine.travel(now + datetime.timedelta(hours=2, minutes=1), tick=False):
        assert "Tin hẹn giờ cho biên tập viên" in fresh_html(client, "/")


# --- list totals (frontcms.pagination.PaginationMixin, a kept value) --------------------------------
def total_without_page_cache(client, url: str) -> int:
    """The list's total as a reader with a session gets it: no page cache, cached fragments."""
    client.cookies["sessionid"] = "no-page-cache"
    return client.get(url).context["paginator"].count


@pytest.mark.parametrize("url", [NEWS, "/tin-tuc/the/hoi-nghi/", "/su-kien/"])
def test_list_totals_are_cached_and_counted_afresh_after_a_change(cache_backend, client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_one():
        ArticleFactory(tags=["hội nghị"])
        EventFactory()

    add_one()
    assert total_without_page_cache(client, url) == 1
    with CaptureQueriesContext(connection) as counted:
        assert total_without_page_cache(client, url) == 1
    assert not any("COUNT(" in q["sql"] for q in counted.captured_queries)
    add_one()
    assert total_without_page_cache(client, url) == 2


def test_a_scheduled_article_is_counted_by_itself_at_its_time(cache_backend, client):
    now = timezone.now()
    ArticleFactory()
    ArticleFactory(published_at=now + datetime.timedelta(hours=1))
    with time_machine.travel(now, tick=False):
        assert total_without_page_cache(client, NEWS) == 1
        assert total_without_page_cache(client, NEWS) == 1
    with time_machine.travel(now + datetime.timedelta(hours=1, minutes=1), tick=False):
        assert total_without_page_cache(client, NEWS) == 2


def test_staff_totals_are_always_counted(editor_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ArticleFactory()
    editor_client.get(NEWS)
    with CaptureQueriesContext(connection) as counted:
        assert editor_client.get(NEWS).context["paginator"].count == 1
    assert any("COUNT(" in q["sql"] for q in counted.captured_queries)


# --- home blocks kept as HTML (frontcms.home) -------------------------------------------------------
def html_without_page_cache(client, url: str) -> str:
    client.cookies["sessionid"] = "no-page-cache"
    response = client.get(url)
    assert "X-Page-Cache" not in response
    return response.content.decode()


def test_block_html_kept_for_session_visitors_follows_every_change(cache_backend, client):
    now = timezone.now()
    ArticleFactory(title="Tin cũ trên trang chủ", is_featured=True)
    scheduled = ArticleFactory(
        title="Tin hẹn giờ trên trang chủ", published_at=now + datetime.timedelta(hours=1)
    )
    with time_machine.travel(now, tick=False):
        assert "Tin cũ trên trang chủ" in html_without_page_cache(client, "/")
        assert "Tin hẹn giờ trên trang chủ" not in html_without_page_cache(client, "/")
    with time_machine.travel(now + datetime.timedelta(hours=1, minutes=1), tick=False):
        assert "Tin hẹn giờ trên trang chủ" in html_without_page_cache(client, "/")
        scheduled.title = "Tin hẹn giờ, đã sửa tiêu đề"
        scheduled.save()
        assert "Tin hẹn giờ, đã sửa tiêu đề" in html_without_page_cache(client, "/")
        EventFactory(title="Hội nghị mới lên lịch", starts_at=now + datetime.timedelta(days=2))
        assert "Hội nghị mới lên lịch" in html_without_page_cache(client, "/")


def test_scheduled_documents_and_reports_appear_by_themselves(cache_backend, client):
    from tests.factories import DocumentFactory, EventReportFactory

    now = timezone.now()
    DocumentFactory(title="Kế hoạch đã ban hành")
    DocumentFactory(title="Thông báo hẹn giờ đăng", published_at=now + datetime.timedelta(minutes=2))
    event = EventFactory(title="Hội nghị có báo cáo hẹn giờ", starts_at=now - datetime.timedelta(days=1))
    EventReportFactory(
        event=event, body="<p>Báo cáo hẹn giờ đăng.</p>", published_at=now + datetime.timedelta(minutes=2)
    )
    with time_machine.travel(now, tick=False):
        assert "Thông báo hẹn giờ đăng" not in cached_html(client, "/van-ban/")
        assert "Báo cáo hẹn giờ đăng" not in cached_html(client, event.get_absolute_url())
        assert total_without_page_cache(client, "/van-ban/") == 1
    # Well within the cache lifetime (PAGE_CACHE_SECONDS): only the time-driven change expires them.
    with time_machine.travel(now + datetime.timedelta(minutes=3), tick=False):
        del client.cookies["sessionid"]
        assert "Thông báo hẹn giờ đăng" in fresh_html(client, "/van-ban/")
        assert "Báo cáo hẹn giờ đăng" in fresh_html(client, event.get_absolute_url())
        assert total_without_page_cache(client, "/van-ban/") == 2


def test_organisation_body_kept_for_session_visitors_follows_changes_and_midnight(cache_backend, client):
    from datetime import datetime, time, timedelta

    from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory

    org = OrganizationFactory(name="Ủy ban MTTQ phường Thượng Đình")
    MembershipFactory(organization=org, person=PersonFactory(full_name="Trần Thị Hiện Tại"))
    tomorrow = timezone.localdate() + timedelta(days=1)
    url = org.get_absolute_url()
    # Late evening: the membership starting tomorrow is not shown yet.
    evening = timezone.make_aware(datetime.combine(timezone.localdate(), time(23, 50)))
    MembershipFactory(
        organization=org, person=PersonFactory(full_name="Lê Văn Ngày Mai"), start_date=tomorrow
    )
    with time_machine.travel(evening, tick=False):
        html = html_without_page_cache(client, url)
        assert "Trần Thị Hiện Tại" in html and "Lê Văn Ngày Mai" not in html
        assert "Lê Văn Ngày Mai" not in html_without_page_cache(client, url)
        MembershipFactory(organization=org, person=PersonFactory(full_name="Phạm Văn Vừa Thêm"))
        assert "Phạm Văn Vừa Thêm" in html_without_page_cache(client, url)
    # Past midnight, nothing saved: the new membership has begun.
    with time_machine.travel(evening + timedelta(minutes=15), tick=False):
        assert "Lê Văn Ngày Mai" in html_without_page_cache(client, url)


def test_article_body_kept_for_session_visitors_follows_edits_ratings_and_comments(cache_backend, client):
    from django.contrib.contenttypes.models import ContentType

    from frontcms.engagement.models import Rating

    article = ArticleFactory(title="Hội nghị đối thoại với nhân dân", body="<p>Nội dung ban đầu.</p>")
    url = article.get_absolute_url()
    assert "Nội dung ban đầu." in html_without_page_cache(client, url)
    article.body = "<p>Nội dung đã sửa.</p>"
    article.save()
    assert "Nội dung đã sửa." in html_without_page_cache(client, url)
    Rating.objects.create(
        content_type=ContentType.objects.get_for_model(article), object_id=article.pk, score=4, voter_hash="a"
    )
    assert "Trung bình 4/5 (1 lượt đánh giá)" in html_without_page_cache(client, url)
    CommentFactory(content_object=article, text="Ý kiến đã duyệt của bạn đọc", status=CommentStatus.APPROVED)
    assert "Ý kiến đã duyệt của bạn đọc" in html_without_page_cache(client, url)
    # A one-off notice after rating is rendered for that visit only.
    assert "Cảm ơn bạn đã đánh giá." in html_without_page_cache(client, url + "?danh-gia=cam-on")
    assert "Cảm ơn bạn đã đánh giá." not in html_without_page_cache(client, url)


def test_kept_article_head_and_trail_follow_their_category_and_the_site_name(cache_backend, client):
    from tests.factories import CategoryFactory

    category = CategoryFactory(name="Hoạt động Mặt trận")
    article = ArticleFactory(title="Hội nghị tổng kết công tác Mặt trận", category=category)
    url = article.get_absolute_url()
    html = html_without_page_cache(client, url)
    assert ">Hoạt động Mặt trận</a></li>" in html and "| Ủy ban MTTQ quận Thử nghiệm</title>" not in html
    category.name = "Công tác Mặt trận khu dân cư"
    category.save()
    settings_row = SiteSettings.load()
    settings_row.site_name = "Ủy ban MTTQ quận Thử nghiệm"
    settings_row.save()
    html = html_without_page_cache(client, url)
    assert ">Công tác Mặt trận khu dân cư</a></li>" in html and ">Hoạt động Mặt trận</a></li>" not in html
    assert "<title>Hội nghị tổng kết công tác Mặt trận | Ủy ban MTTQ quận Thử nghiệm</title>" in html
    assert '<meta property="og:site_name" content="Ủy ban MTTQ quận Thử nghiệm">' in html


def test_site_settings_saved_in_a_transaction_are_not_kept_stale_by_an_early_reader(
    cache_backend, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        row = SiteSettings.load()
        row.site_name = "Tên cổng sau khi sửa"
        row.save()
        # Another reader, between the save and the commit, still sees the old row and keeps it.
        SiteSettings.objects.filter(pk=1).update(site_name="Tên cổng trước khi sửa")
        assert SiteSettings.load().site_name == "Tên cổng trước khi sửa"
        SiteSettings.objects.filter(pk=1).update(site_name="Tên cổng sau khi sửa")
    assert SiteSettings.load().site_name == "Tên cổng sau khi sửa"


def test_article_kept_for_session_visitors_follows_publishing_and_schedules(cache_backend, client):
    now = timezone.now()
    article = ArticleFactory(title="Hội nghị hiệp thương lần thứ nhất")
    scheduled = ArticleFactory(
        title="Tin hẹn giờ cho bạn đọc có phiên", published_at=now + datetime.timedelta(hours=1)
    )
    url = article.get_absolute_url()
    with time_machine.travel(now, tick=False):
        assert "<title>Hội nghị hiệp thương lần thứ nhất" in html_without_page_cache(client, url)
        article.title = "Hội nghị hiệp thương lần thứ hai"
        article.save()
        assert "<title>Hội nghị hiệp thương lần thứ hai" in html_without_page_cache(client, url)
        article.status = Status.DRAFT
        article.save()
        assert client.get(url).status_code == 404
        article.status = Status.PUBLISHED
        article.save()
        assert client.get(url).status_code == 200
        assert client.get(scheduled.get_absolute_url()).status_code == 404
    # Nothing saved: the scheduled article goes live by itself.
    with time_machine.travel(now + datetime.timedelta(hours=1, minutes=1), tick=False):
        assert "Tin hẹn giờ cho bạn đọc có phiên" in html_without_page_cache(
            client, scheduled.get_absolute_url()
        )


def test_kept_header_marks_the_current_menu_page_and_turns_at_midnight(cache_backend, client):
    from tests.factories import MenuItemFactory

    about = MenuItemFactory(title="Giới thiệu chung", page=PageFactory(title="Giới thiệu chung")).get_url()
    article_url = ArticleFactory(title="Tin trong ngày").get_absolute_url()
    current = 'aria-current="page"'
    evening = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(23, 55)))
    with time_machine.travel(evening, tick=False):
        html = html_without_page_cache(client, about)
        assert f'href="{about}" {current}' in html and f'href="/" {current}' not in html
        assert f'href="/" {current}' in html_without_page_cache(client, "/")
        html = html_without_page_cache(client, article_url)
        assert current not in html.split("</header>")[0]
        today = html.split('<time datetime="')[1][:10]
        assert today == timezone.localdate().isoformat()
    with time_machine.travel(evening + datetime.timedelta(minutes=10), tick=False):
        html = html_without_page_cache(client, article_url)
        assert html.split('<time datetime="')[1][:10] == timezone.localdate().isoformat() != today
        # The search page writes its own header, with the query in the search box.
        html = html_without_page_cache(client, reverse("frontcms:search") + "?q=hiệp+thương")
        assert 'name="q" value="hiệp thương"' in html.split("</header>")[0]


def test_a_computation_sees_its_own_saves_and_keeps_nothing_that_changed_during_it(cache_backend):
    """Replaces the content version's "read once per request" test: the same guarantees for tags.
    A save made while a value is computed (by this request or another server) leaves nothing
    kept under the old data, and a value kept before a save is computed afresh after it."""
    from frontcms.cache import invalidate, kept
    from news.models import Article

    article = ArticleFactory(title="Tiêu đề ban đầu")
    tag = f"news.article:{article.pk}"

    def title() -> str:
        return kept("test:title", lambda: Article.objects.get(pk=article.pk).title, tags=[tag])

    assert title() == "Tiêu đề ban đầu"
    article.title = "Tiêu đề sau khi lưu"
    article.save()  # its own save shows at once
    assert title() == "Tiêu đề sau khi lưu"

    def computed_while_another_server_saves():
        invalidate(tag)  # another server's save lands while this value is being computed
        return "đọc trước khi lưu"

    assert kept("test:during", computed_while_another_server_saves, tags=[tag]) == "đọc trước khi lưu"
    assert kept("test:during", lambda: "đọc lại", tags=[tag]) == "đọc lại"  # never kept stale


def test_kept_sidebar_follows_new_links_and_a_poll_closing_by_itself(cache_backend, client):
    from tests.factories import PollFactory, QuickLinkFactory

    now = timezone.now()
    PollFactory(question="Bạn đọc tin trên thiết bị nào?", closes_at=now + datetime.timedelta(hours=2))
    with time_machine.travel(now, tick=False):
        html = html_without_page_cache(client, NEWS)
        assert "Bạn đọc tin trên thiết bị nào?" in html and "Báo Đại Đoàn Kết" not in html
        QuickLinkFactory(title="Báo Đại Đoàn Kết", url="https://daidoanket.vn/")
        assert "Báo Đại Đoàn Kết" in html_without_page_cache(client, NEWS)
    # Nothing saved: the poll closes at its time and leaves the sidebar.
    with time_machine.travel(now + datetime.timedelta(hours=2, minutes=1), tick=False):
        html = html_without_page_cache(client, NEWS)
        assert "Bạn đọc tin trên thiết bị nào?" not in html and "Báo Đại Đoàn Kết" in html


def test_tags_move_again_when_the_saving_transaction_commits(
    cache_backend, django_capture_on_commit_callbacks
):
    """Replaces the content version's commit test: a reader between the save and the commit reads
    the old rows after the first move; the move at commit leaves whatever it kept behind. The
    tags of one transaction move once at its commit, however many rows it saved."""
    from django.db import transaction

    from frontcms.cache import clock, kept

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        ArticleFactory(title="Bài thứ nhất trong một lần lưu")
        ArticleFactory(title="Bài thứ hai trong cùng lần lưu")
        assert kept("test:news", lambda: "các hàng cũ, đọc trước khi lưu xong", tags=["news.article"])
        before_commit = clock()
    assert clock() == before_commit + 2  # one bump at commit (it moves the counter twice: _bump)
    assert kept("test:news", lambda: "các hàng mới", tags=["news.article"]) == "các hàng mới"


def test_a_draft_an_editor_previewed_is_never_kept_for_readers(cache_backend, client, editor_user):
    draft = ArticleFactory(title="Bản nháp chỉ biên tập viên thấy", status=Status.DRAFT)
    url = draft.get_absolute_url()
    client.force_login(editor_user)
    assert "Bản nháp chỉ biên tập viên thấy" in client.get(url).content.decode()
    client.logout()
    client.cookies["sessionid"] = "no-page-cache"
    assert client.get(url).status_code == 404
    del client.cookies["sessionid"]
    assert client.get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_migrate_leaves_nothing_kept_by_the_previous_release():
    from django.core.management import call_command

    from frontcms.cache import kept

    assert kept("test:release", lambda: "HTML của bản cũ") == "HTML của bản cũ"
    call_command("migrate", verbosity=0)
    assert kept("test:release", lambda: "HTML của bản mới") == "HTML của bản mới"


# --- pages are kept by each process, their generations by the shared cache ------------------------
def _edited_unseen(page, body: str) -> None:
    """An edit that moved no generation: made while the shared cache was out of reach (or before
    it was emptied), so nothing recorded it."""
    type(page).objects.filter(pk=page.pk).update(body=body)


def test_a_page_kept_before_the_shared_cache_was_emptied_is_not_served(cache_backend, client):
    """A restarted Redis (or a flushed one) has lost the generations that vouched for the pages
    each process keeps; an edit made meanwhile must show, not the page kept before."""
    from django.core.cache import caches

    page = PageFactory(title="Giới thiệu", slug="gioi-thieu", body="<p>Bản trước khi Redis khởi động lại</p>")
    assert "Bản trước" in cached_html(client, page.get_absolute_url())
    _edited_unseen(page, "<p>Bản sửa trong lúc Redis vắng mặt</p>")
    caches["default"].clear()
    html = fresh_html(client, page.get_absolute_url())
    assert "Bản sửa trong lúc Redis vắng mặt" in html and "Bản trước" not in html
    assert "Bản sửa" in cached_html(client, page.get_absolute_url())  # and kept again


def test_a_page_kept_is_not_served_while_the_shared_cache_is_out_of_reach(cache_backend, client, settings):
    """With Redis out of reach no edit can move a generation, so no kept page can be vouched for:
    pages are rendered for every request (and none is kept) until it is back."""
    import socket

    page = PageFactory(title="Liên hệ", slug="lien-he-mttq", body="<p>Số điện thoại cũ</p>")
    assert "Số điện thoại cũ" in cached_html(client, page.get_absolute_url())
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # held, never listened on: connecting is refused at once
    try:
        settings.CACHES = {
            **settings.CACHES,
            "default": {
                "BACKEND": "frontcms.cache_backends.FailSoftRedisCache",
                "LOCATION": f"redis://127.0.0.1:{closed.getsockname()[1]}/0",
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            },
        }
        _edited_unseen(page, "<p>Số điện thoại mới</p>")
        for _ in range(2):
            response = client.get(page.get_absolute_url())
            assert response.status_code == 200 and "Số điện thoại mới" in response.content.decode()
            assert response["X-Page-Cache"] == "miss"
    finally:
        closed.close()
