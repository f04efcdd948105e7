"""A small database with live events for the alert tests: media reports dated relative to `now`, a responsible
city government that has not posted yet, and a helper that lets it post later."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import db

SOURCES = (
    ("lj-gov", "临江市人民政府", "official", "江南省临江市", "city"),
    ("ljrb", "临江日报", "media", "江南省临江市", "city"),
    ("ljwb", "临江晚报", "media", "江南省临江市", "city"),
)
# (event id, label, minutes before now of the first media report); 爆炸 makes both major: the 5 h clock of 80号
EVENTS = (
    ("ev-soon", "临江港区仓库爆炸 现场浓烟", 270),  # 5 h clock: 30 minutes left
    ("ev-late", "临江化工园区管道爆炸起火", 360),  # 5 h clock: ended an hour ago
)


def insert_document(con: object, doc_id: str, source_id: str, title: str, at: datetime, event_id: str) -> None:
    con.execute(  # type: ignore[attr-defined]
        "insert into documents (doc_id, source_id, url, title, body, published_at, published_precision,"
        " published_raw, first_seen_at, last_seen_at, via) values (?, ?, ?, ?, ?, ?, 'minute', ?, ?, ?, 'import')",
        [doc_id, source_id, f"https://news.example.cn/{source_id}/{doc_id}.html", title, f"{title}。正文。", at,
         at.isoformat(), at + timedelta(minutes=1), at + timedelta(minutes=1)],
    )
    con.execute(  # type: ignore[attr-defined]
        "insert into event_documents (doc_id, event_id, score, matched_doc_id, shared_terms, linked_at)"
        " values (?, ?, 1.0, null, [], ?)", [doc_id, event_id, at + timedelta(minutes=1)],
    )


def build(path: Path, now: datetime) -> Path:
    now = now.replace(second=0, microsecond=0)
    with db.writer(path) as con:
        for row in SOURCES:
            con.execute("insert into sources (source_id, name, kind, channel, region, level)"
                        " values (?, ?, ?, 'website', ?, ?)", [row[0], row[1], row[2], row[3], row[4]])
        for event_id, label, minutes in EVENTS:
            first = now - timedelta(minutes=minutes)
            con.execute("insert into events values (?, ?, ?)", [event_id, label, first])
            insert_document(con, f"{event_id}-m1", "ljrb", label, first, event_id)
            insert_document(con, f"{event_id}-m2", "ljwb", f"{label}（续）", first + timedelta(minutes=20), event_id)
    return path


def official_post(path: Path, event_id: str, at: datetime) -> None:
    """The city government posts on the event at `at` (seen a minute later)."""
    with db.writer(path) as con:
        label = con.execute("select label from events where event_id = ?", [event_id]).fetchone()[0]
        insert_document(con, f"{event_id}-gov", "lj-gov", f"关于{label}的情况通报", at.replace(second=0, microsecond=0),
                        event_id)
