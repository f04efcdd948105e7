"""Landing Parquet files -> the DuckLake shared store (`tracker lake-load`).

Loading (`load_landing_to_lake`): landing Parquet files `<landing>/day=YYYY-MM-DD/source=<id>/<run>-<worker>-<NNNN>.parquet`
(columns `record_type, source_id, url, at, record`; `record` is the landing record's JSON) go in batches of up to
`batch_files` files (and `batch_rows` rows) per transaction, each file with its ledger row (`lake_files`: name and
SHA-256) in the same transaction, so a killed loader loses nothing and re-running loads nothing twice. A batch that
fails for another reason than a commit conflict is loaded again one file per transaction, so one bad file costs only
itself. Loader k of N takes only the sources whose stable hash is k modulo N: loaders on
several machines commit at once and never write the same source, so their transactions never touch the same rows.

Tables: `lake_files` (ledger), `lake_records` (every non-article record as it came), `lake_documents` (one row per
document key, hash of source and canonical URL, with the earliest capture's record and first_seen_at; a later capture
never moves it, an earlier one loaded later replaces it) and `lake_captures` (every article capture: key, time, file;
no text); a list page's fetch is stored whole only when it lists what the lake has not stored for that page, else
as a repeat (`lake_listing_repeats`) naming the listing it equals. From these `export_lake_landing` writes JSONL landing files that the existing loader turns into the
analysis DuckDB file (`tracker load --from-lake`).

Concurrency: inserts never conflict. DuckLake does abort two concurrent transactions that both delete from one table
(here: two loaders each replacing a document's record with an earlier capture); the loser's transaction is
redone (`MAX_ATTEMPTS`). Run each shard in one process at a time: the ledger is checked inside the transaction, but
DuckLake has no unique keys to stop two loaders of the same shard committing the same file at the same moment.
Each transaction writes small Parquet files (and inlines rows of small inserts in the catalog), so a long-lived
lake needs DuckLake's maintenance (`ducklake_merge_adjacent_files`, `ducklake_expire_snapshots`,
`ducklake_cleanup_old_files`); a killed loader's uncommitted Parquet files are removed by
`ducklake_delete_orphaned_files`.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

import db
from db.lake import rollback_quietly, with_retry
from pipeline.load.lake_stage import LANDING_COLUMNS, Capture, StagedLakeFile, record_row, stage_lake_file
from pipeline.load.landing_read import file_sha256

__all__ = ["LANDING_COLUMNS", "LakeLoadReport", "landing_parquet_files", "load_landing_to_lake", "shard_of"]

BATCH_FILES = 200  # landing files per transaction: a commit costs about as much as loading a small file
BATCH_ROWS = 50_000  # and at most this many rows (bounds a batch's memory)

_TS = pa.timestamp("us", tz="UTC")
FILES_SCHEMA = pa.schema([("sha256", pa.string())])
KEYS_SCHEMA = pa.schema([("doc_key", pa.string()), ("source_id", pa.string())])
DOCUMENTS_SCHEMA = pa.schema([
    ("doc_key", pa.string()), ("source_id", pa.string()), ("url", pa.string()), ("first_seen_at", _TS),
    ("record", pa.string()), ("file_name", pa.string()), ("line", pa.int64()),
])
CAPTURES_SCHEMA = pa.schema([
    ("doc_key", pa.string()), ("source_id", pa.string()), ("url", pa.string()), ("seen_at", _TS),
    ("seen_raw", pa.string()), ("file_name", pa.string()), ("line", pa.int64()), ("owner_file", pa.string()),
])
RECORDS_SCHEMA = pa.schema([
    ("file_name", pa.string()), ("line", pa.int64()), ("record_type", pa.string()), ("source_id", pa.string()),
    ("url", pa.string()), ("at", pa.string()), ("record", pa.string()),
])
LISTING_KEYS_SCHEMA = pa.schema([("source_id", pa.string()), ("page_url", pa.string()), ("content_sha", pa.string())])
LISTING_HEADS_SCHEMA = pa.schema([*LISTING_KEYS_SCHEMA, ("file_name", pa.string()), ("line", pa.int64())])
LISTING_REPEATS_SCHEMA = pa.schema([
    ("file_name", pa.string()), ("line", pa.int64()), ("source_id", pa.string()), ("page_url", pa.string()),
    ("fetched_raw", pa.string()), ("same_file", pa.string()), ("same_line", pa.int64()),
])
LEDGER_SCHEMA = pa.schema([
    ("file_name", pa.string()), ("sha256", pa.string()), ("source_id", pa.string()), ("shard", pa.int32()),
    ("shards", pa.int32()), ("n_records", pa.int64()), ("n_documents_new", pa.int64()),
    ("n_duplicates", pa.int64()), ("loaded_by", pa.string()), ("loaded_at", _TS),
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
    listings_stored: int = 0  # list-page fetches stored whole: the page listed something new
    listings_repeated: int = 0  # fetches that listed what the lake already had for the page
    transactions: int = 0
    retries: int = 0  # transactions redone after a commit conflict
    problems: list[str] = field(default_factory=list)


@dataclass
class _BatchRows:
    """What one batch transaction writes, and the counts it adds to the report once committed."""

    documents: dict[str, tuple[Capture, str]] = field(default_factory=dict)  # key -> capture, its file
    replaced: dict[str, str] = field(default_factory=dict)  # key -> source of documents the lake had later
    captures: list[dict[str, Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    heads: list[dict[str, Any]] = field(default_factory=list)
    repeats: list[dict[str, Any]] = field(default_factory=list)
    ledger: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


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


def _plan_documents(staged: StagedLakeFile, state: dict[str, tuple[datetime, str]], rows: _BatchRows,
                    lake_had: set[str]) -> tuple[int, int]:
    """As if the file were loaded alone after the ones before it: which captures are new or earlier, and where each
    capture's document record lives once the file is in. Returns (new, earlier)."""
    new = earlier = 0
    owner: dict[str, str] = {}
    for key, capture in staged.earliest.items():
        have = state.get(key)
        if have is not None and capture.seen_at >= have[0]:
            owner[key] = have[1]
            continue
        if have is None:
            new += 1
        else:
            earlier += 1
            if key in lake_had:
                rows.replaced[key] = capture.source_id
        state[key] = (capture.seen_at, staged.file_name)
        rows.documents[key] = (capture, staged.file_name)
        owner[key] = staged.file_name
    rows.captures.extend(
        {"doc_key": c.doc_key, "source_id": c.source_id, "url": c.url, "seen_at": c.seen_at, "seen_raw": c.seen_raw,
         "file_name": staged.file_name, "line": c.line, "owner_file": owner[c.doc_key]} for c in staged.captures)
    return new, earlier


def _plan_listings(staged: StagedLakeFile, heads: dict[tuple[str, str, str], tuple[str, int]],
                   rows: _BatchRows) -> None:
    for fetch in staged.listings:
        key = (fetch.source_id, fetch.page_url, fetch.content_sha)
        same = heads.get(key)
        if same is None:
            heads[key] = (staged.file_name, fetch.line)
            rows.records.append(record_row(staged.file_name, fetch.line, fetch.row))
            rows.heads.append({"source_id": fetch.source_id, "page_url": fetch.page_url,
                               "content_sha": fetch.content_sha, "file_name": staged.file_name, "line": fetch.line})
        else:
            rows.repeats.append({"file_name": staged.file_name, "line": fetch.line, "source_id": fetch.source_id,
                                 "page_url": fetch.page_url, "fetched_raw": fetch.fetched_raw,
                                 "same_file": same[0], "same_line": same[1]})


def _plan_batch(con: duckdb.DuckDBPyConnection, files: list[StagedLakeFile], shard: int, shards: int) -> _BatchRows:
    """The rows of a batch (inside its transaction): documents, captures, records, listings and ledger rows."""
    existing = db.query(con, "lake/existing_documents")
    state = {row["doc_key"]: (row["first_seen_at"], row["file_name"]) for row in existing}
    lake_had = set(state)
    heads = {(r["source_id"], r["page_url"], r["content_sha"]): (r["file_name"], r["line"])
             for r in db.query(con, "lake/listing_heads")}
    rows = _BatchRows(counts=dict.fromkeys(("new", "earlier", "duplicates", "stored", "repeated", "rows"), 0))
    loaded_by, loaded_at = f"{socket.gethostname()}:{os.getpid()}", datetime.now(UTC)
    for staged in files:
        new, earlier = _plan_documents(staged, state, rows, lake_had)
        repeats_before = len(rows.repeats)
        _plan_listings(staged, heads, rows)
        repeated = len(rows.repeats) - repeats_before
        rows.records.extend(staged.records)
        duplicates = len(staged.captures) - new - earlier
        rows.ledger.append({
            "file_name": staged.file_name, "sha256": staged.sha256, "source_id": staged.source_id, "shard": shard,
            "shards": shards, "n_records": staged.n_rows, "n_documents_new": new, "n_duplicates": duplicates,
            "loaded_by": loaded_by, "loaded_at": loaded_at})
        for name, n in (("new", new), ("earlier", earlier), ("duplicates", duplicates), ("rows", staged.n_rows),
                        ("stored", len(staged.listings) - repeated), ("repeated", repeated)):
            rows.counts[name] += n
    return rows


def _tables(rows: _BatchRows) -> dict[str, tuple[str, pa.Table]]:
    """Staged table name -> (the insert that reads it, its rows)."""
    documents = [{"doc_key": c.doc_key, "source_id": c.source_id, "url": c.url, "first_seen_at": c.seen_at,
                  "record": c.record, "file_name": file_name, "line": c.line} for c, file_name in rows.documents.values()]
    return {
        "lake_staged_documents": ("lake/insert_documents", pa.Table.from_pylist(documents, schema=DOCUMENTS_SCHEMA)),
        "lake_staged_captures": ("lake/insert_captures", pa.Table.from_pylist(rows.captures, schema=CAPTURES_SCHEMA)),
        "lake_staged_records": ("lake/insert_records", pa.Table.from_pylist(rows.records, schema=RECORDS_SCHEMA)),
        "lake_staged_listing_heads": ("lake/insert_listing_heads",
                                      pa.Table.from_pylist(rows.heads, schema=LISTING_HEADS_SCHEMA)),
        "lake_staged_listing_repeats": ("lake/insert_listing_repeats",
                                        pa.Table.from_pylist(rows.repeats, schema=LISTING_REPEATS_SCHEMA)),
        "lake_staged_ledger": ("lake/record_files", pa.Table.from_pylist(rows.ledger, schema=LEDGER_SCHEMA)),
    }


def _lookup_tables(files: list[StagedLakeFile]) -> dict[str, pa.Table]:
    keys = [{"doc_key": k, "source_id": f.source_id} for f in files for k in f.earliest]
    listing_keys = {(x.source_id, x.page_url, x.content_sha) for f in files for x in f.listings}
    return {
        "lake_staged_files": pa.Table.from_pylist([{"sha256": f.sha256} for f in files], schema=FILES_SCHEMA),
        "lake_staged_keys": pa.Table.from_pylist(keys, schema=KEYS_SCHEMA),
        "lake_staged_listing_keys": pa.Table.from_pylist(
            [dict(zip(LISTING_KEYS_SCHEMA.names, k, strict=True)) for k in sorted(listing_keys)],
            schema=LISTING_KEYS_SCHEMA),
    }


def _commit_batch(con: duckdb.DuckDBPyConnection, batch: list[StagedLakeFile], *, shard: int, shards: int,
                  report: LakeLoadReport) -> list[StagedLakeFile]:
    """The batch's files not yet in the ledger in one transaction; returns the files it committed."""
    lookups = _lookup_tables(batch)
    registered = list(lookups)
    for name, table in lookups.items():
        con.register(name, table)
    con.execute("begin")
    try:
        loaded = {row["sha256"] for row in db.query(con, "lake/loaded_of_batch")}
        files = [staged for staged in batch if staged.sha256 not in loaded]
        if not files:
            con.execute("rollback")
            return []
        rows = _plan_batch(con, files, shard, shards)
        replaced = pa.Table.from_pylist([{"doc_key": k, "source_id": s} for k, s in rows.replaced.items()],
                                        schema=KEYS_SCHEMA)
        con.register("lake_staged_replaced", replaced)
        registered.append("lake_staged_replaced")
        if rows.replaced:
            con.execute(db.read_sql("lake/delete_documents"))
        for name, (insert, table) in _tables(rows).items():
            con.register(name, table)
            registered.append(name)
            if table.num_rows:
                con.execute(db.read_sql(insert))
        for staged in files:
            _failpoint("lake-before-commit", staged.index)
        con.execute("commit")
    except BaseException:
        rollback_quietly(con)
        raise
    finally:
        for name in registered:
            con.unregister(name)
    counts = rows.counts
    report.documents_new += counts["new"]
    report.documents_earlier += counts["earlier"]
    report.duplicates += counts["duplicates"]
    report.listings_stored += counts["stored"]
    report.listings_repeated += counts["repeated"]
    report.records += counts["rows"]
    report.transactions += 1
    return files


def _load_batch(con: duckdb.DuckDBPyConnection, batch: list[StagedLakeFile], shard: int, shards: int,
                report: LakeLoadReport) -> None:
    try:
        committed = with_retry(con, partial(_commit_batch, con, batch, shard=shard, shards=shards, report=report),
                               report)
    except duckdb.Error as exc:
        if len(batch) > 1:  # find the file that fails: the others load
            for staged in batch:
                _load_batch(con, [staged], shard, shards, report)
            return
        _failed(report, batch[0].file_name, exc)
        return
    report.files_loaded += len(committed)
    report.files_skipped += len(batch) - len(committed)
    for staged in batch:
        _failpoint("lake-after-commit", staged.index)


def _failed(report: LakeLoadReport, file_name: str, exc: BaseException) -> None:
    report.files_failed += 1
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    report.problems.append(f"{file_name}: not loaded into the lake, will be retried by the next run: {first}")


def _staged_files(landing_dir: Path, ledger: list[dict[str, Any]], shard: int, shards: int,
                  report: LakeLoadReport) -> Iterator[StagedLakeFile]:
    """This shard's landing files not in the ledger, read; unreadable ones are reported and left for the next run."""
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
        index += 1
        try:
            sha256 = file_sha256(path)
            if sha256 in loaded_hashes:
                report.files_skipped += 1
                continue
            yield stage_lake_file(path, file_name, source_id, sha256, index - 1)
        except (OSError, ValueError, pa.ArrowException) as exc:
            _failed(report, file_name, exc)


def load_landing_to_lake(con: duckdb.DuckDBPyConnection, landing_dir: Path, shard: int = 0, shards: int = 1,
                         batch_files: int = BATCH_FILES, batch_rows: int = BATCH_ROWS) -> LakeLoadReport:
    """Load this shard's landing Parquet files not yet in the lake, up to `batch_files` files (and `batch_rows`
    rows) per transaction. A file that cannot be read or loaded is reported and left for the next run.
    """
    if shards < 1 or not 0 <= shard < shards:
        raise ValueError(f"shard {shard} of {shards}: need 0 <= shard < shards")
    if batch_files < 1 or batch_rows < 1:
        raise ValueError(f"batch of {batch_files} file(s), {batch_rows} row(s): need at least 1 of each")
    report = LakeLoadReport()
    batch: list[StagedLakeFile] = []
    for staged in _staged_files(landing_dir, db.query(con, "lake/lake_files"), shard, shards, report):
        if batch and (len(batch) >= batch_files or sum(f.n_rows for f in batch) + staged.n_rows > batch_rows):
            _load_batch(con, batch, shard, shards, report)
            batch = []
        batch.append(staged)
    if batch:
        _load_batch(con, batch, shard, shards, report)
    return report


def print_problems(problems: Iterable[str]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
