#!/usr/bin/env bash
# Refresh the Vietnamese message catalogue (locale/vi) after changing user-facing strings.
# The source strings are Vietnamese, so new entries start as themselves (msgen); a reviewer may
# then improve the wording in locale/vi/LC_MESSAGES/django.po without touching code.
# Needs GNU gettext (apt-get install gettext). Commit both django.po and django.mo.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG=1
.venv/bin/python manage.py makemessages -l vi --no-obsolete \
  --ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles --ignore=test-artifacts --ignore=media
po=locale/vi/LC_MESSAGES/django.po
# A real header: not fuzzy, UTF-8, Vietnamese.
sed -i -e '/^#, fuzzy$/{N;/\nmsgid ""$/s/^#, fuzzy\n//}' \
  -e 's/^"Content-Type: text\/plain; charset=CHARSET\\n"/"Content-Type: text\/plain; charset=UTF-8\\n"/' \
  -e 's/^"Language: \\n"/"Language: vi\\n"/' \
  -e 's/^"Project-Id-Version: PACKAGE VERSION\\n"/"Project-Id-Version: FrontCMS\\n"/' "$po"
# msgmerge guesses a "fuzzy" translation for a new string from a similar old one (a wrong text, and
# left out of the .mo): drop those guesses, so that msgen starts the new string as itself.
msgattrib --clear-fuzzy --empty --clear-previous "$po" -o "$po.tmp" && mv "$po.tmp" "$po"
msgen "$po" -o "$po.tmp" && mv "$po.tmp" "$po"
.venv/bin/python manage.py compilemessages -l vi --ignore=.venv
