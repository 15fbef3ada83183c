"""Staff find Vietnamese text however they type it (frontcms/lookups.py): with or without
diacritics, in any case, on SQLite and on PostgreSQL alike (the suite runs on both)."""

from __future__ import annotations

import pytest

from events.models import Event, EventReport
from news.models import Article
from tests.factories import ArticleFactory, DocumentFactory, EventFactory, EventReportFactory

pytestmark = pytest.mark.django_db

SPELLINGS = ["Đối thoại", "đối thoại", "ĐỐI THOẠI", "doi thoai", "DOI THOAI", "thoại"]


@pytest.mark.parametrize("term", SPELLINGS)
def test_folded_contains_ignores_case_and_diacritics(term):
    found = ArticleFactory(title="Đối thoại với Ban công tác Mặt trận khu dân cư số 3")
    ArticleFactory(title="Hội nghị tập huấn nghiệp vụ")
    assert list(Article.objects.filter(title__folded_contains=term)) == [found]


@pytest.mark.parametrize("title", ["Đối  thoại", "Đối\u00a0thoại", "Đối\nthoại", "Đối \t thoại"])
def test_whitespace_runs_in_the_column_count_as_one_space(title):
    found = ArticleFactory(title=f"{title} với nhân dân")
    assert list(Article.objects.filter(title__folded_contains="doi thoai")) == [found]
    assert list(Article.objects.filter(title__folded_contains="đối  thoại")) == [found]


def test_folded_contains_compares_with_text_only():
    from django.db import NotSupportedError
    from django.db.models import F

    ArticleFactory(title="Đối thoại")
    with pytest.raises(NotSupportedError):
        list(Article.objects.filter(title__folded_contains=F("summary")))


def test_folded_contains_takes_wildcards_literally():
    percent = ArticleFactory(title="Tỷ lệ hộ nghèo giảm 50% so với năm trước")
    ArticleFactory(title="Tỷ lệ hộ nghèo giảm 5 lần so với năm trước")
    assert list(Article.objects.filter(title__folded_contains="50%")) == [percent]
    assert not Article.objects.filter(title__folded_contains="5_%").exists()
    assert not Article.objects.filter(title__folded_contains="%").exclude(pk=percent.pk).exists()


def test_folded_contains_on_an_empty_column_and_across_a_relation():
    event = EventFactory(title="Hội nghị hiệp thương lần thứ nhất", summary="")
    EventReportFactory(event=event)
    assert list(Event.objects.filter(title__folded_contains="hoi nghi hiep thuong")) == [event]
    assert not Event.objects.filter(summary__folded_contains="hoi").exists()
    assert EventReport.objects.filter(event__title__folded_contains="HIỆP THƯƠNG").count() == 1


def _changelist_titles(client, url: str, term: str) -> str:
    response = client.get(url, {"q": term})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("term", ["doi thoai", "đối thoại", "ĐỐI THOẠI"])
def test_the_article_list_in_the_admin_finds_an_article_however_its_title_is_typed(admin_client, term):
    ArticleFactory(title="Đối thoại với Ban công tác Mặt trận khu dân cư số 3")
    ArticleFactory(title="Hội nghị tập huấn nghiệp vụ")
    page = _changelist_titles(admin_client, "/quan-tri/news/article/", term)
    assert "Đối thoại với Ban công tác Mặt trận khu dân cư số 3" in page
    assert "Hội nghị tập huấn nghiệp vụ" not in page


def test_every_word_must_be_found_somewhere_in_the_searched_columns(admin_client):
    ArticleFactory(title="Đối thoại với nhân dân", byline="Nguyễn Văn An")
    ArticleFactory(title="Đối thoại về môi trường", byline="Trần Thị Bình")
    page = _changelist_titles(admin_client, "/quan-tri/news/article/", "doi thoai nguyen")
    assert "Đối thoại với nhân dân" in page and "Đối thoại về môi trường" not in page


def test_events_documents_and_reports_are_searched_the_same_way(admin_client):
    EventFactory(title="Hội nghị hiệp thương lần thứ nhất", venue="Hội trường UBND phường")
    EventFactory(title="Tập huấn công tác giám sát")
    assert "Hội nghị hiệp thương" in _changelist_titles(
        admin_client, "/quan-tri/events/event/", "hiep thuong"
    )
    assert "Tập huấn công tác giám sát" not in _changelist_titles(
        admin_client, "/quan-tri/events/event/", "hoi truong"
    )
    DocumentFactory(title="Kế hoạch tổ chức Ngày hội Đại đoàn kết")
    assert "Ngày hội Đại đoàn kết" in _changelist_titles(
        admin_client, "/quan-tri/events/document/", "dai doan ket"
    )
    EventReportFactory(event=EventFactory(title="Đại hội đại biểu khóa XI"))
    assert "Đại hội đại biểu khóa XI" in _changelist_titles(
        admin_client, "/quan-tri/events/eventreport/", "dai hoi dai bieu"
    )


def test_a_ward_contributor_still_finds_only_their_wards_articles(client, contributor_user):
    from tests.factories import StaffAssignmentFactory, WardFactory

    own, other = WardFactory(), WardFactory()
    StaffAssignmentFactory(user=contributor_user, organization=own)
    ArticleFactory(title="Đối thoại ở phường mình", organization=own)
    ArticleFactory(title="Đối thoại ở phường bên", organization=other)
    client.force_login(contributor_user)
    page = _changelist_titles(client, "/quan-tri/news/article/", "doi thoai")
    assert "Đối thoại ở phường mình" in page and "Đối thoại ở phường bên" not in page


def test_the_related_news_autocomplete_finds_articles_typed_without_diacritics(client, contributor_user):
    from django.urls import reverse

    from tests.factories import StaffAssignmentFactory, WardFactory

    own, other = WardFactory(), WardFactory()
    StaffAssignmentFactory(user=contributor_user, organization=own)
    mine = ArticleFactory(title="Đối thoại ở phường mình", organization=own)
    theirs = ArticleFactory(title="Đối thoại ở phường bên", organization=other, status="draft")
    client.force_login(contributor_user)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "news",
            "model_name": "relatedarticle",
            "field_name": "to_article",
            "term": "DOI THOAI",
        },
    )
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()["results"]}
    assert str(mine.pk) in ids and str(theirs.pk) not in ids
