"""The match stage: link new documents into events, incrementally, replay analysts' corrections (see
pipeline/corrections.py), record text copies (reposts) and fill `event_regions` (the places events are about).

Documents already linked keep their event; new ones are fed to the matcher in time order after the history has been
restored (the matcher's time window indexed, the terms of everything before it counted), so a run gives the links
one pass over the documents in time order gives, whatever runs came before.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

import db
from pipeline.match import corrections, countstore
from pipeline.match.evidence import event_regions
from pipeline.match.heap import HistoryFreezer, history_kept_out_of_gc
from pipeline.match.matcher import Matcher
from pipeline.match.records import Link, MatchConfig, MatchDoc

COPY_THRESHOLD = 0.6  # share of an official post's text found in an earlier media article


@dataclass(frozen=True)
class MatchReport:
    documents_linked: int
    events_created: int
    copies_found: int


def _doc(row: dict[str, Any]) -> MatchDoc:
    return MatchDoc(
        doc_id=row["doc_id"], source_id=row["source_id"], kind=row["kind"], region=row["region"],
        title=row["title"], body=row["body"], at=row["matched_at"], precision=row["precision"] or "minute",
    )


def _regions(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("select distinct region from sources where region is not null").fetchall()]


def _record_copies(con: duckdb.DuckDBPyConnection, matcher: Matcher, event_ids: list[str]) -> int:
    """For every official post in the events, note earlier media articles whose text it copies."""
    members: dict[str, list[MatchDoc]] = defaultdict(list)
    for row in db.query(con, "match/event_members", {"event_ids": event_ids}):
        members[row["event_id"]].append(_doc(row))
    found = 0
    for docs in members.values():
        for official in (d for d in docs if d.kind == "official"):
            for media in (d for d in docs if d.kind == "media"):
                if official.at is None or media.at is None or media.at > official.at:
                    continue
                similarity = matcher.copies(official, media)
                if similarity >= COPY_THRESHOLD:
                    con.execute(
                        db.read_sql("match/upsert_copy"),
                        {"doc_id": official.doc_id, "copied_doc_id": media.doc_id, "similarity": similarity},
                    )
                    found += 1
    return found


def _write_link(con: duckdb.DuckDBPyConnection, link: Link, doc: MatchDoc, now: datetime) -> bool:
    created = link.matched_doc_id is None
    if created:
        con.execute(db.read_sql("match/insert_event"), {"event_id": link.event_id, "label": doc.title, "created_at": now})
    con.execute(
        db.read_sql("match/insert_link"),
        {
            "doc_id": link.doc_id, "event_id": link.event_id, "score": link.score,
            "matched_doc_id": link.matched_doc_id, "shared_terms": list(link.shared_terms),
            "deciding_features": [f"{name} {part:+.3f}" for name, part in link.evidence], "linked_at": now,
        },
    )
    return created


def _fill_regions(con: duckdb.DuckDBPyConnection, matcher: Matcher, event_ids: list[str]) -> int:
    """Rewrite `event_regions` for the given events from the places their documents are about."""
    members: dict[str, list[MatchDoc]] = defaultdict(list)
    for row in db.query(con, "match/event_members", {"event_ids": event_ids}):
        members[row["event_id"]].append(_doc(row))
    con.execute(db.read_sql("match/delete_event_regions"), {"event_ids": event_ids})
    written = 0
    for event_id, docs in sorted(members.items()):
        for region in event_regions([matcher.subject_regions(d) for d in docs]):
            con.execute(db.read_sql("match/insert_event_region"), {"event_id": event_id, "region": region})
            written += 1
    return written


def restore_history(
    con: duckdb.DuckDBPyConnection, matcher: Matcher, new_docs: list[MatchDoc], freezer: HistoryFreezer | None = None
) -> None:
    """Make `matcher` stand where one pass over every linked document in time order would stand before `new_docs`:
    the documents of the window before the first of them indexed in their events, the terms of all earlier ones
    counted (document frequencies and term order, as indexing them did). The counts start from those a run stored
    (`pipeline.match.countstore`) when they still stand for the documents they counted, and are stored again.
    `freezer` is told of each document restored."""
    timed = [d.at for d in new_docs if d.at is not None]
    window = timedelta(hours=matcher.config.window_hours)
    since = min(timed) - window if timed else datetime(1970, 1, 1, tzinfo=UTC)
    start = countstore.usable(con, since)
    if start is not None:
        matcher.start_after(start.counts, None, start.official_regions)
        regions = start.official_regions
        earlier = db.query_batches(con, "match/linked_between", {"after": start.counted_before, "since": since})
    else:
        regions = ()
        earlier = db.query_batches(con, "match/linked_before", {"since": since})
    counted: dict[str, None] = {}  # the official regions of the documents counted, in order
    for row in earlier:
        doc = _doc(row)
        matcher.count_terms(doc)
        if doc.kind == "official" and doc.region:
            counted.setdefault(doc.region)
    if start is None or start.counted_before != since:
        counts = matcher.term_counts()
        regions = countstore.regions_in_order(regions, counted)
        countstore.save(con, countstore.StoredCounts(since, counts, countstore.fingerprint(con, since), regions))
    for row in db.query_batches(con, "match/linked_since", {"since": since}):
        matcher.restore(_doc(row), row["event_id"])
        if freezer is not None:
            freezer.restored()


def match_documents(
    con: duckdb.DuckDBPyConnection, config: MatchConfig | None = None, corrections_path: Path | None = None
) -> MatchReport:
    """Link every unlinked document, replay the analysts' corrections and refresh the regions of the events that
    changed; one transaction for the whole batch."""
    config = config or MatchConfig()
    now = datetime.now(UTC)
    con.execute("begin")
    try:
        fixes = corrections.sync(con, corrections_path) if corrections_path else corrections.load(con)
        new_docs = [_doc(r) for r in db.query(con, "match/unlinked_documents")]
        matcher = Matcher(config, regions=_regions(con))
        touched: set[str] = set()
        created = copies = 0
        if new_docs:
            with history_kept_out_of_gc() as freezer:
                restore_history(con, matcher, new_docs, freezer)
                freezer.settled()
                keep_out = corrections.forbidden(fixes)
                for doc in new_docs:
                    link = matcher.add(doc, keep_out.get(doc.doc_id, frozenset()))
                    created += _write_link(con, link, doc, now)
                    touched.add(link.event_id)
        touched |= corrections.apply(con, fixes, now)
        if touched:
            copies = _record_copies(con, matcher, sorted(touched))
            _fill_regions(con, matcher, sorted(touched))
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    db.refresh_analysis(con)
    return MatchReport(len(new_docs), created, copies)


def run_match(db_path: Path, config: MatchConfig | None = None) -> MatchReport:
    with db.writer(db_path) as con:
        return match_documents(con, config, corrections.corrections_file(db_path))
