"""The analysis file's tables and views as a read-only copy in the lake (`publish_analysis`, `tracker lake-publish`): after `tracker load --from-lake` and `tracker match`, the
analysis file's tables are copied (CREATE TABLE AS: DuckLake has no keys) into the schema `lake.analysis` and the
project's views (db/views/*.sql, unchanged: run with `USE lake.analysis`, names resolve in the view's schema) are
created there, replacing the previous copy in one DuckLake transaction. Dashboards and digests on any machine read it
with `--db 'ducklake:<catalog DSN>'` (`db.reader` -> `lake_reader`: READ_ONLY, one snapshot per reader, Asia/Shanghai,
external access off except the lake's data path, which comes from the catalog or TRACKER_LAKE_DATA).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

import db
from db.lake import LakeError, quote_literal, rollback_quietly, with_retry

PUBLISH_SCHEMA = "analysis"  # lake.analysis: the published copy dashboards and digests read
PUBLISH_SOURCE = "publish_source"  # the analysis file, attached read-only while publishing
_TABLE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass
class PublishReport:
    tables: int
    views: int
    rows: int  # DuckDB's estimate for the copied tables (deleted rows not yet compacted may count)
    seconds: float


def _view_statements() -> list[str]:
    """The project's views (db/views/*.sql), in the order `db.migrate` creates them."""
    folder = resources.files("db").joinpath("views")
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".sql")), key=lambda e: e.name)
    return [e.read_text(encoding="utf-8") for e in entries]


def _attach_source(con: duckdb.DuckDBPyConnection, db_path: Path, wait_seconds: float) -> None:
    """Attach the analysis file read-only as `publish_source`, waiting while a writer (`tracker match`) holds it."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con.execute(f"attach {quote_literal(str(db_path.resolve()))} as {PUBLISH_SOURCE} (read_only)")
            return
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise db.DatabaseBusy(f"{db_path}: database is locked by another process") from None
            time.sleep(0.2)


def _source_tables(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    tables = db.query(con, "lake/publish_tables")
    odd = [t["table_name"] for t in tables if not _TABLE_NAME.match(t["table_name"])]
    if odd:
        raise LakeError(f"cannot publish table {odd[0]!r}: only names of lowercase letters, digits and '_' are copied")
    return tables


def _replace_published(con: duckdb.DuckDBPyConnection, tables: list[str], views: list[str]) -> None:
    """One DuckLake transaction: drop the previous copy, copy every table, create the views; all or nothing."""
    con.execute("begin")
    try:
        con.execute(db.read_sql("lake/publish_replace_schema"))
        copy = db.read_sql("lake/publish_copy_table")
        for name in tables:
            con.execute(copy.replace("{table}", name))
        con.execute(db.read_sql("lake/publish_use"))
        for statement in views:
            con.execute(statement)
        con.execute("commit")
    except BaseException:
        rollback_quietly(con)
        raise
    finally:
        con.execute("use memory")


def publish_analysis(db_path: Path, con: duckdb.DuckDBPyConnection,
                     wait_seconds: float = db.LOCK_RETRY_SECONDS) -> PublishReport:
    """Copy the analysis DuckDB file's tables into `lake.analysis` and create the project's views there.

    `con` is a `connect_lake` connection. The previous copy is replaced in one DuckLake transaction, so a reader
    (`db.reader('ducklake:…')`, which reads in one transaction) sees the old copy or the new one, never a mix; a
    publish that raced another publish's commit is redone. Old copies' Parquet files stay until DuckLake's
    maintenance (`ducklake_expire_snapshots`, `ducklake_cleanup_old_files`) removes them.
    """
    started = time.monotonic()
    _attach_source(con, db_path, wait_seconds)
    try:
        tables = _source_tables(con)
        views = _view_statements()
        with_retry(con, partial(_replace_published, con, [t["table_name"] for t in tables], views))
    finally:
        con.execute(f"detach {PUBLISH_SOURCE}")
    n_views = sum(1 for row in db.query(con, "lake/published_objects") if row["kind"] == "view")
    return PublishReport(len(tables), n_views, sum(int(t["n_rows"]) for t in tables), time.monotonic() - started)


