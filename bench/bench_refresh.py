"""Refresh the stored facts after a typical match run, by key and whole, on a copy of bench_dashboard.py's database.

    .venv/bin/python bench/bench_refresh.py [--db bench/out/dashboard.duckdb] [--work bench/out/refresh.duckdb]

The database (built by bench/bench_dashboard.py, --docs/--events) is copied to --work and given a day of listings
per source (a fetch a day, so the year's failed fetches make closed outages). Then a match run: --new-docs documents
published in the last week, linked into --touched events (--new-events of them new), a poll of every source and
failed fetches that start outages on 10 sources. The refresh after it is timed as db.refresh_analysis runs it (by key),
the dashboard views after it (bench_dashboard.py's, best of 3, target under 1 s), then a full rebuild of every stored
fact in the same run, checked to change no stored row, and the views again.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
from bench_dashboard import BASELINE, N_SOURCES, TARGET_SECONDS, best_of, run_sql, run_view, timed, views

import db
from pipeline.report.week import SHANGHAI

ROOT = Path(__file__).resolve().parents[1]
STORED = ("event_source_facts", "event_sources", "event_keyword_matches", "event_facts", "event_search_text",
          "source_week_post_facts", "source_publish_week_facts", "event_responsible_source_facts",
          "source_outage_facts", "source_fetch_week_facts", "event_rule_clock_facts", "silent_window_facts")
FAILING_SOURCES = 10


def add_daily_listings(con: duckdb.DuckDBPyConnection, start: datetime, end: datetime) -> None:
    """A fetch of each source's list page every day at noon, so a failed fetch's outage ends the next day."""
    con.execute(
        "insert into listings select 's' || s, 'https://example.cn/list/' || s, $start + to_days(d) + interval 12 hour,"
        " ['https://example.cn/seen.html'] from range($sources) a(s), range(date_diff('day', $start, $end)) b(d)",
        {"sources": N_SOURCES, "start": start, "end": end},
    )


def match_run(con: duckdb.DuckDBPyConnection, at: datetime, new_docs: int, touched: int, new_events: int) -> None:
    """What a match run and the poll before it write: documents of the last week linked into old and new events, a
    poll of every source at `at`, and failed fetches just after it. Ids carry the run's time, so runs add up."""
    n_events = int(con.execute("select count(*) from events where event_id not like 'ev-n%'").fetchall()[0][0])
    tag = f"{at:%Y%m%d%H%M}-"
    con.execute(
        "insert into documents (doc_id, source_id, url, title, body, published_at, published_precision, published_raw,"
        " first_seen_at, last_seen_at, via) select 'dn' || $tag || i, 's' || (i * 7 % $sources), 'https://example.cn/n' || $tag || i,"
        " '新标题 事件' || i, '正文', $at - to_minutes(i * 5 % 10080 + 60), 'minute', 'raw',"
        " $at - to_minutes(i * 5 % 10080), $at - to_minutes(i * 5 % 10080), 'list' from range($n) t(i)",
        {"n": new_docs, "sources": N_SOURCES, "at": at, "tag": tag},
    )
    con.execute("insert into events select 'ev-n' || $tag || i, '新事件' || i, $at from range($n) t(i)",
                {"n": new_events, "at": at, "tag": tag})
    con.execute(
        "insert into event_documents (doc_id, event_id, score, matched_doc_id, shared_terms, linked_at)"
        " select 'dn' || $tag || i, case when i % $touched < $new then 'ev-n' || $tag || (i % $touched)"
        " else 'ev-' || ((i % $touched) * 131 % $events) end, 0.8, null, ['事件'], $at from range($n) t(i)",
        {"n": new_docs, "touched": touched, "new": new_events, "events": n_events, "at": at, "tag": tag},
    )
    con.execute("insert into listings select 's' || s, 'https://example.cn/list/' || s, $at, ['https://example.cn/n']"
                " from range($sources) t(s)", {"sources": N_SOURCES, "at": at})
    con.execute("insert into fetch_errors select 's' || s, 'https://example.cn/list/' || s, $at + interval 1 minute,"
                " 'HTTP 503' from range($n) t(s)", {"n": FAILING_SOURCES, "at": at})


def checksums(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """Per stored table: rows and a sum of the rows' hashes (order does not count)."""
    return {table: tuple(con.execute(f"select count(*), coalesce(sum(hash(t)), 0) from {table} t").fetchall()[0])  # noqa: S608
            for table in STORED}


def time_views(path: Path, label: str) -> int:
    """Time every dashboard view as bench_dashboard.py does; the number over the target."""
    baseline = best_of(lambda: run_sql(path, BASELINE, {}))
    with db.reader(path) as con:
        newest = db.query(con, "event_weeks")[0]
    slowest, slow = 0.0, 0
    for view, step in views("2024-W20", "江苏省", f"{newest['iso_year']:04d}-W{newest['iso_week']:02d}").items():
        seconds = best_of(lambda step=step: run_view(path, step))
        slowest, slow = max(slowest, seconds), slow + (seconds >= TARGET_SECONDS)
        print(f"  {view:<24} {seconds * 1000:8.0f} ms  {seconds / baseline:6.1f}x baseline  "
              f"{'ok' if seconds < TARGET_SECONDS else 'SLOW'}")
    print(f"views {label}: slowest {slowest:.2f} s (baseline {baseline * 1000:.0f} ms)", flush=True)
    return slow


def prepare(source: Path, work: Path) -> None:
    print(f"copying {source} to {work} ...", flush=True)
    shutil.copyfile(source, work)
    work.with_name(work.name + ".wal").unlink(missing_ok=True)
    seconds = timed(lambda: _first_refresh(work))
    print(f"daily listings added, first refresh after the upgrade (a full rebuild): {seconds:.1f} s", flush=True)


def _first_refresh(work: Path) -> None:
    with db.writer(work) as con:
        start, end = con.execute("select min(first_seen_at), max(first_seen_at) from documents").fetchall()[0]
        add_daily_listings(con, start, end)


def measure(work: Path, args: argparse.Namespace) -> int:
    """The refresh by key after a match run, the views, a full rebuild and the views again. Each write's checkpoint
    (db.writer's, on exit) is timed apart: DuckDB would otherwise run it inside the commit once the WAL passes 16 MB."""
    refresh: list[db.Refreshed] = []
    with db.writer(work) as con:
        con.execute("set checkpoint_threshold = '100GB'")
        at = con.execute("select max(first_seen_at) from documents").fetchall()[0][0] + timedelta(hours=1)
        match_run(con, at.astimezone(SHANGHAI), args.new_docs, args.touched, args.new_events)
        by_key = timed(lambda: refresh.append(db.refresh_facts(con)))
        by_key_checkpoint = timed(lambda: con.execute("checkpoint"))
        done = refresh[0]
        print(f"refresh by key: {by_key:.1f} s, then checkpoint {by_key_checkpoint:.1f} s ({done.how}: {done.events}"
              f" events, {done.clock_events} events' clocks, {done.source_weeks} source weeks)", flush=True)
        unchanged = timed(lambda: refresh.append(db.refresh_facts(con)))
        print(f"refresh with nothing changed: {unchanged:.1f} s", flush=True)
    slow = time_views(work, "after the refresh by key")
    with db.writer(work) as con:
        con.execute("set checkpoint_threshold = '100GB'")
        digests = timed(lambda: con.execute(db.read_sql("refresh/input_digests")))
        before = checksums(con)
        full = timed(lambda: refresh.append(db.rebuild_facts(con)))
        full_checkpoint = timed(lambda: con.execute("checkpoint"))
        same = checksums(con) == before
        print(f"full rebuild: {full:.1f} s (of which the digests {digests:.1f} s), then checkpoint {full_checkpoint:.1f} s;"
              f" by key / full = {by_key / full:.3f} ({full / by_key:.0f}x faster), with the checkpoints"
              f" {(by_key + by_key_checkpoint) / (full + full_checkpoint):.3f}; full rebuild changed no stored row: {same}",
              flush=True)
    slow += time_views(work, "after the full rebuild")
    return 1 if slow or not same else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "dashboard.duckdb")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out" / "refresh.duckdb")
    parser.add_argument("--new-docs", type=int, default=2000)
    parser.add_argument("--touched", type=int, default=1500)
    parser.add_argument("--new-events", type=int, default=300)
    parser.add_argument("--reuse", action="store_true", help="run on --work as an earlier run left it")
    args = parser.parse_args()
    if not args.reuse:
        prepare(args.db, args.work)
    with db.reader(args.work) as con:
        docs, events = (con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in ("documents", "events"))  # noqa: S608
    print(f"{docs:,} documents, {events:,} events, {N_SOURCES} sources; {time.strftime('%H:%M')}", flush=True)
    return measure(args.work, args)


if __name__ == "__main__":
    sys.exit(main())
