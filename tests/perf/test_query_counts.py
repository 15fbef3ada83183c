"""Every public page runs a fixed, small number of SQL queries, whatever the amount of data.

Measured with a cold cache (every fragment cache empty, the worst case), on a site with 300
articles, 100 events and a district committee with about 200 memberships; then the same pages
are measured again after the data has doubled, and must not run a single query more.
"""

from __future__ import annotations

import random

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees.models import Organization, Person
from events.models import Event
from frontcms.publishing import Status
from news.models import Article, Category
from tests.factories import MenuItemFactory, PageFactory, QuickLinkFactory

from .conftest import SIZES

pytestmark = pytest.mark.django_db

# page type → most queries allowed with a cold cache (chrome: settings, menu, sidebar blocks, …)
LIMITS = {
    "home": 20,
    "news list": 14,
    "news list, deep page": 14,
    "category": 17,
    "tag": 15,
    "article": 20,
    "events list": 16,
    "events list, filtered": 16,
    "event": 20,
    "organisation": 21,
    "person": 14,
    "search": 17,  # title window (PostgreSQL), title matches, recent matches, count, page
    "static page": 14,
    "contact page": 16,  # a static page plus the wards' contact points (committees block)
    "organisation tree": 15,
    # /en/: the main committee, the organisation chart (one query for every organisation),
    # leaders, contacts, settings; no menu or sidebar queries (English chrome).
    "English home": 8,
    "English organisation": 10,  # its leaders, contacts, sub-organisations, successors, predecessors
    "document library": 17,
    "news feed": 6,
    "calendar feed": 5,
}


def _urls() -> dict[str, str]:
    article = (
        Article.objects.published().annotate(n=Count("tags")).filter(n__gte=3, event__isnull=False).first()
    )
    event = Event.objects.published().annotate(n=Count("agenda_items")).order_by("-n", "pk").first()
    organization = Organization.objects.annotate(n=Count("memberships")).order_by("-n").first()
    person = Person.objects.annotate(n=Count("memberships")).order_by("-n", "pk").first()
    page = PageFactory(title="Giới thiệu chung", body="<p>Ủy ban MTTQ Việt Nam quận.</p>")
    contact = PageFactory(slug="lien-he", title="Liên hệ", body="<p>Văn phòng Ủy ban.</p>")
    pages = -(-Article.objects.published().count() // 20)
    return {
        "home": "/",
        "news list": reverse("news:list"),
        "news list, deep page": reverse("news:list") + f"?trang={pages}",
        "category": Category.objects.get(slug="tin-hoat-dong").get_absolute_url(),
        "tag": reverse("news:tag", kwargs={"slug": article.tags.order_by("slug").first().slug}),
        "article": article.get_absolute_url(),
        "events list": reverse("events:list"),
        "events list, filtered": reverse("events:list")
        + f"?loai=conference&to-chuc={organization.slug}&thoi-gian=da-dien-ra&nam=2024",
        "event": event.get_absolute_url(),
        "organisation": organization.get_absolute_url(),
        "person": person.get_absolute_url(),
        "search": reverse("frontcms:search") + "?q=tap+huan",
        "static page": page.get_absolute_url(),
        "contact page": contact.get_absolute_url(),
        "organisation tree": reverse("committees:tree"),
        "English home": reverse("committees:english"),
        "English organisation": organization.get_english_url(),
        "document library": reverse("events:documents"),
        "news feed": reverse("news:rss"),
        "calendar feed": reverse("events:ics"),
    }


def _count(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.fixture
def chrome():
    """Menus, quick links: the site chrome every page carries, several items of each."""
    for n in range(8):
        MenuItemFactory(title=f"Mục {n}")
        QuickLinkFactory(title=f"Liên kết {n}")


def test_the_data_is_much_larger_than_one_page(big_site):
    assert Article.objects.published().count() > 10 * 20
    assert Event.objects.published().count() > 4 * 20
    district = Organization.objects.get(pk=big_site["district"])
    assert district.memberships.count() >= 150


@pytest.mark.parametrize("name", list(LIMITS))
def test_public_page_query_count_is_pinned(big_site, chrome, client, django_assert_max_num_queries, name):
    url = _urls()[name]
    cache.clear()
    with django_assert_max_num_queries(LIMITS[name]):
        response = client.get(url)
    assert response.status_code == 200


def test_query_counts_do_not_grow_with_the_data(big_site, chrome, client):
    urls = _urls()
    before = {name: _count(client, url) for name, url in urls.items()}
    rng = random.Random(8)
    from committees import load_data as committees_data
    from events import load_data as events_data
    from news import load_data as news_data

    context: dict = {}
    for module in (committees_data, events_data, news_data):
        module.generate(SIZES, rng, context)
    assert Article.objects.filter(status=Status.PUBLISHED).count() > 500
    urls["news list, deep page"] = (
        reverse("news:list") + f"?trang={-(-Article.objects.published().count() // 20)}"
    )
    after = {name: _count(client, url) for name, url in urls.items()}
    assert after == before


@pytest.mark.parametrize("name", ["home", "article", "organisation"])
def test_warm_pages_for_a_session_visitor_run_no_content_query(big_site, chrome, client, name):
    """Visitors the page cache cannot serve (a session) get these pages from kept fragments:
    the article lookup, its body, the header, footer and sidebar blocks run no SQL once warm."""
    url = _urls()[name]
    client.cookies["sessionid"] = "no-page-cache"
    cache.clear()
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200 and "X-Page-Cache" not in response
    assert [q["sql"] for q in ctx.captured_queries if "django_session" not in q["sql"]] == []
