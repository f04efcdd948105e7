"""A match run keeps the restored history out of the garbage collector's full passes (`pipeline.match.heap`) and
gives everything back to it afterwards; nothing is kept alive by it, because a matcher's objects form no cycles."""

from __future__ import annotations

import gc
import weakref
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from pipeline.match import heap
from pipeline.match.evaluate import synthetic
from pipeline.match.matcher import Matcher
from pipeline.match.records import MatchConfig
from tests.test_match_counts import corpus_in_time_order, import_and_match

START = datetime(2024, 3, 1, tzinfo=timezone(timedelta(hours=8)))


def test_a_matcher_is_freed_without_the_cyclic_collector() -> None:
    matcher = Matcher(MatchConfig(window_hours=24.0))
    for doc in synthetic(400, START, timedelta(days=4), seed=3, prefix="g"):
        matcher.add(doc)
    entry = next(iter(matcher.index.entries.values()))
    alive = [weakref.ref(x) for x in (matcher, matcher.index, matcher.index.postings, entry.term_ids)]
    gc.disable()  # nothing but reference counting frees anything below
    try:
        del matcher, entry
        # An object in a reference cycle would outlive its last outside reference (the cycle holds it).
        assert [ref() for ref in alive] == [None] * len(alive), "reference counting alone frees the matcher"
    finally:
        gc.enable()


def test_freezing_ends_with_the_block_even_on_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heap, "FREEZE_EVERY", 3)
    assert gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), heap.history_kept_out_of_gc() as freezer:
        frozen_at_start = gc.get_freeze_count()
        kept = [[n] for n in range(1000)]  # made after the first freeze
        for _ in range(3):
            freezer.restored()
        assert gc.get_freeze_count() >= frozen_at_start + len(kept)
        raise RuntimeError("a failing run")
    assert gc.get_freeze_count() == 0


def test_a_match_run_gives_the_history_back_to_the_collector(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    freezes: list[int] = []
    real_freeze = gc.freeze

    def noting_freeze() -> None:
        real_freeze()
        freezes.append(gc.get_freeze_count())

    monkeypatch.setattr(heap, "FREEZE_EVERY", 5)
    monkeypatch.setattr(heap.gc, "freeze", noting_freeze)
    rows = corpus_in_time_order()
    database = tmp_path / "t.duckdb"
    import_and_match(tmp_path, database, rows[:150], "first")
    import_and_match(tmp_path, database, rows[150:], "second")  # restores the first run's window
    assert len(freezes) > 3, "frozen on entry, while the window was restored and once it was in place"
    assert gc.get_freeze_count() == 0
