"""One landing file staged: its records converted to rows, what cannot be converted kept for quarantine."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

import db
from pipeline.load.landing_read import file_run_and_source, parse_landing_lines
from pipeline.load.rows import (
    document_row,
    earliest_per_key,
    error_row,
    landing_time_or,
    last_per_key,
    listing_row,
    poll_row,
    source_row,
)
from pipeline.load.schemas import (
    DOCUMENT_SCHEMA,
    FETCH_ERROR_SCHEMA,
    LISTING_SCHEMA,
    OUTCOME_DOCUMENT_SCHEMA,
    OUTCOME_SCHEMA,
    POLL_SCHEMA,
    QUARANTINE_SCHEMA,
    SOURCE_SCHEMA,
)


def _registry_names(con: duckdb.DuckDBPyConnection, staged_sources: list[dict[str, Any]]) -> dict[str, str]:
    names = {row["name"]: row["kind"] for row in db.query(con, "load/source_names")}
    names.update({row["name"]: row["kind"] for row in staged_sources})
    return names


@dataclass
class StagedFile:
    """One landing file turned into rows, with what could not be turned into rows kept aside."""

    run_id: str
    file_source: str
    loaded_at: datetime
    rows: dict[str, list[dict[str, Any]]]
    quarantine: list[dict[str, Any]]
    problems: list[str]


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


def stage_file(con: duckdb.DuckDBPyConnection, path: Path) -> StagedFile:
    """Read and convert one landing file; nothing is written yet."""
    grouped, bad = parse_landing_lines(path)
    run_id, file_source = file_run_and_source(path)
    staged = StagedFile(run_id, file_source, datetime.now(UTC), {}, [], [line.problem for line in bad])
    for line in bad:
        staged.quarantine.append(_quarantine_row(
            staged, path.name, source_id=file_source, url=None, stage="load", error=line.problem,
            at=staged.loaded_at, raw_sha256=None, record={"line": line.text[:100_000]}))
    sources = _convert(grouped["source"], lambda r: source_row(r, staged.loaded_at), staged, path, "source")
    names = _registry_names(con, sources)
    documents = _convert(grouped["article"], lambda r: document_row(r, names), staged, path, "article")
    for record in grouped["quarantine"]:
        staged.quarantine.append(_quarantine_row(
            staged, path.name, source_id=str(record.get("source_id") or file_source), url=record.get("url"),
            stage=str(record.get("stage") or "pipeline"), error=str(record.get("error") or "unknown error"),
            at=landing_time_or(record.get("at"), staged.loaded_at), raw_sha256=record.get("raw_sha256"),
            record=record.get("record")))
    staged.rows = {
        "staged_sources": last_per_key(sources, "source_id"),
        "staged_documents": earliest_per_key(documents, "doc_id"),
        "staged_listings": _convert(grouped["listing"], listing_row, staged, path, "listing"),
        "staged_fetch_errors": _convert(grouped["fetch_error"], error_row, staged, path, "fetch_error"),
        "staged_polls": _convert(grouped["poll"], poll_row, staged, path, "poll"),
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


def arrow_tables(staged: StagedFile) -> dict[str, pa.Table]:
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


