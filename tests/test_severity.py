"""Severity suggested from keywords: emergencies are major, drills and exercises are not."""

from datetime import UTC, datetime
from pathlib import Path

import db


def test_drill_naming_an_accident_is_not_suggested_as_major(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    now = datetime(2026, 10, 14, tzinfo=UTC)
    with db.writer(path) as con:
        for event_id, label in [
            ("ev-drill", "我省在临江市举行2026年核与辐射事故应急联合演练"),
            ("ev-blast", "青河县一化工企业发生爆炸事故 致2人受伤"),
            ("ev-plain", "市政府召开常务会议研究部署秋冬季工作"),
        ]:
            con.execute("insert into events values (?, ?, ?)", [event_id, label, now])
    with db.reader(path) as con:
        rows = dict(con.execute("select event_id, suggested_severity from event_severities").fetchall())
    assert rows == {"ev-drill": "other", "ev-blast": "major", "ev-plain": "other"}
