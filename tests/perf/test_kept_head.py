"""A detail page's `<head>` is kept per address (`{% keep %}` in base.html, frontcms.cache
.kept_with_page): a page-cache miss on the same path (a link with a query parameter of its own,
a page whose rating just changed) does not render it again, yet it is never stale, never another host's, and never
kept for pages whose `<head>` reads the query string (a list's page number, a search).

Every test runs with local memory and with Django's Redis backend on a real `redis-server`.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from frontcms.templatetags import frontcms_tags
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db


def head(response) -> str:
    assert response.status_code == 200
    return re.search(r"<head>(.*)</head>", response.content.decode(), re.S).group(1)


@pytest.fixture
def head_renders(monkeypatch):
    """How many times a kept `<head>` was rendered (not found kept)."""
    rendered = []
    real = frontcms_tags.kept_with_page

    def counting(name, compute):
        def render():
            rendered.append(name)
            return compute()

        return real(name, render)

    monkeypatch.setattr(frontcms_tags, "kept_with_page", counting)
    return rendered


def test_a_page_cache_miss_on_the_same_path_reuses_the_kept_head(cache_backend, client, head_renders):
    article = ArticleFactory(title="Hội nghị tập huấn công tác Mặt trận năm 2026")
    url = article.get_absolute_url()
    first = client.get(url + "?ban-doc=1")
    assert first["X-Page-Cache"] == "miss" and len(head_renders) == 1
    second = client.get(url + "?ban-doc=2")
    assert second["X-Page-Cache"] == "miss"
    assert len(head_renders) == 1  # kept: not rendered again
    assert head(second) == head(first)
    assert "<title>Hội nghị tập huấn công tác Mặt trận năm 2026 | " in head(second)


def test_the_kept_head_is_the_head_rendered_in_place(cache_backend, client):
    article = ArticleFactory(title="Tập huấn nghiệp vụ cho Ban Thanh tra nhân dân")
    url = article.get_absolute_url()
    kept = head(client.get(url + "?a=1"))
    kept_again = head(client.get(url + "?a=2"))
    # A visitor with a session: the page cache steps aside and the head is rendered in place.
    in_place = head(Client(HTTP_COOKIE="sessionid=not-a-session").get(url))
    assert kept == kept_again == in_place
    assert 'property="og:title" content="Tập huấn nghiệp vụ cho Ban Thanh tra nhân dân"' in kept


def test_editing_the_article_refreshes_its_kept_head_at_once(cache_backend, client):
    article = ArticleFactory(title="Tiêu đề cũ của bài")
    url = article.get_absolute_url()
    client.get(url + "?a=1")
    article.title = "Tiêu đề mới của bài"
    article.save()
    fresh = head(client.get(url + "?a=2"))
    assert "Tiêu đề cũ" not in fresh
    assert "<title>Tiêu đề mới của bài | " in fresh
    assert 'property="og:title" content="Tiêu đề mới của bài"' in fresh
    assert 'name="twitter:title" content="Tiêu đề mới của bài"' in fresh


def test_renaming_the_site_refreshes_every_kept_head(cache_backend, client):
    from frontcms.models import SiteSettings

    article = ArticleFactory()
    url = article.get_absolute_url()
    client.get(url + "?a=1")
    site = SiteSettings.load()
    site.site_name = "Ủy ban MTTQ Việt Nam quận Mới"
    site.save()
    assert 'property="og:site_name" content="Ủy ban MTTQ Việt Nam quận Mới"' in head(client.get(url + "?a=2"))


def test_a_rating_leaves_the_kept_head_alone(cache_backend, client, head_renders):
    article = ArticleFactory()
    url = article.get_absolute_url()
    client.get(url)
    ct = ContentType.objects.get_for_model(article)
    response = Client().post(reverse("engagement:rate", args=[ct.pk, article.pk]), {"score": "4"})
    assert response.status_code == 302
    after = client.get(response["Location"])
    assert after["X-Page-Cache"] == "miss"  # the rating block changed: the page is put together again
    assert "Trung bình 4/5 (1 lượt đánh giá)" in after.content.decode()
    assert len(head_renders) == 1  # …around the head kept before the rating


def test_each_host_has_its_own_kept_head(cache_backend, head_renders):
    article = ArticleFactory()
    url = article.get_absolute_url()
    one = head(Client(HTTP_HOST="mttq.example.vn").get(url + "?a=1"))
    other = head(Client(HTTP_HOST="www.mttq.example.vn").get(url + "?a=2"))
    assert f'rel="canonical" href="http://mttq.example.vn{url}"' in one
    assert f'rel="canonical" href="http://www.mttq.example.vn{url}"' in other
    assert "http://mttq.example.vn" not in other
    assert len(head_renders) == 2


def test_other_detail_pages_keep_their_head_too(cache_backend, client, head_renders):
    person = PersonFactory(full_name="Nguyễn Thị Hoa")
    url = person.get_absolute_url()
    first = head(client.get(url + "?a=1"))
    assert head(client.get(url + "?a=2")) == first
    assert "<title>Nguyễn Thị Hoa | " in first
    assert len(head_renders) == 1


def test_a_list_whose_head_reads_the_query_renders_it_each_time(cache_backend, client, head_renders):
    ArticleFactory.create_batch(25)
    news = reverse("news:list")
    first = head(client.get(news))
    second = head(client.get(news + "?trang=2"))
    assert "trang 2" not in first
    assert "trang 2" in second
    assert head_renders == []  # never kept: rendered in place
