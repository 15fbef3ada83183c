"""Who sees an article in each state; scheduling; slug redirects; the secret preview link."""

import datetime

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from frontcms.publishing import Status
from news.preview import PREVIEW_MAX_AGE, make_token, preview_url
from tests.factories import ArticleFactory, StaffAssignmentFactory, WardFactory

pytestmark = pytest.mark.django_db

HIDDEN_STATES = [
    {"status": Status.DRAFT},
    {"status": Status.PENDING},
    {"status": Status.ARCHIVED},
    {"status": Status.PUBLISHED, "published_at": timezone.now() + datetime.timedelta(days=2)},
]


def test_published_article_is_public(client):
    article = ArticleFactory(title="Hội nghị hiệp thương lần thứ ba")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Hội nghị hiệp thương lần thứ ba" in response.content.decode()
    assert "preview-banner" not in response.content.decode()


@pytest.mark.parametrize("state", HIDDEN_STATES, ids=["draft", "pending", "archived", "scheduled"])
def test_unpublished_article_is_404_and_absent_from_lists(client, state):
    article = ArticleFactory(title="Bài chưa được công bố", **state)
    assert client.get(article.get_absolute_url()).status_code == 404
    for url in (
        reverse("news:list"),
        article.category.get_absolute_url(),
        reverse("news:rss"),
        reverse("frontcms:home"),
    ):
        assert "Bài chưa được công bố" not in client.get(url).content.decode(), url


@pytest.mark.parametrize("state", HIDDEN_STATES, ids=["draft", "pending", "archived", "scheduled"])
def test_editor_sees_unpublished_article_with_banner(editor_client, state):
    article = ArticleFactory(**state)
    response = editor_client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "preview-banner" in html and "Bản xem trước" in html
    assert 'name="robots" content="noindex' in html


def test_contributor_previews_only_own_organisation_drafts(client, contributor_user):
    ward = WardFactory()
    StaffAssignmentFactory(user=contributor_user, organization=ward)
    own = ArticleFactory(status=Status.DRAFT, organization=ward)
    other = ArticleFactory(status=Status.DRAFT, organization=WardFactory())
    client.force_login(contributor_user)
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404


def test_scheduled_article_appears_by_itself_when_its_time_comes(client):
    now = timezone.now()
    article = ArticleFactory(title="Tin hẹn giờ đăng", published_at=now + datetime.timedelta(hours=3))
    with time_machine.travel(now, tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404
        assert "Tin hẹn giờ đăng" not in client.get(reverse("news:list")).content.decode()
    with time_machine.travel(now + datetime.timedelta(hours=3, seconds=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Tin hẹn giờ đăng" in client.get(reverse("news:list")).content.decode()
        assert "Tin hẹn giờ đăng" in client.get(reverse("news:rss")).content.decode()


def test_changed_slug_of_published_article_redirects_permanently(client):
    article = ArticleFactory(title="Đại hội đại biểu MTTQ phường")
    old_url = article.get_absolute_url()
    assert old_url == "/tin-tuc/dai-hoi-dai-bieu-mttq-phuong/"
    article.slug = "dai-hoi-dai-bieu-mttq-phuong-nhiem-ky-moi"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/tin-tuc/dai-hoi-dai-bieu-mttq-phuong-nhiem-ky-moi/"
    assert client.get(response["Location"]).status_code == 200


def test_old_slug_of_unpublished_article_does_not_redirect(client):
    article = ArticleFactory(title="Bản nháp đổi tên", status=Status.DRAFT)
    old_url = article.get_absolute_url()
    article.slug = "ban-nhap-doi-ten-moi"
    article.save()
    assert client.get(old_url).status_code == 404


def test_unknown_slug_is_404(client):
    assert client.get("/tin-tuc/khong-co-bai-nay/").status_code == 404


def test_preview_link_shows_draft_to_anyone(client):
    article = ArticleFactory(title="Dự thảo tin tổng kết năm", status=Status.DRAFT)
    response = client.get(preview_url(article))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dự thảo tin tổng kết năm" in html and "Bản xem trước" in html
    assert response["X-Robots-Tag"].startswith("noindex")
    # A draft's publication time is only when it was created: it says it has not appeared.
    meta = html.split('class="meta news-article__meta"')[1].split("</p>")[0]
    assert "Chưa đăng" in meta and "<time" not in meta


def test_expired_preview_link_is_404(client):
    article = ArticleFactory(status=Status.DRAFT)
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        url = preview_url(article)
    with time_machine.travel(now + datetime.timedelta(seconds=PREVIEW_MAX_AGE - 60), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(now + datetime.timedelta(seconds=PREVIEW_MAX_AGE + 60), tick=False):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "token",
    ["abc", "1:xyz:forged", "", "::", "%00", "9999999", "x" * 3000],
)
def test_forged_preview_link_is_a_client_error(client, token):
    ArticleFactory(status=Status.DRAFT)
    # 404, or 400 where the malformed-request middleware refuses the path first; never a 500.
    assert client.get(f"/tin-tuc/xem-truoc/{token}/").status_code in (400, 404)


def test_preview_token_of_one_article_cannot_open_another(client):
    a = ArticleFactory(status=Status.DRAFT)
    b = ArticleFactory(status=Status.DRAFT, title="Bài bí mật khác")
    token = make_token(a)
    forged = token.replace(f"{a.pk}:", f"{b.pk}:", 1)
    assert client.get(reverse("news:preview", kwargs={"token": forged})).status_code == 404
    # A token signed with another salt (e.g. from another feature) is refused too.
    other_salt = signing.TimestampSigner(salt="something-else").sign(str(b.pk))
    assert client.get(reverse("news:preview", kwargs={"token": other_salt})).status_code == 404


def test_cached_pages_do_not_hide_a_scheduled_article_once_its_time_has_come(client):
    now = timezone.now()
    ArticleFactory(title="Tin đăng sau một phút", published_at=now + datetime.timedelta(seconds=60))
    with time_machine.travel(now, tick=False):
        first = client.get(reverse("news:list"))
        assert first["X-Page-Cache"] == "miss"  # cached for anonymous readers…
        assert "Tin đăng sau một phút" not in first.content.decode()
    with time_machine.travel(now + datetime.timedelta(seconds=61), tick=False):
        # …but only until the scheduled article goes live, well before the usual cache lifetime.
        assert "Tin đăng sau một phút" in client.get(reverse("news:list")).content.decode()
