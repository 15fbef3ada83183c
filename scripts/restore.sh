#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh: the database (pg_restore --clean, in one transaction)
# and the media folder (replaced by the archived one). Stop the app servers first.
#
#   DATABASE_URL=postgres://frontcms@127.0.0.1/frontcms MEDIA_ROOT=/srv/frontcms/media \
#       scripts/restore.sh /var/backups/frontcms/2026-11-25_020000 --yes
#
# The database named in DATABASE_URL must exist (createdb it when restoring onto a new server).
# Checksums are verified and the archive listed before anything is replaced.
set -euo pipefail

usage="usage: scripts/restore.sh BACKUP_DIR --yes"
dir=${1:?$usage}
[ "${2:-}" = "--yes" ] || { echo "restore.sh replaces the database and the media folder. $usage" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
media=${MEDIA_ROOT:-$repo/media}
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database}"

(cd "$dir" && sha256sum --check --quiet SHA256SUMS)
tar -tzf "$dir/media.tar.gz" > /dev/null

pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$DATABASE_URL" "$dir/database.dump"

# Unpack next to the media folder first, then swap the contents (the folder itself may be a mount).
mkdir -p "$media"
staging=$(mktemp -d "$(dirname "$media")/.media-restore.XXXXXX")
trap 'rm -rf "$staging"' EXIT
tar -C "$staging" -xzf "$dir/media.tar.gz"
find "$media" -mindepth 1 -delete
(cd "$staging" && find . -mindepth 1 -maxdepth 1 -exec mv -t "$media" {} +)
echo "restored $dir"
