#!/usr/bin/env bash
# A private PostgreSQL cluster for the DuckLake catalog: scripts/start-postgres.sh DIR PORT
# Installs Debian's postgresql if it is missing, creates a cluster under DIR/data (once), starts it on 127.0.0.1:PORT
# only (socket in DIR/run, log in DIR/postgres.log, trust authentication on loopback), creates database `tracker`
# and prints the DSN. Idempotent: a running cluster is left running. Run as root (the server runs as the `postgres`
# user) or as an ordinary user (it runs as you). Stop it with scripts/stop-postgres.sh DIR.
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 DIR PORT" >&2
    exit 2
fi
DIR=$1
PORT=$2
case "$PORT" in
    '' | *[!0-9]*) echo "start-postgres: PORT must be a number, not '$PORT'" >&2; exit 2 ;;
esac

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(pg_bin)" ]; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends postgresql
fi
BIN=$(pg_bin)
if [ -z "$BIN" ]; then
    echo "start-postgres: no PostgreSQL server binaries under /usr/lib/postgresql after installing" >&2
    exit 1
fi

mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
AS=()
if [ "$(id -u)" = "0" ]; then
    chown postgres:postgres "$DIR"
    AS=(runuser -u postgres --)
    if ! "${AS[@]}" test -w "$DIR"; then
        echo "start-postgres: the postgres user cannot write $DIR (is a parent folder private?); pick another folder" >&2
        exit 1
    fi
fi
DATA=$DIR/data
SOCK=$DIR/run
LOG=$DIR/postgres.log
"${AS[@]}" mkdir -p "$SOCK"

if [ ! -f "$DATA/PG_VERSION" ]; then
    "${AS[@]}" "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=trust \
        --encoding=UTF8 --no-locale >"$DIR/initdb.log" 2>&1 || {
        echo "start-postgres: initdb failed: $(tail -n 1 "$DIR/initdb.log")" >&2
        exit 1
    }
fi

if "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    RUNNING_PORT=$(sed -n 4p "$DATA/postmaster.pid" 2>/dev/null || true)
    if [ "$RUNNING_PORT" != "$PORT" ]; then
        echo "start-postgres: the cluster in $DATA already runs on port $RUNNING_PORT, not $PORT" >&2
        exit 1
    fi
else
    if ! "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
        -o "-p $PORT -k $SOCK -c listen_addresses=127.0.0.1" start >/dev/null; then
        echo "start-postgres: the server did not start on 127.0.0.1:$PORT: $(tail -n 1 "$LOG" 2>/dev/null)" >&2
        exit 1
    fi
fi

PSQL=("${AS[@]}" "$BIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tA)
if [ "$("${PSQL[@]}" -c "select 1 from pg_database where datname = 'tracker'")" != "1" ]; then
    "${PSQL[@]}" -c "create database tracker" >/dev/null
fi
echo "dbname=tracker host=127.0.0.1 port=$PORT user=postgres"
