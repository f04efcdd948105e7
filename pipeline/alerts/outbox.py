"""What was decided and what was delivered, kept in the database (db/migrations/0060_alerts.sql).

An alert is decided once per event, source, rule and kind (the table's unique key), with one outbox row per channel.
A delivery is marked `sending` (committed) before anything goes out and `sent` after the channel took it, so a
process stopped in between leaves `sending` behind: the next run sends that one again, once, and says so.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb

import db
from pipeline.alerts.channels import Outgoing
from pipeline.alerts.messages import Message
from pipeline.timeliness.clocks import OpenClock


@dataclass(frozen=True)
class Claimed:
    alert_id: str
    channel: str
    attempts: int
    interrupted: bool  # the last run stopped between sending this and recording it


@dataclass(frozen=True)
class Outcome:
    alert_id: str
    channel: str
    attempts: int
    error: str | None  # None: sent


def alert_id(clock: OpenClock, kind: str) -> str:
    key = f"{clock.event_id}\x1f{clock.source_id}\x1f{clock.rule_id}\x1f{kind}"
    return "al-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def record_alert(con: duckdb.DuckDBPyConnection, clock: OpenClock, kind: str, message: Message,
                 channels: Iterable[str], now: datetime) -> str | None:
    """Keep a decided alert and queue it for its channels; None when it was decided before."""
    ident = alert_id(clock, kind)
    inserted = con.execute(db.read_sql("alerts/insert_alert"), {
        "alert_id": ident, "event_id": clock.event_id, "source_id": clock.source_id, "rule_id": clock.rule_id,
        "kind": kind, "deadline": clock.deadline, "created_at": now, "title": message.title, "body": message.body,
        "facts": json.dumps(message.facts, ensure_ascii=False),
    }).fetchall()
    if not inserted:
        return None
    for channel in channels:
        con.execute(db.read_sql("alerts/insert_outbox"), {"alert_id": ident, "channel": channel, "now": now})
    return ident


def interrupted(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    return {(row["alert_id"], row["channel"]) for row in db.query(con, "alerts/interrupted")}


def claim_due(con: duckdb.DuckDBPyConnection, now: datetime) -> list[Claimed]:
    """Mark every delivery that is due (or was interrupted) as being sent, before sending any."""
    stopped = interrupted(con)
    rows = con.execute(db.read_sql("alerts/claim_due"), {"now": now}).fetchall()
    return sorted((Claimed(a, c, n, (a, c) in stopped) for a, c, n, _ in rows), key=lambda c: (c.alert_id, c.channel))


def outgoing(con: duckdb.DuckDBPyConnection, alert_ids: list[str]) -> dict[str, Outgoing]:
    rows = db.query(con, "alerts/alerts_of", {"alert_ids": alert_ids})
    return {r["alert_id"]: Outgoing(alert_id=r["alert_id"], title=r["title"], body=r["body"], facts=json.loads(r["facts"]))
            for r in rows}


def backoff(attempts: int, base_seconds: float, max_seconds: float) -> timedelta:
    return timedelta(seconds=min(max_seconds, base_seconds * 2 ** max(0, attempts - 1)))


def record_outcomes(con: duckdb.DuckDBPyConnection, outcomes: Iterable[Outcome], now: datetime, base_seconds: float,
                    max_seconds: float) -> None:
    for outcome in outcomes:
        key = {"alert_id": outcome.alert_id, "channel": outcome.channel}
        if outcome.error is None:
            con.execute(db.read_sql("alerts/mark_sent"), {**key, "now": now})
        else:
            retry = now + backoff(outcome.attempts, base_seconds, max_seconds)
            con.execute(db.read_sql("alerts/mark_failed"), {**key, "next_attempt_at": retry, "error": outcome.error})


def waiting(con: duckdb.DuckDBPyConnection) -> int:
    return sum(row["n"] for row in db.query(con, "alerts/outbox_counts") if row["status"] != "sent")
