"""Scale-out: two gunicorn instances sharing one PostgreSQL, one Redis and one media folder
behave as one site. Each keeps the pages it rendered (put together from the kept parts they
share); an edit or a publication made elsewhere is visible on both at once (tag generations live
in Redis);
when Redis or PostgreSQL goes away the health check says so and the site recovers by itself."""

from __future__ import annotations

import time

import pytest

from tests.ops.support import app_env, fetch, manage, shell, start_gunicorn, start_redis, wait_for
from tests.pgcluster import start_cluster

pytestmark = pytest.mark.postgres


@pytest.fixture
def site(tmp_path):
    """(env, base URL of A, base URL of B, redis process, cluster); everything stopped afterwards."""
    started = []
    cluster = start_cluster("frontcms_scale")
    try:
        redis, redis_url = start_redis(tmp_path)
        started.append(redis)
        media = tmp_path / "media"
        media.mkdir()
        env = app_env(cluster.url, media, REDIS_URL=redis_url, PAGE_CACHE_SECONDS="600")
        manage(env, "migrate", "--no-input")
        shell(
            env,
            "from frontcms.models import Page; "
            "Page.objects.create(title='Giới thiệu chung', slug='gioi-thieu-chung', body='<p>Phiên bản một</p>')",
        )
        a, base_a = start_gunicorn(env, tmp_path, "a")
        started.append(a)
        b, base_b = start_gunicorn(env, tmp_path, "b")
        started.append(b)
        yield env, base_a, base_b, redis, cluster
    finally:
        for process in reversed(started):
            process.stop()
        cluster.stop()


def test_two_instances_share_cache_and_see_changes_at_once(site):
    env, base_a, base_b, _redis, _cluster = site
    path = "/gioi-thieu-chung/"

    status, headers, body = fetch(base_b + path)
    assert status == 200 and "Phiên bản một" in body
    assert headers.get("X-Page-Cache") == "miss"
    status, headers, body = fetch(base_b + path)
    assert headers.get("X-Page-Cache") == "hit", headers
    # A keeps pages of its own, put together from the kept parts B stored in Redis.
    status, headers, body = fetch(base_a + path)
    assert status == 200 and headers.get("X-Page-Cache") == "miss" and "Phiên bản một" in body
    assert fetch(base_a + path)[1].get("X-Page-Cache") == "hit"

    # An edit made outside B (the ORM of another process, same database and Redis) shows at once.
    shell(
        env,
        "from frontcms.models import Page; p = Page.objects.get(slug='gioi-thieu-chung'); "
        "p.body = '<p>Phiên bản hai</p>'; p.save()",
    )
    for base in (base_b, base_a):
        status, headers, body = fetch(base + path)
        assert status == 200 and "Phiên bản hai" in body and "Phiên bản một" not in body, (base, headers)

    # Publishing: an unpublished page is 404 on both, published elsewhere it is 200 on both.
    shell(
        env,
        "from frontcms.models import Page; Page.objects.create(title='Thông báo mới', "
        "slug='thong-bao-moi', body='<p>Nội dung thông báo</p>', is_published=False)",
    )
    assert fetch(base_a + "/thong-bao-moi/")[0] == 404
    assert fetch(base_b + "/thong-bao-moi/")[0] == 404
    shell(
        env,
        "from frontcms.models import Page; p = Page.objects.get(slug='thong-bao-moi'); "
        "p.is_published = True; p.save()",
    )
    assert fetch(base_b + "/thong-bao-moi/")[0] == 200
    assert fetch(base_a + "/thong-bao-moi/")[0] == 200
    # …and unpublishing removes it from both, cache or not.
    fetch(base_a + "/thong-bao-moi/")
    shell(
        env,
        "from frontcms.models import Page; p = Page.objects.get(slug='thong-bao-moi'); "
        "p.is_published = False; p.save()",
    )
    assert fetch(base_a + "/thong-bao-moi/")[0] == 404
    assert fetch(base_b + "/thong-bao-moi/")[0] == 404


def test_health_reports_outages_and_the_site_recovers(site, tmp_path):
    env, base_a, base_b, redis, cluster = site
    assert fetch(base_a + "/suc-khoe/")[0] == 200

    # PostgreSQL stops: the health check says so (503, not 500) and comes back by itself.
    cluster.stop_server()
    try:
        status, _headers, body = fetch(base_a + "/suc-khoe/")
        assert status == 503 and "database" in body, (status, body)
        # A page that needs the database: a 503 with Retry-After after a bounded wait, not a 500.
        started = time.monotonic()
        status, headers, _body = fetch(base_b + "/gioi-thieu-chung/?khong-cache=1", timeout=20)
        assert status == 503 and headers.get("Retry-After"), (status, headers)
        assert time.monotonic() - started < 15
    finally:
        cluster.start_server()
    wait_for(base_a + "/suc-khoe/", timeout=20)
    assert fetch(base_a + "/gioi-thieu-chung/")[0] == 200

    # Redis stops: health says the cache is unreachable, on both instances.
    redis.stop()
    deadline = time.monotonic() + 10
    status = None
    while time.monotonic() < deadline:
        status, _headers, body = fetch(base_b + "/suc-khoe/")
        if status == 503:
            break
        time.sleep(0.2)
    assert status == 503 and "cache" in body
    assert fetch(base_a + "/suc-khoe/")[0] == 503


def test_pages_stay_up_while_redis_is_down(site):
    """Redis is a cache: losing it may slow the site down but must not take pages down."""
    env, base_a, _base_b, redis, _cluster = site
    assert fetch(base_a + "/gioi-thieu-chung/")[0] == 200
    redis.stop()
    statuses = {
        path: fetch(base_a + path)[0] for path in ("/", "/gioi-thieu-chung/", "/tin-tuc/", "/tim-kiem/?q=mat")
    }
    assert all(status < 500 for status in statuses.values()), statuses


def test_a_reader_during_a_brief_database_restart_waits_instead_of_failing(site):
    env, base_a, _base_b, _redis, cluster = site
    import threading

    cluster.stop_server()
    results = {}
    reader = threading.Thread(
        target=lambda: results.update(
            page=fetch(base_a + "/gioi-thieu-chung/?trong-luc-khoi-dong=1", timeout=30)
        )
    )
    try:
        reader.start()
        time.sleep(1.5)  # the request is now waiting for the database (DB_OUTAGE_WAIT defaults to 5 s)
    finally:
        cluster.start_server()
    reader.join(timeout=30)
    status, _headers, body = results["page"]
    assert status == 200 and "Phiên bản một" in body, status
