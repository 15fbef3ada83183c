#!/usr/bin/env bash
# Install, migrate, load the demo content and serve the portal at http://127.0.0.1:8000/ (SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export DEBUG=1
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py seed_demo
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
