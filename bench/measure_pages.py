"""Server-side timing of every public page, uncached, in-process; prints JSON for run_bench.py.

For each page type: median and 95th-percentile render time over several requests with the cache
cleared before each one (the worst case: every fragment and the content version recomputed), and
the number of SQL queries; then the median with warm fragment caches for a visitor the page cache
does not serve (a session cookie), and its queries. Also times portal search for a set of
common queries (the target: 95th percentile under 50 ms on 100,000 articles on PostgreSQL).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontcms.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from frontcms import search  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
SEARCH_QUERIES = [
    "tập huấn",
    "tap huan",
    "hội nghị",
    "dai hoi",
    "Ban Thường trực",
    "khu dân cư",
    "thanh tra nhân dân",
    "nhiệm kỳ 2019-2024",
    "đối thoại",
    "phường",
    # Rarer in titles, common or only in bodies, and nothing at all: the slower paths.
    "hòa giải",
    "chuyển đổi số",
    "cử tri",
    "công trình dân sinh",
    "suất quà hộ nghèo",
    "bão lũ miền Trung",
]


def page_urls() -> dict[str, str]:
    Article = apps.get_model("news", "Article")
    Category = apps.get_model("news", "Category")
    Event = apps.get_model("events", "Event")
    Organization = apps.get_model("committees", "Organization")
    Person = apps.get_model("committees", "Person")
    published_articles = Article.objects.published().order_by("-published_at")
    # The 101st newest (not on the home page), or the oldest of a small site (the SQLite demo).
    article = published_articles[min(100, published_articles.count() - 1)]
    category = Category.objects.filter(parent__isnull=True).first()
    tag = article.tags.first()
    now = timezone.now()
    event = Event.objects.published().filter(starts_at__lte=now).order_by("-starts_at").first()
    published = Article.objects.published().count()
    deep_page = max(1, min(500, -(-published // 20)))
    org = Organization.objects.filter(kind="district").first() or Organization.objects.first()
    person = Person.objects.filter(memberships__isnull=False).order_by("pk").first() or Person.objects.first()
    Page = apps.get_model("frontcms", "Page")
    page = Page.objects.published().filter(parent__isnull=True).first()
    urls = {
        "home": "/",
        "news list": reverse("news:list"),
        f"news list page {deep_page}": reverse("news:list") + f"?trang={deep_page}",
        "category": category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "events list": reverse("events:list"),
        "events list, filtered": reverse("events:list")
        + f"?loai=conference&to-chuc={org.slug}&nam={event.starts_at.year}",
        "event": event.get_absolute_url(),
        "organisation": org.get_absolute_url(),
        "person": person.get_absolute_url(),
        "search": reverse("frontcms:search") + "?q=tap+huan",
        # Not a page: the cheapest response through every middleware, the floor of any uncached page.
        "robots.txt": "/robots.txt",
    }
    if page is not None:
        urls["static page"] = page.get_absolute_url()
    if tag is not None:
        urls["tag"] = reverse("news:tag", kwargs={"slug": tag.slug})
    return urls


def measure(client: Client, url: str) -> dict:
    timings, queries, status = [], 0, None
    for _ in range(RUNS):
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        queries, status = len(ctx.captured_queries), response.status_code
    timings.sort()
    # The same page rendered for a visitor with a session (the page cache steps aside, as for
    # staff) while the fragment caches (home blocks, related news, sidebar) are warm.
    client.cookies["sessionid"] = "bench-uncached"
    client.get(url)
    warm, warm_queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            client.get(url)
            warm.append((time.perf_counter() - started) * 1000)
        warm_queries = len(ctx.captured_queries)
    del client.cookies["sessionid"]
    # An anonymous reader served from the page cache (the first request fills it).
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    cached_queries = len(ctx.captured_queries)
    return {
        "url": url,
        "status": status,
        "median_ms": statistics.median(timings),
        "p95_ms": timings[max(0, int(len(timings) * 0.95) - 1)],
        "queries": queries,
        "warm_median_ms": statistics.median(warm),
        "warm_queries": warm_queries,
        "cached_queries": cached_queries,
    }


def main() -> None:
    # The host the benchmark's ALLOWED_HOSTS accepts (the test client's "testserver" is refused).
    client = Client(HTTP_HOST=os.environ.get("BENCH_HOST", "localhost"))
    result = {name: measure(client, url) for name, url in page_urls().items()}
    search_times = []
    for text in SEARCH_QUERIES:
        query = search.parse_query(text)
        for _ in range(5):
            started = time.perf_counter()
            # What the search page does: the result count and the first page.
            page = Paginator(search.search(query), 20).get_page(1)
            list(page.object_list)
            search_times.append((time.perf_counter() - started) * 1000)
    search_times.sort()
    result["search query (index only)"] = {
        "url": "-",
        "status": 200,
        "median_ms": statistics.median(search_times),
        "p95_ms": search_times[int(len(search_times) * 0.95) - 1],
        "queries": 4,
        "warm_median_ms": statistics.median(search_times),
        "warm_queries": 4,
        "cached_queries": 4,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
