"""Load landing files into DuckDB: one transaction per file, idempotent.

Loading the same file twice changes nothing (files are recorded by SHA-256), and the same URL seen in
two crawls stays one document whose `first_seen_at` keeps its earliest value.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import signal
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

import db
from pipeline.core.progress import Progress
from pipeline.extract.dates import is_implausible
from pipeline.extract.outlets import classify_source_name

DOCUMENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("source_id", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("body", pa.string()),
        ("published_at", pa.timestamp("us", tz="UTC")),
        ("published_precision", pa.string()),
        ("published_raw", pa.string()),
        ("published_flag", pa.string()),
        ("written_at", pa.timestamp("us", tz="UTC")),
        ("declared_source", pa.string()),
        ("declared_source_kind", pa.string()),
        ("first_seen_at", pa.timestamp("us", tz="UTC")),
        ("last_seen_at", pa.timestamp("us", tz="UTC")),
        ("raw_sha256", pa.string()),
        ("via", pa.string()),
        ("found_on", pa.string()),
        ("encoding", pa.string()),
        ("methods", pa.string()),
    ]
)
SOURCE_SCHEMA = pa.schema(
    [
        ("source_id", pa.string()),
        ("name", pa.string()),
        ("kind", pa.string()),
        ("channel", pa.string()),
        ("region", pa.string()),
        ("level", pa.string()),
        ("timezone", pa.string()),
        ("list_urls", pa.list_(pa.string())),
        ("feeds", pa.list_(pa.string())),
        ("updated_at", pa.timestamp("us", tz="UTC")),
        ("external_id", pa.string()),
    ]
)
LISTING_SCHEMA = pa.schema(
    [
        ("source_id", pa.string()),
        ("page_url", pa.string()),
        ("fetched_at", pa.timestamp("us", tz="UTC")),
        ("article_urls", pa.list_(pa.string())),
    ]
)
FETCH_ERROR_SCHEMA = pa.schema(
    [
        ("source_id", pa.string()),
        ("url", pa.string()),
        ("fetched_at", pa.timestamp("us", tz="UTC")),
        ("error", pa.string()),
    ]
)


POLL_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("source_id", pa.string()),
        ("polled_at", pa.timestamp("us", tz="UTC")),
        ("entry_ok", pa.int32()),
        ("entry_failed", pa.int32()),
        ("blocked", pa.int32()),
        ("fetch_failed", pa.int32()),
        ("articles", pa.int32()),
        ("quarantined", pa.int32()),
        ("error", pa.string()),
    ]
)
OUTCOME_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("source_id", pa.string()),
        ("url", pa.string()),
        ("doc_id", pa.string()),
        ("outcome", pa.string()),
        ("reason", pa.string()),
        ("recorded_at", pa.timestamp("us", tz="UTC")),
    ]
)
OUTCOME_DOCUMENT_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("source_id", pa.string()),
        ("url", pa.string()),
        ("doc_id", pa.string()),
        ("recorded_at", pa.timestamp("us", tz="UTC")),
    ]
)
QUARANTINE_SCHEMA = pa.schema(
    [
        ("quarantine_id", pa.string()),
        ("run_id", pa.string()),
        ("source_id", pa.string()),
        ("url", pa.string()),
        ("stage", pa.string()),
        ("error", pa.string()),
        ("quarantined_at", pa.timestamp("us", tz="UTC")),
        ("raw_sha256", pa.string()),
        ("record", pa.string()),
        ("file_name", pa.string()),
    ]
)


class LandingError(ValueError):
    """A landing line that cannot be loaded; the message names the file, line and source."""


OUTCOMES = ("stored", "duplicate", "quarantined", "filtered")


@dataclass
class LoadReport:
    files_loaded: int = 0
    files_skipped: int = 0
    documents: int = 0
    problems: list[str] = field(default_factory=list)
    files_failed: int = 0
    quarantined: int = 0
    outcomes: dict[str, Counter[str]] = field(default_factory=dict)  # source -> outcome -> items, this load


def document_id(source_id: str, url: str) -> str:
    """Stable id of a document: the same source and URL always give the same id."""
    return hashlib.sha256(f"{source_id}\n{url}".encode()).hexdigest()[:24]


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


MAX_TITLE_CHARS = 1000
MAX_BODY_CHARS = 1_000_000  # the page bytes stay in the raw store in full
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: Any, limit: int) -> str:
    """Text without NUL and control characters, cut to `limit` characters."""
    return _CONTROL.sub("", str(value or ""))[:limit]


def _time(value: Any, what: str) -> datetime | None:
    if value in (None, ""):
        return None
    parsed = datetime.fromisoformat(str(value))
    if parsed.tzinfo is None:
        raise LandingError(f"{what}: time {value!r} has no offset")
    return parsed.astimezone(UTC)


def _document_row(record: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    source_id, url = record["source_id"], record["url"]
    first_seen = _time(record["first_seen_at"], "first_seen_at")
    if first_seen is None:
        raise LandingError("first_seen_at is missing")
    published = _time(record.get("published_at"), "published_at")
    flag = is_implausible(published, now=first_seen) if published else None
    declared = record.get("declared_source")
    return {
        "doc_id": document_id(source_id, url),
        "source_id": source_id,
        "url": url,
        "title": clean_text(record.get("title"), MAX_TITLE_CHARS),
        "body": clean_text(record.get("body"), MAX_BODY_CHARS),
        "published_at": published,
        "published_precision": record.get("published_precision") if published else None,
        "published_raw": record.get("published_raw"),
        "published_flag": flag,
        "written_at": _time(record.get("written_at"), "written_at"),
        "declared_source": declared,
        "declared_source_kind": classify_source_name(declared, names) if declared else None,
        "first_seen_at": first_seen,
        "last_seen_at": first_seen,
        "raw_sha256": record.get("raw_sha256"),
        "via": record.get("via") or "list",
        "found_on": record.get("found_on"),
        "encoding": record.get("encoding"),
        "methods": json.dumps(record.get("methods") or {}, ensure_ascii=False, sort_keys=True),
    }


def _source_row(record: dict[str, Any], loaded_at: datetime) -> dict[str, Any]:
    return {
        "source_id": record["source_id"],
        "name": record["name"],
        "kind": record["kind"],
        "channel": record.get("channel") or "website",
        "region": record.get("region"),
        "level": record.get("level"),
        "timezone": record.get("timezone") or "Asia/Shanghai",
        "list_urls": list(record.get("list_urls") or []),
        "feeds": list(record.get("feeds") or []),
        "updated_at": loaded_at,
        "external_id": record.get("external_id"),
    }


def _earliest_per_key(rows: Iterable[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """One row per key: the earliest capture's content, with first and last seen over all of them."""
    by_key: dict[str, dict[str, Any]] = {}
    for row in rows:
        kept = by_key.get(row[key])
        if kept is None:
            by_key[row[key]] = row
            continue
        first, last = min(kept["first_seen_at"], row["first_seen_at"]), max(kept["last_seen_at"], row["last_seen_at"])
        newest = row if row["first_seen_at"] > kept["first_seen_at"] else kept
        by_key[row[key]] = {**newest, "first_seen_at": first, "last_seen_at": last}
    return list(by_key.values())


def _last_per_key(rows: Iterable[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    return list({row[key]: row for row in rows}.values())


def _registry_names(con: duckdb.DuckDBPyConnection, staged_sources: list[dict[str, Any]]) -> dict[str, str]:
    names = {row["name"]: row["kind"] for row in db.query(con, "load/source_names")}
    names.update({row["name"]: row["kind"] for row in staged_sources})
    return names


RECORD_TYPES = ("article", "listing", "fetch_error", "source", "quarantine", "outcome", "poll", "replayed")


@dataclass(frozen=True)
class BadLine:
    number: int
    text: str
    problem: str


@dataclass
class StagedFile:
    """One landing file turned into rows, with what could not be turned into rows kept aside."""

    run_id: str
    file_source: str
    loaded_at: datetime
    rows: dict[str, list[dict[str, Any]]]
    quarantine: list[dict[str, Any]]
    problems: list[str]


def _file_run_and_source(path: Path) -> tuple[str, str]:
    """`<run>-<source>-<chunk>.jsonl` → (run, source); other names give the whole stem as run.

    Parquet files `source=<source>/<run>-<worker>-<chunk>.parquet` name their source by their folder.
    """
    if path.suffix == ".parquet":
        run = path.name.removesuffix(".parquet").partition("-")[0]
        folder = path.parent.name
        return run, (folder.removeprefix("source=") if folder.startswith("source=") else "") or "unknown"
    stem = path.name.removesuffix(".jsonl")
    run, _, rest = stem.partition("-")
    source = rest.rpartition("-")[0] or rest
    return run, source or "unknown"


def _time_or(value: Any, default: datetime) -> datetime:
    try:
        return _time(value, "time") or default
    except (ValueError, TypeError):
        return default


def _failpoint(name: str, index: int) -> None:
    """Crash tests stop the loader at a named point: TRACKER_FAILPOINT=<name>:<file index>."""
    wanted = os.environ.get("TRACKER_FAILPOINT")
    if not wanted or wanted != f"{name}:{index}":
        return
    if name == "load-disk-full":
        raise OSError(errno.ENOSPC, "No space left on device (failpoint)")
    os.kill(os.getpid(), signal.SIGKILL)


def _landing_lines(path: Path) -> Iterable[tuple[int, str]]:
    """(number, text) of each record of a landing file: JSONL lines, or the `record` column of a Parquet file."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        column = pq.read_table(path, columns=["record"]).column("record").to_pylist()
        yield from ((number, text or "") for number, text in enumerate(column, start=1))
        return
    with path.open(encoding="utf-8", errors="replace") as handle:
        yield from enumerate(handle, start=1)


def parse_landing_lines(path: Path) -> tuple[dict[str, list[dict[str, Any]]], list[BadLine]]:
    """Records of a landing file (JSONL or Parquet) grouped by type, and the lines that are not records."""
    grouped: dict[str, list[dict[str, Any]]] = {kind: [] for kind in RECORD_TYPES}
    bad: list[BadLine] = []
    for number, line in _landing_lines(path):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append(BadLine(number, line.rstrip("\n"), f"{path.name}:{number}: not valid JSON ({exc.msg})"))
            continue
        kind = record.get("record_type", "article") if isinstance(record, dict) else None
        if kind not in grouped:
            bad.append(BadLine(number, line.rstrip("\n"), f"{path.name}:{number}: unknown record type {kind!r}"))
            continue
        grouped[kind].append(record)
    return grouped, bad


def parse_landing_file(path: Path) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Records of a landing file grouped by type, and one problem line for each unreadable line."""
    grouped, bad = parse_landing_lines(path)
    return grouped, [line.problem for line in bad]


def quarantine_id(run_id: str, source_id: str, url: str | None, stage: str, error: str) -> str:
    return hashlib.sha256(f"{run_id}\n{source_id}\n{url}\n{stage}\n{error}".encode()).hexdigest()[:24]


def _quarantine_row(staged: StagedFile, file_name: str, *, source_id: str, url: str | None, stage: str, error: str,
                    at: datetime, raw_sha256: str | None, record: Any) -> dict[str, Any]:
    return {
        "quarantine_id": quarantine_id(staged.run_id, source_id, url, stage, error),
        "run_id": staged.run_id, "source_id": source_id, "url": url, "stage": stage, "error": error,
        "quarantined_at": at, "raw_sha256": raw_sha256,
        "record": json.dumps(record, ensure_ascii=False, sort_keys=True) if record is not None else None,
        "file_name": file_name,
    }


def _convert(records: list[dict[str, Any]], convert: Any, staged: StagedFile, path: Path, what: str) -> list[Any]:
    """Rows for the records `convert` accepts; the others are quarantined with their error."""
    rows = []
    for record in records:
        try:
            rows.append(convert(record))
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            source_id = str(record.get("source_id") or staged.file_source)
            url = record.get("url") or record.get("page_url")
            error = f"{what}: {exc}"
            staged.problems.append(f"{path.name}: source {record.get('source_id')!r}: {url}: {exc}")
            staged.quarantine.append(_quarantine_row(
                staged, path.name, source_id=source_id, url=url, stage="load", error=error, at=staged.loaded_at,
                raw_sha256=record.get("raw_sha256"), record=record))
    return rows


def _listing_row(r: dict[str, Any]) -> dict[str, Any]:
    return {"source_id": r["source_id"], "page_url": r["page_url"],
            "fetched_at": _time(r["fetched_at"], "fetched_at"), "article_urls": list(r["article_urls"])}


def _error_row(r: dict[str, Any]) -> dict[str, Any]:
    return {**{k: r[k] for k in ("source_id", "url", "error")}, "fetched_at": _time(r["fetched_at"], "fetched_at")}


def _poll_row(r: dict[str, Any]) -> dict[str, Any]:
    polled_at = _time(r["polled_at"], "polled_at")
    counts = {k: int(r[k]) for k in ("entry_ok", "entry_failed", "blocked", "fetch_failed", "articles", "quarantined")}
    return {"run_id": r["run_id"], "source_id": r["source_id"], "polled_at": polled_at, **counts,
            "error": r.get("error")}


def stage_file(con: duckdb.DuckDBPyConnection, path: Path) -> StagedFile:
    """Read and convert one landing file; nothing is written yet."""
    grouped, bad = parse_landing_lines(path)
    run_id, file_source = _file_run_and_source(path)
    staged = StagedFile(run_id, file_source, datetime.now(UTC), {}, [], [line.problem for line in bad])
    for line in bad:
        staged.quarantine.append(_quarantine_row(
            staged, path.name, source_id=file_source, url=None, stage="load", error=line.problem,
            at=staged.loaded_at, raw_sha256=None, record={"line": line.text[:100_000]}))
    sources = _convert(grouped["source"], lambda r: _source_row(r, staged.loaded_at), staged, path, "source")
    names = _registry_names(con, sources)
    documents = _convert(grouped["article"], lambda r: _document_row(r, names), staged, path, "article")
    for record in grouped["quarantine"]:
        staged.quarantine.append(_quarantine_row(
            staged, path.name, source_id=str(record.get("source_id") or file_source), url=record.get("url"),
            stage=str(record.get("stage") or "pipeline"), error=str(record.get("error") or "unknown error"),
            at=_time_or(record.get("at"), staged.loaded_at), raw_sha256=record.get("raw_sha256"),
            record=record.get("record")))
    staged.rows = {
        "staged_sources": _last_per_key(sources, "source_id"),
        "staged_documents": _earliest_per_key(documents, "doc_id"),
        "staged_listings": _convert(grouped["listing"], _listing_row, staged, path, "listing"),
        "staged_fetch_errors": _convert(grouped["fetch_error"], _error_row, staged, path, "fetch_error"),
        "staged_polls": _convert(grouped["poll"], _poll_row, staged, path, "poll"),
        "replayed": grouped["replayed"],
    }
    staged.rows["staged_outcomes"] = [
        {"run_id": run_id, "source_id": q["source_id"], "url": q["url"] or f"(line in {path.name})",
         "doc_id": None, "outcome": "quarantined", "reason": f"{q['stage']}: {q['error']}"[:500],
         "recorded_at": staged.loaded_at}
        for q in staged.quarantine
    ] + [
        {"run_id": run_id, "source_id": r["source_id"], "url": r["url"], "doc_id": None,
         "outcome": r["outcome"], "reason": r.get("reason"), "recorded_at": staged.loaded_at}
        for r in grouped["outcome"]
    ]
    return staged


def _arrow_tables(staged: StagedFile) -> dict[str, pa.Table]:
    rows = staged.rows
    documents = [
        {"run_id": staged.run_id, "source_id": d["source_id"], "url": d["url"], "doc_id": d["doc_id"],
         "recorded_at": staged.loaded_at}
        for d in rows["staged_documents"]
    ]
    return {
        "staged_sources": pa.Table.from_pylist(rows["staged_sources"], schema=SOURCE_SCHEMA),
        "staged_documents": pa.Table.from_pylist(rows["staged_documents"], schema=DOCUMENT_SCHEMA),
        "staged_listings": pa.Table.from_pylist(rows["staged_listings"], schema=LISTING_SCHEMA),
        "staged_fetch_errors": pa.Table.from_pylist(rows["staged_fetch_errors"], schema=FETCH_ERROR_SCHEMA),
        "staged_polls": pa.Table.from_pylist(rows["staged_polls"], schema=POLL_SCHEMA),
        "staged_outcomes": pa.Table.from_pylist(rows["staged_outcomes"], schema=OUTCOME_SCHEMA),
        "staged_outcome_documents": pa.Table.from_pylist(documents, schema=OUTCOME_DOCUMENT_SCHEMA),
        "staged_quarantine": pa.Table.from_pylist(staged.quarantine, schema=QUARANTINE_SCHEMA),
    }


def load_file(con: duckdb.DuckDBPyConnection, path: Path, report: LoadReport, index: int = 0) -> None:
    """Load one landing file in one transaction, unless a file with the same bytes was loaded before."""
    digest = file_sha256(path)
    if db.query(con, "load/is_loaded", {"sha256": digest})[0]["loaded"]:
        report.files_skipped += 1
        return
    staged = stage_file(con, path)
    tables = _arrow_tables(staged)
    con.execute("begin")
    try:
        for name, table in tables.items():
            con.register(name, table)
        # Outcomes first: whether a document is new is decided before the upsert.
        con.execute(db.read_sql("reliability_insert_outcomes"))
        if staged.rows["staged_sources"]:
            con.execute(db.read_sql("load/upsert_sources"))
        con.execute(db.read_sql("load/upsert_documents"))
        con.execute(db.read_sql("load/insert_listings"))
        # Observation bounds (documents.absent_at) of this file's documents and of those its listings may move.
        con.execute(db.read_sql("load/mark_document_bounds"))
        con.execute(db.read_sql("load/update_document_bounds"))
        con.execute(db.read_sql("load/update_document_bound_pages"))
        con.execute(db.read_sql("load/insert_fetch_errors"))
        con.execute(db.read_sql("reliability_insert_polls"))
        con.execute(db.read_sql("reliability_insert_quarantine"))
        for marker in staged.rows["replayed"]:
            con.execute(db.read_sql("reliability_mark_replayed"), {
                "quarantine_id": marker["quarantine_id"], "replay_result": marker.get("result"),
                "replayed_at": _time_or(marker.get("at"), staged.loaded_at)})
        con.execute(
            db.read_sql("load/record_loaded_file"),
            {"sha256": digest, "file_name": path.name,
             "n_records": sum(map(len, staged.rows.values())) + len(staged.problems),
             "loaded_at": staged.loaded_at},
        )
        _failpoint("load-disk-full", index)
        _failpoint("load-before-commit", index)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        for name in tables:
            con.unregister(name)
    _failpoint("load-after-commit", index)
    for row in db.query(con, "reliability_file_outcomes", {"recorded_at": staged.loaded_at}):
        report.outcomes.setdefault(row["source_id"], Counter())[row["outcome"]] += row["n"]
    report.files_loaded += 1
    report.documents += len(staged.rows["staged_documents"])
    report.quarantined += len(staged.quarantine)
    report.problems.extend(staged.problems)


def load_files(db_path: Path, paths: Iterable[Path], progress: bool = True) -> LoadReport:
    """Load landing files in the order given, each in its own short transaction.

    A file that fails to load is rolled back, reported and left for the next load; the others go on.
    """
    report = LoadReport()
    paths = list(paths)
    meter = Progress("load", total=len(paths)) if progress else None
    with db.writer(db_path) as con:
        for index, path in enumerate(paths):
            try:
                load_file(con, path, report, index)
            except (duckdb.Error, OSError, pa.ArrowException) as exc:  # an unreadable Parquet file too
                report.files_failed += 1
                report.problems.append(f"{path.name}: not loaded, will be retried by the next load: "
                                       f"{str(exc).splitlines()[0]}")
            if meter:
                meter.advance(note="landing file(s)")
        db.refresh_analysis(con)
    if meter:
        meter.finish("landing file(s)")
    for problem in report.problems:
        print(problem, file=sys.stderr)
    for source_id, counts in sorted(report.outcomes.items()):
        print(f"{source_id}: " + ", ".join(f"{counts.get(k, 0)} {k}" for k in OUTCOMES))
    return report


@dataclass
class ReplayReport:
    run_id: str
    attempted: int = 0
    not_replayable: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)


def _re_extracted(row: dict[str, Any], raw_dir: Path) -> dict[str, Any] | None:
    """An article record made again from the quarantined page's stored bytes."""
    from crawlers.landing import RawStore
    from pipeline.extract.article import extract_article

    raw = RawStore(raw_dir)
    if not row["raw_sha256"] or not row["url"] or not raw.path_for(row["raw_sha256"]).exists():
        return None
    seen = row["quarantined_at"]
    extracted = extract_article(raw.get(row["raw_sha256"]), row["url"], header_charset=None, fetched_at=seen,
                                tz=row.get("timezone") or "Asia/Shanghai")
    published = extracted.published
    return {
        "record_type": "article", "source_id": row["source_id"], "url": row["url"], "title": extracted.title,
        "body": extracted.body, "published_at": published.at.isoformat() if published else None,
        "published_precision": published.precision if published else None,
        "published_raw": published.raw if published else None,
        "written_at": extracted.written.at.isoformat() if extracted.written else None,
        "declared_source": extracted.declared_source, "first_seen_at": seen.isoformat(),
        "raw_sha256": row["raw_sha256"], "via": "list", "found_on": None, "encoding": extracted.encoding,
        "methods": dict(extracted.methods),
    }


def replay_record(row: dict[str, Any], raw_dir: Path) -> dict[str, Any] | None:
    """What to load again for a quarantined row: its article record, or one re-extracted from its page bytes."""
    record = json.loads(row["record"]) if row["record"] else None
    if isinstance(record, dict) and record.get("record_type", "article") == "article" and record.get("url"):
        return record
    return _re_extracted(row, raw_dir)


def replay(db_path: Path, landing_dir: Path, raw_dir: Path) -> ReplayReport:
    """Retry every quarantined item not yet replayed, through a landing file like any capture."""
    from crawlers.landing import LandingWriter

    now = datetime.now(UTC)
    report = ReplayReport(run_id="replay" + now.strftime("%Y%m%dT%H%M%S%fZ"))
    with db.reader(db_path) as con:
        rows = db.query(con, "reliability_replayable")
    writer = LandingWriter(landing_dir, report.run_id, "replay", chunk_size=10**9)
    for row in rows:
        try:
            record = replay_record(row, raw_dir)
        except Exception as exc:  # noqa: BLE001 (a page that still fails stays quarantined)
            record = None
            print(f"source {row['source_id']!r}: {row['url']}: still fails: {exc}", file=sys.stderr)
        if record is None:
            report.not_replayable += 1
            continue
        writer.write(record)
        writer.write({"record_type": "replayed", "quarantine_id": row["quarantine_id"], "at": now.isoformat(),
                      "result": "retried", "source_id": row["source_id"]})
        report.attempted += 1
    path = writer.flush()
    if path is not None:
        load_files(db_path, [path], progress=False)
        with db.reader(db_path) as con:
            for row in db.query(con, "reliability_run_outcomes", {"run_id": report.run_id}):
                report.outcomes[row["outcome"]] += 1
    return report
