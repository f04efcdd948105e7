"""Landing records turned into table rows: one function per record type, times parsed with their offset."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from pipeline.extract.dates import is_implausible
from pipeline.extract.outlets import classify_source_name


class LandingError(ValueError):
    """A landing line that cannot be loaded; the message names the file, line and source."""


def document_id(source_id: str, url: str) -> str:
    """Stable id of a document: the same source and URL always give the same id."""
    return hashlib.sha256(f"{source_id}\n{url}".encode()).hexdigest()[:24]


MAX_TITLE_CHARS = 1000
MAX_BODY_CHARS = 1_000_000  # the page bytes stay in the raw store in full
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: Any, limit: int) -> str:
    """Text without NUL and control characters, cut to `limit` characters."""
    return _CONTROL.sub("", str(value or ""))[:limit]


def landing_time(value: Any, what: str) -> datetime | None:
    if value in (None, ""):
        return None
    parsed = datetime.fromisoformat(str(value))
    if parsed.tzinfo is None:
        raise LandingError(f"{what}: time {value!r} has no offset")
    return parsed.astimezone(UTC)


def document_row(record: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    source_id, url = record["source_id"], record["url"]
    first_seen = landing_time(record["first_seen_at"], "first_seen_at")
    if first_seen is None:
        raise LandingError("first_seen_at is missing")
    published = landing_time(record.get("published_at"), "published_at")
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
        "written_at": landing_time(record.get("written_at"), "written_at"),
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


def source_row(record: dict[str, Any], loaded_at: datetime) -> dict[str, Any]:
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


def earliest_per_key(rows: Iterable[dict[str, Any]], key: str) -> list[dict[str, Any]]:
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


def last_per_key(rows: Iterable[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    return list({row[key]: row for row in rows}.values())


def landing_time_or(value: Any, default: datetime) -> datetime:
    try:
        return landing_time(value, "time") or default
    except (ValueError, TypeError):
        return default


def listing_row(r: dict[str, Any]) -> dict[str, Any]:
    return {"source_id": r["source_id"], "page_url": r["page_url"],
            "fetched_at": landing_time(r["fetched_at"], "fetched_at"), "article_urls": list(r["article_urls"])}


def error_row(r: dict[str, Any]) -> dict[str, Any]:
    return {**{k: r[k] for k in ("source_id", "url", "error")}, "fetched_at": landing_time(r["fetched_at"], "fetched_at")}


def poll_row(r: dict[str, Any]) -> dict[str, Any]:
    polled_at = landing_time(r["polled_at"], "polled_at")
    counts = {k: int(r[k]) for k in ("entry_ok", "entry_failed", "blocked", "fetch_failed", "articles", "quarantined")}
    return {"run_id": r["run_id"], "source_id": r["source_id"], "polled_at": polled_at, **counts,
            "error": r.get("error")}


