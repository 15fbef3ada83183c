"""Old addresses of an imported website answer 301 to their new page, only on the 404 path."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontcms.legacy_paths import normalise_legacy_path
from frontcms.publishing import Status
from news.models import LegacyPath
from tests.factories import ArticleFactory, EventFactory


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/Default.aspx?tabid=57&ArticleID=123", "/?articleid=123&tabid=57"),
        ("/default.aspx?ArticleID=123&TabID=57", "/?articleid=123&tabid=57"),
        ("http://mttq.example.vn/Default.aspx?tabid=57&ArticleID=123", "/?articleid=123&tabid=57"),
        ("/tabid/57/ArticleID/123/Default.aspx", "/tabid/57/articleid/123"),
        (
            "/index.php?option=com_content&view=article&id=12&Itemid=101",
            "/?id=12&option=com_content&view=article",
        ),
        ("/index.php?view=article&option=com_content&id=12", "/?id=12&option=com_content&view=article"),
        ("/2019/07/23/hoi-nghi/", "/2019/07/23/hoi-nghi"),
        ("/2019/07/23/hoi-nghi/index.html", "/2019/07/23/hoi-nghi"),
        ("/tin-tuc/Hoi-Nghi-123.html?utm_source=facebook&fbclid=abc", "/tin-tuc/hoi-nghi-123.html"),
        ("/tin-tuc/h%E1%BB%99i-ngh%E1%BB%8B.html", "/tin-tuc/hội-nghị.html"),
        ("tin-tuc//bai.html", "/tin-tuc/bai.html"),
        ("", ""),
        ("/", "/"),
    ],
)
def test_old_paths_are_compared_in_one_normal_form(given: str, expected: str) -> None:
    assert normalise_legacy_path(given) == expected


@pytest.fixture
def imported(db):
    article = ArticleFactory(title="Hội nghị đối thoại năm 2019", status=Status.PUBLISHED)
    LegacyPath.objects.create(article=article, path="/Default.aspx?tabid=57&ArticleID=123")
    LegacyPath.objects.create(article=article, path="/2019/07/23/hoi-nghi-doi-thoai/")
    LegacyPath.objects.create(article=article, path="/index.php?option=com_content&view=article&id=12")
    return article


@pytest.mark.parametrize(
    "old",
    [
        "/Default.aspx?tabid=57&ArticleID=123",
        "/default.aspx?articleid=123&tabid=57",
        "/Default.aspx?tabid=57&ArticleID=123&utm_source=zalo",
        "/2019/07/23/hoi-nghi-doi-thoai/",
        "/2019/07/23/hoi-nghi-doi-thoai",
        "/index.php?option=com_content&view=article&id=12&Itemid=101",
    ],
)
def test_old_address_answers_301_to_the_article(client, imported, old: str) -> None:
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == imported.get_absolute_url()


def test_old_address_follows_the_article_when_its_slug_changes(client, imported) -> None:
    imported.slug = "doi-thoai-voi-nhan-dan-2019"
    imported.save()
    response = client.get("/Default.aspx?tabid=57&ArticleID=123")
    assert response.status_code == 301
    assert response["Location"] == "/tin-tuc/doi-thoai-voi-nhan-dan-2019/"


def not_found(client, path: str) -> bool:
    """A 404 in the end (Django's APPEND_SLASH may first try the path with a slash), never the article."""
    response = client.get(path, follow=True)
    return response.status_code == 404 and not any("/tin-tuc/" in url for url, _ in response.redirect_chain)


def test_old_address_of_an_unpublished_article_reveals_nothing(client, imported) -> None:
    imported.status = Status.DRAFT
    imported.save()
    assert not_found(client, "/Default.aspx?tabid=57&ArticleID=123")


def test_an_unknown_old_address_stays_a_404(client, imported) -> None:
    assert not_found(client, "/Default.aspx?tabid=57&ArticleID=999")


def test_portal_pages_win_over_old_addresses(client, imported) -> None:
    LegacyPath.objects.create(article=imported, path="/tin-tuc/")
    assert client.get("/tin-tuc/").status_code == 200


def test_normal_pages_never_look_up_old_addresses(client, imported) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(imported.get_absolute_url()).status_code == 200
        assert client.get("/").status_code == 200
    assert not any("legacypath" in query["sql"] for query in queries.captured_queries)


def test_a_404_costs_one_indexed_lookup(client, imported) -> None:
    with CaptureQueriesContext(connection) as queries:
        client.get("/tin-tuc/2019/bai-khong-co.html")
    lookups = [q["sql"] for q in queries.captured_queries if "legacypath" in q["sql"]]
    assert len(lookups) == 1
    assert '"key" =' in lookups[0] or "key` =" in lookups[0]


# --- an old address the portal itself answers would never redirect: the admin refuses it ---------
NEVER_REDIRECTS = "Cổng thông tin đã có trang tại đường dẫn này"


def test_portal_answers_knows_the_portals_own_pages(imported) -> None:
    from frontcms.legacy_paths import portal_answers

    event = EventFactory()
    renamed = ArticleFactory(status=Status.PUBLISHED, slug="ten-moi")
    renamed.slug = "ten-moi-hon"
    renamed.save()  # "ten-moi" is now an old slug: the portal answers it with a 301
    answered = [
        "/",
        "/tin-tuc/",
        "/tin-tuc/?page=2",
        imported.get_absolute_url(),
        "http://mttq-cu.vn" + imported.get_absolute_url(),
        "/tin-tuc/ten-moi/",
        event.get_absolute_url(),
        "/su-kien/",
        "/sitemap.xml",  # a function view given its settings as extra arguments
    ]
    not_answered = [
        "/Default.aspx?tabid=57&ArticleID=123",
        "/tin-tuc/bai-khong-co/",
        "/tin-tuc/hoi-nghi-123.html",
        "/tin-tuc/danh-muc/khong-co/",
        "/su-kien/khong-co/",
        "/to-chuc/khong-co/",
        "/mot/trang/khong-co/",
        "/tuong-tac/xem/1/2.gif",  # a counter: never called
    ]
    assert [path for path in answered if not portal_answers(path)] == []
    assert [path for path in not_answered if portal_answers(path)] == []


def test_the_admin_refuses_an_old_address_the_portal_answers(admin_client, imported) -> None:
    from tests.news.test_admin import change_url, form_data

    article = ArticleFactory()

    def post(path):
        payload = form_data(article, **{"legacy_paths-TOTAL_FORMS": "1"})
        payload["legacy_paths-0-host"] = ""
        payload["legacy_paths-0-path"] = path
        return admin_client.post(change_url(article), payload)

    response = post(imported.get_absolute_url())
    assert response.status_code == 200
    assert NEVER_REDIRECTS in response.content.decode()
    assert post("/tin-tuc/2019/hoi-nghi.html").status_code == 302
    assert list(LegacyPath.objects.filter(article=article).values_list("key", flat=True)) == [
        "/tin-tuc/2019/hoi-nghi.html"
    ]


def test_a_kept_row_the_portal_answers_does_not_block_other_edits(imported) -> None:
    """Rows saved before the check (or by an import) are asked again only when their path changes."""
    row = LegacyPath.objects.create(article=imported, path="/tin-tuc/")
    row.full_clean()
    row.path = "/su-kien/"
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert any(NEVER_REDIRECTS in message for message in refused.value.messages)


@pytest.mark.urls("tests.frontcms.urls_asked_views")
@pytest.mark.parametrize("in_a_transaction", [True, False], ids=["in-the-admins-transaction", "autocommit"])
def test_asking_a_page_leaves_nothing_behind(request, caplog, in_a_transaction) -> None:
    """A page asked whether it is there writes nothing that stays, in the database or the cache;
    a page that refuses readers is there; a page whose query fails is not, and the editor's
    transaction goes on."""
    from django.contrib.auth.models import Group
    from django.core.cache import cache

    from frontcms.cache import kept_key
    from frontcms.legacy_paths import portal_answers

    request.getfixturevalue("db" if in_a_transaction else "transactional_db")
    assert portal_answers("/ghi/bai-cu/") is True
    assert cache.get(kept_key("asked:bai-cu")) is None
    assert portal_answers("/cam/bai-cu/") is True
    assert portal_answers("/hong/bai-cu/") is False
    # Asked after the failed query: on PostgreSQL, a transaction not rolled back to a savepoint
    # would refuse it.
    assert not Group.objects.filter(name="written-by-bai-cu").exists()
    assert "no_such_table_anywhere" in caplog.text and "Traceback" not in caplog.text
