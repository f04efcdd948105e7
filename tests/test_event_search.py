"""The event search reads event_search_text (migration 0076): each event's label and document titles, lower-cased.
It is rebuilt with the event facts, so after every write (a document linked, a title changed by a later capture, a
label changed) it equals its definition and the search finds what the titles say, in any letter case; a word may be
in the label and another in a title, but every word must be found."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import db

SCOPE = {"week_start": None, "week_end": None, "region": None, "who": None, "page": None}


def found(con: duckdb.DuckDBPyConnection, *words: str) -> list[str]:
    return [r["event_id"] for r in db.query(con, "event_list", {**SCOPE, "words": list(words)})]


def add(con: duckdb.DuckDBPyConnection, doc_id: str, event_id: str, title: str) -> None:
    con.execute("insert into documents (doc_id, source_id, url, title, body, published_at, published_precision,"
                " first_seen_at, last_seen_at, via) values (?, 'm', ?, ?, '', '2026-10-12 09:00:00+08', 'minute',"
                " '2026-10-12 09:05:00+08', '2026-10-12 09:05:00+08', 'list')", [doc_id, f"http://x/{doc_id}", title])
    con.execute("insert into event_documents (doc_id, event_id, score, matched_doc_id, shared_terms, linked_at)"
                " values (?, ?, 1.0, null, [], '2026-10-12 09:00:00+08')", [doc_id, event_id])


def stored_equals_live(con: duckdb.DuckDBPyConnection) -> bool:
    extra = con.execute("select * from event_search_text except all select * from event_search_text_live").fetchall()
    missing = con.execute("select * from event_search_text_live except all select * from event_search_text").fetchall()
    return extra == missing == []


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "search.duckdb"
    with db.writer(path) as con:
        con.execute("insert into sources (source_id, name, kind, channel, region, level)"
                    " values ('m', '媒体', 'media', 'news', '江南省', 'province')")
        con.execute("insert into events values ('ev-1', '临江 Chemical 爆炸', '2026-10-12 09:00:00+08'),"
                    " ('ev-2', '青河大火', '2026-10-12 09:00:00+08')")
        add(con, "d1", "ev-1", "化工厂 BLAST 通报")
        add(con, "d2", "ev-2", "Big FIRE 续报")
    return path


def test_the_stored_text_is_the_label_and_titles_lower_cased(database: Path) -> None:
    with db.reader(database) as con:
        assert dict(con.execute("select * from event_search_text").fetchall()) == {
            "ev-1": "临江 chemical 爆炸\n化工厂 blast 通报",
            "ev-2": "青河大火\nbig fire 续报",
        }
        assert stored_equals_live(con)
        assert found(con, "blast") == ["ev-1"]
        assert found(con, "CHEMICAL", "通报") == ["ev-1"]  # one word in the label, one in a title
        assert found(con, "fire", "爆炸") == []  # every word must be found in the same event
        assert found(con, "大火") == ["ev-2"]
        assert found(con, "") == ["ev-1", "ev-2"]


def test_after_a_rerun_the_search_sees_new_links_titles_and_labels(database: Path) -> None:
    with db.writer(database) as con:
        add(con, "d3", "ev-2", "Smoke 蔓延")
        con.execute("update documents set title = 'Blast 更新' where doc_id = 'd2'")
        con.execute("update events set label = '青河 事故' where event_id = 'ev-2'")
    with db.reader(database) as con:
        assert stored_equals_live(con)
        assert found(con, "smoke") == ["ev-2"]
        assert found(con, "blast") == ["ev-1", "ev-2"]
        assert found(con, "大火") == []
    with db.writer(database):
        pass  # a re-run with nothing changed leaves the text as it is
    with db.reader(database) as con:
        assert stored_equals_live(con)
        assert found(con, "smoke", "事故") == ["ev-2"]
