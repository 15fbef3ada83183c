"""Server-side timing of every public page, uncached, in-process; prints JSON for run_bench.py.

For each page type: median and 95th-percentile render time over several requests with the cache
cleared before each one, and the number of SQL queries. Also times portal search for a set of
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
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

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
]


def page_urls() -> dict[str, str]:
    Article = apps.get_model("news", "Article")
    Category = apps.get_model("news", "Category")
    Event = apps.get_model("events", "Event")
    Organization = apps.get_model("committees", "Organization")
    Person = apps.get_model("committees", "Person")
    article = Article.objects.published().order_by("-published_at")[100]
    category = Category.objects.filter(parent__isnull=True).first()
    tag = article.tags.first()
    event = Event.objects.published().order_by("-starts_at").first()
    org = Organization.objects.filter(kind="district").first() or Organization.objects.first()
    person = Person.objects.first()
    urls = {
        "home": "/",
        "news list": reverse("news:list"),
        "news list page 500": reverse("news:list") + "?trang=500",
        "category": category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "events list, filtered": reverse("events:list") + "?loai=conference",
        "event": event.get_absolute_url(),
        "organisation": org.get_absolute_url(),
        "person": person.get_absolute_url(),
        "search": reverse("frontcms:search") + "?q=tap+huan",
    }
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
    return {
        "url": url,
        "status": status,
        "median_ms": statistics.median(timings),
        "p95_ms": timings[max(0, int(len(timings) * 0.95) - 1)],
        "queries": queries,
    }


def main() -> None:
    client = Client()
    result = {name: measure(client, url) for name, url in page_urls().items()}
    search_times = []
    for text in SEARCH_QUERIES:
        query = search.parse_query(text)
        for _ in range(5):
            started = time.perf_counter()
            list(search.search(query)[:20])
            search_times.append((time.perf_counter() - started) * 1000)
    search_times.sort()
    result["search query (index only)"] = {
        "url": "-",
        "status": 200,
        "median_ms": statistics.median(search_times),
        "p95_ms": search_times[int(len(search_times) * 0.95) - 1],
        "queries": 2,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
