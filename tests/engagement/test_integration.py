"""Engagement on the real article and event pages (news.Article, events.Event)."""

import pytest
from django.urls import reverse

from frontcms.engagement import api
from frontcms.engagement.models import Comment, CommentStatus
from news.models import Article
from tests.engagement.conftest import BROWSER_UA, ct_args, pixel_url
from tests.factories import ArticleFactory, CommentFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_articles_and_events_are_registered():
    from events.models import Event

    assert api.is_countable(Article) and api.is_countable(Event)


def test_article_page_carries_pixel_rating_and_approved_comments(reader):
    article = ArticleFactory()
    CommentFactory(content_object=article, name="Phạm Thu", text="Ý kiến đã duyệt về bài.")
    CommentFactory(content_object=article, text="Ý kiến chưa duyệt", status=CommentStatus.PENDING)
    html = reader.get(article.get_absolute_url()).content.decode()
    assert pixel_url(article) in html
    assert reverse("engagement:rate", args=ct_args(article)) in html
    assert "Ý kiến bạn đọc (1)" in html and "Ý kiến đã duyệt về bài." in html
    assert "Ý kiến chưa duyệt" not in html
    assert reverse("engagement:comment", args=ct_args(article)) in html
    assert "csrfmiddlewaretoken" not in html and "captcha" not in html


def test_approving_a_comment_refreshes_the_cached_article_page(reader, admin_client):
    article = ArticleFactory()
    comment = CommentFactory(
        content_object=article, text="Sẽ hiện sau khi duyệt.", status=CommentStatus.PENDING
    )
    assert "Sẽ hiện sau khi duyệt." not in reader.get(article.get_absolute_url()).content.decode()
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    admin_client.post(
        reverse("admin:engagement_comment_changelist"),
        {"action": "mark_approved", "_selected_action": [comment.pk]},
    )
    assert "Sẽ hiện sau khi duyệt." in reader.get(article.get_absolute_url()).content.decode()


def test_rating_refreshes_the_cached_article_page(reader):
    article = ArticleFactory()
    reader.get(article.get_absolute_url())
    reader.post(reverse("engagement:rate", args=ct_args(article)), {"score": "5"})
    assert "Trung bình 5/5 (1 lượt đánh giá)" in reader.get(article.get_absolute_url()).content.decode()


def test_article_page_query_count_with_many_comments(reader, django_assert_max_num_queries):
    article = ArticleFactory()
    for _ in range(60):
        CommentFactory(content_object=article)
    reader.get(article.get_absolute_url())
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(30):
        html = reader.get(article.get_absolute_url()).content.decode()
    assert "Ý kiến bạn đọc (60)" in html and "Xem thêm ý kiến" in html


def test_event_views_are_counted(reader):
    event = EventFactory()
    html = reader.get(event.get_absolute_url()).content.decode()
    assert pixel_url(event) in html
    reader.get(pixel_url(event), HTTP_USER_AGENT=BROWSER_UA)
    event.refresh_from_db()
    assert event.view_count == 1


def test_event_comments_only_when_the_editor_allows(reader):
    closed = EventFactory()
    assert reader.post(reverse("engagement:comment", args=ct_args(closed)), {}).status_code == 403
    assert "Ý kiến bạn đọc" not in reader.get(closed.get_absolute_url()).content.decode()
    opened = EventFactory(allow_comments=True)
    data = {"name": "Hà", "text": "Xin tài liệu hội nghị.", "captcha_0": "x", "captcha_1": "PASSED"}
    assert reader.post(reverse("engagement:comment", args=ct_args(opened)), data).status_code == 302
    assert Comment.objects.get().content_object == opened
