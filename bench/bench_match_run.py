"""A `tracker match` run on a database with a long linked history: starting from the term counts the last run stored
against counting every earlier document again (the baseline: what a run did before `pipeline/match/countstore.py`).

    python bench/bench_match_run.py [--history 200000] [--days 30] [--new 500] [--work bench/out/match_run]

A database is filled with `--history` synthetic documents (pipeline.match.evaluate.synthetic: real-shaped Chinese
titles and bodies) over `--days` days, each linked in its own event, and its last `--new` documents left unlinked; a
first match run links them and stores the counts. Then `--new` more documents follow and the run that links them is
timed twice, each on its own copy of the database: as it runs, and with the stored counts removed, so that it counts
every linked document before its window again. Both must make the same links. Both restore the window's documents
(four days of them); only the counting before it differs, so the ratio grows with the history.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import db
from pipeline.match.evaluate import synthetic
from pipeline.match.linking import match_documents
from pipeline.match.records import MatchDoc

CST = timezone(timedelta(hours=8))
START = datetime(2024, 1, 1, tzinfo=CST)
SOURCES = 501  # synthetic() names sources src0 .. src500
REGIONS = ["江南省临江市", "江南省", "湖南省岚州市", "湖北省武汉市", "广东省广州市", "四川省成都市"]


def add_sources(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "insert into sources (source_id, name, kind, channel, region, level) "
        "select 'src' || i, '来源' || i, case when i % 3 = 0 then 'media' else 'official' end, "
        "case when i % 3 = 0 then 'news' else 'website' end, $regions[1 + i % 6], 'city' from range($n) t(i)",
        {"n": SOURCES, "regions": REGIONS},
    )


def add_documents(con: duckdb.DuckDBPyConnection, docs: list[MatchDoc], linked: bool) -> None:
    """Insert `docs` (and, when `linked`, each as its own event)."""
    assert all(d.at is not None for d in docs)
    frame = pd.DataFrame(
        {
            "doc_id": [d.doc_id for d in docs],
            "source_id": [d.source_id for d in docs],
            "url": [f"https://example.cn/{d.doc_id}.html" for d in docs],
            "title": [d.title for d in docs],
            "body": [d.body for d in docs],
            "published_at": [d.at for d in docs],
        }
    )
    con.register("new_docs", frame)
    con.execute(
        "insert into documents (doc_id, source_id, url, title, body, published_at, published_precision, published_raw, "
        "first_seen_at, last_seen_at, via) select doc_id, source_id, url, title, body, published_at, 'minute', 'raw', "
        "published_at + interval 5 minute, published_at + interval 5 minute, 'list' from new_docs"
    )
    if linked:
        con.execute("insert into events select 'ev-' || doc_id, title, published_at from new_docs")
        con.execute(
            "insert into event_documents (doc_id, event_id, score, matched_doc_id, shared_terms, linked_at) "
            "select doc_id, 'ev-' || doc_id, 1.0, null, [], published_at from new_docs"
        )
    con.unregister("new_docs")


def build(path: Path, history: int, days: float, new: int) -> list[MatchDoc]:
    """The database with its history linked and counted by a first run; returns the next run's documents."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    span = timedelta(days=days)
    docs = list(synthetic(history, START, span, seed=1, prefix="h"))
    with db.writer(path) as con:
        add_sources(con)
        add_documents(con, docs[:-new], linked=True)
        add_documents(con, docs[-new:], linked=False)
        match_documents(con)  # links the last `new` and stores the counts
    return list(synthetic(new, START + span, timedelta(hours=2), seed=2, prefix="n"))


def timed_run(path: Path, docs: list[MatchDoc], stored_counts: bool) -> tuple[float, list[tuple]]:
    with db.writer(path) as con:
        if not stored_counts:
            con.execute(db.read_sql("match/clear_term_counts"))
        add_documents(con, docs, linked=False)
        t0 = time.perf_counter()
        report = match_documents(con)
        seconds = time.perf_counter() - t0
        assert report.documents_linked == len(docs)
        links = con.execute(
            "select doc_id, event_id, matched_doc_id, round(score, 4) from event_documents order by doc_id"
        ).fetchall()
    return seconds, links


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--history", type=int, default=200_000)
    parser.add_argument("--days", type=float, default=30.0)
    parser.add_argument("--new", type=int, default=500)
    parser.add_argument("--work", type=Path, default=Path("bench/out/match_run"))
    args = parser.parse_args()
    base = args.work / "history.duckdb"
    t0 = time.perf_counter()
    docs = build(base, args.history, args.days, args.new)
    print(f"built {args.history:,} linked documents over {args.days:g} days in {time.perf_counter() - t0:.0f} s")
    with db.reader(base) as con:
        counted = con.execute("select n_docs, counted_before from match_count_state").fetchone()
    print(f"stored counts: {counted[0]:,} documents matched before {counted[1]}")
    results = {}
    for name, stored_counts in (("counting every earlier document (baseline)", False), ("stored counts", True)):
        copy = args.work / f"run-{stored_counts}.duckdb"
        shutil.copyfile(base, copy)
        results[name] = timed_run(copy, docs, stored_counts)
        print(f"{name:<44} match run of {args.new} documents: {results[name][0]:7.1f} s")
    (baseline, old_links), (ours, new_links) = results.values()
    assert old_links == new_links, "the two runs made different links"
    print(f"same links; stored counts {baseline / ours:.1f}x faster than counting again")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
