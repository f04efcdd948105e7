#!/usr/bin/env bash
# Debian packages for the multi-node rehearsal and its tests: a Redis server (scrapy-redis queue) and a PostgreSQL
# server (DuckLake catalog). Only installed here; scripts/start-redis.sh and scripts/start-postgres.sh start private
# instances on 127.0.0.1. Idempotent; run as root or with sudo.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends redis-server postgresql
