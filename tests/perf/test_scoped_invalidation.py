"""A write forgets only what shows it (frontcms.cache): an unrelated save leaves a page cached, a
related one refreshes it at once, and what readers write (ratings, votes, pending comments, views,
feedback) touches nothing but the one block that shows its figure.

Every test runs with local memory and with Django's Redis backend on a real `redis-server`, and
reads the page cache's own verdict (`X-Page-Cache: hit`) as an anonymous reader gets it.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frontcms.engagement.models import CommentStatus
from frontcms.publishing import Status
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    ChoiceFactory,
    CommentFactory,
    PollFactory,
    RelatedArticleFactory,
    WardFactory,
)
from tests.perf.test_no_stale_pages import NEWS, cached_html

pytestmark = pytest.mark.django_db


def cache_it(client, url: str) -> None:
    cached_html(client, url)  # asserts the second visit is a page-cache hit


def still_cached(client, url: str) -> bool:
    return client.get(url)["X-Page-Cache"] == "hit"


def rate(article, score: int, address: str) -> None:
    """A rating posted by a new anonymous visitor, through the real endpoint."""
    ct = ContentType.objects.get_for_model(article)
    voter = Client(REMOTE_ADDR=address)
    response = voter.post(reverse("engagement:rate", args=[ct.pk, article.pk]), {"score": str(score)})
    assert response.status_code == 302 and "cam-on" in response["Location"]


def test_an_unrelated_save_leaves_a_page_cached(cache_backend, client):
    reader_article = ArticleFactory(title="Bài bạn đọc đang đọc", tags=["hội nghị"])
    elsewhere = ArticleFactory(title="Tin của một danh mục khác", tags=["tập huấn"])
    url = reader_article.get_absolute_url()
    cache_it(client, url)
    elsewhere.title = "Tin của một danh mục khác, đã sửa"
    elsewhere.save()
    assert still_cached(client, url)
    # A new article elsewhere: another category, no shared tag, organisation or event. (A new
    # category would change the sidebar's category menu, on every page.)
    ArticleFactory(title="Tin mới ở danh mục khác", category=elsewhere.category)
    assert still_cached(client, url)
    # …while the lists it belongs to show it at once.
    assert "Tin mới ở danh mục khác" in client.get(NEWS).content.decode()


def test_a_related_save_refreshes_the_page_at_once(cache_backend, client):
    category = CategoryFactory(name="Hoạt động Mặt trận")
    reader_article = ArticleFactory(title="Bài bạn đọc đang đọc", category=category)
    picked = ArticleFactory(title="Bài được chọn làm tin liên quan")  # another category
    RelatedArticleFactory(from_article=reader_article, to_article=picked)
    url = reader_article.get_absolute_url()
    cache_it(client, url)
    # Published in the same category: "Các tin tức khác" shows it now.
    ArticleFactory(title="Tin mới cùng danh mục", category=category)
    html = client.get(url).content.decode()
    assert "Tin mới cùng danh mục" in html
    cache_it(client, url)
    # The hand-picked related article is renamed: the page that names it follows.
    picked.title = "Bài được chọn, tên mới"
    picked.save()
    html = client.get(url).content.decode()
    assert "Bài được chọn, tên mới" in html and "Bài được chọn làm tin liên quan" not in html
    cache_it(client, url)
    # Sharing a tag makes an article related too.
    ArticleFactory(title="Tin mới có chung thẻ", tags=["đối thoại"])
    reader_article.tags.add("đối thoại")
    assert "Tin mới có chung thẻ" in client.get(url).content.decode()


def test_a_rating_touches_no_other_page(cache_backend, client):
    rated = ArticleFactory(title="Bài được đánh giá")
    other = ArticleFactory(title="Bài bên cạnh")
    urls = ["/", NEWS, other.get_absolute_url(), rated.get_absolute_url()]
    for url in urls:
        cache_it(client, url)
    rate(rated, 4, "203.0.113.21")
    rate(rated, 5, "203.0.113.22")
    for url in urls[:-1]:
        assert still_cached(client, url), url
    # Its own rating block shows the new figure at once.
    assert "Trung bình 4,5/5 (2 lượt đánh giá)" in client.get(rated.get_absolute_url()).content.decode()


def test_a_rating_makes_stale_only_its_block_not_the_article_around_it(
    cache_backend, client, django_assert_num_queries
):
    rated = ArticleFactory(title="Bài được đánh giá", tags=["hội nghị"])
    CommentFactory(content_object=rated, text="Ý kiến đã duyệt")
    url = rated.get_absolute_url()
    cache_it(client, url)
    rate(rated, 4, "203.0.113.31")
    # The page shows the new figure at once, rendered from the kept article, news around it and
    # comments: the one query is the rating block's average.
    with django_assert_num_queries(1):
        html = client.get(url).content.decode()
    assert "Trung bình 4/5 (1 lượt đánh giá)" in html and "Ý kiến đã duyệt" in html
    # The visit right after rating shows the thanks in the block, the rest still kept.
    with django_assert_num_queries(1):
        html = client.get(url + "?danh-gia=cam-on").content.decode()
    assert "Cảm ơn bạn đã đánh giá." in html and "Bài được đánh giá" in html


def test_a_draft_saved_again_and_again_touches_no_public_page(cache_backend, client):
    published = ArticleFactory(title="Bài đã đăng")
    draft = ArticleFactory(
        title="Bản nháp của biên tập viên", status=Status.DRAFT, category=published.category
    )
    urls = ["/", NEWS, published.get_absolute_url(), published.category.get_absolute_url()]
    for url in urls:
        cache_it(client, url)
    for n in range(3):  # an editor's autosave
        draft.body = f"<p>Bản nháp lần {n}.</p>"
        draft.save()
    for url in urls:
        assert still_cached(client, url), url
    # Publishing it is a change readers see: its lists follow at once.
    draft.status = Status.PUBLISHED
    draft.save()
    assert "Bản nháp của biên tập viên" in client.get(NEWS).content.decode()
    assert "Bản nháp của biên tập viên" in client.get(published.get_absolute_url()).content.decode()


def test_what_readers_write_without_a_visible_figure_touches_nothing(cache_backend, client):
    from tests.engagement.conftest import pixel_url

    article = ArticleFactory(title="Bài có nhiều tương tác")
    poll = PollFactory(question="Bạn đọc tin ở đâu?")
    choice = ChoiceFactory(poll=poll, text="Trên điện thoại")
    urls = ["/", NEWS, article.get_absolute_url()]
    for url in urls:
        cache_it(client, url)
    visitor = Client(
        REMOTE_ADDR="203.0.113.30", HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"
    )
    CommentFactory(content_object=article, text="Ý kiến đang chờ duyệt.", status=CommentStatus.PENDING)
    assert visitor.post(reverse("engagement:vote", args=[poll.pk]), {"choice": choice.pk}).status_code == 302
    assert visitor.get(pixel_url(article)).status_code == 200  # a view and a visit counted
    visitor.post(reverse("engagement:feedback"), {"name": "Lê Văn A"})  # refused or not: nothing public
    for url in urls:
        assert still_cached(client, url), url


def test_an_approved_comment_refreshes_only_its_own_page(cache_backend, client):
    article = ArticleFactory(title="Bài có ý kiến")
    other = ArticleFactory(title="Bài không liên quan")
    pending = CommentFactory(
        content_object=article, text="Ý kiến vừa được duyệt.", status=CommentStatus.PENDING
    )
    for url in (article.get_absolute_url(), other.get_absolute_url(), "/"):
        cache_it(client, url)
    pending.status = CommentStatus.APPROVED
    pending.save()
    assert "Ý kiến vừa được duyệt." in client.get(article.get_absolute_url()).content.decode()
    assert still_cached(client, other.get_absolute_url()) and still_cached(client, "/")


def test_view_counts_reach_readers_fresh_without_touching_the_page(cache_backend, client):
    from news.models import Article

    article = ArticleFactory(title="Bài được đọc nhiều")
    url = article.get_absolute_url()
    cache_it(client, url)
    Article.objects.filter(pk=article.pk).update(view_count=41)
    html = client.get(url).content.decode()
    assert "Lượt xem: 0" in html  # the cached page keeps its number (the no-JavaScript fallback)…
    counter = f"{ContentType.objects.get_for_model(article).pk}-{article.pk}"
    assert f'data-view-count="{counter}"' in html
    # …which engagement.js replaces with the fresh one.
    response = client.get(reverse("engagement:view_counts"), {"muc": [counter, "1-999999", "rác"]})
    assert response.json() == {counter: 41}
    assert "no-cache" in response["Cache-Control"] and "X-Page-Cache" not in response


def test_the_ward_list_turns_at_midnight_on_the_day_a_ward_is_dissolved(cache_backend, client):
    tz = timezone.get_current_timezone()
    evening = datetime.datetime(2026, 3, 31, 23, 50, tzinfo=tz)
    with time_machine.travel(evening, tick=False):
        WardFactory(name="Ủy ban MTTQ phường Sắp Sáp Nhập", dissolved_on=datetime.date(2026, 4, 1))
        WardFactory(name="Ủy ban MTTQ phường Vẫn Còn")
        client.cookies["sessionid"] = "no-page-cache"  # the kept sidebar, past the page cache
        assert "phường Sắp Sáp Nhập" in client.get(NEWS).content.decode()
        del client.cookies["sessionid"]
        cache_it(client, NEWS)
    # Nothing saved: the dissolution date arrives at midnight and the ward leaves every page.
    with time_machine.travel(evening + datetime.timedelta(minutes=11), tick=False):
        html = client.get(NEWS).content.decode()
        assert "phường Sắp Sáp Nhập" not in html and "phường Vẫn Còn" in html
        client.cookies["sessionid"] = "no-page-cache"
        assert "phường Sắp Sáp Nhập" not in client.get("/").content.decode()


def test_every_public_page_says_what_it_shows_and_is_kept(cache_backend, client):
    """A page is stored only when its view named what it shows (frontcms.views.DependsOnMixin):
    a view that forgot would be rendered for every reader, never stale but never cached."""
    from tests.factories import (
        DocumentFactory,
        EventFactory,
        MembershipFactory,
        PageFactory,
        TermFactory,
    )

    article = ArticleFactory(title="Hội nghị tập huấn", tags=["tập huấn"])
    event = EventFactory()
    document = DocumentFactory()
    membership = MembershipFactory()
    term = TermFactory(organization=membership.organization)
    page = PageFactory(title="Liên hệ")
    org = membership.organization
    urls = [
        "/",
        NEWS,
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        reverse("news:tag", kwargs={"slug": article.tags.first().slug}),
        reverse("news:rss"),
        reverse("news:category_rss", kwargs={"slug": article.category.slug}),
        reverse("events:list"),
        event.get_absolute_url(),
        reverse("events:ics"),
        reverse("events:event_ics", kwargs={"slug": event.slug}),
        reverse("events:schedule"),
        reverse("events:documents"),
        document.get_absolute_url(),
        reverse("committees:tree"),
        org.get_absolute_url(),
        reverse("committees:term", kwargs={"slug": org.slug, "number": term.number}),
        reverse("committees:term_compare", kwargs={"slug": org.slug, "number": term.number}),
        membership.person.get_absolute_url(),
        reverse("committees:english"),
        reverse("committees:english_organization", kwargs={"slug": org.slug}),
        reverse("frontcms:search") + "?q=tap+huan",
        page.get_absolute_url(),
        "/sitemap.xml",
        "/robots.txt",
    ]
    for url in urls:
        cache_it(client, url)


def test_the_publishing_service_steps_refresh_what_readers_see_and_nothing_else(
    cache_backend, client, editor_user
):
    """The editor's-desk steps save through the models: publishing and taking down show at once;
    saving, submitting or returning a draft touches no public page."""
    from frontcms import publishing_service as service
    from news.models import Article

    published = ArticleFactory(title="Bài đang đọc")
    draft = ArticleFactory(title="Bài qua bàn biên tập", status=Status.DRAFT, category=published.category)
    urls = ["/", NEWS, published.get_absolute_url()]
    for url in urls:
        cache_it(client, url)
    service.save_draft(draft, user=editor_user)
    service.submit(draft, user=editor_user)
    service.return_to_author(draft, user=editor_user, reason="Thiếu ảnh minh họa.")
    for url in urls:
        assert still_cached(client, url), url
    draft = Article.objects.get(pk=draft.pk)
    service.publish(draft, user=editor_user)
    assert "Bài qua bàn biên tập" in client.get(NEWS).content.decode()
    assert "Bài qua bàn biên tập" in client.get(published.get_absolute_url()).content.decode()
    cache_it(client, NEWS)
    service.archive(Article.objects.get(pk=draft.pk), user=editor_user)
    assert "Bài qua bàn biên tập" not in client.get(NEWS).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
