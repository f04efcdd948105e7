"""A landing Parquet file read for the lake: its document captures, its list-page fetches and its other records.

Nothing is written here; `pipeline.load.lake` decides in its transaction which captures are new or earlier and which
listings repeat a list the lake already has.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from pipeline.load.rows import document_id

LANDING_COLUMNS = ("record_type", "source_id", "url", "at", "record")


@dataclass
class Capture:
    doc_key: str
    source_id: str
    url: str
    seen_at: datetime
    seen_raw: str
    line: int
    record: str


@dataclass(frozen=True)
class ListingFetch:
    """One fetch of a list page: `content_sha` is the hash of its record without `fetched_at` (what it listed)."""

    line: int
    source_id: str
    page_url: str
    fetched_raw: str
    content_sha: str
    row: dict[str, Any]  # the landing row, stored as it came when the list changed


@dataclass
class StagedLakeFile:
    file_name: str
    source_id: str
    sha256: str
    index: int  # position among this run's candidate files (crash tests name it)
    n_rows: int
    records: list[dict[str, Any]] = field(default_factory=list)
    captures: list[Capture] = field(default_factory=list)
    earliest: dict[str, Capture] = field(default_factory=dict)  # document key -> the file's earliest capture of it
    listings: list[ListingFetch] = field(default_factory=list)


def _json_object(text: Any) -> dict[str, Any] | None:
    try:
        record = json.loads(text or "")
    except (TypeError, json.JSONDecodeError):
        return None
    return record if isinstance(record, dict) else None


def capture_of(row: dict[str, Any], line: int) -> Capture | None:
    """An article row as a document capture; None when it cannot be one (the analysis loader will quarantine it)."""
    record = _json_object(row["record"])
    if record is None:
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
    return Capture(document_id(str(source_id), str(url)), str(source_id), str(url), seen.astimezone(UTC), str(raw),
                   line, row["record"])


def listing_content_sha(record: dict[str, Any]) -> str:
    content = {key: value for key, value in record.items() if key != "fetched_at"}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def listing_of(row: dict[str, Any], line: int) -> ListingFetch | None:
    """A listing row as a list-page fetch; None when it is not one the lake can compare (kept as it came)."""
    record = _json_object(row["record"])
    if record is None or not record.get("page_url") or not isinstance(record.get("fetched_at"), str):
        return None
    return ListingFetch(line, str(record.get("source_id")), str(record["page_url"]), record["fetched_at"],
                        listing_content_sha(record), row)


def stage_lake_file(path: Path, file_name: str, source_id: str, sha256: str, index: int) -> StagedLakeFile:
    """A landing file's rows split into document captures, list-page fetches and other records.

    Only articles and listings of the file's own source (its `source=` folder, which decides the shard) are
    deduplicated; any other row, including an article of another source, is kept as it came for the analysis loader.
    """
    table = pq.read_table(path)
    missing = [c for c in LANDING_COLUMNS if c not in table.column_names]
    if missing:
        raise ValueError(f"missing column(s) {', '.join(missing)}")
    rows = table.select(list(LANDING_COLUMNS)).to_pylist()
    staged = StagedLakeFile(file_name, source_id, sha256, index, len(rows))
    for line, row in enumerate(rows):
        kind = row["record_type"]
        capture = capture_of(row, line) if kind == "article" else None
        listing = listing_of(row, line) if kind == "listing" else None
        if capture is not None and capture.source_id == source_id:
            staged.captures.append(capture)
            kept = staged.earliest.get(capture.doc_key)
            if kept is None or capture.seen_at < kept.seen_at:
                staged.earliest[capture.doc_key] = capture
        elif listing is not None and listing.source_id == source_id:
            staged.listings.append(listing)
        else:
            staged.records.append(record_row(file_name, line, row))
    return staged


def record_row(file_name: str, line: int, row: dict[str, Any]) -> dict[str, Any]:
    return {"file_name": file_name, "line": line, **{c: row[c] for c in LANDING_COLUMNS}}
