"""Rule clocks and event severities as data: add a user-defined rule, set an event's severity.

The views (db/views/07_event_rule_status.sql) read the `rules`, `event_severity` and `severity_keywords` tables;
nothing here computes a status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb

import db
from pipeline.extract.dates import parse_datetime

OBLIGATIONS = ("authoritative_info", "press_conference", "response")
APPLIES_TO = ("major", "other", "all")
SEVERITIES = ("major", "other")


@dataclass(frozen=True)
class Rule:
    rule_id: str
    document: str
    obligation: str
    applies_to: str
    clock_hours: float
    effective_from: datetime
    effective_to: datetime | None = None
    note: str | None = None


def add_rule(con: duckdb.DuckDBPyConnection, rule: Rule) -> None:
    """Add (or replace) a user-defined rule; raises ValueError for an unknown obligation or scope."""
    if rule.obligation not in OBLIGATIONS:
        raise ValueError(f"rule {rule.rule_id!r}: obligation must be one of {', '.join(OBLIGATIONS)}")
    if rule.applies_to not in APPLIES_TO:
        raise ValueError(f"rule {rule.rule_id!r}: applies_to must be one of {', '.join(APPLIES_TO)}")
    if rule.clock_hours <= 0:
        raise ValueError(f"rule {rule.rule_id!r}: clock_hours must be positive")
    if rule.effective_from.tzinfo is None:
        raise ValueError(f"rule {rule.rule_id!r}: effective_from needs a time zone")
    con.execute(db.read_sql("rules_insert"), {
        "rule_id": rule.rule_id, "document": rule.document, "obligation": rule.obligation,
        "applies_to": rule.applies_to, "clock_hours": rule.clock_hours, "effective_from": rule.effective_from,
        "effective_to": rule.effective_to, "note": rule.note,
    })
    db.refresh_analysis(con)  # the stored rule clocks, so this connection reads them with the new rule


def parse_rule(rule_id: str, document: str, obligation: str, applies_to: str, clock_hours: float, effective_from: str,
               effective_to: str | None = None, note: str | None = None, tz: str = "Asia/Shanghai") -> Rule:
    """A rule from command-line text; times without an offset are in `tz`. ValueError names what is wrong."""
    start = parse_datetime(effective_from, tz)
    if start is None:
        raise ValueError(f"rule {rule_id!r}: --from {effective_from!r}: cannot read a date")
    end = parse_datetime(effective_to, tz) if effective_to else None
    if effective_to and end is None:
        raise ValueError(f"rule {rule_id!r}: --to {effective_to!r}: cannot read a date")
    if end is not None and end.at <= start.at:
        raise ValueError(f"rule {rule_id!r}: --to must be after --from")
    return Rule(rule_id, document, obligation, applies_to, clock_hours, start.at, end.at if end else None, note)


def list_rules(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return db.query(con, "rules_list", {})


def set_severity(con: duckdb.DuckDBPyConnection, event_id: str, severity: str, set_by: str | None = None,
                 note: str | None = None) -> None:
    """Record an analyst's severity for an event; it overrides the keyword suggestion."""
    if severity not in SEVERITIES:
        raise ValueError(f"severity must be one of {', '.join(SEVERITIES)}")
    con.execute(db.read_sql("rules_set_severity"), {
        "event_id": event_id, "severity": severity, "set_by": set_by, "set_at": datetime.now(UTC), "note": note,
    })
    db.refresh_analysis(con)  # the stored rule clocks, so this connection reads them with the new severity


def rule_status(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> list[dict[str, Any]]:
    """Rule results for the given events."""
    return db.query(con, "rules_status", {"event_ids": event_ids})
