"""Time every dashboard view's queries and the digest on 1,000,000 documents and 20,000 events made with range().

    .venv/bin/python bench/bench_dashboard.py [--docs 1000000] [--events 20000] [--db bench/out/dashboard.duckdb]

Each view's queries run as the dashboard runs them (a fresh read-only connection, bound parameters, no cache);
the target is under 1 second per view. "events (newest week)" lists the newest week with events (the sidebar's
default), and so does "event detail" (its picker and merge targets: the newest 500 events); the others the fixed
week 2024-W20. Each time is the best of 3 after a warm-up, with its ratio to a baseline
in the same run (one scan of every document, grouped by source). The press check is also timed as it was before it
was bounded by the rule clocks. The database is built once and reused when it already has the row counts.
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
PAGE_SIZE = 500  # dashboard/views/events.py lists the newest 500 events of its scope, cut in SQL (event_list $page)


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


Queries = list[tuple[str, dict[str, object]]]
Step = Callable[[Callable[[str, dict[str, object]], list[dict]]], None]

# The press check as it was before it was bounded by the rule clocks: every later post's title is searched.
PRESS_CHECK_UNBOUNDED = """
with official as (
    select source_id from sources where kind = 'official' and starts_with(region, $region::varchar)
),
matching as (
    select d.source_id, d.doc_id, d.published_at,
           row_number() over (partition by d.source_id order by d.published_at, d.doc_id) as nth
    from documents d join official o on o.source_id = d.source_id
    where d.published_at >= $since::timestamptz and d.published_flag is null
      and coalesce(list_bool_and(list_transform($words::varchar[], lambda w: contains(lower(d.title), lower(w)))), true)
)
select o.source_id, m.doc_id, m.published_at
from official o left join matching m on m.source_id = o.source_id and m.nth = 1
"""
BASELINE = "select source_id, count(*), min(published_at) from documents group by source_id"


def views(week: str, region: str, newest: str) -> dict[str, Step]:
    """Each dashboard view as the queries it runs, in order (later queries take ids from earlier answers); `newest` is
    the newest week with events, the sidebar's default."""
    parsed = parse_week(week)
    scope = {"week_start": parsed.start, "week_end": parsed.end, "region": None}
    latest = parse_week(newest)
    newest_scope = {"week_start": latest.start, "week_end": latest.end, "region": None}
    regional = {**scope, "region": region}
    at = parsed.start + timedelta(days=2, hours=10)
    press = {"region": region, "at": at, "since": at - timedelta(hours=12), "words": ["事件"]}

    def fixed(queries: Queries) -> Step:
        def step(run: Callable[[str, dict[str, object]], list[dict]]) -> None:
            for name, params in queries:
                run(name, params)
        return step

    def events(params: dict[str, object]) -> Step:
        def step(run: Callable[[str, dict[str, object]], list[dict]]) -> None:
            page = run("event_list", {**params, "page": PAGE_SIZE})  # the page it lists
            ids = [r["event_id"] for r in page]
            run("dash_has_table", {"table": "corrections"})
            for name in ("dash_corrections", "dash_event_severities", "dash_event_levels", "event_places"):
                run(name, {"event_ids": ids})
            starts = [r["first_media_at"] or r["first_at"] for r in page]  # as dashboard.data.rule_summary
            timed = [at for at in starts if at is not None]
            run("dash_event_rule_summary", {"event_ids": ids, "since": min(timed, default=None),
                                            "until": max(timed, default=None), "untimed": len(timed) < len(starts)})
            if ids:
                run("event_document_list", {"event_id": ids[0]})
                run("official_responses", {"event_ids": ids[:1]})
                run("rules_status", {"event_ids": ids[:1]})
        return step

    def event_detail(run: Callable[[str, dict[str, object]], list[dict]]) -> None:
        # The newest week (the sidebar's default): its picker and merge targets are the newest PAGE_SIZE events.
        page = run("event_list", {**newest_scope, "words": None, "who": None, "page": PAGE_SIZE})
        ids = [r["event_id"] for r in page]
        run("event_places", {"event_ids": ids})
        event = ids[0] if ids else "ev-123"
        run("dash_event_evidence", {"event_id": event})  # also the timeline's documents
        for name, params in (("dash_corrections", {"event_ids": [event]}), ("event_rules", {"event_id": event}),
                             ("event_press", {"event_ids": [event]})):
            run(name, params)

    def event_timeline(run: Callable[[str, dict[str, object]], list[dict]]) -> None:
        for name, params in (("event_document_list", {"event_id": "ev-123"}),
                             ("official_responses", {"event_ids": ["ev-123"]}), ("event_rules", {"event_id": "ev-123"}),
                             ("event_press", {"event_ids": ["ev-123"]})):
            run(name, params)

    def press_view(run: Callable[[str, dict[str, object]], list[dict]]) -> None:
        listed = run("press_list", {})
        run("press_responses", {"press_id": listed[0]["press_id"] if listed else None})
        run("dash_press_check", press)

    def overview(region: str | None) -> Step:
        def step(run: Callable[[str, dict[str, object]], list[dict]]) -> None:
            scoped = {**scope, "region": region}
            for name, params in (("week_summary", scoped), ("official_ranking", scoped),
                                 ("dash_week_trend", {"region": region}), ("dash_repost_shares", scoped),
                                 ("dash_silent_events", scoped), ("dash_has_table", {"table": "alerts"})):
                run(name, params)
            as_of = run("dash_as_of", {})[0]["as_of"]  # the open clocks read only clocks due after it
            run("dash_open_clocks", {"region": region, "after": as_of})
        return step

    return {
        "sidebar": fixed([("event_weeks", {}), ("source_regions", {})]),
        "overview": overview(None),
        "overview (region)": overview(region),
        "events": events({**scope, "words": None, "who": None}),
        "events (search)": events({**regional, "words": ["事件12"], "who": ["media_first"]}),
        "events (newest week)": events({**newest_scope, "words": None, "who": None}),
        "event detail": event_detail,
        "sources": fixed([("source_overview", {"region": None}), ("dash_fetch_errors", {"region": None}),
                          ("reliability_source_health", {}), ("reliability_recent_polls", {"max_polls": 5}),
                          ("dash_as_of", {}), ("dash_site_health", scope), ("dash_source_outages", {"region": None})]),
        "press": press_view,
        "press check only": fixed([("dash_press_check", press)]),
        "search all weeks": fixed([("event_list", {"week_start": None, "week_end": None, "region": None,
                                                   "words": ["事件12"], "who": None, "page": None}),
                                   ("event_places", {"event_ids": [f"ev-{i}" for i in range(12, 20_000, 97)]})]),
        "event picker": fixed([("event_list", {**scope, "words": None, "who": None, "page": None}),
                               ("event_places", {"event_ids": [f"ev-{i}" for i in range(500)]})]),
        "event timeline": event_timeline,
    }  # fmt: skip


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def run_view(path: Path, step: Step) -> float:
    def query(name: str, params: dict[str, object]) -> list[dict]:
        with db.reader(path) as con:
            return db.query(con, name, params)

    return timed(lambda: step(query))


def run_sql(path: Path, sql: str, params: dict[str, object]) -> float:
    def go() -> None:
        with db.reader(path) as con:
            con.execute(sql, params).fetchall()

    return timed(go)


def best_of(run: Callable[[], float], times: int = 3) -> float:
    run()  # warm the OS file cache, as a running dashboard would be
    return min(run() for _ in range(times))


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
    baseline = best_of(lambda: run_sql(args.db, BASELINE, {}))
    print(f"{'baseline (per-source scan)':<24} {baseline * 1000:8.0f} ms")
    slow = 0
    week, region = "2024-W20", "江苏省"
    with db.reader(args.db) as con:
        newest = db.query(con, "event_weeks")[0]
    for view, step in views(week, region, f"{newest['iso_year']:04d}-W{newest['iso_week']:02d}").items():
        seconds = best_of(lambda step=step: run_view(args.db, step))
        slow += seconds >= TARGET_SECONDS
        print(f"{view:<24} {seconds * 1000:8.0f} ms  {seconds / baseline:6.1f}x baseline  "
              f"{'ok' if seconds < TARGET_SECONDS else 'SLOW'}")
    parsed = parse_week(week)
    at = parsed.start + timedelta(days=2, hours=10)
    press = {"region": region, "at": at, "since": at - timedelta(hours=12), "words": ["事件"]}
    unbounded = best_of(lambda: run_sql(args.db, PRESS_CHECK_UNBOUNDED, {k: v for k, v in press.items() if k != "at"}))
    print(f"{'press check, unbounded':<24} {unbounded * 1000:8.0f} ms  {unbounded / baseline:6.1f}x baseline  "
          "(before: no upper time bound)")
    built: list[Digest] = []
    figures = best_of(lambda: timed(lambda: built.append(build_digest(args.db, parsed))), times=2)
    formats = best_of(lambda: timed(lambda: render_all(built[0])), times=2)
    for label, seconds in (("digest (figures)", figures), ("digest (all formats)", formats)):
        slow += seconds >= TARGET_SECONDS
        print(f"{label:<24} {seconds * 1000:8.0f} ms  {seconds / baseline:6.1f}x baseline  "
              f"{'ok' if seconds < TARGET_SECONDS else 'SLOW'}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
