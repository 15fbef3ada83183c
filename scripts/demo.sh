#!/usr/bin/env bash
# Install, migrate, load the demo content and serve the portal at http://127.0.0.1:8000/ (SQLite).
#
# The demo runs as readers get the portal in production (DEBUG off: the real Vietnamese error
# pages, hashed static files through whitenoise), in the settings' demo mode (DEMO=1): plain http
# on loopback, uploads served by Django. See README, "Settings".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export DEMO=1 DEBUG=0
# A secret key of this checkout's own, kept between runs so that logins survive a restart.
if [ ! -s .demo-secret-key ]; then
  (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' > .demo-secret-key)
fi
SECRET_KEY="$(cat .demo-secret-key)"
export SECRET_KEY
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py collectstatic --noinput -v 0
.venv/bin/python manage.py seed_demo
exec .venv/bin/python manage.py runserver --noreload 127.0.0.1:8000
