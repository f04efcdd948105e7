"""The features of a link decision: a new document against an event as a whole (every member of it in memory and in
the time window), not only against its nearest member. All lie in [0, 1], and each can be told to an analyst:

* text: the best text similarity (max of TF-IDF cosine and weighted containment) with a member; text_min: the
  worst, so that a document that resembles one member and not the others (a chain A–B–C) is seen;
* event_containment: how much of the new title and lead the titles and leads of the event's members hold together;
* title: similarity of the titles with figures masked (新增1例 = 新增2例): recurring posts share a template;
* figures, cutoff: distinctive figures shared with the event, the same reporting cut-off to the hour;
* hours_single, hours_series: time to the nearest member (log-scaled over four days; a date-only post covers its
  whole day), in one of two columns: hours_series when the event is one occurrence of a series (a member's source
  posted the same title template on another day, `pipeline.match.recurrence`) or the new text leads with figures
  the event has not given (the next count, the next period), where a day later is the next occurrence; hours_single
  otherwise, where a one-off happening is followed up days later. The event's span is held by the date evidence
  against each member (c_date);
* same_source, repeat_other_day: the share of members from the same source; the same source posting a similar title
  on another calendar day (Beijing time), which is almost always the next occurrence of a recurring happening;
* conflict_share and c_*: the share of members with evidence against a link, and which evidence (different places,
  periods, ordinals, dates, a correction, a roundup, figures, a report against a text that states none of it, the
  same source's same title template on another day: the next occurrence).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from pipeline.match.decision import Query, event_containment, shared_cutoff, text_similarity
from pipeline.match.index import Entry, Prepared, TermStats
from pipeline.match.records import MatchConfig
from pipeline.match.recurrence import beijing_day

CONFLICT_FEATURES = {
    "place": "c_place",
    "period": "c_period",
    "ordinal": "c_ordinal",
    "date": "c_date",
    "correction": "c_correction",
    "roundup": "c_roundup",
    "headline figures": "c_figures",
    "figures": "c_figures",
    "unanchored": "c_unanchored",
    "recurrence": "c_recurrence",
}
_CONFLICT_NAMES = tuple(sorted(set(CONFLICT_FEATURES.values())))
TEXT_FEATURES = ("text", "text_min", "event_containment", "title", "repeat_other_day")
FEATURES = (
    *TEXT_FEATURES,
    "figures",
    "cutoff",
    "hours_single",
    "hours_series",
    "same_source",
    "conflict_share",
    *_CONFLICT_NAMES,
)
# An event is compared through its most recent members in the window: enough for what one event gathers in four
# days of real streams, and a bound on the work per candidate event.
MAX_MEMBERS = 24
# Hours apart are scaled by a fixed span, not by the configured window: the model reads the same feature whatever
# window a caller sets.
HOURS_SCALE = 96.0
_DIGITS_RE = re.compile(r"\d+(?:\.\d+)?")
_NOT_WORD_RE = re.compile(r"[\W_]+")


class Judged(NamedTuple):
    """A member of a candidate event and the evidence against linking to it (a conflict kind), if any."""

    entry: Entry
    conflict: str | None


@dataclass(frozen=True)
class EventEvidence:
    event_id: str
    values: dict[str, float]
    nearest: Entry  # the member most similar in text: the one shown to analysts as matched


@lru_cache(maxsize=1 << 16)
def title_grams(title: str) -> frozenset[str]:
    """Character bigrams of a title with its figures masked. (Remembered: a candidate's title is compared again with
    the next documents, the new document's with every candidate event.)"""
    clean = _NOT_WORD_RE.sub("", _DIGITS_RE.sub("0", title))
    return frozenset(clean[i : i + 2] for i in range(len(clean) - 1)) if len(clean) > 1 else frozenset({clean})


def title_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def seconds_apart(a: float, a_span: float, b: float, b_span: float) -> float:
    """Time between two publish times, each lasting its span (a date-only post covers its day): 0 if they overlap."""
    return max(0.0, b - (a + a_span), a - (b + b_span))


def _scaled_hours(seconds: float) -> float:
    return min(1.0, math.log1p(abs(seconds) / 3600.0) / math.log1p(HOURS_SCALE))


def _new_figures(lead_figures: frozenset[str], judged: Sequence[Judged]) -> bool:
    """The new text leads with figures the event has not given: a new count, the next period's numbers."""
    if not lead_figures:
        return False
    known: set[str] = set()
    for item in judged:
        known |= item.entry.anchors.figures
    return bool(known) and not lead_figures <= known


def cheap_features(prepared: Prepared, judged: Sequence[Judged]) -> dict[str, float]:
    """The features that need no text comparison, in one pass over the members."""
    anchors, ts, source = prepared.anchors, prepared.ts, prepared.doc.source_id
    values = dict.fromkeys(_CONFLICT_NAMES, 0.0)
    conflicting = same_source = 0
    cutoff = False
    figures: set[str] = set()
    nearest: float | None = None
    series = prepared.recurring
    for item in judged:
        entry = item.entry
        series = series or entry.recurring
        if item.conflict is not None:
            values[CONFLICT_FEATURES[item.conflict]] = 1.0
            conflicting += 1
        if entry.source_id == source:
            same_source += 1
        if entry.anchors.key_figures:
            figures |= entry.anchors.key_figures
        if anchors.endpoints and not cutoff:
            cutoff = shared_cutoff(anchors, entry.anchors)
        if ts is not None and entry.ts is not None:
            apart = seconds_apart(ts, prepared.span, entry.ts, entry.span)
            nearest = apart if nearest is None else min(nearest, apart)
    values["conflict_share"] = conflicting / len(judged)
    values["same_source"] = same_source / len(judged)
    values["figures"] = min(2, len(anchors.key_figures & figures)) / 2 if figures else 0.0
    values["cutoff"] = float(cutoff)
    series = series or _new_figures(anchors.lead_figures, judged)
    hours = 0.5 if nearest is None else _scaled_hours(nearest)  # unknown: midway
    values["hours_series"] = hours if series else 0.0
    values["hours_single"] = 0.0 if series else hours
    return values


def text_features(
    query: Query, judged: Sequence[Judged], stats: TermStats, config: MatchConfig
) -> tuple[dict[str, float], Entry]:
    """The features that compare texts, and the member most similar to the new document."""
    prepared = query.prepared
    similarities = [text_similarity(query, item.entry, stats, config) for item in judged]
    best = max(range(len(judged)), key=lambda i: (similarities[i], i))
    agreeing = [item for item in judged if item.conflict is None] or list(judged)
    heads: set[int] = set()
    for item in agreeing:
        heads.update(item.entry.term_ids[: item.entry.n_head])
    grams = title_grams(prepared.title)
    titles = [title_similarity(grams, title_grams(item.entry.title)) for item in judged]
    repeat = 0.0
    if prepared.ts is not None:
        day = beijing_day(prepared.ts)
        for item, similarity in zip(judged, titles, strict=True):
            entry = item.entry
            if entry.source_id == prepared.doc.source_id and entry.ts is not None and beijing_day(entry.ts) != day:
                repeat = max(repeat, similarity)
    values = {
        "text": similarities[best],
        "text_min": min(similarities),
        "event_containment": event_containment(query, heads, config),
        "title": max(titles),
        "repeat_other_day": repeat,
    }
    return values, judged[best].entry
