"""The stored facts refreshed by key (db/facts.py) equal a full rebuild, row for row, after every kind of write: links
added to old and new events, a merge and a split, a relabelled event, a document's times and bounds changed, an
unlinked post, copies, regions, an analyst's severity, a press event, fetches that start and end an outage, and the
global inputs (source registry, keywords, a definition) that rebuild everything. Each small write refreshes only the
keys it touched.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

import db
from db.facts import ROW_GROUP_ROWS
from pipeline.match import corrections
from tests.test_timeliness import CITY_LIST, build_world, t

# Every stored fact and the definition it is computed from.
STORED_AND_LIVE = {
    "event_source_facts": "event_source_facts_live",
    "event_sources": "event_sources_live",
    "event_keyword_matches": "event_keyword_matches_live",
    "event_facts": "event_facts_live",
    "event_search_text": "event_search_text_live",
    "source_week_post_facts": "source_week_posts_live",
    "source_publish_week_facts": "source_publish_weeks_live",
    "event_responsible_source_facts": "event_responsible_sources_live",
    "source_outage_facts": "source_outages_live",
    "source_fetch_week_facts": "source_fetch_weeks_live",
    "event_rule_clock_facts": "event_rule_clocks_live",
    "silent_window_facts": "silent_windows_live",
}

Change = Callable[[duckdb.DuckDBPyConnection], None]


def add_doc(con: duckdb.DuckDBPyConnection, doc_id: str, source: str, event: str | None, title: str,
            published: str, declared: tuple[str, str] | None = None) -> None:
    seen = t(published) + timedelta(minutes=5)
    con.execute(
        "insert into documents (doc_id, source_id, url, title, body, published_at, published_precision,"
        " declared_source, declared_source_kind, first_seen_at, last_seen_at, via)"
        " values (?, ?, ?, ?, '', ?, 'minute', ?, ?, ?, ?, 'list')",
        [doc_id, source, f"http://x/{doc_id}", title, t(published), *(declared or (None, None)), seen, seen],
    )
    if event is not None:
        con.execute("insert into events values (?, ?, ?) on conflict do nothing", [event, title, t(published)])
        con.execute("insert into event_documents (doc_id, event_id, score, matched_doc_id, shared_terms, linked_at)"
                    " values (?, ?, 1.0, null, [], ?)", [doc_id, event, seen])


def new_links(con: duckdb.DuckDBPyConnection) -> None:
    add_doc(con, "o-pend", "city-gov", "e-pending", "噪音投诉处理情况", "2026-11-01 06:00")
    add_doc(con, "m-s4", "wire", "e-silent", "物业纠纷续报", "2026-10-25 11:00")
    add_doc(con, "m-new", "daily", "e-new", "临江市河道污染", "2026-10-31 09:00")
    add_doc(con, "o-new", "county-gov", "e-new", "河道污染情况通报", "2026-10-31 15:00")


def correct(action: str, event_id: str, target: str | None = None, doc_ids: tuple[str, ...] = ()) -> Change:
    """An analyst's correction, applied as `tracker correct` applies it."""
    def change(con: duckdb.DuckDBPyConnection) -> None:
        at = datetime(2026, 11, 1, tzinfo=UTC)
        cid = corrections.correction_id(action, event_id, target, doc_ids, at)
        corrections.apply(con, [corrections.Correction(cid, action, event_id, at, target, doc_ids)], at)
    return change


def sql(*statements: str) -> Change:
    def change(con: duckdb.DuckDBPyConnection) -> None:
        for statement in statements:
            con.execute(statement)
    return change


def outage_starts(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("insert into fetch_errors values ('city-gov', ?, ?, 'HTTP 503')", [CITY_LIST, t("2026-11-01 03:00")])


def outage_ends(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("insert into listings values ('city-gov', ?, ?, ['http://x/other-5'])", [CITY_LIST, t("2026-11-01 09:00")])


def times_changed(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("update documents set published_at = ?, first_seen_at = ?, last_seen_at = ? where doc_id = 'o-miss'",
                [t("2026-10-23 08:00"), t("2026-10-23 08:10"), t("2026-10-23 08:10")])
    con.execute("update documents set found_on = ?, first_seen_at = ?, bounds_seen_at = null where doc_id = 'o-und'",
                [CITY_LIST, t("2026-10-30 21:00")])


# (what, the write, how the refresh goes, at most this many events recomputed)
STEPS: list[tuple[str, Change, str, int]] = [
    ("links into old and new events", new_links, "keys", 3),
    ("an unlinked repost", lambda con: add_doc(con, "c-later", "county-gov", None, "转载六", "2026-10-29 09:00",
                                               ("临江日报", "media")), "keys", 0),
    ("merge", correct("merge", "e-und", "e-miss"), "keys", 2),
    ("split", correct("split", "e-silent", doc_ids=("m-s3",)), "keys", 2),
    ("relabel with a keyword", sql("update events set label = '临江市噪音投诉引发坍塌' where event_id = 'e-pending'"),
     "keys", 1),
    ("times and bounds", times_changed, "keys", 2),
    ("copied media text", sql("insert into document_copies values ('o-new', 'm-new', 0.9)"), "keys", 1),
    ("match-stage regions", sql("insert into event_regions values ('e-new', '江南省临江市青河县')"), "keys", 1),
    ("analyst severity", sql("insert into event_severity (event_id, severity, set_by) values ('e-miss', 'major', 'x')"),
     "keys", 1),
    ("press event", sql("insert into press_events (press_id, source_id, held_at, title, event_id) values"
                        " ('pr-2', 'city-gov', '2026-10-31 18:00:00+08', '河道污染发布会', 'e-new')"), "keys", 1),
    ("an outage starts", outage_starts, "keys", 0),
    ("the outage ends", outage_ends, "keys", 0),
    ("a link removed", sql("delete from event_documents where doc_id = 'm-s4'"), "keys", 1),
    ("a document deleted", sql("delete from event_documents where doc_id = 'o-new'",
                               "delete from document_copies where doc_id = 'o-new'",
                               "delete from documents where doc_id = 'o-new'"), "keys", 1),
    ("an event deleted", sql("delete from event_documents where event_id = 'e-day'",
                             "delete from events where event_id = 'e-day'"), "keys", 1),
    ("every title edited", sql("update documents set title = title || '。'"), "full", 20),
    ("source registry", sql("update sources set region = '江南省临江市' where source_id = 'county-gov'"), "full", 0),
    ("severity keyword", sql("insert into severity_keywords values ('污染', 'major')"), "full", 0),
    ("a definition", sql("create or replace macro posted_day(published_at, published_flag, first_seen_at) as"
                         " epoch_us(coalesce(published_at, first_seen_at)) // 86400000000"), "full", 0),
    ("after a full rebuild", lambda con: add_doc(con, "m-last", "daily", "e-new", "河道污染追踪", "2026-11-01 08:00"),
     "keys", 1),
]


def stored_differences(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """Per stored table that differs from its definition: rows only stored, rows only computed."""
    found = {}
    for stored, live in STORED_AND_LIVE.items():
        columns = ", ".join(c[0] for c in con.execute(f"select * from {stored} limit 0").description or [])  # noqa: S608
        kept = con.execute(f"select {columns} from {stored} order by all").fetchall()  # noqa: S608 (fixed names)
        computed = con.execute(f"select {columns} from {live} order by all").fetchall()  # noqa: S608
        if kept != computed:
            found[stored] = (len(set(kept) - set(computed)), len(set(computed) - set(kept)))
    return found


def digests_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the stored digests are those of the inputs now."""
    con.execute(db.read_sql("refresh/input_digests"))
    pairs = (("current_event_digests", "event_input_digests"), ("current_source_day_digests", "source_day_digests"))
    return all(
        con.execute(f"select count(*) from ((from {now} except all from {kept})"  # noqa: S608 (fixed names)
                    f" union all (from {kept} except all from {now}))").fetchall() == [(0,)]
        for now, kept in pairs
    )


@pytest.fixture
def world(tmp_path: Path) -> Path:
    return build_world(tmp_path / "incremental.duckdb")


def test_every_write_refreshes_the_facts_a_full_rebuild_would_give(world: Path) -> None:
    with db.writer(world) as con:
        assert stored_differences(con) == {}
        for what, change, how, most_events in STEPS:
            change(con)
            done = db.refresh_facts(con)
            assert (what, done.how) == (what, how)
            assert done.events <= most_events, (what, done)
            assert stored_differences(con) == {}, what
            assert digests_current(con), what
            assert con.execute("select count(*) from refresh_events").fetchall() == [(0,)], what
            assert not db.refresh_facts(con).changed, what
        kept = {table: con.execute(f"from {table} order by all").fetchall() for table in STORED_AND_LIVE}
        assert db.rebuild_facts(con).how == "full"
        assert {table: con.execute(f"from {table} order by all").fetchall() for table in kept} == kept


def test_small_writes_touch_few_keys(world: Path) -> None:
    with db.writer(world) as con:
        new_links(con)
        done = db.refresh_facts(con)
        assert (done.how, done.events, done.clock_events) == ("keys", 3, 3)
        assert 0 < done.source_weeks <= 8  # per new post's source, the weeks its day can fall in
        outage_starts(con)
        done = db.refresh_facts(con)
        # The city's clocks running past 03:00 on 11-01 (e-pending's and e-new's); no event's inputs changed.
        assert (done.how, done.events, done.clock_events, done.source_weeks) == ("keys", 0, 2, 0)
        assert con.execute("select distinct event_id from event_rule_clock_facts where ongoing_outage order by 1"
                           ).fetchall() == [("e-new",), ("e-pending",)]


def test_a_failed_refresh_leaves_the_previous_facts_and_the_next_completes(world: Path) -> None:
    with db.writer(world) as con:
        before = {table: con.execute(f"from {table} order by all").fetchall()
                  for table in (*STORED_AND_LIVE, "event_input_digests", "source_day_digests")}
        new_links(con)
        # A claimed time at the end of DuckDB's range: its interval's end overflows, after the digests were compared.
        con.execute("insert into documents (doc_id, source_id, url, title, body, published_at, published_precision,"
                    " first_seen_at, last_seen_at, via) values ('m-far', 'daily', 'http://x/m-far', '远未来', '',"
                    " '294247-01-01 00:00:00+08', 'month', '2026-11-01 00:00:00+08', '2026-11-01 00:00:00+08', 'list')")
        con.execute("insert into event_documents (doc_id, event_id, score, linked_at)"
                    " values ('m-far', 'e-new', 1.0, '2026-11-01 00:00:00+08')")
        with pytest.raises(duckdb.ConversionException, match="overflows"):
            db.refresh_facts(con)
        assert {table: con.execute(f"from {table} order by all").fetchall() for table in before} == before
        con.execute("delete from event_documents where doc_id = 'm-far'")
        con.execute("delete from documents where doc_id = 'm-far'")
        assert db.refresh_facts(con).events == 3
        assert stored_differences(con) == {}
        assert digests_current(con)


def test_clocks_appended_out_of_order_are_rebuilt_in_order_past_a_tenth(world: Path) -> None:
    with db.writer(world) as con:
        con.execute("update analysis_refresh set fingerprint = ? where name = 'rule_clocks_unordered'",
                    [str(ROW_GROUP_ROWS)])
        new_links(con)
        done = db.refresh_facts(con)
        assert (done.how, done.clocks_reordered) == ("keys", True)
        assert con.execute("select fingerprint from analysis_refresh where name = 'rule_clocks_unordered'"
                           ).fetchall() == [("0",)]
        starts = [r[0] for r in con.execute("select clock_start from event_rule_clock_facts").fetchall()]
        assert starts == sorted(starts, key=lambda s: (s is None, s))
        assert stored_differences(con) == {}
