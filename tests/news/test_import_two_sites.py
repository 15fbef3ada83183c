"""Old sites of the district and its wards share paths (`/index.php?…&id=12`): importing one must
never update or capture the other's article, and each domain's old address answers 301 to its own
article (news.models.LegacyPath.host, frontcms.legacy_paths.pick_for_host)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from frontcms.legacy_paths import normalise_legacy_host, pick_for_host
from news.models import Article, LegacyPath
from tests.factories import ArticleFactory, WardFactory

SITES = Path(__file__).resolve().parent / "sites"
JOOMLA_HOST = "mttq-thanhbinh.example.vn"
PAGE = "index.php?option=com_content&view=article&id=12&Itemid=101.html"
JOOMLA_12 = "/index.php?option=com_content&view=article&id=12&Itemid=101"
OTHER_HOST = "mttq-phuongkhac.example.vn"

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_site", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def two_sites(tmp_path):
    """The Joomla site, and a ward's site saved under another domain with the same paths and
    different words in the same article."""
    first = tmp_path / "first"
    shutil.copytree(SITES / "joomla", first)
    second = tmp_path / "second"
    shutil.copytree(SITES / "joomla" / JOOMLA_HOST, second / OTHER_HOST)
    page = second / OTHER_HOST / PAGE
    page.write_text(
        page.read_text(encoding="utf-8").replace("27 ý kiến", "31 ý kiến của phường khác"), encoding="utf-8"
    )
    return first, second


def article_of(host: str) -> Article:
    return LegacyPath.objects.select_related("article").get(host=host, path=JOOMLA_12).article


def test_a_second_site_with_the_same_paths_gets_articles_of_its_own(two_sites):
    first, second = two_sites
    ward_a, ward_b = WardFactory(slug="phuong-a"), WardFactory(slug="phuong-b")
    run("--publish", "--organization", "phuong-a", str(first))
    count = Article.objects.count()
    ours = article_of(JOOMLA_HOST)
    body = ours.body

    output = run("--publish", "--organization", "phuong-b", str(second))

    theirs = article_of(OTHER_HOST)
    ours.refresh_from_db()
    assert theirs.pk != ours.pk
    assert Article.objects.count() == 2 * count
    assert ours.organization == ward_a and ours.body == body and "27 ý kiến" in ours.body
    assert theirs.organization == ward_b and "31 ý kiến của phường khác" in theirs.body
    assert "already belongs" not in output
    # Running the first import again still finds its own articles.
    assert "đã tạo 0 bài" in run("--publish", "--organization", "phuong-a", str(first))


def test_each_old_domain_answers_with_its_own_article(two_sites, client):
    first, second = two_sites
    WardFactory(slug="phuong-a"), WardFactory(slug="phuong-b")
    run("--publish", "--organization", "phuong-a", str(first))
    run("--publish", "--organization", "phuong-b", str(second))
    ours, theirs = article_of(JOOMLA_HOST), article_of(OTHER_HOST)

    assert client.get(JOOMLA_12, HTTP_HOST=JOOMLA_HOST)["Location"] == ours.get_absolute_url()
    assert client.get(JOOMLA_12, HTTP_HOST=f"www.{OTHER_HOST}")["Location"] == theirs.get_absolute_url()
    # Asked of the portal's own domain, the path names two articles: neither is guessed.
    assert client.get(JOOMLA_12, HTTP_HOST="portal.example.vn", follow=True).status_code == 404


def test_a_path_without_a_domain_serves_every_domain_but_one_of_its_own():
    shared, own = ArticleFactory(), ArticleFactory()
    LegacyPath.objects.create(article=shared, path="/tin-tuc/123.html")
    LegacyPath.objects.create(article=own, path="http://WWW.Ward-B.vn:8080/tin-tuc/123.html")
    assert LegacyPath.objects.get(article=own).host == "ward-b.vn"

    from django.test import Client

    client = Client()
    assert client.get("/tin-tuc/123.html", HTTP_HOST="ward-b.vn")["Location"] == own.get_absolute_url()
    assert client.get("/tin-tuc/123.html", HTTP_HOST="ward-a.vn")["Location"] == shared.get_absolute_url()


@pytest.mark.parametrize(
    ("rows", "host", "chosen"),
    [
        ([("a.vn", 1), ("b.vn", 2)], "b.vn", 2),
        ([("a.vn", 1), ("", 2)], "c.vn", 2),
        ([("a.vn", 1)], "c.vn", None),  # another site's only (news.apps decides whether it stands in)
        ([("a.vn", 1), ("b.vn", 2)], "c.vn", None),
        ([], "a.vn", None),
    ],
)
def test_pick_for_host(rows, host, chosen):
    assert pick_for_host(rows, host) == chosen


@pytest.mark.parametrize(
    ("value", "host"),
    [("www.Site.VN:8080", "site.vn"), ("http://site.vn./a.html", "site.vn"), ("", ""), ("  ", "")],
)
def test_normalise_legacy_host(value, host):
    assert normalise_legacy_host(value) == host


def test_the_admin_takes_the_same_path_under_two_domains_and_refuses_it_twice_under_one(admin_client):
    from tests.news.test_admin import change_url, form_data

    article = ArticleFactory()
    LegacyPath.objects.create(
        article=ArticleFactory(title="Bài của phường A"), host="ward-a.vn", path="/a.html"
    )

    def post(rows):
        payload = form_data(article, **{"legacy_paths-TOTAL_FORMS": str(len(rows))})
        for i, (host, path) in enumerate(rows):
            payload[f"legacy_paths-{i}-host"] = host
            payload[f"legacy_paths-{i}-path"] = path
        return admin_client.post(change_url(article), payload)

    response = post([("ward-a.vn", "/A.html")])
    assert response.status_code == 200
    assert "Đường dẫn này đã thuộc bài “Bài của phường A”." in response.content.decode()
    response = post([("ward-b.vn", "/a.html"), ("WWW.ward-b.vn", "/a.html/")])
    assert response.status_code == 200
    assert "Đường dẫn này đã có ở một dòng khác." in response.content.decode()
    response = post([("ward-b.vn", "/a.html")])
    assert response.status_code == 302
    assert list(LegacyPath.objects.filter(article=article).values_list("host", "key")) == [
        ("ward-b.vn", "/a.html")
    ]


def test_the_only_article_with_a_path_stands_in_except_for_an_old_site_with_addresses_of_its_own(client):
    ward_a_article = ArticleFactory()
    LegacyPath.objects.create(article=ward_a_article, host="ward-a.vn", path="/tin-tuc/7.html")
    LegacyPath.objects.create(article=ArticleFactory(), host="ward-b.vn", path="/tin-tuc/8.html")
    # The portal's own domain (or one no old address names): the only article with that path.
    assert client.get("/tin-tuc/7.html", HTTP_HOST="portal.example.vn")["Location"] == (
        ward_a_article.get_absolute_url()
    )
    # Ward B's old site: its own article 7 was never imported; ward A's must not stand in.
    assert client.get("/tin-tuc/7.html", HTTP_HOST="ward-b.vn", follow=True).status_code == 404


def test_a_ward_cannot_take_over_another_wards_old_address(admin_client):
    from django.core.exceptions import ValidationError

    ward_a, ward_b = WardFactory(), WardFactory()
    theirs = ArticleFactory(organization=ward_a, title="Bản nháp của phường A")
    LegacyPath.objects.create(article=theirs, path="/tin-tuc/9.html")  # recorded without a domain
    ours = ArticleFactory(organization=ward_b)
    for host in ("ward-a.vn", ""):
        row = LegacyPath(article=ours, host=host, path="/tin-tuc/9.html")
        with pytest.raises(ValidationError) as refused:
            row.full_clean()
        messages = refused.value.messages
        assert "Đường dẫn này đã thuộc một bài của đơn vị khác." in messages
        assert not any("phường A" in message for message in messages)  # not the other unit's title
    # A path that site A recorded under its own domain does not stop site B's own address.
    LegacyPath.objects.filter(article=theirs).update(host="ward-a.vn")
    LegacyPath(article=ours, host="ward-b.vn", path="/tin-tuc/9.html").full_clean()


def test_an_import_from_before_domains_were_kept_learns_its_domain_on_the_next_run(two_sites):
    first, _second = two_sites
    WardFactory(slug="phuong-a")
    run("--publish", "--organization", "phuong-a", str(first))
    rows = LegacyPath.objects.count()
    LegacyPath.objects.update(host="")  # as migration 0010 left an import of an earlier release
    output = run("--publish", "--organization", "phuong-a", str(first))
    assert "đã tạo 0 bài" in output
    assert LegacyPath.objects.count() == rows  # no twins
    assert set(LegacyPath.objects.values_list("host", flat=True)) == {JOOMLA_HOST}
