#!/bin/sh
# Daily backup of a Lượt hub: an online copy of the database (SQLite's backup API, safe while the
# hub runs, checked by reading it back), encrypted with the operator's key (AES-256-GCM), then
# only the newest $KEEP copies are kept. Plain copies left by older versions (luot-*.db) are
# removed once an encrypted one is made: they hold personal data in the clear.
# Usage: luot-backup.sh [DATA_DIR] [BACKUP_DIR] [KEY_FILE]
#        (defaults: /var/lib/luot /var/backups/luot /etc/luot/backup.key)
set -eu
umask 077
data=${1:-/var/lib/luot}
dir=${2:-/var/backups/luot}
key=${3:-/etc/luot/backup.key}
keep=${KEEP:-30}
luot=${LUOT_CLI:-/opt/luot/apps/hub/dist/cli.js}
out="$dir/luot-$(date +%Y-%m-%dT%H%M%S).luotbak"
node "$luot" backup --data "$data" --out "$out" --key-file "$key"
ls -1t "$dir"/luot-*.luotbak | tail -n +"$((keep + 1))" | xargs -r rm -f --
rm -f -- "$dir"/luot-*.db
