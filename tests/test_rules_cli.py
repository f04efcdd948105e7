"""`tracker rules add|list`: user-defined rule clocks with effective dates, from the command line."""

from __future__ import annotations

from pathlib import Path

import db
from tests.conftest import tracker

ADD = ["rules", "add", "jn-response-24h", "--document", "江政办发〔2026〕45号", "--obligation", "response",
       "--applies-to", "other", "--hours", "24", "--from", "2026-10-12"]


def test_a_rule_added_on_the_command_line_is_stored_with_its_effective_date_and_listed(tmp_path: Path) -> None:
    database = tmp_path / "t.duckdb"
    added = tracker(*ADD, "--db", str(database))
    assert added.returncode == 0, added.stderr
    with db.reader(database) as con:
        row = con.execute("select clock_hours, effective_from, effective_to, user_defined from rules"
                          " where rule_id = 'jn-response-24h'").fetchone()
    assert row[0] == 24 and row[1].isoformat() == "2026-10-12T00:00:00+08:00" and row[2] is None and row[3] is True
    listed = tracker("rules", "list", "--db", str(database))
    lines = listed.stdout.splitlines()
    assert any(line.startswith("jn-response-24h\t江政办发〔2026〕45号\tresponse\tother\t24 h") for line in lines)
    assert any(line.startswith("80-authoritative-5h") and line.endswith("built-in") for line in lines)


def test_adding_the_same_id_again_replaces_the_rule(tmp_path: Path) -> None:
    database = tmp_path / "t.duckdb"
    assert tracker(*ADD, "--db", str(database)).returncode == 0
    changed = [*ADD[:-2], "--from", "2026-11-01 08:00", "--to", "2026-12-31", "--hours", "12"]
    assert tracker(*changed, "--db", str(database)).returncode == 0
    with db.reader(database) as con:
        rows = con.execute("select clock_hours, effective_from, effective_to from rules"
                           " where rule_id = 'jn-response-24h'").fetchall()
    assert len(rows) == 1
    assert rows[0][0] == 12 and rows[0][1].isoformat() == "2026-11-01T08:00:00+08:00"
    assert rows[0][2].isoformat() == "2026-12-31T00:00:00+08:00"


def test_a_bad_rule_is_one_line_naming_it(tmp_path: Path) -> None:
    database = tmp_path / "t.duckdb"
    for bad, needle in (
        ([*ADD[:-2], "--from", "someday"], "--from 'someday'"),
        ([*ADD, "--to", "2026-10-01"], "--to must be after --from"),
        ([*ADD[:-4], "--hours", "0", "--from", "2026-10-12"], "clock_hours must be positive"),
    ):
        result = tracker(*bad, "--db", str(database))
        assert result.returncode == 2
        error = result.stderr.strip().splitlines()
        assert len(error) == 1 and "jn-response-24h" in error[0] and needle in error[0], result.stderr
