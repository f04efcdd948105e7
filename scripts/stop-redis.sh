#!/usr/bin/env bash
# Stop the Redis that scripts/start-redis.sh DIR PORT started: scripts/stop-redis.sh DIR
# Nothing to do when it is not running. The AOF in DIR keeps the queues for the next start.
set -euo pipefail
if [ $# -ne 1 ]; then
    echo "usage: $0 DIR" >&2
    exit 2
fi
PIDFILE=$1/redis.pid
if [ ! -f "$PIDFILE" ]; then
    exit 0
fi
PID=$(cat "$PIDFILE")
if kill "$PID" 2>/dev/null; then
    for _ in $(seq 1 100); do  # at most 10 s
        kill -0 "$PID" 2>/dev/null || exit 0
        sleep 0.1
    done
    kill -9 "$PID" 2>/dev/null || true
fi
