"""Deep list pages read ids from the index first (DeferredJoinPaginator): same pages, one query."""

from __future__ import annotations

import datetime

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from frontcms.pagination import DeferredJoinPaginator
from news.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_deferred_join_pages_equal_plain_pages(django_assert_num_queries):
    now = timezone.now()
    moments = [now - datetime.timedelta(hours=n // 3) for n in range(43)]  # ties on the time
    for moment in moments:
        ArticleFactory(published_at=moment)
    queryset = Article.objects.published().with_cards().newest_first()
    plain = Paginator(queryset, 10, orphans=3)
    deferred = DeferredJoinPaginator(queryset, 10, orphans=3)
    assert deferred.num_pages == plain.num_pages == 4
    for number in range(1, plain.num_pages + 1):
        expected = [a.pk for a in plain.page(number)]
        page = deferred.page(number)
        with django_assert_num_queries(1):
            assert [a.pk for a in page] == expected
    assert len(deferred.page(4)) == 13  # the orphans join the last page


def test_news_list_pages_through_every_article_once(client):
    for n in range(45):
        ArticleFactory(title=f"Tin số {n:02d}", published_at=timezone.now() - datetime.timedelta(minutes=n))
    seen = []
    for number in (1, 2, 3):
        html = client.get(f"/tin-tuc/?trang={number}").content.decode()
        seen += [n for n in range(45) if f"Tin số {n:02d}<" in html]
    assert seen == list(range(45))
