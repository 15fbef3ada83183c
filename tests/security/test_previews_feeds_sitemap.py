"""Preview links can be revoked and die with an archived or deleted article; robots.txt names their
real path; the RSS description is escaped exactly once; the sitemap drops an archived URL at once."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

import pytest
import reversion
from django.test import Client
from django.urls import reverse

from frontcms.publishing import Status
from news.models import Article
from news.preview import make_token, preview_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:news_article_changelist")


def _opens(url: str) -> bool:
    response = Client().get(url)
    assert response.status_code in (200, 404), response.status_code
    return response.status_code == 200


# --- preview links ------------------------------------------------------------------------------------
def test_an_editor_revokes_the_preview_links_already_sent(editor_client):
    article = ArticleFactory(title="Dự thảo báo cáo tổng kết", status=Status.DRAFT)
    other = ArticleFactory(status=Status.DRAFT)
    sent, other_link = preview_url(article), preview_url(other)
    assert _opens(sent)
    response = editor_client.post(
        CHANGELIST, {"action": "revoke_previews", "_selected_action": [article.pk]}, follow=True
    )
    assert "Đã thu hồi liên kết xem trước của 1 bài" in response.content.decode()
    assert not _opens(sent)
    assert _opens(other_link), "another article's link was revoked too"
    article.refresh_from_db()
    assert _opens(preview_url(article)), "a link made after revoking must work"


def test_the_revoke_action_is_offered_in_vietnamese(editor_client):
    ArticleFactory(status=Status.DRAFT)
    page = editor_client.get(CHANGELIST).content.decode()
    assert '<option value="revoke_previews">Thu hồi liên kết xem trước</option>' in page


def test_a_contributor_cannot_revoke_links_of_another_wards_article(client, contributor_user):
    from tests.factories import StaffAssignmentFactory, WardFactory

    own, other = WardFactory(), WardFactory()
    StaffAssignmentFactory(user=contributor_user, organization=own)
    theirs = ArticleFactory(status=Status.DRAFT, organization=other)
    link = preview_url(theirs)
    client.force_login(contributor_user)
    client.post(CHANGELIST, {"action": "revoke_previews", "_selected_action": [theirs.pk]})
    assert _opens(link)


def test_a_stale_copy_or_an_old_revision_does_not_bring_revoked_links_back(editor_client):
    with reversion.create_revision():
        article = ArticleFactory(status=Status.DRAFT)
    stale = Article.objects.get(pk=article.pk)
    link = preview_url(article)
    editor_client.post(CHANGELIST, {"action": "revoke_previews", "_selected_action": [article.pk]})
    stale.title = "Sửa trên bản đã tải từ trước"
    stale.save()
    assert not _opens(link)
    reversion.models.Version.objects.get_for_object(article).first().revert()
    assert not _opens(link)


def test_archiving_or_deleting_kills_the_preview_link(editor_client):
    article = ArticleFactory(status=Status.DRAFT)
    link = preview_url(article)
    editor_client.post(CHANGELIST, {"action": "archive_selected", "_selected_action": [article.pk]})
    assert Article.objects.get(pk=article.pk).status == Status.ARCHIVED
    assert not _opens(link)
    doomed = ArticleFactory(status=Status.DRAFT)
    link = preview_url(doomed)
    doomed.delete()
    assert not _opens(link)


def test_a_link_to_a_published_article_keeps_working_until_revoked():
    article = ArticleFactory(status=Status.PUBLISHED)
    assert _opens(preview_url(article))


@pytest.mark.parametrize("token", ["9" * 40, "1" * 19 + ":abc:def", "-1:x:y", "1.0:x:y"])
def test_odd_tokens_are_404_not_500(token):
    ArticleFactory(status=Status.DRAFT)
    assert Client().get(reverse("news:preview", kwargs={"token": token})).status_code == 404


def test_robots_txt_names_the_real_preview_path():
    article = ArticleFactory(status=Status.DRAFT)
    url = preview_url(article)
    robots = Client().get("/robots.txt").content.decode()
    disallowed = [
        line.split(":", 1)[1].strip() for line in robots.splitlines() if line.startswith("Disallow:")
    ]
    assert any(url.startswith(path) and path.endswith("/") for path in disallowed), (url, disallowed)
    assert "/xem-truoc/" not in disallowed  # the old, wrong path
    assert token_free(disallowed, make_token(article))


def token_free(paths: list[str], token: str) -> bool:
    return all(token not in path for path in paths)


# --- RSS ----------------------------------------------------------------------------------------------
SUMMARIES = [
    "Giá 5 < 6 & \"trích dẫn\" 'đơn'",
    "<b>đậm</b> <script>alert(1)</script>",
    "Đã có sẵn thực thể: &amp; &lt;i&gt;",
]


@pytest.mark.parametrize("summary", SUMMARIES)
def test_rss_description_is_escaped_exactly_once(summary):
    ArticleFactory(status=Status.PUBLISHED, title="Tin có ký tự đặc biệt", summary=summary)
    response = Client().get(reverse("news:rss"))
    item = ET.fromstring(response.content).find("channel/item")  # noqa: S314 (our own feed)
    description = item.find("description").text
    # A feed reader parses the XML, then shows the description as HTML: it must show the summary.
    assert description == html.escape(summary, quote=True)
    assert html.unescape(description) == summary
    assert "<script" not in description and "&amp;amp;" not in description.replace(html.escape("&amp;"), "")


# --- sitemap ------------------------------------------------------------------------------------------
def test_sitemap_drops_an_archived_article_at_once(editor_client):
    article = ArticleFactory(status=Status.PUBLISHED, title="Tin sẽ lưu trữ")
    reader = Client()
    first = reader.get("/sitemap.xml")
    assert article.get_absolute_url() in first.content.decode()
    assert reader.get("/sitemap.xml").get("X-Page-Cache") == "hit"  # it is cached, as pages are
    editor_client.post(CHANGELIST, {"action": "archive_selected", "_selected_action": [article.pk]})
    again = reader.get("/sitemap.xml")
    assert again.status_code == 200
    assert article.get_absolute_url() not in again.content.decode()
    # Nor may a browser or proxy keep the old copy for an hour.
    assert "max-age=3600" not in again.get("Cache-Control", "")
