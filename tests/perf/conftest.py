"""Shared data for the performance tests: a portal much larger than one page of anything.

Built with the benchmark's own generators (committees/events/news `load_data`), so the tests pin
query counts on the same shape of data the benchmark measures, only smaller.
"""

from __future__ import annotations

import os
import random

import pytest

from committees import load_data as committees_data
from events import load_data as events_data
from news import load_data as news_data

SIZES = {"articles": 300, "events": 100, "people": 300}


@pytest.fixture
def big_site(db):
    """300 articles, 100 events, 300 people (the district has ~200 memberships) and their context."""
    rng = random.Random(7)
    context: dict = {}
    for module in (committees_data, events_data, news_data):
        module.generate(SIZES, rng, context)
    from frontcms import search

    search.rebuild()
    return context


# --- cache backends: local memory (the default) and a real Redis server ---------------------------
REDIS_SERVER = "redis-server"


@pytest.fixture(scope="session")
def redis_server():
    """A private Redis on a free loopback port for the whole session. Missing Redis fails the tests."""
    import shutil
    import socket
    import subprocess
    import time

    binary = shutil.which(REDIS_SERVER) or (
        "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None
    )
    if binary is None:
        pytest.fail("redis-server not found: scripts/bootstrap.sh --test installs Debian's redis-server.")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"redis-server did not start on port {port}")
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request, settings):
    """Run the test once with local memory and once with Django's Redis backend on a real server."""
    from django.core.cache import cache

    if request.param == "redis":
        url = request.getfixturevalue("redis_server")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "frontcms-test",
            }
        }
        from django.core.cache import caches
        from django.core.cache.backends.redis import RedisCache

        assert isinstance(caches["default"], RedisCache)
        cache.set("frontcms-test:ping", "pong")
        assert cache.get("frontcms-test:ping") == "pong"
    cache.clear()
    yield request.param
    cache.clear()
