"""The stored analysis facts (db.refresh_analysis) never go stale: after a write that changes their inputs, the stored
rule clocks, first-post repost classes and latest posts per week equal their live definitions, and the views answer
as they would computed from scratch. as_of is not stored: moving it changes the rule status without a rebuild."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

import db
from tests.test_timeliness import build_world, rows, t

STORED_AND_LIVE = [
    ("event_rule_clock_facts", "event_rule_clocks_live"),
    ("event_source_facts", "event_source_facts_live"),
    ("source_publish_week_facts", "source_publish_weeks_live"),
    ("silent_window_facts", "silent_windows_live"),
    ("event_facts", "event_facts_live"),
    ("event_search_text", "event_search_text_live"),
    ("source_week_post_facts", "source_week_posts_live"),
]


@pytest.fixture
def world(tmp_path: Path) -> Path:
    return build_world(tmp_path / "stored.duckdb")


def assert_stored_equal_live(path: Path) -> None:
    for stored, live in STORED_AND_LIVE:
        extra = rows(path, f"select * from {stored} except all select * from {live}")  # noqa: S608 (fixed names)
        missing = rows(path, f"select * from {live} except all select * from {stored}")  # noqa: S608
        assert (extra, missing) == ([], []), stored


def status(path: Path, event_id: str, source_id: str, rule_id: str) -> Any:
    found = rows(path, "select status from event_rule_status where event_id = ? and source_id = ? and rule_id = ?",
                 [event_id, source_id, rule_id])
    return found[0][0] if found else None


def add_document(path: Path, doc_id: str, source_id: str, event_id: str, published: str, **extra: Any) -> None:
    with db.writer(path) as con:
        con.execute(
            "insert into documents (doc_id, source_id, url, title, body, published_at, published_precision,"
            " declared_source, declared_source_kind, first_seen_at, last_seen_at, via)"
            " values (?, ?, ?, '回应', '', ?, 'minute', ?, ?, ?, ?, 'list')",
            [doc_id, source_id, f"http://x/{doc_id}", t(published), extra.get("declared"), extra.get("declared_kind"),
             t(published) + timedelta(minutes=5), t(published) + timedelta(minutes=5)],
        )
        con.execute("insert into event_documents (doc_id, event_id, score, matched_doc_id, shared_terms, linked_at)"
                    " values (?, ?, 1.0, null, [], ?)", [doc_id, event_id, t(published)])


def test_stored_facts_equal_their_definitions(world: Path) -> None:
    assert rows(world, "select count(*) from event_rule_clock_facts")[0][0] > 0
    assert_stored_equal_live(world)


def test_a_new_response_updates_the_stored_rule_clock(world: Path) -> None:
    assert status(world, "e-pending", "city-gov", "61-response-48h") == "pending"
    add_document(world, "o-pend", "city-gov", "e-pending", "2026-11-01 06:00")
    assert status(world, "e-pending", "city-gov", "61-response-48h") == "met"
    assert_stored_equal_live(world)


def test_an_analyst_severity_adds_the_major_event_clocks(world: Path) -> None:
    assert status(world, "e-miss", "city-gov", "80-authoritative-5h") is None
    with db.writer(world) as con:
        con.execute("insert into event_severity (event_id, severity, set_by, set_at) values ('e-miss', 'major', 'x', ?)",
                    [t("2026-10-30 00:00")])
    assert status(world, "e-miss", "city-gov", "80-authoritative-5h") == "missed"
    assert_stored_equal_live(world)


def test_a_new_press_event_meets_the_press_clock(world: Path) -> None:
    before = status(world, "e-2016", "city-gov", "61-press-24h")
    with db.writer(world) as con:
        con.execute("insert into press_events (press_id, source_id, held_at, title, event_id) values"
                    " ('pr-2016', 'city-gov', ?, '仓库爆炸发布会', 'e-2016')", [t("2016-11-10 08:00")])
    assert (before, status(world, "e-2016", "city-gov", "61-press-24h")) == ("missed", "met")
    assert_stored_equal_live(world)


def test_copied_media_text_makes_the_stored_first_post_a_repost(world: Path) -> None:
    query = "select is_repost, repost_class from event_official_responses where event_id = 'e-miss'"
    assert rows(world, query) == [(False, "首发")]
    with db.writer(world) as con:
        con.execute("insert into document_copies (doc_id, copied_doc_id, similarity) values ('o-miss', 'm-miss', 0.9)")
    assert rows(world, query) == [(True, "转载媒体")]
    assert_stored_equal_live(world)


def test_a_new_post_moves_the_stored_latest_post_of_its_week(world: Path) -> None:
    query = "select last_published_at from site_health_weekly where source_id = 'county-gov'"
    assert rows(world, query) == [(t("2026-10-13 00:00"),)]
    add_document(world, "o-late", "county-gov", "e-day", "2026-10-31 09:00")
    assert rows(world, query) == [(t("2026-10-31 09:00"),)]
    assert_stored_equal_live(world)


def test_as_of_judges_the_stored_clocks_without_a_rebuild(world: Path) -> None:
    with db.writer(world) as con:
        con.execute("update analysis_settings set value_time = ? where name = 'as_of'", [t("2026-11-05 00:00")])
        assert not db.refresh_analysis(con)  # the stored clocks do not depend on as_of
    assert status(world, "e-pending", "city-gov", "61-response-48h") == "missed"
