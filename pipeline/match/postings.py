"""Postings and candidate retrieval's vote count, compiled (numba).

Each term's postings (the sequence numbers of the documents holding it, increasing) lie in one shared pool, a
stretch per term with room to grow; a stretch that fills is moved to the end of the pool with twice the room, and
`compact` packs the pool again without the postings of dropped documents. Retrieval is one compiled call: for each
query term, the newest postings since the window's start are found by bisection, every document in them gets the
term's IDF as a vote, and the `keep` with the most votes are the candidates. As Python (a dict of arrays, a slice of
each copied out, numpy passes to pick the top) this was the largest single cost of linking a document.
"""

from __future__ import annotations

import numpy as np
from numba import njit

_FIRST_POOL = 1 << 16
_FIRST_TERMS = 4096
_FIRST_ROOM = 4  # postings a term gets room for when it is first posted


class Postings:
    """The postings of every term, and the scratch space of the vote count (a vote per document of the window, zero
    between calls)."""

    def __init__(self) -> None:
        self._pool = np.empty(_FIRST_POOL, dtype=np.int32)
        self._used = 0
        self._start = np.zeros(_FIRST_TERMS, dtype=np.int64)
        self._length = np.zeros(_FIRST_TERMS, dtype=np.int64)
        self._room = np.zeros(_FIRST_TERMS, dtype=np.int64)
        self._votes = np.zeros(1024, dtype=np.float64)
        self._first_live = 0  # as `compact` was last told
        _compile()

    def add(self, term_ids: np.ndarray, seq: int) -> None:
        """Post document `seq` (newer than every document posted so far) under each of `term_ids` (distinct)."""
        if len(term_ids) and int(term_ids.max()) >= len(self._start):
            self._grow_terms(int(term_ids.max()) + 1)
        while True:
            used = append_postings(self._pool, self._used, self._start, self._length, self._room, term_ids, seq)
            if used >= 0:
                self._used = used
                return
            if 2 * self.held() < self._used:  # half the pool is room left behind by moved stretches: pack it
                self.compact(self._first_live)
            else:  # in place where the allocator can (a large block is remapped, not copied: no second copy held)
                self._pool.resize(2 * len(self._pool), refcheck=False)

    def top(
        self, term_ids: np.ndarray, weights: np.ndarray, lo: int, end: int, max_postings: int, keep: int
    ) -> np.ndarray:
        """The `keep` documents in [`lo`, `end`) with the most votes, in increasing order; ties: the newest first.

        Each of `term_ids`, in order, gives its weight (in `weights`) to each of its newest `max_postings` documents
        from `lo` on (a weight of zero or less votes for nothing)."""
        span = end - lo
        if span > len(self._votes):
            self._votes = np.zeros(max(span, 2 * len(self._votes)), dtype=np.float64)
        return most_voted(
            self._pool, self._start, self._length, term_ids, weights, lo, max_postings, keep, self._votes
        )

    def compact(self, first_live: int) -> None:
        """Let go of the postings of documents numbered below `first_live`, and of the room moved stretches left (in
        place: the pool keeps its size, what is freed is room for stretches to move to)."""
        self._first_live = first_live
        self._used = pack(self._pool, self._start, self._length, self._room, first_live)

    def held(self) -> int:
        """Postings held, of live and dropped documents alike."""
        return int(self._length.sum())

    def _grow_terms(self, needed: int) -> None:
        size = max(needed, 2 * len(self._start))
        for name in ("_start", "_length", "_room"):
            old = getattr(self, name)
            new = np.zeros(size, dtype=np.int64)
            new[: len(old)] = old
            setattr(self, name, new)


def _compile() -> None:
    """Compile the functions below (or load them from numba's cache) now, not in the first document's time."""
    pool, zeros = np.zeros(_FIRST_ROOM, dtype=np.int32), np.zeros(1, dtype=np.int64)
    append_postings(pool, 0, zeros.copy(), zeros.copy(), zeros.copy(), np.zeros(1, dtype=np.int32), 0)
    most_voted(pool, zeros, zeros, zeros, np.ones(1), 0, 1, 1, np.zeros(1))
    pack(pool, zeros.copy(), zeros.copy(), zeros.copy(), 0)


@njit(cache=True, nogil=True)
def append_postings(
    pool: np.ndarray, used: int, start: np.ndarray, length: np.ndarray, room: np.ndarray, term_ids: np.ndarray,
    seq: int,
) -> int:  # pragma: no cover - compiled; `Postings.add` documents it
    """The pool's new end, or -1 (nothing changed) when the pool has not the room."""
    needed = 0
    for tid in term_ids:
        if length[tid] == room[tid]:
            needed += max(_FIRST_ROOM, 2 * room[tid])
    if used + needed > len(pool):
        return -1
    for tid in term_ids:
        n = length[tid]
        if n == room[tid]:
            moved = max(_FIRST_ROOM, 2 * n)
            pool[used : used + n] = pool[start[tid] : start[tid] + n]
            start[tid] = used
            room[tid] = moved
            used += moved
        pool[start[tid] + n] = seq
        length[tid] = n + 1
    return used


@njit(cache=True, nogil=True)
def pack(
    pool: np.ndarray, start: np.ndarray, length: np.ndarray, room: np.ndarray, first_live: int
) -> int:  # pragma: no cover - compiled; `Postings.compact` documents it
    """Move each term's postings of live documents to the left, stretch after stretch in the pool's order, each
    with no room to spare; the end of what is used. A stretch never moves right, so nothing is overwritten unread."""
    used = 0
    for tid in np.argsort(start, kind="mergesort"):
        s, n = start[tid], length[tid]
        cut = np.searchsorted(pool[s : s + n], first_live)
        kept = n - cut
        for i in range(kept):
            pool[used + i] = pool[s + cut + i]
        start[tid] = used if kept else 0
        length[tid] = room[tid] = kept
        used += kept
    return used


@njit(cache=True, nogil=True)
def most_voted(
    pool: np.ndarray, start: np.ndarray, length: np.ndarray, term_ids: np.ndarray, weights: np.ndarray, lo: int,
    max_postings: int, keep: int, votes: np.ndarray,
) -> np.ndarray:  # pragma: no cover - compiled; `Postings.top` documents it
    first = np.zeros(len(term_ids), dtype=np.int64)
    last = np.zeros(len(term_ids), dtype=np.int64)
    for run in range(len(term_ids)):
        tid = term_ids[run]
        if tid >= len(start) or weights[run] <= 0.0:
            continue
        s, n = start[tid], length[tid]
        first[run] = max(s + np.searchsorted(pool[s : s + n], lo), s + n - max_postings)
        last[run] = s + n
        weight = weights[run]
        for i in range(first[run], last[run]):
            votes[pool[i] - lo] += weight  # in run order: the same sums, to the bit, as a bincount over the runs
    # The top `keep` by (vote, slot), in a min-heap: the root is the least of them, the next to be displaced. Each
    # document is taken at its first posting and its vote set back to zero, so later postings of it are passed over
    # (counting and selecting in one pass, with a branch on every vote, took twice as long).
    heap_votes = np.empty(keep, dtype=np.float64)
    heap_slots = np.empty(keep, dtype=np.int64)
    filled = 0
    for run in range(len(term_ids)):
        for i in range(first[run], last[run]):
            slot = pool[i] - lo
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
