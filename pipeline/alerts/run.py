"""One round of `tracker alerts`: decide the alerts the open clocks call for, then deliver what is due.

The database is held only to decide and claim (one short transaction) and to record the outcomes (another); the
deliveries in between hold no connection, so a crawl's loader is never kept waiting on a slow channel. Only one
round delivers at a time (a lock file beside the database); a second one does nothing.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

import db
from pipeline.alerts.channels import DeliveryError, Outgoing, deliver
from pipeline.alerts.config import AlertsConfig
from pipeline.alerts.messages import compose
from pipeline.alerts.outbox import Claimed, Outcome, claim_due, outgoing, record_alert, record_outcomes, waiting
from pipeline.timeliness.clocks import alert_due, open_clocks

KIND_LABELS = {"due_soon": "即将到期", "missed": "已超时", "responded": "已发布"}


@dataclass
class AlertsReport:
    decided: list[str] = field(default_factory=list)  # one line per new alert
    unrouted: int = 0  # clocks that call for an alert but no route covers their source
    outcomes: list[Outcome] = field(default_factory=list)
    interrupted: list[Claimed] = field(default_factory=list)
    waiting: int = 0
    busy: bool = False

    @property
    def sent(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error is None]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error is not None]

    def lines(self) -> list[str]:
        if self.busy:
            return ["alerts: another `tracker alerts` is delivering; nothing done"]
        out = list(self.decided)
        out += [f"alert {c.alert_id} to {c.channel}: the last run stopped between sending it and recording that; "
                "it may have arrived already, so it is sent once more" for c in self.interrupted]
        out += [f"sent: {o.alert_id} to {o.channel} (attempt {o.attempts})" for o in self.sent]
        out += [f"not sent: {o.alert_id} to {o.channel} (attempt {o.attempts}): {o.error}; kept in the outbox"
                for o in self.failed]
        unrouted = f", {self.unrouted} without a route in alerts.toml" if self.unrouted else ""
        out.append(f"alerts: {len(self.decided)} new{unrouted}; {len(self.sent)} delivered, {len(self.failed)} failed,"
                   f" {self.waiting} waiting in the outbox")
        return out


@contextmanager
def delivery_lock(db_path: Path) -> Iterator[bool]:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(db_path.parent / "alerts.lock", os.O_CREAT | os.O_RDWR, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def decide(con: duckdb.DuckDBPyConnection, config: AlertsConfig, now: datetime, report: AlertsReport) -> None:
    for clock in open_clocks(con, now, config.open_hours):
        kind = alert_due(clock, now, config.lead_hours)
        if kind is None:
            continue
        routes = config.routes_for(clock.source_id, clock.source_region)
        if not routes:
            report.unrouted += 1
            continue
        channels = list(dict.fromkeys(name for route in routes for name in route.channels))
        responsible = "；".join(dict.fromkeys(route.responsible for route in routes))
        message = compose(clock, kind, responsible, config.dashboard_url, now)
        ident = record_alert(con, clock, kind, message, channels, datetime.now(UTC))
        if ident is not None:
            report.decided.append(f"alert {ident}: {KIND_LABELS[kind]} {clock.label} · {clock.source_id} · "
                                  f"{clock.rule_id} -> {', '.join(channels)}")


def deliver_all(config: AlertsConfig, claimed: list[Claimed], alerts: dict[str, Outgoing]) -> list[Outcome]:
    outcomes = []
    for claim in claimed:
        channel = config.channels.get(claim.channel)
        error = None
        try:
            if channel is None:
                raise DeliveryError(f"channel {claim.channel!r} is no longer in alerts.toml")
            deliver(channel, alerts[claim.alert_id])
        except DeliveryError as exc:
            error = str(exc)
        outcomes.append(Outcome(claim.alert_id, claim.channel, claim.attempts, error))
    return outcomes


def run_alerts(db_path: Path, config: AlertsConfig, now: datetime | None = None) -> AlertsReport:
    """Decide and deliver; `now` is the time the clocks are read at (default: the current time)."""
    now = now or datetime.now(UTC)
    report = AlertsReport()
    with delivery_lock(db_path) as held:
        if not held:
            report.busy = True
            return report
        with db.writer(db_path) as con:
            con.execute("begin")
            decide(con, config, now, report)
            claimed = claim_due(con, datetime.now(UTC))
            alerts = outgoing(con, sorted({c.alert_id for c in claimed}))
            con.execute("commit")
        report.interrupted = [c for c in claimed if c.interrupted]
        report.outcomes = deliver_all(config, claimed, alerts)
        with db.writer(db_path) as con:
            record_outcomes(con, report.outcomes, datetime.now(UTC), config.retry_seconds, config.retry_max_seconds)
            report.waiting = waiting(con)
    return report
