"""Candidate retrieval's vote count, compiled (numba): the documents in the window sharing the most IDF of a new
document's rarest terms.

Every document of every query term's postings gets the term's IDF as a vote; the `keep` with the most votes are the
candidates. In numpy this took a `bincount` over the whole window and a dozen array passes to pick the top, the
largest single cost of linking a document; compiled, it is two passes over the postings.
"""

from __future__ import annotations

import numpy as np
from numba import njit


class VoteCounter:
    """Scratch space for `most_voted`, kept between calls: a vote per document of the window, zero between calls."""

    def __init__(self) -> None:
        self._votes = np.zeros(1024, dtype=np.float64)
        # Compiled (or loaded from numba's cache) here, not in the first document's time.
        self.top(np.zeros(1, dtype=np.int32), np.ones(1, dtype=np.int64), np.ones(1), 0, 1, 1)

    def top(
        self, seqs: np.ndarray, lengths: np.ndarray, weights: np.ndarray, lo: int, end: int, keep: int
    ) -> np.ndarray:
        """The `keep` sequence numbers of `seqs` with the most votes, in increasing order; ties: the largest first.

        `seqs` holds runs of sequence numbers in [`lo`, `end`), with `lengths[r]` numbers in run `r` and each worth
        `weights[r]` votes (weights of zero or less vote for nothing)."""
        span = end - lo
        if span > len(self._votes):
            self._votes = np.zeros(max(span, 2 * len(self._votes)), dtype=np.float64)
        return most_voted(seqs, lengths, weights, lo, keep, self._votes)


@njit(cache=True, nogil=True)
def most_voted(
    seqs: np.ndarray, lengths: np.ndarray, weights: np.ndarray, lo: int, keep: int, votes: np.ndarray
) -> np.ndarray:  # pragma: no cover - compiled; `VoteCounter.top` documents it
    at = 0
    for run in range(len(lengths)):
        weight = weights[run]
        end = at + lengths[run]
        if weight > 0.0:
            for i in range(at, end):
                votes[seqs[i] - lo] += weight  # in run order: the same sums, to the bit, as a bincount over the runs
        at = end
    # The top `keep` by (vote, slot), in a min-heap: the root is the least of them, the next to be displaced. Each
    # document is taken at its first posting and its vote set back to zero, so later postings of it are passed over
    # (counting and selecting in one pass, with a branch on every vote, took twice as long).
    heap_votes = np.empty(keep, dtype=np.float64)
    heap_slots = np.empty(keep, dtype=np.int64)
    filled = 0
    for i in range(len(seqs)):
        slot = seqs[i] - lo
        vote = votes[slot]
        if vote == 0.0:
            continue
        votes[slot] = 0.0
        if filled < keep:
            _sift_up(heap_votes, heap_slots, filled, vote, slot)
            filled += 1
        elif vote > heap_votes[0] or (vote == heap_votes[0] and slot > heap_slots[0]):
            _sift_down(heap_votes, heap_slots, keep, vote, slot)
    chosen = heap_slots[:filled].copy()
    chosen.sort()
    return chosen + lo


@njit(cache=True, nogil=True, inline="always")
def _less(vote_a: float, slot_a: int, vote_b: float, slot_b: int) -> bool:  # pragma: no cover - compiled
    return vote_a < vote_b or (vote_a == vote_b and slot_a < slot_b)


@njit(cache=True, nogil=True)
def _sift_up(heap_votes: np.ndarray, heap_slots: np.ndarray, at: int, vote: float, slot: int) -> None:  # pragma: no cover
    while at > 0:
        parent = (at - 1) // 2
        if not _less(vote, slot, heap_votes[parent], heap_slots[parent]):
            break
        heap_votes[at] = heap_votes[parent]
        heap_slots[at] = heap_slots[parent]
        at = parent
    heap_votes[at] = vote
    heap_slots[at] = slot


@njit(cache=True, nogil=True)
def _sift_down(heap_votes: np.ndarray, heap_slots: np.ndarray, size: int, vote: float, slot: int) -> None:  # pragma: no cover
    """Replace the root with (`vote`, `slot`) and restore the heap."""
    at = 0
    while True:
        child = 2 * at + 1
        if child >= size:
            break
        if child + 1 < size and _less(heap_votes[child + 1], heap_slots[child + 1], heap_votes[child], heap_slots[child]):
            child += 1
        if not _less(heap_votes[child], heap_slots[child], vote, slot):
            break
        heap_votes[at] = heap_votes[child]
        heap_slots[at] = heap_slots[child]
        at = child
    heap_votes[at] = vote
    heap_slots[at] = slot
