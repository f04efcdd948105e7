"""The week's figures as the views give them, and the rules the digest checks them against."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import db
from pipeline.report.week import SHANGHAI, Week


@dataclass(frozen=True)
class Rule:
    """A response clock counted from the first media report; `severities` None means every event."""

    name: str
    hours: int
    since: datetime
    severities: frozenset[str] | None


MAJOR_SEVERITIES: frozenset[str] = frozenset({"especially_major", "major"})
RULES: tuple[Rule, ...] = (
    Rule("80号 权威信息 5 小时", 5, datetime(2016, 11, 10, tzinfo=SHANGHAI), MAJOR_SEVERITIES),
    Rule("61号 发布会 24 小时", 24, datetime(2016, 8, 1, tzinfo=SHANGHAI), MAJOR_SEVERITIES),
    Rule("61号 回应 48 小时", 48, datetime(2016, 8, 1, tzinfo=SHANGHAI), None),
)
WORST_LAGS = 10
CHART_ROWS = 15


def share_ranking(ranking: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Official sources by share of decided events where they spoke first; ties by more decided events, then lag."""

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        share = row["first_share"]
        lag = row["median_lag_hours"]
        return (share is None, -(share or 0), -row["n_decided"], lag is None, lag or 0, row["source_id"])

    return sorted(ranking, key=key)


def _scope(week: Week) -> dict[str, Any]:
    return {"week_start": week.start, "week_end": week.end, "region": None}


@dataclass(frozen=True)
class WeekData:
    summary: dict[str, Any]
    previous: dict[str, Any]
    events: list[dict[str, Any]]
    responses: list[dict[str, Any]]
    ranking: list[dict[str, Any]]
    trend: list[dict[str, Any]]
    severities: dict[str, str]
    places: dict[str, dict[str, Any]]
    press: dict[str, list[dict[str, Any]]]
    silent: list[dict[str, Any]]


def _severities(con: Any, event_ids: list[str]) -> dict[str, str]:
    """The analysts' latest severity per event, from `corrections` when the database has it."""
    if not db.query(con, "dash_has_table", {"table": "corrections"})[0]["present"]:
        return {}
    rows = db.query(con, "dash_corrections", {"event_ids": event_ids})
    found: dict[str, str] = {}
    for row in reversed(rows):
        if row["action"] == "severity" and row["severity"]:
            found[row["event_id"]] = row["severity"]
    return found


def collect(db_path: Path, week: Week, wait_seconds: float = db.LOCK_RETRY_SECONDS) -> WeekData:
    before = Week("", week.start - timedelta(days=7), week.start)
    with db.reader(db_path, wait_seconds=wait_seconds) as con:
        summary = db.query(con, "week_summary", _scope(week))[0]
        previous = db.query(con, "week_summary", _scope(before))[0]
        events = db.query(con, "event_list", {**_scope(week), "who": None, "words": None, "page": None})
        ids = [e["event_id"] for e in events]
        responses = db.query(con, "official_responses", {"event_ids": ids})
        ranking = db.query(con, "official_ranking", _scope(week))
        trend = [r for r in db.query(con, "dash_week_trend", {"region": None}) if r["week"] <= week.label][-8:]
        severities = _severities(con, ids)
        places = {r["event_id"]: r for r in db.query(con, "event_places", {"event_ids": ids})}
        press: dict[str, list[dict[str, Any]]] = {}
        for row in db.query(con, "event_press", {"event_ids": ids}):
            press.setdefault(row["event_id"], []).append(row)
        silent = db.query(con, "dash_silent_events", _scope(week))
    return WeekData(summary, previous, events, responses, ranking, trend, severities, places, press, silent)


def worst_lags(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    late = [e for e in events if e["lag_hours"] is not None and e["lag_hours"] > 0]
    return sorted(late, key=lambda e: (-e["lag_hours"], e["event_id"]))[:WORST_LAGS]


def silent_window_hours(silent: list[dict[str, Any]]) -> float | None:
    """The silence window the view used (analysis_settings.silent_window_hours), read back from its rows."""
    if not silent:
        return None
    row = silent[0]
    return (row["deadline"] - row["first_media_at"]).total_seconds() / 3600


def rule_checks(data: WeekData, week: Week) -> list[dict[str, Any]]:
    """Per event with a media report and per rule that applies to it: met, missed or pending at the week's end.

    The 5 h and 24 h clocks apply only to events an analyst marked major; the 48 h clock to every event.
    """
    checks = []
    for e in data.events:
        start = e["first_media_at"]
        if start is None:
            continue
        severity = data.severities.get(e["event_id"])
        for rule in RULES:
            if start < rule.since or (rule.severities is not None and severity not in rule.severities):
                continue
            deadline = start + timedelta(hours=rule.hours)
            if e["lag_hours"] is not None and e["first_official_at"] is not None:
                status = "met" if e["lag_hours"] <= rule.hours else "missed"
            else:
                status = "missed" if deadline <= week.end else "pending"
            checks.append({**e, "rule": rule.name, "deadline": deadline, "status": status})
    return checks


RULE_STATUS_LABELS: dict[str, str] = {"met": "达标", "missed": "超时", "pending": "未到期"}


def event_names(events: list[dict[str, Any]], places: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Each event's title as the digest names it; titles shared by two events get their date and region added."""
    titles = {e["event_id"]: " ".join((e["label"] or "").split()) or "（无标题）" for e in events}
    counts: dict[str, int] = {}
    for title in titles.values():
        counts[title] = counts.get(title, 0) + 1
    names = {}
    for e in events:
        title = titles[e["event_id"]]
        if counts[title] > 1:
            day = e["first_at"].astimezone(SHANGHAI).strftime("%m-%d") if e["first_at"] else "日期不明"
            title = f"{title}（{day} {places.get(e['event_id'], {}).get('region') or '地区不明'}）"
        names[e["event_id"]] = title
    return names


def missed_checks(checks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in checks if c["status"] == "missed"]
