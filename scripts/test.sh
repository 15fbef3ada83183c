#!/usr/bin/env bash
# The whole test suite: lint, migrations check, then every test on SQLite and again on a throw-away
# PostgreSQL cluster (browser tests included, in headless Chromium). Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --test

export PYTHONDONTWRITEBYTECODE=1
.venv/bin/ruff check .
DEBUG=1 .venv/bin/python manage.py makemigrations --check --dry-run >/dev/null \
  || { echo "Model changes without a migration: run manage.py makemigrations" >&2; exit 1; }

# The two passes run side by side (each is mostly one process waiting on a browser, a database or
# itself; two cores take both): about 12 minutes instead of 20. Each pass writes its own log,
# printed whole when both have ended; the run fails if either does.
logs="$(mktemp -d)"
.venv/bin/python -m pytest --database=sqlite "$@" > "$logs/sqlite.log" 2>&1 &
sqlite_pass=$!
.venv/bin/python -m pytest --database=postgres "$@" > "$logs/postgres.log" 2>&1 &
postgres_pass=$!
status=0
wait "$sqlite_pass" || status=1
wait "$postgres_pass" || status=1
echo "== Tests on SQLite"
cat "$logs/sqlite.log"
echo "== Tests on PostgreSQL"
cat "$logs/postgres.log"
rm -rf "$logs"
exit "$status"
