"""Load landing files into DuckDB: one transaction per file, idempotent.

Loading the same file twice changes nothing (files are recorded by SHA-256), and the same URL seen in
two crawls stays one document whose `first_seen_at` keeps its earliest value.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

import db
from pipeline.dates import is_implausible
from pipeline.outlets import classify_source_name

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


class LandingError(ValueError):
    """A landing line that cannot be loaded; the message names the file, line and source."""


@dataclass
class LoadReport:
    files_loaded: int = 0
    files_skipped: int = 0
    documents: int = 0
    problems: list[str] = field(default_factory=list)


def document_id(source_id: str, url: str) -> str:
    """Stable id of a document: the same source and URL always give the same id."""
    return hashlib.sha256(f"{source_id}\n{url}".encode()).hexdigest()[:24]


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
        "title": record.get("title") or "",
        "body": record.get("body") or "",
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


def parse_landing_file(path: Path) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Records of a landing file grouped by type, and one problem line for each unreadable line."""
    grouped: dict[str, list[dict[str, Any]]] = {"article": [], "listing": [], "fetch_error": [], "source": []}
    problems: list[str] = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{path.name}:{number}: not valid JSON ({exc.msg})")
                continue
            kind = record.get("record_type", "article") if isinstance(record, dict) else None
            if kind not in grouped:
                problems.append(f"{path.name}:{number}: unknown record type {kind!r}")
                continue
            grouped[kind].append(record)
    return grouped, problems


def load_file(con: duckdb.DuckDBPyConnection, path: Path, report: LoadReport) -> None:
    """Load one landing file in one transaction, unless a file with the same bytes was loaded before."""
    digest = file_sha256(path)
    if db.query(con, "load/is_loaded", {"sha256": digest})[0]["loaded"]:
        report.files_skipped += 1
        return
    grouped, problems = parse_landing_file(path)
    loaded_at = datetime.now(UTC)
    sources = [_source_row(r, loaded_at) for r in grouped["source"]]
    names = _registry_names(con, sources)
    documents: list[dict[str, Any]] = []
    for record in grouped["article"]:
        try:
            documents.append(_document_row(record, names))
        except (KeyError, ValueError, TypeError) as exc:
            problems.append(f"{path.name}: source {record.get('source_id')!r}: {record.get('url')}: {exc}")
    listings = [
        {
            "source_id": r["source_id"],
            "page_url": r["page_url"],
            "fetched_at": _time(r["fetched_at"], "fetched_at"),
            "article_urls": list(r["article_urls"]),
        }
        for r in grouped["listing"]
    ]
    errors = [{**{k: r[k] for k in ("source_id", "url", "error")}, "fetched_at": _time(r["fetched_at"], "fetched_at")}
              for r in grouped["fetch_error"]]
    staged = {
        "staged_sources": pa.Table.from_pylist(_last_per_key(sources, "source_id"),
                                               schema=SOURCE_SCHEMA),
        "staged_documents": pa.Table.from_pylist(_earliest_per_key(documents, "doc_id"), schema=DOCUMENT_SCHEMA),
        "staged_listings": pa.Table.from_pylist(listings, schema=LISTING_SCHEMA),
        "staged_fetch_errors": pa.Table.from_pylist(errors, schema=FETCH_ERROR_SCHEMA),
    }
    con.execute("begin")
    try:
        for name, table in staged.items():
            con.register(name, table)
        if sources:
            con.execute(db.read_sql("load/upsert_sources"))
        con.execute(db.read_sql("load/upsert_documents"))
        con.execute(db.read_sql("load/insert_listings"))
        con.execute(db.read_sql("load/insert_fetch_errors"))
        con.execute(
            db.read_sql("load/record_loaded_file"),
            {"sha256": digest, "file_name": path.name, "n_records": sum(map(len, grouped.values())),
             "loaded_at": loaded_at},
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        for name in staged:
            con.unregister(name)
    report.files_loaded += 1
    report.documents += len(staged["staged_documents"])
    report.problems.extend(problems)


def load_files(db_path: Path, paths: Iterable[Path]) -> LoadReport:
    """Load landing files in the order given, each in its own short transaction."""
    report = LoadReport()
    with db.writer(db_path) as con:
        for path in paths:
            load_file(con, path, report)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    return report
