"""The store: DuckDB access (connections, migrations, views and named SQL files) and the DuckLake reader.

One writer process holds the file only for the length of a load; readers open it read-only for
one query and close it (DuckDB allows one writing process or many reading ones, never both).
`db` imports nothing from `pipeline`, `crawlers` or `dashboard`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from db.facts import BOUNDS_STEPS, FACT_GROUPS, Refreshed, rebuild_facts, refresh_facts
from db.lake import lake_reader
from db.store import (
    DEFAULT_DB,
    DISPLAY_TIMEZONE,
    LAKE_PREFIX,
    LOCK_RETRY_SECONDS,
    DatabaseBusy,
    file_reader,
    is_lake_target,
    migrate,
    query,
    query_batches,
    read_sql,
    refresh_analysis,
    writer,
)

__all__ = [
    "BOUNDS_STEPS", "DEFAULT_DB", "DISPLAY_TIMEZONE", "FACT_GROUPS", "LAKE_PREFIX", "LOCK_RETRY_SECONDS",
    "DatabaseBusy", "Refreshed", "file_reader", "is_lake_target", "migrate", "query", "query_batches", "read_sql", "reader",
    "rebuild_facts", "refresh_analysis", "refresh_facts", "writer",
]


@contextmanager
def reader(path: Path | str = DEFAULT_DB,
           wait_seconds: float = LOCK_RETRY_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection with external access off.

    `path` is a DuckDB file, or a lake target `ducklake:<libpq key=value DSN>`: the copy `tracker lake-publish` wrote
    to the lake's `analysis` schema, attached READ_ONLY with the same session settings, every query in one snapshot
    (`db.lake.lake_reader`; its LakeUnavailable is an OSError with a one-line message). The lake's data path is
    the one its catalog records, or TRACKER_LAKE_DATA when this machine mounts it elsewhere.
    """
    if is_lake_target(path):
        with lake_reader(path) as con:
            yield con
        return
    with file_reader(path, wait_seconds) as con:
        yield con
