"""DuckLake: the store many loaders share, with a PostgreSQL catalog and Parquet data files.

The single DuckDB file stays the embedded default. For many machines, every loader attaches the same lake
(`ATTACH 'ducklake:postgres:<dsn>' AS lake (DATA_PATH '<dir>')`): the catalog (snapshots, file lists, small
inlined inserts) lives in PostgreSQL, the rows in Parquet files under the data path. DuckLake orders commits by
snapshot id and retries a commit that raced another one when their changes do not conflict logically.

Loading (`load_landing_to_lake`): landing Parquet files `<landing>/day=YYYY-MM-DD/source=<id>/<run>-<worker>-<NNNN>.parquet`
(columns `record_type, source_id, url, at, record`; `record` is the landing record's JSON) go in one transaction per
file, with a ledger row (`lake_files`: name and SHA-256) in the same transaction, so a killed loader loses nothing and
re-running loads nothing twice. Loader k of N takes only the sources whose stable hash is k modulo N: loaders on
several machines commit at once and never write the same source, so their transactions never touch the same rows.

Tables: `lake_files` (ledger), `lake_records` (every non-article record as it came), `lake_documents` (one row per
document key, hash of source and canonical URL, with the earliest capture's record and first_seen_at; a later capture
never moves it, an earlier one loaded later replaces it) and `lake_captures` (every article capture: key, time, file;
no text), from which `export_lake_landing` writes JSONL landing files that the existing loader turns into the
analysis DuckDB file (`tracker load --from-lake`).

Concurrency: inserts never conflict. DuckLake does abort two concurrent transactions that both delete from one table
(here: two loaders each replacing a document's record with an earlier capture); the loser's file transaction is
redone (`MAX_ATTEMPTS`). Run each shard in one process at a time: the ledger is checked inside the transaction, but
DuckLake has no unique keys to stop two loaders of the same shard committing the same file at the same moment.
Each file transaction writes small Parquet files (and inlines rows of small inserts in the catalog), so a long-lived
lake needs DuckLake's maintenance (`ducklake_merge_adjacent_files`, `ducklake_expire_snapshots`,
`ducklake_cleanup_old_files`); a killed loader's uncommitted Parquet files are removed by
`ducklake_delete_orphaned_files`.

Storage: DATA_PATH is a local folder here. An `s3://bucket/prefix/` DATA_PATH (S3-compatible storage, credentials
through a DuckDB secret) is DuckLake's and DuckDB's job and is untested in this project.

Publishing (`publish_analysis`, `tracker lake-publish`): after `tracker load --from-lake` and `tracker match`, the
analysis file's tables are copied (CREATE TABLE AS: DuckLake has no keys) into the schema `lake.analysis` and the
project's views (db/views/*.sql, unchanged: run with `USE lake.analysis`, names resolve in the view's schema) are
created there, replacing the previous copy in one DuckLake transaction. Dashboards and digests on any machine read it
with `--db 'ducklake:<catalog DSN>'` (`db.reader` -> `lake_reader`: READ_ONLY, one snapshot per reader, Asia/Shanghai,
external access off except the lake's data path, which comes from the catalog or TRACKER_LAKE_DATA).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import re
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Container, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from importlib import import_module, resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

import db
from pipeline.load import LoadReport, document_id, file_sha256

LANDING_COLUMNS = ("record_type", "source_id", "url", "at", "record")
EXTENSIONS = (("duckdb_extension_postgres_scanner", "postgres_scanner"), ("duckdb_extension_ducklake", "ducklake"))
MAX_ATTEMPTS = 6  # a landing file's transaction, when its commit conflicts with another loader's
ATTACH_ATTEMPTS = 5
EXPORT_BATCH_FILES = 50  # lake files exported per batch (bounds the memory of one export step)
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.]+")
_SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

KEYS_SCHEMA = pa.schema([("doc_key", pa.string())])
DOCUMENTS_SCHEMA = pa.schema([
    ("doc_key", pa.string()), ("source_id", pa.string()), ("url", pa.string()),
    ("first_seen_at", pa.timestamp("us", tz="UTC")), ("record", pa.string()), ("file_name", pa.string()),
    ("line", pa.int64()),
])
CAPTURES_SCHEMA = pa.schema([
    ("doc_key", pa.string()), ("source_id", pa.string()), ("url", pa.string()),
    ("seen_at", pa.timestamp("us", tz="UTC")), ("seen_raw", pa.string()), ("file_name", pa.string()),
    ("line", pa.int64()), ("owner_file", pa.string()),
])
RECORDS_SCHEMA = pa.schema([
    ("file_name", pa.string()), ("line", pa.int64()), ("record_type", pa.string()), ("source_id", pa.string()),
    ("url", pa.string()), ("at", pa.string()), ("record", pa.string()),
])
EXPORT_FILES_SCHEMA = pa.schema([("file_name", pa.string())])
EXPORT_OWNERS_SCHEMA = pa.schema([("doc_key", pa.string()), ("source_id", pa.string()), ("owner_file", pa.string())])


class LakeError(RuntimeError):
    """The lake cannot be used (catalog unreachable, extensions missing); the message is one line."""


@dataclass
class LakeLoadReport:
    files_loaded: int = 0
    files_skipped: int = 0  # already in the ledger
    files_other_shards: int = 0
    files_failed: int = 0
    records: int = 0  # rows of the loaded files
    documents_new: int = 0
    documents_earlier: int = 0  # an earlier capture replaced the lake's record of a document
    duplicates: int = 0  # captures of documents the lake (or the same file) already had
    retries: int = 0  # transactions redone after a commit conflict
    problems: list[str] = field(default_factory=list)


@dataclass
class LakeExportReport:
    files_exported: int = 0
    load: LoadReport | None = None


def shard_of(source_id: str, shards: int) -> int:
    """Stable shard of a source: the same on every machine and Python process (not `hash()`)."""
    return int.from_bytes(hashlib.sha1(source_id.encode()).digest()[:8], "big") % shards


def _redact(text: str) -> str:
    return re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", text)


def _quote(text: str) -> str:
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
        return _redact(f"DuckLake catalog '{dsn}' is unreachable: {reason.group(1).strip()}")
    detail = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return _redact(f"DuckLake catalog '{dsn}': cannot attach the lake: {detail}")


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
            con.execute(f"load {_quote(str(_extension_path(module_name, name)))}")
        con.execute("set TimeZone = 'UTC'")
        _attach(con, catalog_dsn, f"attach {_quote('ducklake:postgres:' + dsn)} as lake (data_path {_quote(path)})")
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


def _is_conflict(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, duckdb.TransactionException) or "conflict" in text or "concurrent" in text


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):  # no transaction was open
        con.execute("rollback")


def _with_retry(con: duckdb.DuckDBPyConnection, work: Callable[[], Any], report: LakeLoadReport | None = None) -> Any:
    """Run `work()` (one transaction); redo it after a commit conflict, a bounded number of times."""
    for attempt in range(MAX_ATTEMPTS):
        try:
            return work()
        except duckdb.Error as exc:
            _rollback(con)
            if not _is_conflict(exc) or attempt == MAX_ATTEMPTS - 1:
                raise
            if report is not None:
                report.retries += 1
            time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def create_lake_schema(con: duckdb.DuckDBPyConnection) -> None:
    """The lake tables, if missing (two loaders creating them at once: the loser retries and finds them)."""

    def create() -> None:
        con.execute("begin")
        con.execute(db.read_sql("lake/schema"))
        con.execute("commit")

    _with_retry(con, create)


def _failpoint(name: str, index: int) -> None:
    """Crash tests stop the loader at a named point: TRACKER_FAILPOINT=<name>:<file index>."""
    if os.environ.get("TRACKER_FAILPOINT") == f"{name}:{index}":
        os.kill(os.getpid(), signal.SIGKILL)


def landing_parquet_files(landing_dir: Path) -> list[tuple[Path, str]]:
    """Finished landing Parquet files with their source, in name order (run ids start with their time).

    Hidden files (`.…` chunks being written) and anything outside `day=*/source=*/` are left alone.
    """
    found = []
    for path in landing_dir.glob("day=*/source=*/*.parquet"):
        if path.name.startswith(".") or not path.is_file():
            continue
        found.append((path, path.parent.name.removeprefix("source=")))
    return sorted(found, key=lambda item: (item[0].name, str(item[0])))


@dataclass
class _Capture:
    doc_key: str
    source_id: str
    url: str
    seen_at: datetime
    seen_raw: str
    line: int
    record: str


def _capture(row: dict[str, Any], line: int) -> _Capture | None:
    """An article row as a document capture; None when it cannot be one (the analysis loader will quarantine it)."""
    try:
        record = json.loads(row["record"] or "")
    except (TypeError, json.JSONDecodeError):
        return None
    if not isinstance(record, dict):
        return None
    # As the DuckDB loader reads an article: its own source, URL and first-seen time (with an offset).
    source_id, url, raw = record.get("source_id"), record.get("url"), record.get("first_seen_at")
    if not source_id or not url or not raw:
        return None
    try:
        seen = datetime.fromisoformat(str(raw))
    except ValueError:
        return None
    if seen.tzinfo is None:
        return None
    return _Capture(document_id(str(source_id), str(url)), str(source_id), str(url), seen.astimezone(UTC), str(raw),
                    line, row["record"])


@dataclass
class _StagedFile:
    records: list[dict[str, Any]]
    captures: list[_Capture]
    earliest: dict[str, _Capture]  # document key -> the file's earliest capture of it
    n_rows: int


def _stage(path: Path, file_name: str, source_id: str) -> _StagedFile:
    """A landing file's rows split into document captures and other records.

    Only articles of the file's own source (its `source=` folder, which decides the shard) are deduplicated here;
    any other row, including an article of another source, is kept as it came for the analysis loader.
    """
    table = pq.read_table(path)
    missing = [c for c in LANDING_COLUMNS if c not in table.column_names]
    if missing:
        raise ValueError(f"missing column(s) {', '.join(missing)}")
    rows = table.select(list(LANDING_COLUMNS)).to_pylist()
    staged = _StagedFile([], [], {}, len(rows))
    for line, row in enumerate(rows):
        capture = _capture(row, line) if row["record_type"] == "article" else None
        if capture is None or capture.source_id != source_id:
            staged.records.append({"file_name": file_name, "line": line, **{c: row[c] for c in LANDING_COLUMNS}})
            continue
        staged.captures.append(capture)
        kept = staged.earliest.get(capture.doc_key)
        if kept is None or capture.seen_at < kept.seen_at:
            staged.earliest[capture.doc_key] = capture
    return staged


def _register(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    for name, table in tables.items():
        con.register(name, table)


def _unregister(con: duckdb.DuckDBPyConnection, names: Iterable[str]) -> None:
    for name in names:
        con.unregister(name)


def _commit_file(con: duckdb.DuckDBPyConnection, staged: _StagedFile, *, file_name: str, sha256: str, source_id: str,
                 shard: int, shards: int, index: int, report: LakeLoadReport) -> bool:
    """One landing file in one transaction; False when the ledger already has it."""
    keys = pa.Table.from_pylist([{"doc_key": k} for k in staged.earliest], schema=KEYS_SCHEMA)
    con.register("lake_staged_keys", keys)
    con.execute("begin")
    try:
        if db.query(con, "lake/is_loaded", {"sha256": sha256})[0]["loaded"]:
            con.execute("rollback")
            return False
        existing = {row["doc_key"]: row for row in db.query(con, "lake/existing_documents", {"source_id": source_id})}
        new, replaced = [], []
        owner: dict[str, str] = {}
        for key, capture in staged.earliest.items():
            have = existing.get(key)
            if have is None:
                new.append(capture)
            elif capture.seen_at < have["first_seen_at"]:
                replaced.append(capture)
            else:
                owner[key] = have["file_name"]
                continue
            owner[key] = file_name
        documents = [{"doc_key": c.doc_key, "source_id": c.source_id, "url": c.url, "first_seen_at": c.seen_at,
                      "record": c.record, "file_name": file_name, "line": c.line} for c in [*new, *replaced]]
        captures = [{"doc_key": c.doc_key, "source_id": c.source_id, "url": c.url, "seen_at": c.seen_at,
                     "seen_raw": c.seen_raw, "file_name": file_name, "line": c.line, "owner_file": owner[c.doc_key]}
                    for c in staged.captures]
        tables = {
            "lake_staged_replaced": pa.Table.from_pylist([{"doc_key": c.doc_key} for c in replaced],
                                                         schema=KEYS_SCHEMA),
            "lake_staged_documents": pa.Table.from_pylist(documents, schema=DOCUMENTS_SCHEMA),
            "lake_staged_captures": pa.Table.from_pylist(captures, schema=CAPTURES_SCHEMA),
            "lake_staged_records": pa.Table.from_pylist(staged.records, schema=RECORDS_SCHEMA),
        }
        _register(con, tables)
        try:
            if replaced:
                con.execute(db.read_sql("lake/delete_documents"), {"source_id": source_id})
            if documents:
                con.execute(db.read_sql("lake/insert_documents"))
            if captures:
                con.execute(db.read_sql("lake/insert_captures"))
            if staged.records:
                con.execute(db.read_sql("lake/insert_records"))
            duplicates = len(staged.captures) - len(documents)
            con.execute(db.read_sql("lake/record_file"), {
                "file_name": file_name, "sha256": sha256, "source_id": source_id, "shard": shard, "shards": shards,
                "n_records": staged.n_rows, "n_documents_new": len(new), "n_duplicates": duplicates,
                "loaded_by": f"{socket.gethostname()}:{os.getpid()}", "loaded_at": datetime.now(UTC)})
            _failpoint("lake-before-commit", index)
            con.execute("commit")
        finally:
            _unregister(con, tables)
    except BaseException:
        _rollback(con)
        raise
    finally:
        con.unregister("lake_staged_keys")
    report.documents_new += len(new)
    report.documents_earlier += len(replaced)
    report.duplicates += duplicates
    return True


def load_landing_to_lake(con: duckdb.DuckDBPyConnection, landing_dir: Path, shard: int = 0,
                         shards: int = 1) -> LakeLoadReport:
    """Load this shard's landing Parquet files not yet in the lake, one transaction per file.

    A file that cannot be read or loaded is reported and left for the next run; the others go on.
    """
    if shards < 1 or not 0 <= shard < shards:
        raise ValueError(f"shard {shard} of {shards}: need 0 <= shard < shards")
    report = LakeLoadReport()
    ledger = db.query(con, "lake/lake_files")
    loaded_names = {row["file_name"] for row in ledger}
    loaded_hashes = {row["sha256"] for row in ledger}
    index = 0
    for path, source_id in landing_parquet_files(landing_dir):
        if shard_of(source_id, shards) != shard:
            report.files_other_shards += 1
            continue
        file_name = path.relative_to(landing_dir).as_posix()
        if file_name in loaded_names:  # landing files are renamed into place whole and never change
            report.files_skipped += 1
            continue
        try:
            sha256 = file_sha256(path)
            if sha256 in loaded_hashes:
                report.files_skipped += 1
                continue
            staged = _stage(path, file_name, source_id)

            work = partial(_commit_file, con, staged, file_name=file_name, sha256=sha256, source_id=source_id,
                           shard=shard, shards=shards, index=index, report=report)
            if _with_retry(con, work, report):
                report.files_loaded += 1
                report.records += staged.n_rows
            else:
                report.files_skipped += 1
        except (duckdb.Error, OSError, ValueError, pa.ArrowException) as exc:
            report.files_failed += 1
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            report.problems.append(f"{file_name}: not loaded into the lake, will be retried by the next run: {first}")
        _failpoint("lake-after-commit", index)
        index += 1
    return report


# --- Export: the lake's records as landing files for the analysis DuckDB file --------------------------------------

def export_name(file_name: str, source_id: str, sha256: str) -> str:
    """Landing-file name of an exported lake file: `<run>-<source>-<sha12>.jsonl`, as the DuckDB loader parses it."""
    run = _SAFE_NAME.sub("_", Path(file_name).name.partition("-")[0]) or "lake"
    source = source_id if _SOURCE_ID.match(source_id) else "src_" + hashlib.sha1(source_id.encode()).hexdigest()[:12]
    return f"{run}-{source}-{sha256[:12]}.jsonl"


def _line(record: str) -> str:
    return record.replace("\r", " ").replace("\n", " ")


def _capture_line(owner_record: str, seen_raw: str) -> str:
    """The document's (earliest) record as this capture saw it: its own first_seen_at."""
    record = json.loads(owner_record)
    if record.get("first_seen_at") == seen_raw:
        return _line(owner_record)
    record["first_seen_at"] = seen_raw
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def _export_batch(con: duckdb.DuckDBPyConnection, batch: list[dict[str, Any]], out_dir: Path) -> list[Path]:
    names = [row["file_name"] for row in batch]
    con.register("lake_export_files", pa.Table.from_pylist([{"file_name": n} for n in names],
                                                           schema=EXPORT_FILES_SCHEMA))
    try:
        lines: dict[str, list[tuple[int, str]]] = {name: [] for name in names}
        for row in db.query(con, "lake/export_records"):
            lines[row["file_name"]].append((row["line"], _line(row["record"] or "")))
        captures = db.query(con, "lake/export_captures")
        owners_wanted = {(c["doc_key"], c["source_id"], c["owner_file"]) for c in captures}
        owners = _owner_records(con, owners_wanted)
        for c in captures:
            lines[c["file_name"]].append((c["line"], _capture_line(owners[c["doc_key"]], c["seen_raw"])))
    finally:
        con.unregister("lake_export_files")
    written = []
    for row in batch:
        path = out_dir / export_name(row["file_name"], row["source_id"], row["sha256"])
        tmp = path.with_name(f".{path.name}.tmp")
        body = "".join(text + "\n" for _line_no, text in sorted(lines[row["file_name"]]))
        tmp.write_text(body, encoding="utf-8")
        os.replace(tmp, path)
        written.append(path)
    return written


def _owner_records(con: duckdb.DuckDBPyConnection, wanted: set[tuple[str, str, str]]) -> dict[str, str]:
    """Record of each wanted document, found through the file that held it, else (it moved) through its source."""
    found: dict[str, str] = {}
    for sql in ("lake/export_owners", "lake/export_owners_moved"):
        missing = [w for w in wanted if w[0] not in found]
        if not missing:
            break
        table = pa.Table.from_pylist([{"doc_key": k, "source_id": s, "owner_file": f} for k, s, f in missing],
                                     schema=EXPORT_OWNERS_SCHEMA)
        con.register("lake_export_owners", table)
        try:
            for row in db.query(con, sql):
                found[row["doc_key"]] = row["record"]
        finally:
            con.unregister("lake_export_owners")
    lost = {w[0] for w in wanted} - found.keys()
    if lost:
        raise LakeError(f"lake is inconsistent: {len(lost)} captured document(s) have no record, e.g. {min(lost)}")
    return found


def export_lake_landing(con: duckdb.DuckDBPyConnection, out_dir: Path, skip: Container[str] = ()) -> list[Path]:
    """Write every lake file whose export name is not in `skip` as a JSONL landing file in `out_dir`.

    One landing file per lake file (so per source and run), named by `export_name`; lines in the landing file's
    order: non-article records as they came, and each article capture as the document's earliest record with the
    capture's own first_seen_at. Everything is read in one transaction, so loaders committing meanwhile are seen
    whole or not at all.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    con.execute("begin")
    try:
        pending = [row for row in db.query(con, "lake/lake_files")
                   if export_name(row["file_name"], row["source_id"], row["sha256"]) not in skip]
        pending.sort(key=lambda row: (Path(row["file_name"]).name, row["file_name"]))
        for start in range(0, len(pending), EXPORT_BATCH_FILES):
            written.extend(_export_batch(con, pending[start:start + EXPORT_BATCH_FILES], out_dir))
    finally:
        _rollback(con)
    return written


def _analysis_loaded_names(db_path: Path) -> set[str]:
    if not db_path.exists():
        return set()
    with db.reader(db_path) as con:
        return {row["file_name"] for row in db.query(con, "lake/analysis_loaded_names")}


def load_from_lake(catalog_dsn: str, data_path: str | Path, db_path: Path, progress: bool = True) -> LakeExportReport:
    """Bring the analysis DuckDB file up to date from the lake with the existing loader.

    The lake's files not yet loaded into `db_path` (its `loaded_files` is the export ledger) are written as JSONL
    landing files to `<db folder>/lake-landing/`, loaded by `pipeline.load.load_files`, and removed once loaded.
    """
    from pipeline.load import load_files

    staging = db_path.parent / "lake-landing"
    loaded = _analysis_loaded_names(db_path)
    con = connect_lake(catalog_dsn, data_path)
    try:
        paths = export_lake_landing(con, staging, skip=loaded)
    finally:
        con.close()
    report = LakeExportReport(files_exported=len(paths))
    report.load = load_files(db_path, paths, progress=progress)
    loaded = _analysis_loaded_names(db_path)
    for path in staging.glob("*.jsonl"):
        if path.name in loaded:
            path.unlink()
    return report


def print_problems(problems: Iterable[str]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


# --- Publishing: the analysis file's tables and views as a read-only copy in the lake ------------------------------

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
            con.execute(f"attach {_quote(str(db_path.resolve()))} as {PUBLISH_SOURCE} (read_only)")
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
        _rollback(con)
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
        _with_retry(con, partial(_replace_published, con, [t["table_name"] for t in tables], views))
    finally:
        con.execute(f"detach {PUBLISH_SOURCE}")
    n_views = sum(1 for row in db.query(con, "lake/published_objects") if row["kind"] == "view")
    return PublishReport(len(tables), n_views, sum(int(t["n_rows"]) for t in tables), time.monotonic() - started)


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
        return _redact(db.LAKE_PREFIX + self.catalog)


def parse_lake_target(target: str | Path) -> LakeTarget:
    """`ducklake:<libpq key=value DSN>` (a `postgres:` after the prefix is allowed) as a LakeTarget."""
    dsn = str(target).removeprefix(db.LAKE_PREFIX).strip().removeprefix("postgres:").strip()
    if not dsn or "://" in dsn:
        raise LakeUnavailable(f"'{_redact(str(target))}': a lake target is ducklake: followed by a key=value "
                              f"catalog DSN, e.g. 'ducklake:dbname=tracker host=10.0.0.5 user=reader'")
    return LakeTarget(dsn, os.environ.get(LAKE_DATA_ENV) or None)


def _open_reader_instance(target: LakeTarget) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the lake attached READ_ONLY and external access off except for the lake's files."""
    dsn = target.catalog if "connect_timeout" in target.catalog else f"{target.catalog} connect_timeout=10"
    options = "read_only" + (f", data_path {_quote(target.data_path)}, override_data_path true"
                             if target.data_path else "")
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    try:
        for module_name, name in EXTENSIONS:
            con.execute(f"load {_quote(str(_extension_path(module_name, name)))}")
        try:
            con.execute(f"attach {_quote('ducklake:postgres:' + dsn)} as lake ({options})")
        except duckdb.Error as exc:
            if "does not exist" in str(exc) and "creating a new DuckLake" in str(exc):
                raise LakeUnavailable(f"{target}: no lake in this catalog (run `tracker lake-publish`)") from None
            raise LakeUnavailable(_connect_error(target.catalog, exc)) from None
        data_path = db.query(con, "lake/reader_data_path")[0]["data_path"]
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
            cursor.execute(f"set TimeZone = {_quote(db.DISPLAY_TIMEZONE)}")
            cursor.execute(db.read_sql("lake/reader_open"))
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
    return _redact(text.splitlines()[0]) if text else type(exc).__name__


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
        _rollback(cursor)
        cursor.close()


def close_lake_readers() -> None:
    """Close the cached reader instances (tests, and before dropping a catalog)."""
    with _readers_lock:
        for con in _readers.values():
            with contextlib.suppress(duckdb.Error):
                con.close()
        _readers.clear()
