"""Query speed of the event, rule and scorecard views on a synthetic database.

Generates 1,000,000 documents linked into 20,000 events (300 official and 200 media sources in a province →
city → county tree, list-page fetches, fetch errors, press events) with SQL `range()`, then times each view
(all rows fetched) and prints its row count, seconds, and the ratio to a baseline in the same process (one
plain aggregation over the same documents). Target: under 1 second for each event and scorecard view.

    .venv/bin/python bench/bench_queries.py [--db PATH] [--documents N] [--events N] [--keep]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import db

SOURCES = """
insert into sources (source_id, name, kind, channel, region, level)
with official as (
    select
        i,
        i % 10 as p,
        (i // 10) % 9 as c,
        (i // 90) % 4 as k
    from range(300) t(i)
)
select
    'gov-' || i,
    'gov ' || i,
    'official',
    case when i % 7 = 3 then 'weibo' else 'website' end,
    case
        when i < 10 then 'S' || p || '省'
        when i < 100 then 'S' || p || '省C' || c || '市'
        else 'S' || p || '省C' || c || '市X' || k || '县'
    end,
    case when i < 10 then 'province' when i < 100 then 'city' else 'county' end
from official
union all
select 'med-' || i, 'media ' || i, 'media', 'news', 'S' || (i % 10) || '省C' || ((i // 10) % 9) || '市', 'city'
from range(200) t(i);
"""

# Document d belongs to event d % $events; every fifth is official (the event's county, or its city), the
# rest media of the same city. Every twentieth official post is date-only; one in ten events is major (爆炸).
DOCUMENTS = """
insert into documents (doc_id, source_id, url, title, body, published_at, published_precision,
                       declared_source, declared_source_kind, first_seen_at, last_seen_at, via, found_on)
with base as (
    select
        d,
        d % $events as e,
        d // $events as nth,
        100 + (d % $events) % 200 as county
    from range($documents) t(d)
),
placed as (
    select
        *,
        county % 10 as p,
        (county // 10) % 9 as c,
        timestamptz '2024-01-01 00:00:00+08' + to_minutes((e * 52)::bigint)
            + to_minutes((nth * 37 + (d % 7) * 11)::bigint) as at_time
    from base
),
sourced as (
    select
        *,
        case
            when nth % 10 = 0 then 'gov-' || county
            when nth % 5 = 0 then 'gov-' || (p + 10 * case when c = 0 then 9 else c end)
            else 'med-' || (p + 10 * c + 90 * (nth % 2))
        end as source_id,
        nth % 5 = 0 and nth % 20 = 0 as day_only
    from placed
)
select
    'd' || d,
    source_id,
    'http://x/' || d,
    'S' || p || '省事件' || e || case when e % 10 = 0 then '爆炸' else '情况' end || '通报' || nth,
    '',
    case when day_only then date_trunc('day', at_time) else at_time end,
    case when day_only then 'day' else 'minute' end,
    case when nth % 15 = 5 then 'media ' || p else null end,
    case when nth % 15 = 5 then 'media' else null end,
    at_time + interval 20 minute,
    at_time + interval 20 minute,
    'list',
    case when source_id like 'gov-%' then 'http://' || source_id || '/list' end
from sourced;
"""

EVENTS = """
insert into events
select 'e' || e, 'S事件' || e || case when e % 10 = 0 then '爆炸' else '' end,
       timestamptz '2024-01-01 00:00:00+08' + to_minutes((e * 52)::bigint)
from range($events) t(e);
insert into event_documents (doc_id, event_id, score, matched_doc_id, shared_terms, linked_at)
select 'd' || d, 'e' || (d % $events), 1.0, null, [], timestamptz '2026-01-01 00:00:00+08'
from range($documents) t(d);
"""

# Each official source's list page fetched every 8 hours over the two years (about 660,000 fetches), showing
# ten made-up URLs; one failed fetch in fifty.
LISTINGS = """
insert into listings
select 'gov-' || s, 'http://gov-' || s || '/list',
       timestamptz '2024-01-01 00:00:00+08' + to_hours((f * 8)::bigint) + to_minutes(s::bigint),
       [('http://x/l' || s || '-' || f || '-' || j) for j in range(10)]
from range(300) a(s), range(2200) b(f)
where f % 50 <> 7;
insert into fetch_errors
select 'gov-' || s, 'http://gov-' || s || '/list',
       timestamptz '2024-01-01 00:00:00+08' + to_hours((f * 8)::bigint) + to_minutes(s::bigint), 'timeout'
from range(300) a(s), range(2200) b(f)
where f % 50 = 7;
insert into press_events (press_id, source_id, held_at, title)
select 'pr-' || e, 'gov-' || (100 + e % 200),
       timestamptz '2024-01-01 00:00:00+08' + to_minutes((e * 52 + 300)::bigint),
       'S' || ((100 + e % 200) % 10) || '省事件' || e || '新闻发布会'
from range(0, $events, 20) t(e);
update analysis_settings set value_time = timestamptz '2026-03-01 00:00:00+08' where name = 'as_of';
"""

VIEWS = (
    "event_timeliness",
    "event_official_responses",
    "event_rule_status",
    "silent_events",
    "official_scorecards",
    "region_scorecards",
    "repost_shares",
    "site_health_weekly",
    "press_event_responses",
    "backdated_documents",
)

BASELINE = """
select ed.event_id, min(d.published_at), count(*)
from event_documents ed join documents d on d.doc_id = ed.doc_id
group by ed.event_id
"""


def generate(path: Path, documents: int, events: int) -> None:
    params = {"documents": documents, "events": events}
    statements = [SOURCES, DOCUMENTS, *EVENTS.strip().split(";\n"), *LISTINGS.strip().split(";\n")]
    with db.writer(path) as con:
        for statement in statements:
            con.execute(statement, {k: v for k, v in params.items() if f"${k}" in statement})


def timed(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[int, float]:
    start = time.perf_counter()
    table = con.sql(sql).to_arrow_table()
    return table.num_rows, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="DuckDB file to (re)use; default: a temporary file")
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--keep", action="store_true", help="keep the generated file")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-queries-"))
    path = args.db or folder / "bench.duckdb"
    if not path.exists():
        start = time.perf_counter()
        generate(path, args.documents, args.events)
        print(f"generated {args.documents:,} documents, {args.events:,} events in {time.perf_counter() - start:.1f} s")
    with db.reader(path) as con:
        counts = con.execute("select (select count(*) from documents), (select count(*) from events),"
                             " (select count(*) from listings), (select count(*) from fetch_errors)").fetchall()[0]
        print(f"documents {counts[0]:,}  events {counts[1]:,}  listings {counts[2]:,}  fetch_errors {counts[3]:,}")
        timed(con, BASELINE)  # warm the buffer pool
        _rows, baseline = timed(con, BASELINE)
        print(f"{'baseline (documents per event)':<34}{'':>10}{baseline:>9.3f} s")
        print(f"{'view':<34}{'rows':>10}{'seconds':>11}{'× baseline':>12}")
        for view in VIEWS:
            rows, seconds = timed(con, f"select * from {view}")  # noqa: S608 - names from the list above
            flag = "" if seconds < 1.0 else "  (over 1 s)"
            print(f"{view:<34}{rows:>10,}{seconds:>9.3f} s{seconds / baseline:>11.1f}×{flag}")
    if not args.keep and args.db is None:
        path.unlink()
        folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
