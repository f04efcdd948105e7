#!/usr/bin/env bash
# Stop the cluster that scripts/start-postgres.sh DIR PORT started: scripts/stop-postgres.sh DIR
# Fast shutdown (open sessions are ended, committed data is kept); nothing to do when it is not running.
set -euo pipefail
if [ $# -ne 1 ]; then
    echo "usage: $0 DIR" >&2
    exit 2
fi
DATA=$1/data
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$BIN" ] || [ ! -f "$DATA/PG_VERSION" ]; then
    exit 0
fi
AS=()
if [ "$(id -u)" = "0" ]; then AS=(runuser -u postgres --); fi
if "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
fi
