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

echo "== Tests on SQLite"
.venv/bin/python -m pytest --database=sqlite "$@"
echo "== Tests on PostgreSQL"
.venv/bin/python -m pytest --database=postgres "$@"
