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
sqlite_pass="" postgres_pass=""
report() {
  echo "== Tests on SQLite"
  cat "$logs/sqlite.log" 2>/dev/null || true
  echo "== Tests on PostgreSQL"
  cat "$logs/postgres.log" 2>/dev/null || true
  rm -rf "$logs"
}
# Interrupted (Ctrl+C, a CI timeout): stop both passes (they stop their own PostgreSQL, Redis and
# Chromium) and show how far each got.
stop() {
  kill -INT $sqlite_pass $postgres_pass 2>/dev/null || true
  wait $sqlite_pass $postgres_pass 2>/dev/null || true
  report
  exit 130
}
trap stop INT TERM
# A script's background jobs start with Ctrl+C ignored: each pass gets it back, so that an
# interrupt stops pytest as at a terminal (KeyboardInterrupt, its cluster and browsers closed).
interruptible() {
  exec .venv/bin/python -c \
    'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' "$@"
}
interruptible .venv/bin/python -m pytest --database=sqlite "$@" > "$logs/sqlite.log" 2>&1 &
sqlite_pass=$!
interruptible .venv/bin/python -m pytest --database=postgres "$@" > "$logs/postgres.log" 2>&1 &
postgres_pass=$!
status=0
wait "$sqlite_pass" || status=$?
wait "$postgres_pass" || { code=$?; [ "$status" -ne 0 ] || status=$code; }
trap - INT TERM
report
exit "$status"
