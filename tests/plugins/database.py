"""pytest plugin: choose the database of a test run (`--database=sqlite|postgres`).

With `--database=postgres` it starts a throw-away PostgreSQL cluster before Django reads its
settings (so DATABASE_URL points at it) and stops it when the run ends. Tests marked
`postgres` need PostgreSQL: they are deselected, not skipped, in the SQLite pass and run in
the PostgreSQL pass; scripts/test.sh always runs both passes. Tests marked `layout` check what
the database cannot change (the width of every page in a browser) and run in the SQLite pass only.

At the end of a PostgreSQL pass no connection to the test database may be left but the run's own:
one left open (a thread that never closed it, a connection orphaned by Playwright's event loop)
is a leak in a server process, and it keeps the test database from being dropped.
"""

from __future__ import annotations

import os
import time

import pytest

_cluster = None


def pytest_addoption(parser):
    parser.addoption(
        "--database",
        choices=["sqlite", "postgres"],
        default="sqlite",
        help="sqlite (a temporary file) or postgres (a throw-away cluster started for the run)",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    global _cluster
    if early_config.known_args_namespace.database != "postgres":
        return
    from tests.pgcluster import start_cluster

    _cluster = start_cluster()
    os.environ["DATABASE_URL"] = _cluster.url
    os.environ["FRONTCMS_TEST_PG_PORT"] = str(_cluster.port)


def pytest_unconfigure(config):
    global _cluster
    if _cluster is not None:
        from django.db import connections

        connections.close_all()
        _cluster.stop()
        _cluster = None


def pytest_report_header(config):
    return f"database: {config.getoption('--database')}"


def pytest_collection_modifyitems(config, items):
    other_pass = "layout" if config.getoption("--database") == "postgres" else "postgres"
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker(other_pass) else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


@pytest.fixture(scope="session")
def on_postgres(request) -> bool:
    return request.config.getoption("--database") == "postgres"


LEFT_OPEN_GRACE_SECONDS = 5.0  # threads that are ending (a live server's last requests) close theirs


@pytest.fixture(scope="session", autouse=True)
def no_connection_left_open(request):
    """Fails the PostgreSQL pass if, once every test has ended, another session is still connected
    to the test database (set up after the database, so checked before it is dropped)."""
    if request.config.getoption("--database") != "postgres":
        yield
        return
    request.getfixturevalue("django_db_setup")
    yield
    from django.db import connections

    connections.close_all()
    with request.getfixturevalue("django_db_blocker").unblock():
        left = _other_sessions()
        deadline = time.monotonic() + LEFT_OPEN_GRACE_SECONDS
        while left and time.monotonic() < deadline:
            time.sleep(0.2)
            left = _other_sessions()
    if left:
        pytest.fail(f"connections to the test database left open after the last test: {left}", pytrace=False)


def _other_sessions() -> list[tuple]:
    """Client sessions on the test database (pid, when it connected, its last statement), seen from
    a connection to the maintenance database."""
    from django.db import connections

    settings = connections["default"].settings_dict
    with connections["default"]._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT pid, backend_start, left(query, 80) FROM pg_stat_activity "
            "WHERE datname = %s AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
            [settings["NAME"]],
        )
        return cursor.fetchall()
