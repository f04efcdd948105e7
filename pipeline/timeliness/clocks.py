"""Rule clocks that are still open, and which alert each one calls for now.

The clocks and their status come from the analytics (db/views/07_event_rule_status.sql, read through
db/alerts/open_clocks.sql); this module only reads the time left against each rule's lead time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import duckdb

import db

DUE_SOON = "due_soon"
MISSED = "missed"
RESPONDED = "responded"
KINDS = (DUE_SOON, MISSED, RESPONDED)
DEFAULT_LEAD_SHARE = 0.2  # a fifth of the clock
DEFAULT_OPEN_HOURS = 72.0


@dataclass(frozen=True)
class OpenClock:
    event_id: str
    label: str
    source_id: str
    source_name: str
    source_region: str | None
    rule_id: str
    document: str
    obligation: str
    severity: str
    clock_hours: float
    clock_start: datetime
    deadline: datetime
    responded: bool
    response_at: datetime | None  # the latest time the response can have been made
    response_hours: float | None
    status: str  # pending | met | missed | undecided (event_rule_status)
    first_media_outlet: str
    first_media_at: datetime
    first_media_url: str
    kinds_sent: tuple[str, ...]

    def time_left(self, now: datetime) -> timedelta:
        return self.deadline - now


def open_clocks(con: duckdb.DuckDBPyConnection, now: datetime, open_hours: float = DEFAULT_OPEN_HOURS) -> list[OpenClock]:
    """Clocks of events whose first media report is less than `open_hours` old at `now`."""
    rows = db.query(con, "alerts/open_clocks", {"open_since": now - timedelta(hours=open_hours)})
    return [clock_from_row(row) for row in rows]


def clock_from_row(row: Mapping[str, Any]) -> OpenClock:
    return OpenClock(
        event_id=row["event_id"], label=row["label"], source_id=row["source_id"], source_name=row["source_name"],
        source_region=row["source_region"], rule_id=row["rule_id"], document=row["document"],
        obligation=row["obligation"], severity=row["severity"], clock_hours=float(row["clock_hours"]),
        clock_start=row["clock_start"], deadline=row["deadline"], responded=bool(row["responded"]),
        response_at=row["response_latest"], response_hours=row["response_hours_max"], status=row["status"],
        first_media_outlet=row["first_media_outlet"], first_media_at=row["first_media_at"],
        first_media_url=row["first_media_url"], kinds_sent=tuple(row["kinds_sent"]),
    )


def lead_time(clock: OpenClock, lead_hours: Mapping[str, float]) -> timedelta:
    """How long before the deadline a clock counts as about to end: the rule's lead, or a fifth of the clock."""
    return timedelta(hours=lead_hours.get(clock.rule_id, clock.clock_hours * DEFAULT_LEAD_SHARE))


def alert_due(clock: OpenClock, now: datetime, lead_hours: Mapping[str, float]) -> str | None:
    """The alert kind this clock calls for at `now` that was not decided before, if any.

    A response is announced only on a clock that an earlier alert was about: it closes what the office was told.
    """
    if clock.responded:
        warned = DUE_SOON in clock.kinds_sent or MISSED in clock.kinds_sent
        return RESPONDED if warned and RESPONDED not in clock.kinds_sent else None
    if now >= clock.deadline:
        return MISSED if MISSED not in clock.kinds_sent else None
    if clock.time_left(now) <= lead_time(clock, lead_hours) and DUE_SOON not in clock.kinds_sent:
        return DUE_SOON
    return None
