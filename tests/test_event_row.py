"""An event opened by link (the digest's appendix) that is not among the scope's newest is read as its own row
(n_in_scope aside: the count of the scope it was read in)."""

from __future__ import annotations

from pathlib import Path

import dbfactory
import pytest

from dashboard import data


def test_every_event_reads_as_the_row_the_full_list_holds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(data.DB_ENV, str(dbfactory.build(tmp_path / "tracker.duckdb")))
    every = data.events(data.Scope(None, None), [], [])
    assert len(every) > 1
    for row in every:
        (alone,) = data.event_row(row["event_id"])
        assert {**alone, "n_in_scope": None} == {**row, "n_in_scope": None}, row["label"]
    assert data.event_row("no-such-event") == []
