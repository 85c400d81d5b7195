#!/bin/sh
# Daily backup of a Lượt hub: an online copy of the database (SQLite's backup API, safe while the
# hub runs, checked by reopening it), then only the newest $KEEP copies are kept.
# Usage: luot-backup.sh [DATA_DIR] [BACKUP_DIR]   (defaults: /var/lib/luot /var/backups/luot)
set -eu
data=${1:-/var/lib/luot}
dir=${2:-/var/backups/luot}
keep=${KEEP:-30}
luot=${LUOT_CLI:-/opt/luot/apps/hub/dist/cli.js}
out="$dir/luot-$(date +%Y-%m-%dT%H%M%S).db"
node "$luot" backup --data "$data" --out "$out"
ls -1t "$dir"/luot-*.db | tail -n +"$((keep + 1))" | xargs -r rm -f --
