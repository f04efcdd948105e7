"""Candidate events dropped before they are compared: most candidates of a new document are events of one member
in memory whose decision cannot reach the model's cutoff whatever their texts (another place, days apart). For all
of them at once, over the columns of their members (`pipeline.match.columns`), an upper bound on the logit is
computed: `LinkModel.bound` of their features without text comparison, each feature taken exactly where the
columns tell it (place conflict, source, time apart) and at its most favourable value where they only narrow it
down (shared figures or cut-offs through masks, conflicts beyond places, a series through new figures). A
candidate is dropped only when that bound is below the cutoff by more than rounding: `Matcher._assess` would have
pruned it against any floor, so the links are those of judging every candidate.

Events of several members in memory get the same kind of bound over all their members in the window at once
(`EventBound`): shares of members are counted where the columns tell them (same source, sure conflicts), sets are
joined through their masks (figures, cut-offs), the nearest member gives the hours, and the conflict kinds take the
most favourable assignment the members allow.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numba import njit

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
        self.coef = np.array([
            self.base, self.place, self.some_conflict, self.any_conflict, self.same_source, self.figures, self.cutoff,
            self.single, self.series, _LOG_SCALE,
        ])

    def upper(self, new: NewSide, floats: np.ndarray, ints: np.ndarray) -> np.ndarray:
        """Per candidate (its member's rows): the bound on its logit, assuming it is its event's only member."""
        return _upper(floats, ints, new.ts, new.span, _mine(new), self.coef, _LAYOUT)

    def hopeless(self, new: NewSide, floats: np.ndarray, ints: np.ndarray) -> np.ndarray:
        """Candidates alone in their event whose bound is below the cutoff: `Matcher._assess` would prune them."""
        return (ints[:, ALONE] != 0) & (self.upper(new, floats, ints) < self.floor)


def _mine(new: NewSide) -> np.ndarray:
    m = new.masks
    return np.array([
        m.key, m.keys, m.figures, m.title, m.lead, m.cutoff, m.subject, m.within, m.place_flags, new.source,
        new.recurring,
    ], dtype=np.int64)


# `_mine`'s entries, `SingleBound.coef`'s and `_LAYOUT`'s. The kernels take the columns' layout and the hours'
# scale as arguments: a kernel loaded from numba's cache keeps the module globals it was compiled with, and the
# cache is renewed only when this file changes, not `columns.py` or `features.py`.
_KEY, _KEYS, _FIGURES, _TITLE, _LEAD, _CUTOFF, _SUBJECT, _WITHIN, _FLAGS, _SOURCE, _RECURRING = range(11)
_BASE, _PLACE, _SOME, _ANY, _SAME_SOURCE, _SHARED_FIGURES, _SHARED_CUTOFF, _SINGLE, _SERIES, _LOG_HOURS = range(10)
_LAYOUT = np.array([
    SUBJECT, WITHIN, PLACE_FLAGS, SOURCE, KEY_MASK, KEYS, CUTOFF_MASK, TITLE_MASK, FIGURE_MASK, RECURRING, TS, SPAN,
    FALLBACK, NATIONAL_ONLY,
], dtype=np.int64)
(_C_SUBJECT, _C_WITHIN, _C_FLAGS, _C_SOURCE, _C_KEY_MASK, _C_KEYS, _C_CUTOFF, _C_TITLE, _C_FIGURES, _C_RECURRING, _C_TS,
 _C_SPAN, _C_FALLBACK, _C_NATIONAL_ONLY) = range(14)


def _places_apart(mine: Masks, ints: np.ndarray) -> np.ndarray:
    """Where `decision.places_conflict` surely holds, per row of `ints`."""
    return np.array([_apart(row, mine.subject, mine.within, mine.place_flags, _LAYOUT) for row in ints], dtype=bool)


@njit(cache=True, nogil=True)
def _apart(
    row: np.ndarray, subject: int, within: int, flags: int, layout: np.ndarray
) -> bool:  # pragma: no cover - compiled
    """No region of either subject holds one of the other's."""
    if subject == 0:
        return False
    theirs = row[layout[_C_SUBJECT]]
    apart = theirs != 0 and (theirs & within) == 0 and (row[layout[_C_WITHIN]] & subject) == 0
    # A source's own region does not conflict with a national subject, nor a national one with it.
    fallback, national_only, their_flags = layout[_C_FALLBACK], layout[_C_NATIONAL_ONLY], row[layout[_C_FLAGS]]
    if flags & fallback:
        apart = apart and (their_flags & national_only) == 0
    if flags & national_only:
        apart = apart and (their_flags & fallback) == 0
    return apart


@njit(cache=True, nogil=True)
def _upper(
    floats: np.ndarray, ints: np.ndarray, ts: float, span: float, mine: np.ndarray, coef: np.ndarray,
    layout: np.ndarray,
) -> np.ndarray:  # pragma: no cover - compiled; `SingleBound.upper` documents it
    out = np.empty(len(ints), dtype=np.float64)
    for i in range(len(ints)):
        row = ints[i]
        total = _conflicts(row, mine, coef, layout)
        total += coef[_BASE]
        if row[layout[_C_SOURCE]] == mine[_SOURCE]:
            total += coef[_SAME_SOURCE]
        shared_key = (row[layout[_C_KEY_MASK]] & mine[_KEY]) != 0
        shared_cutoff = (row[layout[_C_CUTOFF]] & mine[_CUTOFF]) != 0
        total += _anchors_upper(shared_key, row[layout[_C_KEYS]], shared_cutoff, mine, coef)
        apart = _seconds_apart(floats[i, layout[_C_TS]], floats[i, layout[_C_SPAN]], ts, span)
        total += _hours_upper(apart, row[layout[_C_RECURRING]] != 0, row[layout[_C_FIGURES]], mine, coef)
        out[i] = total
    return out


@njit(cache=True, nogil=True)
def _conflicts(
    row: np.ndarray, mine: np.ndarray, coef: np.ndarray, layout: np.ndarray
) -> float:  # pragma: no cover - compiled
    """The conflict features' part: a place conflict where it is sure, a conflict of some kind where the
    headline figures surely differ (`decision.conflict_beyond_places`), else perhaps none."""
    if _apart(row, mine[_SUBJECT], mine[_WITHIN], mine[_FLAGS], layout):
        return coef[_PLACE]
    if mine[_TITLE] == 0:
        return coef[_ANY]
    return coef[_SOME] if _headline_differs(row, mine, layout) else coef[_ANY]


@njit(cache=True, nogil=True)
def _headline_differs(row: np.ndarray, mine: np.ndarray, layout: np.ndarray) -> bool:  # pragma: no cover - compiled
    """The headline figures surely differ (the new title's figures are given): the member has a conflict of some
    kind."""
    title = row[layout[_C_TITLE]]
    return (
        title != 0
        and (title & mine[_FIGURES]) == 0
        and (row[layout[_C_FIGURES]] & mine[_TITLE]) == 0
        and (row[layout[_C_CUTOFF]] & mine[_CUTOFF]) == 0  # no shared cut-off, which would name the same report
    )


@njit(cache=True, nogil=True)
def _anchors_upper(
    shared_key: bool, keys: int, shared_cutoff: bool, mine: np.ndarray, coef: np.ndarray
) -> float:  # pragma: no cover - compiled
    """The shared figures' and cut-off's part. `figures` is min(2, shared distinctive figures) / 2: none shared when
    no mask bit is, and at most as many as the fewer side has (`keys`: the candidate side's, where bits are shared)."""
    total = 0.0
    if shared_key:
        total += max(min(min(keys, mine[_KEYS]), 2) * (0.5 * coef[_SHARED_FIGURES]), 0.0)
    if shared_cutoff:
        total += coef[_SHARED_CUTOFF]
    return total


@njit(cache=True, nogil=True)
def _seconds_apart(their_ts: float, their_span: float, ts: float, span: float) -> float:  # pragma: no cover
    """`features.seconds_apart`; -1 when the candidate has no time."""
    if math.isnan(their_ts):
        return -1.0
    return max(max(their_ts - (ts + span), ts - (their_ts + their_span)), 0.0)


@njit(cache=True, nogil=True)
def _hours_upper(
    nearest: float, recurring: bool, figures: int, mine: np.ndarray, coef: np.ndarray
) -> float:  # pragma: no cover - compiled
    """The hours to the nearest member (`nearest` < 0: none has a time, midway), in the series column or the single
    one (`features.cheap_features`): the series if either side is recurring or the new lead's figures are surely not
    all the members' (`figures`, their mask), the more favourable one when they may all be, else the single."""
    hours = 0.5 if nearest < 0.0 else min(math.log1p(nearest / 3600.0) / coef[_LOG_HOURS], 1.0)
    series, single = coef[_SERIES] * hours, coef[_SINGLE] * hours
    if mine[_RECURRING] or recurring:
        return series
    lead = mine[_LEAD]
    if lead == 0 or figures == 0:
        return single
    if (~figures & lead) != 0:
        return series
    return max(series, single)


class EventBound:
    """`LinkModel.bound` of the features without text comparison of candidate events of several members, each over
    the members `Matcher._candidate_events` judges: those within `window` seconds of the new document, the latest
    `most` of them; from the rows of all its members in memory, in sequence order."""

    def __init__(self, model: LinkModel, single: SingleBound) -> None:
        weights = dict(zip(model.names, model.coef, strict=True))
        kinds = sorted(set(CONFLICT_FEATURES.values()))
        self.single = single
        self.share = weights.get("conflict_share", 0.0)
        self.same_source = weights.get("same_source", 0.0)
        # The conflict kinds' weights from the most favourable down: all of them, and all but the place's.
        self.place = weights.get("c_place", 0.0)
        self.every = np.array(sorted((weights.get(name, 0.0) for name in kinds), reverse=True))
        self.others = np.array(sorted((weights.get(name, 0.0) for name in kinds if name != "c_place"), reverse=True))
        self.coef = np.array([self.share, self.same_source, self.place])

    def upper(
        self, new: NewSide, floats: np.ndarray, ints: np.ndarray, starts: np.ndarray, window: float, most: int
    ) -> np.ndarray:
        """Per event (its members' rows from `starts[e]` to `starts[e + 1]`): the bound on its logit."""
        return _event_upper(floats, ints, starts, new.ts, new.span, window, most, _mine(new), self.single.coef,
                            self.coef, self.every, self.others, _LAYOUT)

    def hopeless(
        self, new: NewSide, floats: np.ndarray, ints: np.ndarray, starts: np.ndarray, window: float, most: int
    ) -> np.ndarray:
        """Events whose bound is below the cutoff: `Matcher._assess` would prune them."""
        return self.upper(new, floats, ints, starts, window, most) < self.single.floor


@njit(cache=True, nogil=True)
def _event_upper(
    floats: np.ndarray, ints: np.ndarray, starts: np.ndarray, ts: float, span: float, window: float, most: int,
    mine: np.ndarray, coef: np.ndarray, event_coef: np.ndarray, every: np.ndarray, others: np.ndarray,
    layout: np.ndarray,
) -> np.ndarray:  # pragma: no cover - compiled; `EventBound.upper` documents it
    out = np.empty(len(starts) - 1, dtype=np.float64)
    for e in range(len(starts) - 1):
        n = placed = sure = same = keys = 0
        shared_key = shared_cutoff = recurring = False
        figures = 0
        nearest = -1.0
        for i in range(starts[e + 1] - 1, starts[e] - 1, -1):
            their_ts = floats[i, layout[_C_TS]]
            if n == most or (not math.isnan(their_ts) and abs(ts - their_ts) > window):
                continue
            n += 1
            row = ints[i]
            if _apart(row, mine[_SUBJECT], mine[_WITHIN], mine[_FLAGS], layout):
                placed += 1
            elif mine[_TITLE] != 0 and _headline_differs(row, mine, layout):
                sure += 1
            if row[layout[_C_SOURCE]] == mine[_SOURCE]:
                same += 1
            if (row[layout[_C_KEY_MASK]] & mine[_KEY]) != 0:
                shared_key = True
                keys += row[layout[_C_KEYS]]
            shared_cutoff = shared_cutoff or (row[layout[_C_CUTOFF]] & mine[_CUTOFF]) != 0
            recurring = recurring or row[layout[_C_RECURRING]] != 0
            figures |= row[layout[_C_FIGURES]]
            apart = _seconds_apart(their_ts, floats[i, layout[_C_SPAN]], ts, span)
            if apart >= 0.0:
                nearest = apart if nearest < 0.0 else min(nearest, apart)
        kinds = _kinds_upper(n, placed, sure, event_coef[0], event_coef[2], every, others)
        total = coef[_BASE] + kinds + event_coef[1] * same / n
        total += _anchors_upper(shared_key, keys, shared_cutoff, mine, coef)
        total += _hours_upper(nearest, recurring, figures, mine, coef)
        out[e] = total
    return out


@njit(cache=True, nogil=True)
def _kinds_upper(
    n: int, placed: int, sure: int, share: float, place: float, every: np.ndarray, others: np.ndarray
) -> float:  # pragma: no cover - compiled
    """The conflict features' part of an event of `n` members, `placed` of them surely in another place and `sure`
    surely in conflict of an unknown kind: each member has at most one kind, a kind counts once, a member in
    conflict adds to the share. Kinds go to the sure members first (their share is counted already), then to the
    others while a kind gains more than the share it costs."""
    unknown = n - placed - sure
    if share >= 0.0:
        total, cost = share, 0.0
    else:
        total, cost = share * (placed + sure) / n, share / n
    if placed > 0:
        total += place
    free = others if placed > 0 else every
    for picked, w in enumerate(free):
        if picked < sure and (w > 0.0 or (picked == 0 and placed == 0)):
            total += w  # a sure conflict has some kind: the least unfavourable one if none favours
        elif sure <= picked < sure + unknown and w + cost > 0.0:
            total += w + cost
        else:
            break
    return total
