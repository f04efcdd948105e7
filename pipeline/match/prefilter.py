"""Candidate events dropped before they are compared: most candidates of a new document are events of one member
in memory whose decision cannot reach the model's cutoff whatever their texts (another place, days apart). For all
of them at once, over the columns of their members (`pipeline.match.columns`), an upper bound on the logit is
computed: `LinkModel.bound` of their features without text comparison, each feature taken exactly where the
columns tell it (place conflict, source, time apart) and at its most favourable value where they only narrow it
down (shared figures or cut-offs through masks, conflicts beyond places, a series through new figures). A
candidate is dropped only when that bound is below the cutoff by more than rounding: `Matcher._assess` would have
pruned it against any floor, so the links are those of judging every candidate.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from pipeline.match.columns import (
    ALONE,
    CUTOFF_MASK,
    FALLBACK,
    FIGURE_MASK,
    KEY_MASK,
    KEYS,
    NATIONAL_ONLY,
    PLACE_FLAGS,
    RECURRING,
    SOURCE,
    SPAN,
    SUBJECT,
    TITLE_MASK,
    TS,
    WITHIN,
    DocColumns,
    Masks,
    masks,
)
from pipeline.match.features import CONFLICT_FEATURES, FEATURES, HOURS_SCALE, TEXT_FEATURES
from pipeline.match.index import Prepared
from pipeline.match.learned import LinkModel

# Far above the rounding of the sums (a few dozen terms in [-4, 4]), far below any margin that matters.
MARGIN = 1e-6
CHEAP_FEATURES = tuple(name for name in FEATURES if name not in TEXT_FEATURES)
_LOG_SCALE = math.log1p(HOURS_SCALE)


class NewSide(NamedTuple):
    """The new document's side of the bound."""

    ts: float
    span: float
    source: int  # its source's number in the columns, -1 if no document in memory has had it
    recurring: bool
    masks: Masks


def new_side(prepared: Prepared, columns: DocColumns) -> NewSide | None:
    """None for an untimed document: its candidates are all judged."""
    if prepared.ts is None:
        return None
    source = columns.source(prepared.doc.source_id)
    return NewSide(prepared.ts, prepared.span, source, prepared.recurring, masks(prepared.anchors))


class SingleBound:
    """`LinkModel.bound` of the features without text comparison of a single-member candidate event, or more."""

    def __init__(self, model: LinkModel) -> None:
        weights = dict(zip(model.names, model.coef, strict=True))

        def w(name: str) -> float:
            return weights.get(name, 0.0)

        # The text features at their best, as in `LinkModel.bound`.
        self.base = model.intercept + sum(max(x, 0.0) for name, x in weights.items() if name not in CHEAP_FEATURES)
        self.place = w("conflict_share") + w("c_place")
        # A member with evidence against it, of a kind not known: the least unfavourable kind.
        self.some_conflict = max(w("conflict_share") + w(name) for name in set(CONFLICT_FEATURES.values()))
        self.any_conflict = max(0.0, self.some_conflict)  # or none
        self.same_source = w("same_source")
        self.figures = w("figures")
        self.cutoff = max(0.0, w("cutoff"))
        self.single, self.series = w("hours_single"), w("hours_series")
        self.floor = model.cutoff_logit - MARGIN

    def upper(self, new: NewSide, floats: np.ndarray, ints: np.ndarray) -> np.ndarray:
        """Per candidate (its member's rows): the bound on its logit, assuming it is its event's only member."""
        total = self._conflicts(new.masks, ints)
        total += self.base
        total += self.same_source * (ints[:, SOURCE] == new.source)
        total += self._figures(new.masks, ints)
        total += np.where((ints[:, CUTOFF_MASK] & new.masks.cutoff) != 0, self.cutoff, 0.0)
        total += self._hours(new, floats, ints)
        return total

    def hopeless(self, new: NewSide, floats: np.ndarray, ints: np.ndarray) -> np.ndarray:
        """Candidates alone in their event whose bound is below the cutoff: `Matcher._assess` would prune them."""
        return (ints[:, ALONE] != 0) & (self.upper(new, floats, ints) < self.floor)

    def _conflicts(self, mine: Masks, ints: np.ndarray) -> np.ndarray:
        """The conflict features' part: a place conflict where it is sure, a conflict of some kind where the
        headline figures surely differ (`decision.conflict_beyond_places`), else perhaps none."""
        place = _places_apart(mine, ints)
        if not mine.title:
            return np.where(place, self.place, self.any_conflict)
        title = ints[:, TITLE_MASK]
        headline = (
            (title != 0)
            & ((title & mine.figures) == 0)
            & ((ints[:, FIGURE_MASK] & mine.title) == 0)
            & ((ints[:, CUTOFF_MASK] & mine.cutoff) == 0)  # no shared cut-off, which would name the same report
        )
        return np.where(place, self.place, np.where(headline, self.some_conflict, self.any_conflict))

    def _figures(self, mine: Masks, ints: np.ndarray) -> np.ndarray:
        """`figures` is min(2, shared distinctive figures) / 2: none shared when no mask bit is."""
        most = np.minimum(np.minimum(ints[:, KEYS], mine.keys), 2) * (0.5 * self.figures)
        return np.where((ints[:, KEY_MASK] & mine.key) != 0, np.maximum(most, 0.0), 0.0)

    def _hours(self, new: NewSide, floats: np.ndarray, ints: np.ndarray) -> np.ndarray:
        """The hours apart, in the series column or the single one (`features.cheap_features`); in the more
        favourable one when the new text's lead figures may all be the member's (then no new figures)."""
        ts, span = floats[:, TS], floats[:, SPAN]
        apart = np.maximum(np.maximum(ts - (new.ts + new.span), new.ts - (ts + span)), 0.0)
        hours = np.minimum(np.log1p(apart / 3600.0) / _LOG_SCALE, 1.0)
        hours[np.isnan(ts)] = 0.5
        series, single = self.series * hours, self.single * hours
        if new.recurring:
            return series
        recurring = ints[:, RECURRING] != 0
        lead = new.masks.lead
        if not lead:
            return np.where(recurring, series, single)
        figures = ints[:, FIGURE_MASK]
        maybe_new = figures != 0
        surely = recurring | (maybe_new & ((~figures & lead) != 0))
        return np.where(surely, series, np.where(maybe_new, np.maximum(series, single), single))


def _places_apart(mine: Masks, ints: np.ndarray) -> np.ndarray:
    """Where `decision.places_conflict` surely holds: no region of either subject holds one of the other's."""
    if not mine.subject:
        return np.zeros(len(ints), dtype=bool)
    subject, flags = ints[:, SUBJECT], ints[:, PLACE_FLAGS]
    apart = (subject != 0) & ((subject & mine.within) == 0) & ((ints[:, WITHIN] & mine.subject) == 0)
    # A source's own region does not conflict with a national subject, nor a national one with it.
    if mine.place_flags & FALLBACK:
        apart &= (flags & NATIONAL_ONLY) == 0
    if mine.place_flags & NATIONAL_ONLY:
        apart &= (flags & FALLBACK) == 0
    return apart
