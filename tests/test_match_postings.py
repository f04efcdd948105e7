"""The postings pool and its compiled vote count (`pipeline.match.postings`): the vote picks what a plain count and
sort of the same postings picks (the `keep` documents with the most votes, ties to the newest, in increasing order),
whatever stretches have been moved or packed, and its scratch space is clean after."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.match.postings import Postings


def _post(postings: Postings, docs: list[list[int]], first_seq: int = 0) -> None:
    for offset, term_ids in enumerate(docs):
        postings.add(np.array(term_ids, dtype=np.int32), first_seq + offset)


def _reference(
    docs: list[list[int]], terms: list[int], weights: list[float], lo: int, max_postings: int, keep: int
) -> list[int]:
    votes: dict[int, float] = {}
    for term, weight in zip(terms, weights, strict=True):
        holding = [seq for seq, term_ids in enumerate(docs) if term in term_ids and seq >= lo][-max_postings:]
        if weight <= 0.0:
            continue
        for seq in holding:
            votes[seq] = votes.get(seq, 0.0) + weight
    ranked = sorted(votes, key=lambda seq: (votes[seq], seq), reverse=True)
    return sorted(ranked[:keep])


def _random_docs(rng: np.random.Generator, n_docs: int, n_terms: int) -> list[list[int]]:
    return [sorted(rng.choice(n_terms, size=int(rng.integers(1, 12)), replace=False).tolist()) for _ in range(n_docs)]


@pytest.mark.parametrize("seed", range(6))
def test_the_top_equals_a_full_count_and_sort(seed: int) -> None:
    rng = np.random.default_rng(seed)
    docs = _random_docs(rng, n_docs=600, n_terms=int(rng.integers(5, 3000)))  # term ids beyond the first arrays
    postings = Postings()
    _post(postings, docs)
    terms = rng.choice(max(max(d) for d in docs) + 1, size=int(rng.integers(1, 17)), replace=False).tolist()
    # Few distinct weights, some repeated, one zero: many tied votes, and a term that votes for nothing.
    weights = [float(w) for w in rng.choice([0.0, 1.5, 2.25, 3.0, 4.5], size=len(terms))]
    for lo, max_postings, keep in ((0, 5000, 50), (137, 5000, 7), (200, 9, 50), (0, 5000, 1), (50, 5000, 5000)):
        got = postings.top(np.array(terms), np.array(weights), lo, len(docs), max_postings, keep)
        assert got.tolist() == _reference(docs, terms, weights, lo, max_postings, keep)
        assert not postings._votes.any(), "every vote is reset for the next document"


def test_ties_go_to_the_newest_documents() -> None:
    postings = Postings()
    _post(postings, [[1], [1, 2], [1], [1], [2], [2]], first_seq=10)
    got = postings.top(np.array([1, 2]), np.array([1.0, 1.0]), 10, 16, 5000, 3)
    assert got.tolist() == [11, 14, 15]  # 11 has two votes; of the rest, the newest two


def test_packing_drops_the_dropped_documents_and_keeps_the_rest() -> None:
    rng = np.random.default_rng(7)
    docs = _random_docs(rng, n_docs=2000, n_terms=300)
    postings = Postings()
    _post(postings, docs[:1500])
    before = postings.held()
    postings.compact(first_live=1000)
    assert postings.held() < before
    assert postings.held() == sum(len(d) for d in docs[1000:1500])
    _post(postings, docs[1500:], first_seq=1500)  # stretches grow and move again after packing
    terms = list(range(0, 300, 17))
    weights = [1.0 + t / 100 for t in terms]
    got = postings.top(np.array(terms), np.array(weights), 1000, 2000, 5000, 40)
    assert got.tolist() == _reference(docs, terms, weights, 1000, 5000, 40)


def test_the_scratch_grows_with_the_window() -> None:
    postings = Postings()
    docs = [[1, 2] if seq % 21 == 0 else [1] if seq % 3 == 0 else [2] if seq % 7 == 0 else [3] for seq in range(5000)]
    _post(postings, docs)
    got = postings.top(np.array([1, 2]), np.array([2.0, 1.0]), 5, 5000, 5000, 4)
    assert got.tolist() == _reference(docs, [1, 2], [2.0, 1.0], 5, 5000, 4)
    assert len(postings._votes) >= 4995


def test_the_pool_is_packed_before_it_grows() -> None:
    rng = np.random.default_rng(11)
    postings = Postings()
    for seq in range(20_000):
        postings.add(rng.choice(5_000, size=30, replace=False).astype(np.int32), seq)
        if seq % 5_000 == 4_999:
            postings.compact(first_live=seq - 3_000)  # as the index drops documents
    held = postings.held()
    assert held <= 30 * 8_000
    # Room for every stretch to double, and the pool's own room to grow: never more than a few times what is held.
    assert postings._used <= 4 * held
    assert len(postings._pool) <= 8 * held
