"""The stored analysis facts the views read, kept up to date by `refresh_analysis`: by key after a typical write, whole
when an input every key reads changed.

Stored facts: each document's observation bounds (`documents.absent_at`; the loader keeps them current, this catches
documents and listings written by anything else); per event the per-source facts, sources, keyword matches, timeliness
and search text (the event facts), its responsible sources, its rule clocks and silent-event window; per source and
week its posts by repost class and its latest post; per source its outages and fetches a week.

A fingerprint per group of facts (refresh/<group>_fingerprint.sql, recorded in analysis_refresh) makes an unchanged
database cheap. When one differs, a digest of each event's and each source day's inputs (refresh/input_digests.sql)
is compared with the one stored at the last refresh, and the keys whose digest differs are recomputed from the scoped
definitions (`<fact>_of(true)` in db/views), whichever writer changed them; the fetch facts are rebuilt (one pass over
the fetches) and the clocks their changed outages reach recomputed. A change to the source registry, the keywords, the
rules, the settings or the definitions themselves (refresh/global_inputs_fingerprint.sql), a first build or a migration
that clears analysis_refresh rebuilds everything (refresh/<group>_rebuild.sql).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from db.sql import read_sql

BOUNDS_STEPS = (
    "refresh/bounds_mark_changed_pages",
    "load/update_document_bounds",
    "refresh/bounds_record_pages",
)
# In order: responsible facts read event_sources; the rule clocks read all three.
FACT_GROUPS = ("event_facts", "responsible_facts", "fetch_facts", "rule_facts")
EVENT_INPUT_GROUPS = frozenset({"event_facts", "responsible_facts", "rule_facts"})  # what the digests cover
GLOBAL_INPUTS = "global_inputs"
DIGESTS = "input_digests"  # recorded once the stored digests describe the inputs the facts were built from
UNORDERED_CLOCKS = "rule_clocks_unordered"  # clocks appended since the table was last written in clock_start order
ROW_GROUP_ROWS = 122_880
UNORDERED_SHARE = 0.1  # beyond this share of the clocks (and a row group) appended, the clocks are rebuilt in order
# Beyond this share of the events changed, everything is rebuilt: at 10 M documents a refresh by key costs about 8 s
# plus 2.5 ms an event, a rebuild 175 s, so they meet near a third.
REBUILD_SHARE = 0.25


@dataclass(frozen=True)
class Refreshed:
    """What one refresh did: `how` is "none", "keys" (the counted keys recomputed) or "full" (everything rebuilt)."""

    how: str = "none"
    bounds: bool = False  # documents' observation bounds recomputed
    events: int = 0  # events whose inputs changed: all their stored facts recomputed
    clock_events: int = 0  # events whose rule clocks and silent window were recomputed (outages changed included)
    source_weeks: int = 0  # source weeks whose posts by class and latest post were recomputed
    clocks_reordered: bool = False  # the rule clocks rebuilt in clock_start order

    @property
    def changed(self) -> bool:
        return self.bounds or self.how != "none"


def refresh_analysis(con: duckdb.DuckDBPyConnection) -> bool:
    """Bring the stored analysis facts up to date; True when something had to be recomputed.

    Runs in its own transaction, so call it outside any (a crash leaves the previous facts; in DuckDB a `begin`
    inside a transaction aborts that transaction). `tracker load`, `tracker match` and every `db.writer` on exit
    call it, so readers see fresh results.
    """
    return refresh_facts(con).changed


def refresh_facts(con: duckdb.DuckDBPyConnection) -> Refreshed:
    """`refresh_analysis`, telling what it did."""
    return _in_transaction(con, lambda: _refresh(con, rebuild=False))


def rebuild_facts(con: duckdb.DuckDBPyConnection) -> Refreshed:
    """Rebuild every stored fact and digest from the definitions, whatever changed (the rule clocks in order)."""
    return _in_transaction(con, lambda: _refresh(con, rebuild=True))


def _in_transaction(con: duckdb.DuckDBPyConnection, work: Callable[[], Refreshed]) -> Refreshed:
    con.execute("begin")
    try:
        done = work()
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return done


def _run(con: duckdb.DuckDBPyConnection, name: str) -> None:
    con.execute(read_sql(name))


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    return con.execute(sql).fetchall()[0][0]


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return int(_scalar(con, f"select count(*) from {table}"))  # noqa: S608 (the module's own table names)


def _record(con: duckdb.DuckDBPyConnection, name: str, fingerprint: str) -> None:
    con.execute(read_sql("refresh/facts_record"), {"name": name, "fingerprint": fingerprint})


def _refresh(con: duckdb.DuckDBPyConnection, rebuild: bool) -> Refreshed:
    bounds = bool(_scalar(con, read_sql("refresh/bounds_needed")))
    if bounds:
        for name in BOUNDS_STEPS:
            _run(con, name)
    now = {name: str(_scalar(con, read_sql(f"refresh/{name}_fingerprint"))) for name in (GLOBAL_INPUTS, *FACT_GROUPS)}
    stored = dict(con.execute(read_sql("refresh/facts_stored")).fetchall())
    stale = {name for name, fingerprint in now.items() if stored.get(name) != fingerprint}
    if not stale and not rebuild:
        return Refreshed(bounds=bounds)
    if rebuild or GLOBAL_INPUTS in stale or any(name not in stored for name in (*FACT_GROUPS, DIGESTS)):
        _rebuild(con)
        done = Refreshed("full", bounds)
    else:
        done = _refresh_keys(con, stale, bounds, int(stored.get(UNORDERED_CLOCKS) or 0))
    for name, fingerprint in now.items():
        _record(con, name, fingerprint)
    _record(con, DIGESTS, "stored")
    _run(con, "refresh/work_tables_drop")
    return done


def _rebuild(con: duckdb.DuckDBPyConnection) -> None:
    for group in FACT_GROUPS:
        _run(con, f"refresh/{group}_rebuild")
    _run(con, "refresh/input_digests")
    _run(con, "refresh/digests_replace")
    _record(con, UNORDERED_CLOCKS, "0")


def _refresh_keys(con: duckdb.DuckDBPyConnection, stale: set[str], bounds: bool, unordered: int) -> Refreshed:
    """Recompute the keys whose inputs changed; the scope tables are empty again on return."""
    _run(con, "refresh/scope_clear")
    events = weeks = 0
    if stale & EVENT_INPUT_GROUPS:
        for name in ("refresh/input_digests", "refresh/dirty_keys", "refresh/digests_store"):
            _run(con, name)
        events, weeks = _count(con, "refresh_events"), _count(con, "refresh_source_weeks")
        if events > REBUILD_SHARE * _count(con, "current_event_digests"):
            _run(con, "refresh/scope_clear")
            _rebuild(con)
            return Refreshed("full", bounds, events)
    if events or weeks:
        for name in ("refresh/scope_documents", "refresh/event_facts_update", "refresh/responsible_facts_update"):
            _run(con, name)
    if "fetch_facts" in stale:
        _run(con, "refresh/fetch_facts_update")
    clock_events = _count(con, "refresh_events")
    reordered = clock_events > 0 and _update_rule_facts(con, unordered)
    _run(con, "refresh/scope_clear")
    return Refreshed("keys", bounds, events, clock_events, weeks, reordered)


def _update_rule_facts(con: duckdb.DuckDBPyConnection, unordered: int) -> bool:
    """Recompute the clocks of the events in refresh_events, appended after the others; when those appended since the
    last ordered write pass a tenth of the table, rebuild it in clock_start order. True when it was rebuilt."""
    _run(con, "refresh/rule_facts_update")
    unordered += int(_scalar(con, read_sql("refresh/rule_clocks_refreshed")))
    reorder = unordered > max(ROW_GROUP_ROWS, UNORDERED_SHARE * _count(con, "event_rule_clock_facts"))
    if reorder:
        _run(con, "refresh/rule_facts_rebuild")
        unordered = 0
    _record(con, UNORDERED_CLOCKS, str(unordered))
    return reorder
