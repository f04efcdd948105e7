"""Replay: retry every quarantined item through a landing file, like any capture."""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import db
from pipeline.load.loader import load_files


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
