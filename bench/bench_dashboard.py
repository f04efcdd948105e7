"""Time every dashboard view's queries on 1,000,000 documents and 20,000 events generated with SQL range().

    .venv/bin/python bench/bench_dashboard.py [--docs 1000000] [--events 20000] [--db bench/out/dashboard.duckdb]

Each view's queries run as the dashboard runs them (a fresh read-only connection, bound parameters, no cache);
the target is under 1 second per view. The database is built once and reused when it already has the row counts.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import db
from pipeline.report.digest import render_all
from pipeline.report.model import Digest
from pipeline.report.sections import build_digest
from pipeline.report.week import SHANGHAI, parse_week

N_SOURCES = 400
START = datetime(2024, 1, 1, tzinfo=SHANGHAI)
REGIONS = [
    "江苏省",
    "江苏省南京市",
    "江苏省连云港市",
    "浙江省",
    "浙江省杭州市",
    "北京市",
    "广东省广州市",
    "四川省成都市",
]
TARGET_SECONDS = 1.0


def build(path: Path, n_docs: int, n_events: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with db.writer(path) as con:
        con.execute(
            "insert into sources (source_id, name, kind, channel, region, level) "
            "select 's' || i, '来源' || i, case when i % 4 = 0 then 'media' else 'official' end, "
            "case when i % 4 = 0 then 'news' else 'website' end, $regions[1 + i % 8], "
            "['national', 'province', 'city', 'county'][1 + i % 4] from range($n) t(i)",
            {"n": N_SOURCES, "regions": REGIONS},
        )
        con.execute(
            "insert into documents (doc_id, source_id, url, title, body, published_at, published_precision, "
            "published_raw, first_seen_at, last_seen_at, via, declared_source, declared_source_kind) "
            "select 'd' || i, 's' || (i % $sources), 'https://example.cn/' || i || '.html', "
            "'标题 事件' || (i % $events) || ' 第' || i || '篇', '正文', "
            "$start + to_minutes((i * 37) % (365 * 24 * 60)), "
            "case when i % 10 = 0 then 'day' else 'minute' end, 'raw', "
            "$start + to_minutes((i * 37) % (365 * 24 * 60) + 60), "
            "$start + to_minutes((i * 37) % (365 * 24 * 60) + 60), 'list', "
            "case when i % 7 = 0 then '新华网' end, case when i % 7 = 0 then 'media' end "
            "from range($n) t(i)",
            {"n": n_docs, "sources": N_SOURCES, "events": n_events, "start": START},
        )
        con.execute(
            "insert into events select 'ev-' || i, '事件' || i, $start from range($n) t(i)",
            {"n": n_events, "start": START},
        )
        con.execute(
            "insert into event_documents (doc_id, event_id, score, matched_doc_id, shared_terms, linked_at) "
            "select 'd' || i, 'ev-' || (i % $events), 0.8, 'd' || (i % $events), ['事件'], $start from range($n) t(i)",
            {"n": n_docs, "events": n_events, "start": START},
        )
        con.execute(
            "insert into fetch_errors select 's' || (i % $sources), 'https://example.cn/list' || i, "
            "$start + to_minutes(i * 13), 'HTTP 503' from range(10000) t(i)",
            {"sources": N_SOURCES, "start": START},
        )


def row_counts(path: Path) -> tuple[int, int]:
    if not path.exists():
        return 0, 0
    with db.reader(path) as con:
        docs = con.execute("select count(*) from documents").fetchone()
        events = con.execute("select count(*) from events").fetchone()
    return int(docs[0]) if docs else 0, int(events[0]) if events else 0


def views(week: str, region: str) -> dict[str, list[tuple[str, dict[str, object]]]]:
    parsed = parse_week(week)
    scope = {"week_start": parsed.start, "week_end": parsed.end, "region": None}
    regional = {**scope, "region": region}
    at = parsed.start + timedelta(days=2, hours=10)
    return {
        "sidebar": [("event_weeks", {}), ("source_regions", {})],
        "overview": [("week_summary", scope), ("official_ranking", scope), ("dash_week_trend", {"region": None})],
        "overview (region)": [("week_summary", regional), ("official_ranking", regional), ("dash_week_trend", {"region": region})],
        "events": [("event_list", {**scope, "words": None, "who": None}), ("dash_has_table", {"table": "corrections"})],
        "events (search)": [("event_list", {**regional, "words": ["事件12"], "who": ["media_first"]})],
        "search all weeks": [("event_list", {"week_start": None, "week_end": None, "region": None, "words": ["事件12"], "who": None}),
                             ("event_places", {"event_ids": [f"ev-{i}" for i in range(12, 20_000, 97)]})],
        "event picker": [("event_list", {**scope, "words": None, "who": None}),
                         ("event_places", {"event_ids": [f"ev-{i}" for i in range(500)]})],
        "event timeline": [("event_document_list", {"event_id": "ev-123"}), ("official_responses", {"event_ids": ["ev-123"]}),
                           ("event_rules", {"event_id": "ev-123"}), ("event_press", {"event_ids": ["ev-123"]})],
        "event detail": [("dash_event_evidence", {"event_id": "ev-123"}), ("dash_corrections", {"event_ids": ["ev-123"]}),
                         ("event_document_list", {"event_id": "ev-123"}), ("event_rules", {"event_id": "ev-123"}),
                         ("event_press", {"event_ids": ["ev-123"]})],
        "sources": [("source_overview", {"region": None}), ("dash_fetch_errors", {"region": None})],
        "press check": [("dash_press_check", {"region": region, "at": at, "since": at - timedelta(hours=12), "words": ["事件"]})],
    }  # fmt: skip


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def run_view(path: Path, queries: list[tuple[str, dict[str, object]]]) -> float:
    def go() -> None:
        for name, params in queries:
            with db.reader(path) as con:
                db.query(con, name, params)

    return timed(go)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "dashboard.duckdb")
    args = parser.parse_args()
    if row_counts(args.db) != (args.docs, args.events):
        args.db.unlink(missing_ok=True)
        print(f"building {args.docs:,} documents, {args.events:,} events ...", flush=True)
        print(f"built in {timed(lambda: build(args.db, args.docs, args.events)):.1f} s")
    with db.writer(args.db):  # a database kept from an older run gets the current schema and stored facts
        pass
    docs, events = row_counts(args.db)
    print(f"{docs:,} documents, {events:,} events, {N_SOURCES} sources")
    slow = 0
    for view, queries in views("2024-W20", "江苏省").items():
        run_view(args.db, queries)  # warm the OS file cache, as a running dashboard would be
        seconds = min(run_view(args.db, queries) for _ in range(3))
        slow += seconds >= TARGET_SECONDS
        print(f"{view:<20} {seconds * 1000:8.0f} ms  {'ok' if seconds < TARGET_SECONDS else 'SLOW'}")
    week = parse_week("2024-W20")
    built: list[Digest] = []
    print(f"{'digest (figures)':<20} {timed(lambda: built.append(build_digest(args.db, week))) * 1000:8.0f} ms")
    print(f"{'digest (all formats)':<20} {timed(lambda: render_all(built[0])) * 1000:8.0f} ms")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
