"""Keeping a matcher's restored history out of the garbage collector's full passes.

A matcher holding a 1,000,000-document history keeps about 1.7 million tracked objects (its window's documents,
their anchors and arrays). None of them form reference cycles, so reference counting frees each one when the window
lets it go; yet every full pass of Python's cyclic collector walks all of them: about 1.3 s a pass, 22 passes while
such a history is restored, and one every few ten thousand documents linked after. Objects made before
`gc.freeze` are left out of those passes until `gc.unfreeze`; objects made later are collected as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

FREEZE_EVERY = 20_000  # documents restored between two freezes


@contextmanager
def history_kept_out_of_gc() -> Iterator[HistoryFreezer]:
    """Within: what exists now, and what `HistoryFreezer.restored` is told of, is left out of full collections;
    on leaving, everything is collected as usual again (also on an error)."""
    freezer = HistoryFreezer()
    gc.freeze()
    try:
        yield freezer
    finally:
        gc.unfreeze()


class HistoryFreezer:
    """Counts documents restored and freezes what exists every `FREEZE_EVERY` of them."""

    def __init__(self) -> None:
        self._restored = 0

    def restored(self) -> None:
        self._restored += 1
        if self._restored % FREEZE_EVERY == 0:
            gc.freeze()

    def settled(self) -> None:
        """The history is in place: freeze what it made."""
        gc.freeze()
