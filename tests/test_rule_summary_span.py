"""The events page's rule summary read within its events' clock-start span (dash_event_rule_summary $since/$until)
gives what the unbounded read gives, for every page, with untimed events too; the stored clocks are in clock_start
order (migration 0078, refresh/rule_facts_rebuild.sql)."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import db
from dashboard import data
from tests import dbfactory


def _unbounded(path: Path, ids: list[str]) -> dict[str, dict]:
    with db.reader(path) as con:
        rows = db.query(con, "dash_event_rule_summary",
                        {"event_ids": ids, "since": None, "until": None, "untimed": False})
    return {r["event_id"]: r for r in rows}


def test_bounded_summary_matches_unbounded(tmp_path: Path) -> None:
    path = dbfactory.build(tmp_path / "t.duckdb")
    with db.reader(path) as con:
        events = db.query(con, "event_list", {"week_start": None, "week_end": None, "region": None, "words": None,
                                              "who": None, "page": None})
        starts = [r[0] for r in con.execute("select clock_start from event_rule_clock_facts").fetchall()]
    assert events and starts
    assert starts == sorted(starts, key=lambda at: (at is None, at))  # stored in clock_start order
    for chunk in ([events[0]], events[:2], events[1:], events, events[-1:]):
        assert _bounded(path, chunk) == _unbounded(path, [r["event_id"] for r in chunk])
    untimed = [{**events[0], "event_id": "ev-untimed", "first_at": None, "first_media_at": None}, *events[1:2]]
    assert _bounded(path, untimed) == _unbounded(path, [r["event_id"] for r in untimed])


def _bounded(path: Path, events: list[dict]) -> dict[str, dict]:
    """data.rule_summary's query without Streamlit's cache."""
    with mock.patch.object(data, "query", lambda name, **params: data._run(str(path), name, params)):
        return data.rule_summary(events)
