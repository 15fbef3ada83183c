"""A gunicorn worker on SQLite keeps its database connection between requests, as on PostgreSQL
(DB_CONN_MAX_AGE, 60 s by default): opening one runs the WAL pragmas and registers Django's SQL
functions, about 2 ms of every request that touches the database. `DB_CONN_MAX_AGE=0` still
opens one per request. Seen from outside: whether the worker holds the database file open once
its requests are answered."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.ops.support import app_env, fetch, manage, start_gunicorn


def _open_by_workers(master_pid: int, database: Path) -> bool:
    children = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True).stdout.split()
    target = str(database.resolve())
    for pid in children:
        fd_dir = Path(f"/proc/{pid}/fd")
        for fd in os.listdir(fd_dir):
            try:
                if os.path.realpath(fd_dir / fd) == target:
                    return True
            except OSError:
                continue
    return False


@pytest.mark.parametrize(("max_age", "kept"), [(None, True), ("0", False)])
def test_a_worker_keeps_its_sqlite_connection_unless_told_not_to(tmp_path, max_age, kept):
    database = tmp_path / "db.sqlite3"
    extra = {"DB_CONN_MAX_AGE": max_age} if max_age is not None else {}
    env = app_env(f"sqlite:///{database}", tmp_path / "media", **extra)
    manage(env, "migrate", "--noinput", timeout=600)
    server, base = start_gunicorn(env, tmp_path, "sqlite")
    try:
        for _ in range(3):
            status, _headers, body = fetch(f"{base}/suc-khoe/")
            assert status == 200, body
        assert _open_by_workers(server.pid, database) is kept
    finally:
        server.stop()
