#!/usr/bin/env bash
# Install what FrontCMS needs on a Debian machine (root): a virtualenv with the pip packages and,
# with --test, Debian's postgresql, chromium, redis-server and a Java runtime for the HTML checker.
# Safe to run again: it skips what is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

apt_missing=()
need_pkg() { dpkg -s "$1" >/dev/null 2>&1 || apt_missing+=("$1"); }
if [ "$want_test" = 1 ]; then
  need_pkg postgresql
  need_pkg chromium
  need_pkg redis-server
  command -v java >/dev/null 2>&1 || need_pkg default-jre-headless
fi
command -v python3.11 >/dev/null 2>&1 || python3 -c 'import sys; assert sys.version_info[:2] == (3, 11)' 2>/dev/null \
  || need_pkg python3.11
python3 -c 'import venv, ensurepip' 2>/dev/null || need_pkg python3-venv
if [ "${#apt_missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages: ${apt_missing[*]} (run as root, or install them first)" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
fi
# Debian starts the packaged services on install; the tests start private ones instead.
if [ "$want_test" = 1 ]; then
  service postgresql stop >/dev/null 2>&1 || true
  service redis-server stop >/dev/null 2>&1 || true
fi

PY=$(command -v python3.11 || command -v python3)
[ -x .venv/bin/python ] || "$PY" -m venv .venv

reqs=requirements.txt
[ "$want_test" = 1 ] && reqs=requirements-dev.txt
stamp=".install-stamp-$(basename "$reqs" .txt)"
digest=$(cat requirements.txt "$reqs" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
  echo "Installing Python packages from $reqs"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$reqs" 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -c "import django" # fail loudly if the install did not work
  echo "$digest" > "$stamp"
fi
