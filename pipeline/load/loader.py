"""Load landing files into DuckDB in short transactions, idempotent.

Files of different sources never write the same rows, so consecutive files of different sources are loaded together,
up to `BATCH_FILES` per transaction (a crawl writes one file per source); a file with source records is committed
before the next file is read, as reading a file looks up the registry. A batch that fails is loaded again one file
per transaction.

Loading the same file twice changes nothing (files are recorded by SHA-256), and the same URL seen in
two crawls stays one document whose `first_seen_at` keeps its earliest value.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

import db
from pipeline.core.progress import Progress
from pipeline.load.landing_read import file_sha256
from pipeline.load.rows import landing_time_or
from pipeline.load.staging import StagedFile, arrow_tables, stage_file

OUTCOMES = ("stored", "duplicate", "quarantined", "filtered")
BATCH_FILES = 100  # landing files per transaction, when they are of different sources
LOAD_ERRORS = (duckdb.Error, OSError, pa.ArrowException)  # an unreadable Parquet file too


@dataclass
class LoadReport:
    files_loaded: int = 0
    files_skipped: int = 0
    documents: int = 0
    problems: list[str] = field(default_factory=list)
    files_failed: int = 0
    quarantined: int = 0
    outcomes: dict[str, Counter[str]] = field(default_factory=dict)  # source -> outcome -> items, this load


def _failpoint(name: str, index: int) -> None:
    """Crash tests stop the loader at a named point: TRACKER_FAILPOINT=<name>:<file index>."""
    wanted = os.environ.get("TRACKER_FAILPOINT")
    if not wanted or wanted != f"{name}:{index}":
        return
    if name == "load-disk-full":
        raise OSError(errno.ENOSPC, "No space left on device (failpoint)")
    os.kill(os.getpid(), signal.SIGKILL)


# Each load statement, with the staged tables whose rows it needs (any of them).
LOAD_STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("reliability_insert_outcomes", ("staged_outcome_documents", "staged_outcomes")),
    ("load/upsert_sources", ("staged_sources",)),
    ("load/upsert_documents", ("staged_documents",)),
    ("load/insert_listings", ("staged_listings",)),
    # Observation bounds (documents.absent_at) of this file's documents and of those its listings may move.
    ("load/mark_document_bounds", ("staged_listings",)),
    ("load/update_document_bounds", ("staged_documents", "staged_listings")),
    ("load/update_document_bound_pages", ("staged_listings",)),
    ("load/insert_fetch_errors", ("staged_fetch_errors",)),
    ("reliability_insert_polls", ("staged_polls",)),
    ("reliability_insert_quarantine", ("staged_quarantine",)),
)


@dataclass
class _Pending:
    """A landing file staged for the current batch."""

    index: int
    path: Path
    digest: str
    staged: StagedFile
    tables: dict[str, pa.Table]
    sources: set[str]


def _sources_of(staged: StagedFile) -> set[str]:
    """Every source a staged file writes rows for: files of different sources never touch the same rows."""
    found = {staged.file_source} | {str(q["source_id"]) for q in staged.quarantine}
    for rows in staged.rows.values():
        found.update(str(row.get("source_id")) for row in rows)
    return found


def _stage(con: duckdb.DuckDBPyConnection, path: Path, index: int, report: LoadReport) -> _Pending | None:
    """A landing file read and converted, or None when a file with the same bytes was loaded before."""
    digest = file_sha256(path)
    if db.query(con, "load/is_loaded", {"sha256": digest})[0]["loaded"]:
        report.files_skipped += 1
        return None
    staged = stage_file(con, path)
    return _Pending(index, path, digest, staged, arrow_tables(staged), _sources_of(staged))


def _commit_batch(con: duckdb.DuckDBPyConnection, batch: list[_Pending]) -> None:
    """The batch's files in one transaction, each with its loaded_files row."""
    names = list(batch[0].tables)
    tables = {name: pa.concat_tables([p.tables[name] for p in batch]) for name in names}
    con.execute("begin")
    try:
        for name, table in tables.items():
            con.register(name, table)
        # Outcomes first: whether a document is new is decided before the upsert. A statement whose staged rows are
        # all empty is skipped: each costs a few milliseconds even with nothing to do.
        for sql, needs in LOAD_STEPS:
            if any(tables[name].num_rows for name in needs):
                con.execute(db.read_sql(sql))
        for pending in batch:
            staged = pending.staged
            for marker in staged.rows["replayed"]:
                con.execute(db.read_sql("reliability_mark_replayed"), {
                    "quarantine_id": marker["quarantine_id"], "replay_result": marker.get("result"),
                    "replayed_at": landing_time_or(marker.get("at"), staged.loaded_at)})
            con.execute(
                db.read_sql("load/record_loaded_file"),
                {"sha256": pending.digest, "file_name": pending.path.name,
                 "n_records": sum(map(len, staged.rows.values())) + len(staged.problems),
                 "loaded_at": staged.loaded_at},
            )
        for pending in batch:
            _failpoint("load-disk-full", pending.index)
            _failpoint("load-before-commit", pending.index)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        for name in tables:
            con.unregister(name)


def _count(con: duckdb.DuckDBPyConnection, batch: list[_Pending], report: LoadReport) -> None:
    for at in sorted({p.staged.loaded_at for p in batch}):
        for row in db.query(con, "reliability_file_outcomes", {"recorded_at": at}):
            report.outcomes.setdefault(row["source_id"], Counter())[row["outcome"]] += row["n"]
    for pending in batch:
        staged = pending.staged
        report.files_loaded += 1
        report.documents += len(staged.rows["staged_documents"])
        report.quarantined += len(staged.quarantine)
        report.problems.extend(staged.problems)


def _failed(report: LoadReport, path: Path, exc: BaseException) -> None:
    report.files_failed += 1
    report.problems.append(f"{path.name}: not loaded, will be retried by the next load: {str(exc).splitlines()[0]}")


def _load_batch(con: duckdb.DuckDBPyConnection, batch: list[_Pending], report: LoadReport) -> None:
    """Commit a batch; when it fails, each of its files alone, so one bad file costs only itself."""
    try:
        _commit_batch(con, batch)
    except LOAD_ERRORS as exc:
        if len(batch) == 1:
            _failed(report, batch[0].path, exc)
            return
        for pending in batch:
            _load_batch(con, [pending], report)
        return
    for pending in batch:
        _failpoint("load-after-commit", pending.index)
    _count(con, batch, report)


def load_file(con: duckdb.DuckDBPyConnection, path: Path, report: LoadReport, index: int = 0) -> None:
    """Load one landing file in one transaction, unless a file with the same bytes was loaded before."""
    pending = _stage(con, path, index, report)
    if pending is None:
        return
    _commit_batch(con, [pending])
    _failpoint("load-after-commit", index)
    _count(con, [pending], report)


def load_files(db_path: Path, paths: Iterable[Path], progress: bool = True) -> LoadReport:
    """Load landing files in the order given, in short transactions of files of different sources.

    A file that fails to load is rolled back, reported and left for the next load; the others go on.
    """
    report = LoadReport()
    paths = list(paths)
    meter = Progress("load", total=len(paths)) if progress else None
    with db.writer(db_path) as con:
        batch: list[_Pending] = []
        for index, path in enumerate(paths):
            try:
                pending = _stage(con, path, index, report)
            except LOAD_ERRORS as exc:
                _failed(report, path, exc)
                pending = None
            if pending is not None:
                if batch and (len(batch) >= BATCH_FILES or any(p.sources & pending.sources for p in batch)
                              or any(p.digest == pending.digest for p in batch)):
                    _load_batch(con, batch, report)
                    batch = []
                batch.append(pending)
                if pending.staged.rows["staged_sources"]:  # later files' staging reads the registry it writes
                    _load_batch(con, batch, report)
                    batch = []
            if meter:
                meter.advance(note="landing file(s)")
        if batch:
            _load_batch(con, batch, report)
        db.refresh_analysis(con)
    if meter:
        meter.finish("landing file(s)")
    for problem in report.problems:
        print(problem, file=sys.stderr)
    for source_id, counts in sorted(report.outcomes.items()):
        print(f"{source_id}: " + ", ".join(f"{counts.get(k, 0)} {k}" for k in OUTCOMES))
    return report


