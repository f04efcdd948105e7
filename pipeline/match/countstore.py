"""The term counts a match run starts from, kept in the database (`match_term_counts`, `match_count_state`).

A run must stand where one pass over every linked document in time order would stand: the documents of the
window indexed, the terms of every earlier one counted. Counting means reading and cutting each earlier text,
which grows with the history (every linked document, every run). So each run stores the counts it reached (up
to the start of its window) with a fingerprint of the documents they stand for; the next run starts from them
and counts only the documents since. When the documents before that time have changed (a late document linked
before it, a time or a text corrected, a document removed) the fingerprint differs and the run counts from the
start, as it would without them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pandas as pd

import db
from pipeline.match.index import TermCounts


@dataclass(frozen=True)
class Fingerprint:
    """The linked documents matched before a time: how many, and a hash over what counting them reads."""

    n_docs: int
    digest: int


@dataclass(frozen=True)
class StoredCounts:
    counted_before: datetime  # the counts are of the linked documents matched before this time
    counts: TermCounts
    fingerprint: Fingerprint
    official_regions: tuple[str, ...]  # of their official sources, in order of first appearance


def fingerprint(con: duckdb.DuckDBPyConnection, before: datetime) -> Fingerprint:
    row = db.query(con, "match/linked_fingerprint", {"before": before})[0]
    return Fingerprint(int(row["n_docs"]), int(row["docs_fingerprint"]))


def load(con: duckdb.DuckDBPyConnection) -> StoredCounts | None:
    """The stored counts, if any (not checked against the documents: see `usable`)."""
    states = db.query(con, "match/count_state")
    return _with_terms(con, states[0]) if states else None


def usable(con: duckdb.DuckDBPyConnection, since: datetime) -> StoredCounts | None:
    """The stored counts when they can stand for the documents before `since`: they end no later, and the documents
    they counted are still those before their time. Their terms are read only then."""
    states = db.query(con, "match/count_state")
    if not states or states[0]["counted_before"] > since:
        return None
    state = states[0]
    if fingerprint(con, state["counted_before"]) != Fingerprint(int(state["n_docs"]), int(state["docs_fingerprint"])):
        return None
    return _with_terms(con, state)


def _with_terms(con: duckdb.DuckDBPyConnection, state: dict[str, Any]) -> StoredCounts:
    rows = con.execute(db.read_sql("match/term_counts")).fetchall()
    counts = TermCounts(tuple(term for term, _ in rows), tuple(df for _, df in rows), int(state["n_docs"]))
    return StoredCounts(
        state["counted_before"],
        counts,
        Fingerprint(int(state["n_docs"]), int(state["docs_fingerprint"])),
        tuple(state["official_regions"]),
    )


def save(con: duckdb.DuckDBPyConnection, stored: StoredCounts) -> None:
    """Replace the stored counts (inside the caller's transaction)."""
    con.execute(db.read_sql("match/clear_term_counts"))
    terms = stored.counts.terms
    frame = pd.DataFrame(
        {
            "term_order": np.arange(len(terms), dtype=np.int32),
            "term": pd.Series(terms, dtype=object),
            "df": np.asarray(stored.counts.df, dtype=np.int32),
        }
    )
    con.register("new_term_counts", frame)
    try:
        con.execute(db.read_sql("match/insert_term_counts"))
    finally:
        con.unregister("new_term_counts")
    con.execute(
        db.read_sql("match/insert_count_state"),
        {
            "counted_before": stored.counted_before,
            "n_docs": stored.fingerprint.n_docs,
            "docs_fingerprint": stored.fingerprint.digest,
            "official_regions": list(stored.official_regions),
        },
    )


def regions_in_order(known: Iterable[str], more: Iterable[str]) -> tuple[str, ...]:
    """`known` then the regions of `more` not among them, each once, in order of first appearance."""
    return tuple(dict.fromkeys([*known, *more]))
