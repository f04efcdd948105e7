"""The public views on a hand-built database, with exact expected values."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import db

CST = ZoneInfo("Asia/Shanghai")


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CST)


SOURCES = [
    ("city-gov", "临江市人民政府", "official", "website", "江南省临江市", "city"),
    ("county-gov", "青河县人民政府", "official", "website", "江南省临江市青河县", "county"),
    ("daily", "临江日报", "media", "news", "江南省临江市", "city"),
    ("wire", "江南新闻网", "media", "news", "江南省", "province"),
]
# doc_id, source, event, published_at, precision, declared kind, flag
DOCS = [
    ("m1", "daily", "e1", t("2026-10-12 08:00"), "minute", None, None),
    ("o1", "city-gov", "e1", t("2026-10-12 14:30"), "minute", "media", None),
    ("o2", "city-gov", "e2", t("2026-10-13 06:00"), "minute", "official", None),
    ("m2", "wire", "e2", t("2026-10-13 09:00"), "minute", None, None),
    ("o2b", "county-gov", "e2", t("2026-10-13 10:00"), "minute", None, None),
    ("m3", "daily", "e3", t("2026-10-14 11:05"), "minute", None, None),
    ("o3", "county-gov", "e3", t("2026-10-14 00:00"), "day", None, None),
    ("m4", "wire", "e4", t("2026-10-15 09:00"), "minute", None, None),
    ("m5", "daily", "e5", t("2026-10-16 09:00"), "minute", None, None),
    ("o5", "city-gov", "e5", t("2030-01-01 09:00"), "minute", None, "future"),
    ("o6", "city-gov", "e6", t("2026-10-17 09:00"), "minute", None, None),
]


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "views.duckdb"
    with db.writer(path) as con:
        for row in SOURCES:
            con.execute("insert into sources (source_id, name, kind, channel, region, level) values (?, ?, ?, ?, ?, ?)", row)
        for doc_id, source, event, at, precision, declared_kind, flag in DOCS:
            con.execute(
                "insert into documents (doc_id, source_id, url, title, body, published_at, published_precision,"
                " published_flag, declared_source_kind, first_seen_at, last_seen_at, via)"
                " values (?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, 'list')",
                [doc_id, source, f"http://x/{doc_id}", doc_id, at, precision, flag, declared_kind, at, at],
            )
            con.execute("insert into events values (?, ?, ?) on conflict do nothing", [event, event, at])
            con.execute(
                "insert into event_documents (doc_id, event_id, score, matched_doc_id, shared_terms, linked_at)"
                " values (?, ?, 1.0, null, [], ?)",
                [doc_id, event, at],
            )
        con.execute("insert into document_copies values ('o2b', 'm2', 0.9)")
    return path


def timeliness(path: Path) -> dict[str, tuple]:
    with db.reader(path) as con:
        rows = con.execute(
            "select event_id, lag_hours, official_first, n_media, n_official from event_timeliness"
        ).fetchall()
    return {row[0]: row[1:] for row in rows}


def test_event_timeliness(database: Path) -> None:
    rows = timeliness(database)
    assert rows["e1"] == (6.5, False, 1, 1)
    assert rows["e2"] == (-3.0, True, 1, 2)
    lag, first, *_ = rows["e3"]
    assert lag == pytest.approx(-11.0833, abs=1e-4)
    assert first is None  # a date-only post the same day: undecided
    assert rows["e4"] == (None, None, 1, 0)
    assert rows["e5"] == (None, None, 1, 0)  # a future-dated official post is kept out of timeliness
    assert rows["e6"] == (None, None, 0, 1)


def test_event_official_responses(database: Path) -> None:
    with db.reader(database) as con:
        rows = con.execute(
            "select event_id, source_id, lag_hours, is_repost from event_official_responses order by event_id, source_id"
        ).fetchall()
    assert rows == [
        ("e1", "city-gov", 6.5, True),  # declares the paper as its source
        ("e2", "city-gov", -3.0, False),
        ("e2", "county-gov", 1.0, True),  # copies the wire's text
        ("e3", "county-gov", pytest.approx(-11.0833, abs=1e-4), False),
        ("e6", "city-gov", None, False),
    ]
