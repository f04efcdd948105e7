"""What the documents in memory hold that bounds a link decision, as numbers in rows by sequence number: for the
matcher to drop, in a few array operations, the candidates that cannot be linked (`pipeline.match.prefilter`)
before any of them is compared as objects.

Sets (figures, cut-offs, subject places) are held as 63-bit masks, a bit per element: two sets whose masks share
no bit share no element; sharing a bit says only that they may.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from pipeline.match.evidence import Anchors
from pipeline.match.gazetteer import NATIONAL, Region
from pipeline.match.periods import Endpoint

_BITS = 63
# Float columns
TS, SPAN = 0, 1
# Int columns
SOURCE, RECURRING, ALONE, KEY_MASK, KEYS, FIGURE_MASK, TITLE_MASK, CUTOFF_MASK, SUBJECT, WITHIN, PLACE_FLAGS = range(11)
_FLOATS, _INTS = 2, 11
# PLACE_FLAGS
FALLBACK, NATIONAL_ONLY = 1, 2
_FIRST_CAPACITY = 1024


def figure_mask(figures: Iterable[str]) -> int:
    mask = 0
    for figure in figures:
        mask |= 1 << (zlib.crc32(figure.encode()) % _BITS)
    return mask


def cutoff_mask(endpoints: Iterable[Endpoint]) -> int:
    """The endpoints `pipeline.match.decision.shared_cutoff` can match on: a known month and hour."""
    mask = 0
    for endpoint in endpoints:
        if endpoint[0] and endpoint[2] >= 0:
            mask |= 1 << (hash(endpoint) % _BITS)  # a tuple of ints: the same hash in every process
    return mask


def _bit(region: Region) -> int:
    return 1 << (zlib.crc32("/".join(region).encode()) % _BITS)


@lru_cache(maxsize=1 << 14)
def subject_masks(subject: tuple[Region, ...]) -> tuple[int, int]:
    """The mask of the subject's regions, and of the regions holding them (themselves included): a region of one
    subject and one of another are `gazetteer.compatible` only if one is among those holding the other."""
    regions = within = 0
    for region in subject:
        regions |= _bit(region)
        for n in range(1, len(region) + 1):
            within |= _bit(region[:n])
    return regions, within


class Masks(NamedTuple):
    key: int  # of the distinctive figures
    keys: int  # how many distinctive figures
    figures: int  # of all figures
    title: int  # of the figures in the title
    lead: int  # of the figures in the title and lead
    cutoff: int
    subject: int
    within: int  # of the regions holding the subject's
    place_flags: int


def masks(anchors: Anchors) -> Masks:
    subject, within = subject_masks(anchors.subject)
    flags = (FALLBACK if anchors.subject_is_fallback else 0) | (NATIONAL_ONLY if anchors.subject == (NATIONAL,) else 0)
    return Masks(
        figure_mask(anchors.key_figures),
        len(anchors.key_figures),
        figure_mask(anchors.figures),
        figure_mask(anchors.title_figures),
        figure_mask(anchors.lead_figures),
        cutoff_mask(anchors.endpoints),
        subject,
        within,
        flags,
    )


class DocColumns:
    """Rows by sequence number, from `base` on."""

    def __init__(self) -> None:
        self.floats = np.empty((_FIRST_CAPACITY, _FLOATS))
        self.ints = np.empty((_FIRST_CAPACITY, _INTS), dtype=np.int64)
        self.base = 0
        self.size = 0  # rows in use
        self.sources: dict[str, int] = {}

    def source(self, source_id: str) -> int:
        """A number per source; -1 for one that no document in memory has had."""
        return self.sources.get(source_id, -1)

    def append(self, seq: int, ts: float | None, span: float, source_id: str, recurring: bool, anchors: Anchors) -> None:
        if seq != self.base + self.size:
            raise ValueError(f"row {seq} after {self.base + self.size - 1}")
        if self.size == len(self.ints):
            self._grow()
        m = masks(anchors)
        source = self.sources.setdefault(source_id, len(self.sources))
        self.floats[self.size] = (math.nan if ts is None else ts, span)
        self.ints[self.size] = (
            source, recurring, True, m.key, m.keys, m.figures, m.title, m.cutoff, m.subject, m.within, m.place_flags
        )
        self.size += 1

    def set_alone(self, seq: int, alone: bool) -> None:
        """Whether the document is the only one of its event in memory."""
        self.ints[seq - self.base, ALONE] = alone

    def drop_before(self, seq: int) -> None:
        """Rows before `seq` are no longer read; their space is taken back once they are a fifth of the rows."""
        dead = seq - self.base
        if dead > _FIRST_CAPACITY and 4 * dead > self.size - dead:
            live = self.size - dead
            self.floats[:live] = self.floats[dead : self.size]
            self.ints[:live] = self.ints[dead : self.size]
            self.base, self.size = seq, live

    def rows(self, seqs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The float and int rows of `seqs` (live sequence numbers)."""
        at = seqs - self.base
        return np.take(self.floats, at, axis=0), np.take(self.ints, at, axis=0)

    def _grow(self) -> None:
        capacity = 2 * len(self.ints)
        floats = np.empty((capacity, _FLOATS))
        ints = np.empty((capacity, _INTS), dtype=np.int64)
        floats[: self.size] = self.floats[: self.size]
        ints[: self.size] = self.ints[: self.size]
        self.floats, self.ints = floats, ints
