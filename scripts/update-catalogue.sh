#!/usr/bin/env bash
# Refresh the message catalogues after changing user-facing strings: Vietnamese (locale/vi) and
# English (locale/en, the pages under /en/).
# The source strings are Vietnamese, so new Vietnamese entries start as themselves (msgen); a
# reviewer may then improve the wording in locale/vi/LC_MESSAGES/django.po without touching code.
#
# English entries are written by hand in locale/en/LC_MESSAGES/django.po and are never made up
# here: makemessages keeps every English translation already written, adds new strings
# untranslated (they show in Vietnamese until someone translates them, and
# tests/committees/test_english.py fails for a string an English page shows untranslated), and
# its fuzzy guesses are dropped.
#
# English msgids in the project's own source (an admin template copied from Django uses
# {% translate "Home" %}) would otherwise be copied as English and, since LOCALE_PATHS wins,
# override Django's Vietnamese. So before msgen they take their translation from the catalogues
# Django itself would use: locale/thirdparty (kept by hand, never regenerated here), each
# installed app's own and Django's. A translation that is only a copy of its msgid counts as
# missing, so a string added to locale/thirdparty later reaches the project's catalogue too.
# Needs GNU gettext (apt-get install gettext). Commit the .po and .mo files.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG=1
.venv/bin/python manage.py makemessages -l vi -l en --no-obsolete \
  --ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles --ignore=test-artifacts --ignore=media
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A real header: not fuzzy, UTF-8, the language named.
fix_header() {
  sed -i -e '/^#, fuzzy$/{N;/\nmsgid ""$/s/^#, fuzzy\n//}' \
    -e 's/^"Content-Type: text\/plain; charset=CHARSET\\n"/"Content-Type: text\/plain; charset=UTF-8\\n"/' \
    -e "s/^\"Language: \\\\n\"/\"Language: $2\\\\n\"/" \
    -e 's/^"Project-Id-Version: PACKAGE VERSION\\n"/"Project-Id-Version: FrontCMS\\n"/' "$1"
}

# English: translations are only ever written by hand. Drop makemessages' fuzzy guesses (a new
# string given the English of a similar old one); everything else stays as written.
en=locale/en/LC_MESSAGES/django.po
fix_header "$en" en
msgattrib --clear-fuzzy --empty -o "$tmp/en.po" "$en"
cp "$tmp/en.po" "$en"

po=locale/vi/LC_MESSAGES/django.po

# makemessages guesses a new entry's translation from a similar old one ("Thêm %(name)s" got
# "Xem thêm %(name)s", marked fuzzy, left out of the .mo): drop the guesses. Copies of the msgid
# (what msgen wrote last time) become untranslated again too.
msgattrib --clear-fuzzy --empty -o "$tmp/unfuzzy.po" "$po"
msgfilter --keep-header -i "$tmp/unfuzzy.po" -o "$tmp/cleared.po" \
  sh -c 'v=$(cat; printf x); v=${v%x}; [ "$v" = "$MSGFILTER_MSGID" ] || printf "%s" "$v"'

# The other Vietnamese catalogues, in Django's own order of precedence (first wins).
mapfile -t compendia < <(.venv/bin/python - <<'PY'
import os
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontcms.settings")
django.setup()
from django.apps import apps
from django.conf import settings

dirs = [Path(p) for p in settings.LOCALE_PATHS[1:]]
dirs += [Path(app.path) / "locale" for app in apps.get_app_configs()]
dirs.append(Path(django.__file__).parent / "conf" / "locale")
for directory in dirs:
    po = directory / "vi" / "LC_MESSAGES" / "django.po"
    if po.exists():
        print(po)
PY
)
# msgmerge takes an entry from the first compendium that has it.
msgmerge --quiet --no-fuzzy-matching "${compendia[@]/#/--compendium=}" -o "$tmp/merged.po" \
  "$tmp/cleared.po" "$tmp/cleared.po"
msgen "$tmp/merged.po" -o "$po"
fix_header "$po" vi
# Compiles locale/vi, locale/en and locale/thirdparty (all in LOCALE_PATHS).
.venv/bin/python manage.py compilemessages -l vi -l en --ignore=.venv
