"""The compiled vote count (`pipeline.match.voting`) picks what a plain numpy count and sort picks: the `keep`
sequence numbers with the most votes, ties to the newest, in increasing order; its scratch space is clean after."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.match.voting import VoteCounter


def _reference(runs: list[np.ndarray], weights: list[float], lo: int, keep: int) -> np.ndarray:
    votes: dict[int, float] = {}
    for run, weight in zip(runs, weights, strict=True):
        if weight <= 0.0:
            continue
        for seq in run.tolist():
            votes[seq] = votes.get(seq, 0.0) + weight
    ranked = sorted(votes, key=lambda seq: (votes[seq], seq), reverse=True)
    return np.array(sorted(ranked[:keep]), dtype=np.int64)


def _runs(rng: np.random.Generator, lo: int, end: int, n_runs: int, size: int) -> list[np.ndarray]:
    return [np.sort(rng.choice(np.arange(lo, end), size=size, replace=False)).astype(np.int32) for _ in range(n_runs)]


@pytest.mark.parametrize("seed", range(6))
def test_the_top_equals_a_full_count_and_sort(seed: int) -> None:
    rng = np.random.default_rng(seed)
    lo, end = 1000 + seed * 37, 3000 + seed * 37
    runs = _runs(rng, lo, end, n_runs=int(rng.integers(1, 17)), size=int(rng.integers(1, 400)))
    # Few distinct weights, some repeated, one zero: many tied votes, and a run that votes for nothing.
    weights = [float(w) for w in rng.choice([0.0, 1.5, 2.25, 3.0, 4.5], size=len(runs))]
    counter = VoteCounter()
    for keep in (1, 7, 50, 5000):
        got = counter.top(np.concatenate(runs), np.array([len(r) for r in runs]), np.array(weights), lo, end, keep)
        assert got.tolist() == _reference(runs, weights, lo, keep).tolist()
    assert not counter._votes.any(), "every vote is reset for the next document"


def test_ties_go_to_the_newest_documents() -> None:
    runs = [np.array([10, 11, 12, 13], dtype=np.int32), np.array([11, 20, 21], dtype=np.int32)]
    got = VoteCounter().top(np.concatenate(runs), np.array([4, 3]), np.array([1.0, 1.0]), 10, 22, 3)
    assert got.tolist() == [11, 20, 21]  # 11 has two votes; of the rest, the newest two


def test_the_scratch_grows_with_the_window() -> None:
    counter = VoteCounter()
    runs = [np.arange(5, 5000, 3, dtype=np.int32), np.arange(5, 5000, 7, dtype=np.int32)]
    got = counter.top(np.concatenate(runs), np.array([len(r) for r in runs]), np.array([2.0, 1.0]), 5, 5000, 4)
    assert got.tolist() == _reference(runs, [2.0, 1.0], 5, 4).tolist()
    assert len(counter._votes) >= 4995
