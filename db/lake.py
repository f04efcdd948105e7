"""DuckLake connections: attaching the lake (PostgreSQL catalog, Parquet data files) and reading its
published copy.

The single DuckDB file stays the embedded default. For many machines, every loader attaches the same lake
(`ATTACH 'ducklake:postgres:<dsn>' AS lake (DATA_PATH '<dir>')`): the catalog (snapshots, file lists, small
inlined inserts) lives in PostgreSQL, the rows in Parquet files under the data path. DuckLake orders commits by
snapshot id and retries a commit that raced another one when their changes do not conflict logically.

Storage: DATA_PATH is a local folder here. An `s3://bucket/prefix/` DATA_PATH (S3-compatible storage, credentials
through a DuckDB secret) is DuckLake's and DuckDB's job and is untested in this project.

Reading (`db.reader('ducklake:<catalog DSN>')` -> `lake_reader`): READ_ONLY, one snapshot per reader, Asia/Shanghai,
external access off except the lake's data path, which comes from the catalog or TRACKER_LAKE_DATA.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

import duckdb

from db.store import DISPLAY_TIMEZONE, LAKE_PREFIX, query, read_sql

EXTENSIONS = (("duckdb_extension_postgres_scanner", "postgres_scanner"), ("duckdb_extension_ducklake", "ducklake"))
MAX_ATTEMPTS = 6  # a landing file's transaction, when its commit conflicts with another loader's
ATTACH_ATTEMPTS = 5


class LakeError(RuntimeError):
    """The lake cannot be used (catalog unreachable, extensions missing); the message is one line."""


def redact(text: str) -> str:
    return re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", text)


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _extension_path(module_name: str, name: str) -> Path:
    try:
        module = import_module(module_name)
    except ImportError as exc:
        raise LakeError(f"DuckLake needs the Python package {module_name.replace('_', '-')}=={duckdb.__version__} "
                        f"(extensions come from PyPI wheels here)") from exc
    path = Path(module.__file__ or "").parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.exists():
        raise LakeError(f"{module_name.replace('_', '-')} has no {name} extension for duckdb {duckdb.__version__}; "
                        f"install the matching version")
    return path


def _connect_error(dsn: str, exc: Exception) -> str:
    text = str(exc)
    reason = re.search(r'Unable to connect to Postgres at ".*?": ([^\n]*)', text)
    if reason:
        return redact(f"DuckLake catalog '{dsn}' is unreachable: {reason.group(1).strip()}")
    detail = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return redact(f"DuckLake catalog '{dsn}': cannot attach the lake: {detail}")


def connect_lake(catalog_dsn: str, data_path: str | Path, *, create: bool = True) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with the lake attached as `lake` (tables created when `create`).

    `catalog_dsn` is a libpq connection string (`dbname=tracker host=127.0.0.1 port=5432 user=postgres`); a
    `connect_timeout=10` is added unless it has one. `data_path` is a local folder (created) or an `s3://` URL.
    """
    path = str(data_path)
    if "://" not in path:
        local = Path(path).resolve()
        local.mkdir(parents=True, exist_ok=True)
        path = str(local) + "/"
    dsn = catalog_dsn if "connect_timeout" in catalog_dsn else f"{catalog_dsn} connect_timeout=10"
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    try:
        for module_name, name in EXTENSIONS:
            con.execute(f"load {quote_literal(str(_extension_path(module_name, name)))}")
        con.execute("set TimeZone = 'UTC'")
        _attach(con, catalog_dsn, f"attach {quote_literal('ducklake:postgres:' + dsn)} as lake (data_path {quote_literal(path)})")
        # DuckLake's own retry of a commit that raced another loader's (non-conflicting) commit.
        con.execute("set ducklake_max_retry_count = 50")
        con.execute("set ducklake_retry_wait_ms = 50")
        con.execute("set ducklake_retry_backoff = 1.3")
        if create:
            create_lake_schema(con)
    except BaseException:
        con.close()
        raise
    return con


def _attach(con: duckdb.DuckDBPyConnection, catalog_dsn: str, statement: str) -> None:
    """Attach the lake. Loaders started together on an empty catalog all try to create DuckLake's own tables in
    PostgreSQL; the losers get a duplicate-key or already-exists error and retry, finding the tables made."""
    for attempt in range(ATTACH_ATTEMPTS):
        try:
            con.execute(statement)
            return
        except duckdb.Error as exc:
            if attempt + 1 < ATTACH_ATTEMPTS and ("duplicate key" in str(exc) or "already exists" in str(exc)):
                time.sleep(0.2 * (attempt + 1))
                continue
            raise LakeError(_connect_error(catalog_dsn, exc)) from None


def is_conflict(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, duckdb.TransactionException) or "conflict" in text or "concurrent" in text


def rollback_quietly(con: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):  # no transaction was open
        con.execute("rollback")


def with_retry(con: duckdb.DuckDBPyConnection, work: Callable[[], Any], report: Any = None) -> Any:
    """Run `work()` (one transaction); redo it after a commit conflict, a bounded number of times."""
    for attempt in range(MAX_ATTEMPTS):
        try:
            return work()
        except duckdb.Error as exc:
            rollback_quietly(con)
            if not is_conflict(exc) or attempt == MAX_ATTEMPTS - 1:
                raise
            if report is not None:
                report.retries += 1
            time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def create_lake_schema(con: duckdb.DuckDBPyConnection) -> None:
    """The lake tables, if missing (two loaders creating them at once: the loser retries and finds them)."""

    def create() -> None:
        con.execute("begin")
        con.execute(read_sql("lake/schema"))
        con.execute("commit")

    with_retry(con, create)


# --- Reading the published copy: `db.reader('ducklake:<catalog DSN>')` ---------------------------------------------

LAKE_DATA_ENV = "TRACKER_LAKE_DATA"  # where this machine sees the lake's data path, when not where the catalog says
_readers: dict[tuple[str, str | None], duckdb.DuckDBPyConnection] = {}
_readers_lock = threading.Lock()


class LakeUnavailable(LakeError, OSError):
    """A lake target cannot be read now (catalog unreachable, nothing published); the message is one line."""


@dataclass(frozen=True)
class LakeTarget:
    catalog: str  # libpq key=value DSN
    data_path: str | None  # overrides the catalog's data path (TRACKER_LAKE_DATA)

    def __str__(self) -> str:
        return redact(LAKE_PREFIX + self.catalog)


def parse_lake_target(target: str | Path) -> LakeTarget:
    """`ducklake:<libpq key=value DSN>` (a `postgres:` after the prefix is allowed) as a LakeTarget."""
    dsn = str(target).removeprefix(LAKE_PREFIX).strip().removeprefix("postgres:").strip()
    if not dsn or "://" in dsn:
        raise LakeUnavailable(f"'{redact(str(target))}': a lake target is ducklake: followed by a key=value "
                              f"catalog DSN, e.g. 'ducklake:dbname=tracker host=10.0.0.5 user=reader'")
    return LakeTarget(dsn, os.environ.get(LAKE_DATA_ENV) or None)


def _open_reader_instance(target: LakeTarget) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the lake attached READ_ONLY and external access off except for the lake's files."""
    dsn = target.catalog if "connect_timeout" in target.catalog else f"{target.catalog} connect_timeout=10"
    options = "read_only" + (f", data_path {quote_literal(target.data_path)}, override_data_path true"
                             if target.data_path else "")
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    try:
        for module_name, name in EXTENSIONS:
            con.execute(f"load {quote_literal(str(_extension_path(module_name, name)))}")
        try:
            con.execute(f"attach {quote_literal('ducklake:postgres:' + dsn)} as lake ({options})")
        except duckdb.Error as exc:
            if "does not exist" in str(exc) and "creating a new DuckLake" in str(exc):
                raise LakeUnavailable(f"{target}: no lake in this catalog (run `tracker lake-publish`)") from None
            raise LakeUnavailable(_connect_error(target.catalog, exc)) from None
        data_path = query(con, "lake/reader_data_path")[0]["data_path"]
        con.execute("set allowed_directories = $dirs", {"dirs": [data_path]})
        con.execute("set enable_external_access = false")
    except BaseException:
        con.close()
        raise
    return con


def _reader_instance(target: LakeTarget, fresh: bool) -> duckdb.DuckDBPyConnection:
    """The process's attached instance for this lake (opened once: loading the extensions takes a third of a second)."""
    key = (target.catalog, target.data_path)
    with _readers_lock:
        if fresh and key in _readers:
            with contextlib.suppress(duckdb.Error):
                _readers.pop(key).close()
        if key not in _readers:
            _readers[key] = _open_reader_instance(target)
        return _readers[key]


def _reader_cursor(target: LakeTarget) -> duckdb.DuckDBPyConnection:
    """A new connection to the attached instance, in a read-only transaction on `lake.analysis`.

    A cached instance whose catalog connection broke (PostgreSQL restarted) is replaced once.
    """
    for fresh in (False, True):
        cursor = _reader_instance(target, fresh).cursor()
        try:
            cursor.execute(f"set TimeZone = {quote_literal(DISPLAY_TIMEZONE)}")
            cursor.execute(read_sql("lake/reader_open"))
            return cursor
        except duckdb.CatalogException:
            cursor.close()
            raise LakeUnavailable(f"{target}: nothing published in the lake yet (run `tracker lake-publish`)") from None
        except duckdb.Error as exc:
            cursor.close()
            if fresh:
                raise LakeUnavailable(f"{target}: cannot read the lake: {_first_line(exc)}") from None
    raise AssertionError("unreachable")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return redact(text.splitlines()[0]) if text else type(exc).__name__


@contextmanager
def lake_reader(target: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the lake's published copy, as `db.reader` gives for a file (Asia/Shanghai times).

    Every query of one reader sees the same lake snapshot. Raises LakeUnavailable (one line) when the catalog cannot
    be reached or nothing was published.
    """
    cursor = _reader_cursor(parse_lake_target(target))
    try:
        yield cursor
    finally:
        rollback_quietly(cursor)
        cursor.close()


def close_lake_readers() -> None:
    """Close the cached reader instances (tests, and before dropping a catalog)."""
    with _readers_lock:
        for con in _readers.values():
            with contextlib.suppress(duckdb.Error):
                con.close()
        _readers.clear()
