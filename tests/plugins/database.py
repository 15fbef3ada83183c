"""pytest plugin: choose the database of a test run (`--database=sqlite|postgres`).

With `--database=postgres` it starts a throw-away PostgreSQL cluster before Django reads its
settings (so DATABASE_URL points at it) and stops it when the run ends. Tests marked
`postgres` need PostgreSQL: they are deselected, not skipped, in the SQLite pass and run in
the PostgreSQL pass; scripts/test.sh always runs both passes. Tests marked `layout` check what
the database cannot change (the width of every page in a browser) and run in the SQLite pass only.
"""

from __future__ import annotations

import os

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
