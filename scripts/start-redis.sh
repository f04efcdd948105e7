#!/usr/bin/env bash
# Start a Redis server for the crawler cluster on 127.0.0.1 only, with append-only persistence (AOF), so queued poll
# jobs and requests survive a restart. Installs Debian's redis-server first when it is missing (root or sudo).
#   scripts/start-redis.sh DIR PORT      prints the URL for --redis; stop with scripts/stop-redis.sh DIR
set -euo pipefail
DIR="${1:?usage: scripts/start-redis.sh DIR PORT}"
PORT="${2:?usage: scripts/start-redis.sh DIR PORT}"
if ! command -v redis-server >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends redis-server
fi
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
redis-server --port "$PORT" --bind 127.0.0.1 --protected-mode yes --dir "$DIR" --appendonly yes --save '' \
    --daemonize yes --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log"
for _ in $(seq 1 100); do  # at most 10 s
    if redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; then
        echo "redis://127.0.0.1:$PORT/0"
        exit 0
    fi
    sleep 0.1
done
echo "redis on 127.0.0.1:$PORT did not answer within 10 s; see $DIR/redis.log" >&2
exit 1
