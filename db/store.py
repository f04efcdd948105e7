"""The DuckDB file: connections, migrations, views and named SQL files (stored analysis facts: db/facts.py).

One writer process holds the file only for the length of a load; readers open it read-only for
one query and close it (DuckDB allows one writing process or many reading ones, never both).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from db.facts import refresh_analysis
from db.sql import read_sql, sql_dir

DEFAULT_DB = Path("data/tracker.duckdb")
DISPLAY_TIMEZONE = "Asia/Shanghai"
LOCK_RETRY_SECONDS = 30.0
LAKE_PREFIX = "ducklake:"  # a reader target naming the lake's published copy instead of a file


class DatabaseBusy(RuntimeError):
    """The database file stayed locked by another process for longer than we wait."""


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    config: dict[str, Any] = {}
    if read_only:
        config["enable_external_access"] = False
    con = duckdb.connect(str(path), read_only=read_only, config=config)
    # duckdb 2.0 refuses TimeZone in the connect config (ICU is not loaded yet then); a SET works.
    con.execute(f"set TimeZone = '{DISPLAY_TIMEZONE}'")
    return con


def _open_with_retry(path: Path, read_only: bool, wait_seconds: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while True:
        try:
            return _open(path, read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                if "lock" in str(exc).lower():
                    raise DatabaseBusy(f"{path}: database is locked by another process") from exc
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


@contextmanager
def writer(path: Path = DEFAULT_DB, wait_seconds: float = LOCK_RETRY_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection with the schema migrated and views in place; closed on exit."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _open_with_retry(path, read_only=False, wait_seconds=wait_seconds)
    try:
        migrate(con)
        yield con
        refresh_analysis(con)
        con.execute("checkpoint")
    finally:
        con.close()


def is_lake_target(target: Path | str) -> bool:
    """Whether `target` names a DuckLake (`ducklake:<catalog DSN>`) rather than a DuckDB file."""
    return str(target).startswith(LAKE_PREFIX)


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply every migration not yet applied, each in its own transaction; then (re)create the views."""
    con.execute(
        "create table if not exists schema_migrations (version varchar primary key, applied_at timestamptz not null)"
    )
    done = {row[0] for row in con.execute("select version from schema_migrations").fetchall()}
    applied: list[str] = []
    for entry in sorted(sql_dir("migrations").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".sql") or entry.name in done:
            continue
        con.execute("begin")
        try:
            con.execute(entry.read_text(encoding="utf-8"))
            con.execute(
                "insert into schema_migrations values ($version, $at)",
                {"version": entry.name, "at": datetime.now(UTC)},
            )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        # DuckDB 1.5 cannot replay from its WAL an ALTER TABLE ADD COLUMN on a table with a function default
        # ("GetDefaultDatabase with no default database set"): each migration goes into the file at once, so a
        # process killed later leaves no schema change in the WAL.
        con.execute("checkpoint")
        applied.append(entry.name)
    for entry in sorted(sql_dir("views").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".sql"):
            con.execute(entry.read_text(encoding="utf-8"))
    return applied


def query(con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run `db/analysis/<name>.sql` with bound parameters; rows as dicts."""
    cursor = con.execute(read_sql(name), dict(params or {}))
    columns = [d[0] for d in cursor.description or []]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def query_batches(
    con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any] | None = None, batch: int = 2000
) -> Iterator[dict[str, Any]]:
    """`query`, read `batch` rows at a time, for results that need not fit in memory at once. `con` runs no other
    statement until the rows are read out (the result would be lost)."""
    cursor = con.execute(read_sql(name), dict(params or {}))
    columns = [d[0] for d in cursor.description or []]
    while rows := cursor.fetchmany(batch):
        for row in rows:
            yield dict(zip(columns, row, strict=True))


@contextmanager
def file_reader(path: Path | str = DEFAULT_DB,
                wait_seconds: float = LOCK_RETRY_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection to a DuckDB file, external access off."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no database here yet (run `tracker crawl` or `tracker demo` first)")
    con = _open_with_retry(path, read_only=True, wait_seconds=wait_seconds)
    try:
        yield con
    finally:
        con.close()
