"""The prefilter (`pipeline.match.prefilter`) drops only what judging every candidate would prune: per candidate of
real-shaped streams, its columns equal what its entry says, its bound is at least `LinkModel.bound` of the features
`cheap_features` computes, a dropped candidate is one `_assess` prunes, and the links are those made without it.
The same for candidate events of several members, bounded over their members at once (`EventBound`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from pipeline.match import columns as cols
from pipeline.match import train
from pipeline.match.columns import masks
from pipeline.match.decision import build_query, places_conflict
from pipeline.match.evaluate import load_labelled, registry_regions, synthetic
from pipeline.match.features import MAX_MEMBERS, cheap_features
from pipeline.match.index import Entry
from pipeline.match.matcher import Matcher
from pipeline.match.prefilter import _places_apart, new_side
from pipeline.match.records import MatchConfig, MatchDoc

WRITTEN = Path(__file__).resolve().parents[1] / "bench" / "corpus" / "written_events.jsonl"
START = datetime(2024, 3, 1, tzinfo=timezone(timedelta(hours=8)))


def _streams() -> dict[str, tuple[list[MatchDoc], list[str]]]:
    """Documents in feeding order, and the source regions the matcher is told of."""
    out = {"synthetic": (list(synthetic(2500, START, timedelta(days=8), seed=5, prefix="p")), [])}
    for path in (WRITTEN, *train.WINDOWS):
        if path.exists():
            labelled = load_labelled(path)
            out[path.stem] = ([item.doc for item in labelled], registry_regions(labelled))
    return out


STREAMS = _streams()


def _check_row(matcher: Matcher, entry: Entry, seq: int, floats: np.ndarray, ints: np.ndarray) -> None:
    """The row of `entry` says what the entry does."""
    m = masks(entry.anchors)
    ts = floats[cols.TS]
    assert (np.isnan(ts) and entry.ts is None) or ts == entry.ts
    assert floats[cols.SPAN] == entry.span
    assert ints[cols.SOURCE] == matcher.index.columns.sources[entry.source_id]
    assert ints[cols.RECURRING] == entry.recurring
    assert ints[cols.ALONE] == (matcher.index.events[entry.event_id] == [seq])
    assert (ints[cols.KEY_MASK], ints[cols.KEYS], ints[cols.FIGURE_MASK], ints[cols.TITLE_MASK]) == (
        m.key, m.keys, m.figures, m.title
    )
    assert (ints[cols.CUTOFF_MASK], ints[cols.SUBJECT], ints[cols.WITHIN], ints[cols.PLACE_FLAGS]) == (
        m.cutoff, m.subject, m.within, m.place_flags
    )


def _check_candidates(matcher: Matcher, doc: MatchDoc) -> tuple[int, int]:
    """For each candidate of `doc`: the checks of the module docstring. Returns how many candidates alone in their
    event the plain computation prunes against the cutoff, and how many of those the prefilter drops."""
    prepared = matcher._prepare(doc)
    query = build_query(prepared, matcher.index.stats)
    seqs = matcher.index.candidates(query.idf, query.head, prepared.ts)
    floats, ints = matcher.index.columns.rows(seqs)
    new = new_side(prepared, matcher.index.columns)
    if new is None:
        return 0, 0
    bound = matcher.single_bound
    upper = bound.upper(new, floats, ints)
    hopeless = bound.hopeless(new, floats, ints)
    places = _places_apart(new.masks, ints)
    mine = matcher._place_key(prepared.anchors) << 32
    model, cutoff = matcher.model, matcher.model.cutoff_logit
    pruned = dropped = 0
    for i, seq in enumerate(seqs.tolist()):
        entry = matcher.index.entries[seq]
        _check_row(matcher, entry, seq, floats[i], ints[i])
        if places[i]:
            assert places_conflict(prepared.anchors, entry.anchors)
        if not ints[i, cols.ALONE]:
            assert not hopeless[i]
            continue
        values = cheap_features(prepared, matcher._judge(prepared, mine, [entry]))
        assert upper[i] >= model.bound(values) - 1e-9, (doc.doc_id, entry.doc_id, values)
        if model.below(values, cutoff):
            pruned += 1
            dropped += bool(hopeless[i])
        else:
            assert not hopeless[i], (doc.doc_id, entry.doc_id, values)
    return pruned, dropped


def _check_events(matcher: Matcher, doc: MatchDoc) -> tuple[int, int]:
    """For each candidate event of several members of `doc`: its bound is at least `LinkModel.bound` of its
    features, and it is dropped only if `_assess` prunes it. Returns how many such events the plain computation
    prunes against the cutoff, and how many of those the bound drops."""
    prepared = matcher._prepare(doc)
    new = new_side(prepared, matcher.index.columns)
    if new is None:
        return 0, 0
    query = build_query(prepared, matcher.index.stats)
    event_ids = sorted({e.event_id for e in matcher._found(prepared, query, new)})
    events = matcher.index.events
    several = [event_id for event_id in event_ids if len(events[event_id]) > 1]
    if not several:
        return 0, 0
    members = matcher._members(several, prepared.ts)
    starts = np.cumsum([0, *(len(events[event_id]) for event_id in several)])
    floats, ints = matcher.index.columns.rows(np.array([seq for event_id in several for seq in events[event_id]]))
    window = matcher.config.window_hours * 3600.0
    upper = matcher.event_bound.upper(new, floats, ints, starts, window, MAX_MEMBERS)
    hopeless = matcher.event_bound.hopeless(new, floats, ints, starts, window, MAX_MEMBERS)
    mine = matcher._place_key(prepared.anchors) << 32
    model, cutoff = matcher.model, matcher.model.cutoff_logit
    pruned = dropped = 0
    for i, seqs in enumerate(members.values()):
        judged = matcher._judge(prepared, mine, [matcher.index.entries[seq] for seq in seqs])
        values = cheap_features(prepared, judged)
        assert upper[i] >= model.bound(values) - 1e-9, (doc.doc_id, [j.conflict for j in judged], values)
        if model.below(values, cutoff):
            pruned += 1
            dropped += bool(hopeless[i])
        else:
            assert not hopeless[i], (doc.doc_id, values)
    return pruned, dropped


@pytest.mark.parametrize("name", sorted(STREAMS))
def test_events_of_several_members_are_bounded_as_a_whole(name: str) -> None:
    docs, regions = STREAMS[name]
    config = MatchConfig(window_hours=24.0) if name == "synthetic" else MatchConfig()
    matcher = Matcher(config, regions)
    pruned = dropped = 0
    for doc in docs:
        p, d = _check_events(matcher, doc)
        pruned, dropped = pruned + p, dropped + d
        matcher.add(doc)
    if name == "synthetic":
        assert dropped > 0.8 * pruned > 1000, (dropped, pruned)


@pytest.mark.parametrize("name", sorted(STREAMS))
def test_prefilter_bounds_every_candidate_and_changes_no_link(name: str) -> None:
    docs, regions = STREAMS[name]
    config = MatchConfig(window_hours=24.0) if name == "synthetic" else MatchConfig()
    fast, plain = Matcher(config, regions), Matcher(config, regions)
    plain.prefilter = False
    pruned = dropped = 0
    for doc in docs:
        p, d = _check_candidates(fast, doc)
        pruned, dropped = pruned + p, dropped + d
        assert fast.add(doc) == plain.add(doc)
    if name == "synthetic":
        # Not a vacuous bound: most of what the cutoff prunes is dropped at once.
        assert dropped > 0.8 * pruned > 1000, (dropped, pruned)


def test_rows_follow_documents_dropped_from_memory() -> None:
    """Rows of dropped documents are let go (`DocColumns.drop_before`) and the others still found by sequence."""
    matcher = Matcher(MatchConfig(window_hours=6.0))
    for doc in synthetic(3000, START, timedelta(days=3), seed=3, prefix="r"):
        matcher.add(doc)
    index, columns = matcher.index, matcher.index.columns
    assert columns.base > 0
    assert columns.size < 2 * len(index.entries)
    live = np.array(sorted(index.entries), dtype=np.int64)
    floats, ints = columns.rows(live)
    for i, seq in enumerate(live.tolist()):
        _check_row(matcher, index.entries[seq], seq, floats[i], ints[i])


def test_a_member_is_alone_again_when_the_others_are_dropped() -> None:
    matcher = Matcher(MatchConfig(window_hours=6.0))
    first, second, later = synthetic(3, START, timedelta(hours=13), seed=4, prefix="a")
    matcher.restore(replace(first, at=START), "ev-x")
    matcher.restore(replace(second, at=START + timedelta(hours=2)), "ev-x")
    columns, index = matcher.index.columns, matcher.index
    assert columns.rows(np.array([0, 1]))[1][:, cols.ALONE].tolist() == [0, 0]
    matcher.restore(replace(later, at=START + timedelta(hours=13)), "ev-y")  # 12 hours after the first: dropped
    assert sorted(index.entries) == [1, 2]
    floats, ints = columns.rows(np.array([1, 2]))
    for i, seq in enumerate((1, 2)):
        _check_row(matcher, index.entries[seq], seq, floats[i], ints[i])
    assert ints[:, cols.ALONE].tolist() == [1, 1]
