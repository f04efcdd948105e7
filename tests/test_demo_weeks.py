"""The demo writes a digest for each Beijing week that holds an event (events count in the week of their first timed
post), whatever the time of day it runs: a notice stamped after Sunday midnight does not make an empty digest week."""

from __future__ import annotations

from pathlib import Path

import db
from pipeline.cli.demo_run import digest_weeks
from tests.test_stored_facts import add_document
from tests.test_timeliness import build_world


def test_a_post_stamped_past_sunday_midnight_adds_no_week(tmp_path: Path) -> None:
    path = build_world(tmp_path / "weeks.duckdb")
    with db.reader(path) as con:
        before = digest_weeks(con)
    add_document(path, "m-sun", "daily", "e-sunday", "2030-06-09 23:00")  # Sunday night, Beijing (2030-W23)
    add_document(path, "o-mon", "city-gov", "e-sunday", "2030-06-10 01:00")  # Monday, 2030-W24
    with db.reader(path) as con:
        weeks = digest_weeks(con)
    assert weeks == sorted(weeks)
    assert weeks == [*before, "2030-W23"]
