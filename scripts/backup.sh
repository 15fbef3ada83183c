#!/usr/bin/env bash
# Back up FrontCMS: the PostgreSQL database (pg_dump, custom format) and the media folder (tar),
# into a dated folder <BACKUP_ROOT>/<YYYY-MM-DD_HHMMSS>/ with a SHA256SUMS file. Prints the folder.
#
#   DATABASE_URL=postgres://frontcms@127.0.0.1/frontcms MEDIA_ROOT=/srv/frontcms/media \
#       scripts/backup.sh /var/backups/frontcms
#
# Environment: DATABASE_URL (required, PostgreSQL), MEDIA_ROOT (default <repo>/media),
# BACKUP_ROOT (used when no argument is given; default /var/backups/frontcms),
# BACKUP_KEEP_DAYS (optional: delete dated backups older than this many days after a success).
# pg_dump takes a consistent snapshot while the site keeps running; restore with scripts/restore.sh.
set -euo pipefail
umask 077

repo=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-${BACKUP_ROOT:-/var/backups/frontcms}}
media=${MEDIA_ROOT:-$repo/media}
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database}"
case "$DATABASE_URL" in
    postgres://* | postgresql://*) ;;
    *) echo "backup.sh: DATABASE_URL is not a PostgreSQL URL; back up the SQLite file instead." >&2; exit 2 ;;
esac

dest="$root/$(date +%Y-%m-%d_%H%M%S)"
[ -e "$dest" ] && dest="$dest-$$"
work="$dest.partial"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"

pg_dump --format=custom --no-owner --no-privileges --file="$work/database.dump" "$DATABASE_URL"
if [ -d "$media" ]; then
    tar -C "$media" -czf "$work/media.tar.gz" .
else
    echo "backup.sh: no media folder at $media; storing an empty archive." >&2
    tar -czf "$work/media.tar.gz" -T /dev/null
fi
(cd "$work" && sha256sum database.dump media.tar.gz > SHA256SUMS)
mv "$work" "$dest"
trap - EXIT

if [ -n "${BACKUP_KEEP_DAYS:-}" ] && [ "$BACKUP_KEEP_DAYS" -gt 0 ]; then
    find "$root" -mindepth 1 -maxdepth 1 -type d -name '20??-??-??_*' -mtime "+$BACKUP_KEEP_DAYS" \
        ! -path "$dest" -exec rm -rf {} +
fi
echo "$dest"
