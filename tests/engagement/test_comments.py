"""Comments: captcha, limits, plain text, moderation states, rate limit, closed comments."""

import pytest
from django.urls import reverse

from frontcms.engagement.models import Comment, CommentStatus
from frontcms.publishing import Status
from tests.engagement.conftest import ct_args
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def form_data(**extra):
    data = {
        "name": "Trần Thị Bình",
        "email": "binh@example.vn",
        "text": "Đề nghị phường tổ chức thêm buổi đối thoại với nhân dân.",
        "captcha_0": "x",
        "captcha_1": "PASSED",
    }
    data.update(extra)
    return data


def comment_url(obj):
    return reverse("engagement:comment", args=ct_args(obj))


def test_comment_page_has_form_with_captcha_and_is_not_page_cached(reader):
    article = ArticleFactory()
    response = reader.get(comment_url(article))
    html = response.content.decode()
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in html and "captcha_1" in html
    assert "Mã xác thực" in html
    assert "X-Page-Cache" not in response


def test_posting_holds_the_comment_for_moderation(reader):
    article = ArticleFactory()
    response = reader.post(comment_url(article), form_data())
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert comment.content_object == article
    assert comment.client_hash and "203.0.113.10" not in comment.client_hash
    page = reader.get(response["Location"]).content.decode()
    assert "Ý kiến của bạn đang chờ kiểm duyệt" in page
    assert "Đề nghị phường tổ chức" not in page  # not shown before approval


def test_wrong_captcha_is_a_form_error(reader):
    article = ArticleFactory()
    response = reader.post(comment_url(article), form_data(captcha_1="SAI"))
    assert response.status_code == 200
    assert "Mã xác thực không đúng" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "field,value",
    [
        ("name", ""),
        ("text", ""),
        ("text", "ngắn"),
        ("text", "x" * 2001),
        ("email", "khong-phai-thu"),
        ("name", "A" * 81),
    ],
)
def test_invalid_input_is_a_form_error(reader, field, value):
    article = ArticleFactory()
    response = reader.post(comment_url(article), form_data(**{field: value}))
    assert response.status_code == 200
    assert not Comment.objects.exists()


def test_rate_limit_three_per_ten_minutes(reader):
    article = ArticleFactory()
    for n in range(3):
        assert (
            reader.post(comment_url(article), form_data(text=f"Ý kiến thứ {n} của tôi.")).status_code == 302
        )
    response = reader.post(comment_url(article), form_data(text="Ý kiến thứ tư của tôi."))
    assert response.status_code == 200
    assert "nhiều ý kiến trong thời gian ngắn" in response.content.decode()
    assert Comment.objects.count() == 3
    # another client is not affected
    other = reader.post(comment_url(article), form_data(), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


def test_comments_closed_refuses_posting(reader):
    article = ArticleFactory(allow_comments=False)
    page = reader.get(comment_url(article))
    assert "đã đóng bình luận" in page.content.decode()
    assert "captcha_1" not in page.content.decode()
    assert reader.post(comment_url(article), form_data()).status_code == 403
    assert not Comment.objects.exists()


def test_unpublished_or_missing_targets_are_404(reader):
    draft = ArticleFactory(status=Status.DRAFT)
    assert reader.get(comment_url(draft)).status_code == 404
    assert reader.post(comment_url(draft), form_data()).status_code == 404
    assert reader.get(reverse("engagement:comment", args=[99999, 1])).status_code == 404


def test_only_approved_comments_are_shown_and_text_is_plain(reader):
    article = ArticleFactory()
    CommentFactory(
        content_object=article, text="<script>alert(1)</script> xem https://vi.example.com\ndòng hai"
    )
    for status in (CommentStatus.PENDING, CommentStatus.REJECTED, CommentStatus.SPAM):
        CommentFactory(content_object=article, text=f"Ẩn {status}", status=status)
    html = reader.get(comment_url(article)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert 'href="https://vi.example.com' not in html
    assert "<br>dòng hai" in html
    assert "Ẩn" not in html
    assert "binh@" not in html


def test_email_is_never_shown(reader):
    article = ArticleFactory()
    CommentFactory(content_object=article, email="bimat@example.vn")
    assert "bimat@example.vn" not in reader.get(comment_url(article)).content.decode()


def test_admin_bulk_moderation_refreshes_the_cached_page(admin_client):
    from django.test import Client

    reader = Client()
    article = ArticleFactory()
    comments = [CommentFactory(content_object=article, status=CommentStatus.PENDING) for _ in range(3)]
    url = reverse("admin:engagement_comment_changelist")
    for action, status, shown in [
        ("mark_approved", "approved", "Ý kiến bạn đọc (2)"),
        ("mark_rejected", "rejected", "Chưa có ý kiến nào."),
        ("mark_spam", "spam", "Chưa có ý kiến nào."),
    ]:
        reader.get(article.get_absolute_url())
        assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
        response = admin_client.post(
            url, {"action": action, "_selected_action": [c.pk for c in comments[:2]]}
        )
        assert response.status_code == 302
        assert set(
            Comment.objects.filter(pk__in=[c.pk for c in comments[:2]]).values_list("status", flat=True)
        ) == {status}
        # One UPDATE, no signal: the action itself forgets the comments of the article.
        assert shown in reader.get(article.get_absolute_url()).content.decode()
    assert Comment.objects.get(pk=comments[2].pk).status == CommentStatus.PENDING
    assert Comment.objects.get(pk=comments[0].pk).moderated_by is not None


def test_editor_can_moderate_contributor_cannot(client, editor_user, contributor_user):
    url = reverse("admin:engagement_comment_changelist")
    client.force_login(editor_user)
    assert client.get(url).status_code == 200
    client.force_login(contributor_user)
    assert client.get(url).status_code == 403


def test_comment_admin_list_query_count(admin_client, django_assert_max_num_queries):
    article = ArticleFactory()
    for _ in range(60):
        CommentFactory(content_object=article, status=CommentStatus.PENDING)
    with django_assert_max_num_queries(15):
        assert admin_client.get(reverse("admin:engagement_comment_changelist")).status_code == 200


def test_comment_page_query_count(reader, django_assert_max_num_queries):
    article = ArticleFactory()
    for _ in range(80):
        CommentFactory(content_object=article)
    reader.get(comment_url(article))  # warm the per-process caches (content types, settings)
    with django_assert_max_num_queries(12):
        assert reader.get(comment_url(article)).status_code == 200
