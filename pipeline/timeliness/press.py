"""Press events (`tracker press add` / `tracker press list`): press conferences and briefings an office held.

A press event is stored with its time (parsed once, by pipeline.extract.dates, in the source's time zone) and title; the
views `press_event_links` and `press_event_responses` link it to an event and report each responsible website's
lag after it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

import db
from pipeline.extract.dates import parse_datetime


class PressError(ValueError):
    """A press event that cannot be recorded; the message says why."""


@dataclass(frozen=True)
class PressEvent:
    press_id: str
    source_id: str
    held_at: datetime
    held_precision: str
    held_raw: str
    title: str
    event_id: str | None = None


def press_id(source_id: str, held_at: datetime, title: str) -> str:
    """Stable id: the same source, time and title always give the same id."""
    key = f"{source_id}\n{held_at.astimezone(UTC).isoformat()}\n{title}"
    return "pr-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def make_press_event(source_id: str, when: str, title: str, timezone: str = "Asia/Shanghai",
                     event_id: str | None = None) -> PressEvent:
    """A press event from user input; raises PressError when the time or title cannot be used."""
    title = title.strip()
    if not title:
        raise PressError("--title is empty")
    parsed = parse_datetime(when, timezone)
    if parsed is None:
        raise PressError(f"--at {when!r}: cannot read a date and time")
    return PressEvent(press_id(source_id, parsed.at, title), source_id, parsed.at, parsed.precision, parsed.raw,
                      title, event_id)


def _source_timezone(con: duckdb.DuckDBPyConnection, source_id: str) -> str:
    found = db.query(con, "press_source", {"source_id": source_id})
    if not found:
        raise PressError(f"source {source_id!r} is not in the database")
    if found[0]["kind"] != "official":
        raise PressError(f"source {source_id!r} is not an official source")
    return str(found[0]["timezone"] or "Asia/Shanghai")


def add_press_event(con: duckdb.DuckDBPyConnection, source_id: str, when: str, title: str,
                    event_id: str | None = None) -> PressEvent:
    """Record a press event held by an official source; recording it again changes nothing."""
    event = make_press_event(source_id, when, title, _source_timezone(con, source_id), event_id)
    con.execute(
        db.read_sql("press_insert"),
        {"press_id": event.press_id, "source_id": event.source_id, "held_at": event.held_at,
         "held_precision": event.held_precision, "held_raw": event.held_raw, "title": event.title,
         "event_id": event.event_id, "created_at": datetime.now(UTC)},
    )
    db.refresh_analysis(con)  # the stored rule clocks, so this connection reads them with the press event
    return event


def record_press_event(db_path: Path, source_id: str, when: str, title: str,
                       event_id: str | None = None) -> PressEvent:
    with db.writer(db_path) as con:
        return add_press_event(con, source_id, when, title, event_id)


def list_press_events(db_path: Path) -> list[dict[str, Any]]:
    with db.reader(db_path) as con:
        return db.query(con, "press_list")


def press_responses(db_path: Path, press: str | None = None) -> list[dict[str, Any]]:
    with db.reader(db_path) as con:
        return db.query(con, "press_responses", {"press_id": press})
