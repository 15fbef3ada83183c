"""Portal search: accent-insensitive, word-based, ranked; the same documents on SQLite and PostgreSQL."""

import unicodedata

import pytest

from frontcms import search
from frontcms.models import SearchEntry
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def titles(query, **kwargs):
    return [e.title for e in search.search(search.parse_query(query), **kwargs)]


@pytest.fixture
def pages():
    return {
        "training": PageFactory(
            title="Tập huấn nghiệp vụ công tác Mặt trận", body="<p>Lớp học cho cán bộ.</p>"
        ),
        "congress": PageFactory(
            title="Đại hội đại biểu phường Thượng Đình", body="<p>Nhiệm kỳ 2024-2029.</p>"
        ),
        "body_only": PageFactory(title="Thông báo", body="<p>Kết quả lớp tập huấn năm 2024.</p>"),
        "folded_title": PageFactory(title="Tap huan truc tuyen", body="<p>Không dấu.</p>"),
        "draft": PageFactory(title="Tập huấn bản nháp", is_published=False),
    }


@pytest.mark.parametrize(
    "query", ["tập huấn", "tap huan", "TẬP HUẤN", "Tap Huan", unicodedata.normalize("NFD", "tập huấn")]
)
def test_accented_plain_upper_and_nfd_queries_find_the_same_documents(pages, query):
    assert set(titles(query)) == {
        "Tập huấn nghiệp vụ công tác Mặt trận",
        "Thông báo",
        "Tap huan truc tuyen",
    }


def test_d_stroke_folds(pages):
    assert titles("dai hoi") == ["Đại hội đại biểu phường Thượng Đình"]
    assert titles("thuong dinh") == ["Đại hội đại biểu phường Thượng Đình"]


def test_ranking_title_over_body_and_exact_diacritics_over_folded(pages):
    ranked = titles("tập huấn")
    assert ranked[0] == "Tập huấn nghiệp vụ công tác Mặt trận"  # title, exact diacritics
    assert ranked[1] == "Tap huan truc tuyen"  # title, folded only
    assert ranked[2] == "Thông báo"  # body only


def test_unpublished_pages_are_not_found_and_unpublishing_removes_them(pages):
    assert "Tập huấn bản nháp" not in titles("tap huan")
    page = pages["training"]
    page.is_published = False
    page.save()
    assert "Tập huấn nghiệp vụ công tác Mặt trận" not in titles("tap huan")


def test_words_match_whole_words_only(pages):
    # "an" is inside "huan" and "can" but is not a word of any document.
    assert titles("an") == []


def test_every_word_must_match(pages):
    assert titles("tap huan dai hoi") == []


def test_kind_and_year_filters(pages):
    assert titles("tap huan", kind="page")
    assert titles("tap huan", kind="article") == []


def test_deleting_removes_the_index_row(pages):
    pages["congress"].delete()
    assert not SearchEntry.objects.filter(title__startswith="Đại hội").exists()


def test_rebuild_recreates_rows(pages):
    SearchEntry.objects.all().delete()
    search.rebuild()
    assert set(titles("dai hoi")) == {"Đại hội đại biểu phường Thượng Đình"}


def test_highlight_marks_words_and_escapes_html():
    query = search.parse_query("tap huan")
    html = search.highlight("Lớp <b>tập huấn</b> năm 2024 & hơn thế", query)
    assert "<mark>tập</mark>" in html and "<mark>huấn</mark>" in html
    assert "&lt;b&gt;" in html and "&amp;" in html


def test_search_page_lists_labelled_highlighted_results(client, pages):
    html = client.get("/tim-kiem/", {"q": "tap huan"}).content.decode()
    assert "Tìm thấy 3 kết quả" in html
    assert '<span class="badge">Trang</span>' in html
    assert "<mark>tập</mark> <mark>huấn</mark>" in html


@pytest.mark.parametrize("q", ["", "   ", "!!!", "…", "%", "' OR 1=1 --", "a" * 1000, "\u0301\u0301"])
def test_odd_queries_get_a_helpful_page(client, pages, q):
    response = client.get(
        "/tim-kiem/", {"q": q, "trang": "abc", "nam": "xyz", "loai": "nope", "to-chuc": "x" * 500}
    )
    assert response.status_code == 200


def test_sql_metacharacters_are_plain_text(client):
    PageFactory(title="Hội nghị 100% đại biểu", body="<p>x</p>")
    assert titles("100%") == ["Hội nghị 100% đại biểu"]
    assert titles("' OR '1'='1") == []


def test_search_query_count_is_bounded(client, django_assert_max_num_queries):
    for i in range(60):
        PageFactory(title=f"Tập huấn số {i}")
    client.get("/tim-kiem/", {"q": "tap huan"})
    with django_assert_max_num_queries(8):
        client.get("/tim-kiem/", {"q": "tap huan", "trang": "2"})


@pytest.fixture
def dated_pages():
    """Seven pages, newest first: two non-matching, then five with "tập huấn" in the title."""
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    titles_newest_first = [
        "Thông báo lịch tiếp dân",  # no match at all
        "Lịch làm việc tháng",  # the words in the body only
        *(f"Tập huấn đợt {n}" for n in range(5, 0, -1)),
    ]
    for age, title in enumerate(titles_newest_first):
        body = "<p>Lớp tập huấn cho cán bộ.</p>" if title == "Lịch làm việc tháng" else "<p>Nội dung.</p>"
        page = PageFactory(title=title, body=body)
        SearchEntry.objects.filter(object_id=page.pk, kind="page").update(date=now - timedelta(days=age + 1))
    return titles_newest_first


@pytest.mark.parametrize("window", [2, 3, 100])
def test_candidates_are_the_most_recent_title_matches_whichever_way_they_are_found(
    dated_pages, monkeypatch, window
):
    # A window of 2 holds no title match (the trigram fallback), 3 holds one, 100 holds all.
    monkeypatch.setattr(search, "CANDIDATES", 3)
    monkeypatch.setattr(search, "TITLE_WINDOW", window)
    # Three title matches fill the candidates, so the newer body-only match is not ranked.
    assert titles("tap huan") == ["Tập huấn đợt 5", "Tập huấn đợt 4", "Tập huấn đợt 3"]


def test_body_matches_are_added_when_titles_do_not_fill_the_candidates(dated_pages, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 6)
    monkeypatch.setattr(search, "TITLE_WINDOW", 2)
    assert titles("tap huan") == [f"Tập huấn đợt {n}" for n in range(5, 0, -1)] + ["Lịch làm việc tháng"]


def test_every_word_in_the_title_outranks_any_mix_of_title_and_summary_words():
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import ArticleFactory

    now = timezone.now()
    ArticleFactory(
        title="Hội nghị tổng kết năm", summary="Nội dung khác.", published_at=now - timedelta(days=3)
    )
    # Newer, two words in the title and all three in the summary: 8·2 + 4·3 = 28 > 8·3 = 24.
    ArticleFactory(
        title="Hội nghị bàn công tác",
        summary="Tổng hợp ý kiến tại hội nghị.",
        published_at=now - timedelta(days=1),
    )
    assert titles("tổng hội nghị", kind="article") == ["Hội nghị tổng kết năm", "Hội nghị bàn công tác"]
