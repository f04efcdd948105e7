"""Landing Parquet files -> the DuckLake shared store (`tracker lake-load`).

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
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

import db
from db.lake import rollback_quietly, with_retry
from pipeline.load.loader import document_id, file_sha256

LANDING_COLUMNS = ("record_type", "source_id", "url", "at", "record")

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


def shard_of(source_id: str, shards: int) -> int:
    """Stable shard of a source: the same on every machine and Python process (not `hash()`)."""
    return int.from_bytes(hashlib.sha1(source_id.encode()).digest()[:8], "big") % shards


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
        rollback_quietly(con)
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
            if with_retry(con, work, report):
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


def print_problems(problems: Iterable[str]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


