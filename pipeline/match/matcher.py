"""Event linking: decide, document by document and in time order, which real-world happening a post is about.

Each new document is compared with the events of the documents indexed in the last `window_hours` that share the
most of its rarest terms, some of them always from its title and lead (an inverted index, so the cost does not grow
with history; `TermIndex.candidates`). An event is compared as a whole:
every member of it in the window, not only the nearest one (`pipeline.match.features`). The evidence is what can
be read from the texts (`pipeline.match.evidence`):

* TF-IDF cosine over jieba terms, with title and lead weighted up; document frequencies are learned from what is
  indexed and start from jieba's bundled IDF table as a prior worth `prior_docs` documents;
* containment: how much of the shorter text's (IDF-weighted) terms the longer text's title and lead hold, which is
  what links a two-line notice to a long article about it; and event containment, the same against the titles and
  leads of an event's members together (what links a short notice to an event told by many outlets);
* anchors: shared distinctive figures (新增12例, 1175例), a shared reporting period or cut-off time;
* evidence against (`pipeline.match.decision.conflict`): different subject places, reporting periods or cut-offs,
  ordinals (第5场 vs 第6场), dates two or more days apart, a correction vs anything else, a roundup vs a single
  place, figures on both sides of which none is shared, a periodic report vs a text stating neither its period nor
  its figures;
* time and source: hours to the event's members, the same source posting a similar title on another day (the next
  occurrence of a recurring happening: a daily press conference, a bulletin per period).

A logistic regression trained on the labelled sets (`pipeline.match.train`, coefficients in
`pipeline/data/link_model.json`) turns these into the probability that the document belongs to the event. The
document joins the most probable event if that reaches the model's cutoff, otherwise it seeds a new event ("ev-" +
its id); the link keeps the member it matched best, the shared terms and the features that weighed most.

Documents older than the window (plus `retention_hours`) behind the newest one are dropped from memory; their
document frequencies stay (`TermIndex.evict`). pipeline/match/partition.py runs the same matching on several
processes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np

from pipeline.match.baseline import BaselineMatcher
from pipeline.match.columns import TS
from pipeline.match.decision import Query, build_query, conflict_beyond_places, places_conflict, shared_terms
from pipeline.match.evidence import Anchors, copy_score, read_anchors, term_vector
from pipeline.match.features import (
    MAX_MEMBERS,
    EventEvidence,
    Judged,
    cheap_features,
    text_features,
)
from pipeline.match.gazetteer import Gazetteer, Region
from pipeline.match.index import Entry, Prepared, TermCounts, TermIndex
from pipeline.match.learned import LinkModel, load_model
from pipeline.match.prefilter import EventBound, NewSide, SingleBound, new_side
from pipeline.match.records import Link, MatchConfig, MatchDoc, new_event_id, span_seconds
from pipeline.match.recurrence import TitleCalendar, next_occurrence, template
from pipeline.match.tokenize import get_tokenizer, normalize

_MAX_PLACE_PAIRS = 1 << 19  # the per-matcher cache of place checks between subject keys is cleared beyond this


@lru_cache(maxsize=1)
def shipped_model() -> LinkModel:
    """The decision trained on every labelled set (`python -m pipeline.match.train`)."""
    return load_model()


@dataclass(frozen=True)
class _Scored:
    score: float
    entry: Entry
    shared: tuple[str, ...]
    evidence: tuple[tuple[str, float], ...]


class Matcher:
    """Incremental, deterministic event linker; see the module docstring."""

    def __init__(
        self, config: MatchConfig | None = None, regions: Iterable[str] = (), model: LinkModel | None = None
    ) -> None:
        self.config = config or MatchConfig()
        self.model = model or shipped_model()
        self.tokenizer = get_tokenizer()
        self.gazetteer = Gazetteer(regions)
        self.index = TermIndex(self.config, self.tokenizer)
        self.calendar = TitleCalendar(self.config.window_hours)
        # Subject places (and fallback flag) -> a small number, so that the place check between two subjects is
        # computed once and then looked up by an int: (new document's key << 32 | candidate's key) -> conflict.
        self._place_keys: dict[tuple[tuple[Region, ...], bool], int] = {}
        self._place_conflicts: dict[int, bool] = {}
        self.single_bound = SingleBound(self.model)
        self.event_bound = EventBound(self.model, self.single_bound)
        self.prefilter = True  # drop hopeless candidate events at once (`pipeline.match.prefilter`)

    def _place_key(self, anchors: Anchors) -> int:
        return self._place_keys.setdefault((anchors.subject, anchors.subject_is_fallback), len(self._place_keys))

    # -- public interface --------------------------------------------------------------------------------------

    def restore(self, doc: MatchDoc, event_id: str) -> None:
        """Index an already-linked document (history) without scoring it."""
        self._index(self._prepare(doc), event_id)

    def add(self, doc: MatchDoc, forbid: frozenset[str] = frozenset()) -> Link:
        """Link a new document to an existing event or start one; never into an event of `forbid` (events an
        analyst took it out of)."""
        prepared = self._prepare(doc)
        best = self._best_match(prepared, forbid)
        if best is None:
            event_id = new_event_id(doc.doc_id)
            self._index(prepared, event_id)
            return Link(doc.doc_id, event_id, 1.0, None, ())
        self._index(prepared, best.entry.event_id)
        return Link(
            doc.doc_id, best.entry.event_id, round(best.score, 4), best.entry.doc_id, best.shared, best.evidence
        )

    def documents_held(self) -> int:
        """Documents in memory: those of the last `kept_hours` (see `TermIndex.evict`)."""
        return len(self.index.entries)

    def count_terms(self, doc: MatchDoc) -> None:
        """Learn what indexing `doc` would teach (its terms' document frequencies, its source's region) without
        indexing it: for a matcher that only counts, see `term_counts`."""
        prepared = self._prepare(doc)
        self.index.stats.count(self.index.stats.ids(prepared.weights, grow=True))

    def term_counts(self) -> TermCounts:
        """The document frequencies learned so far."""
        stats = self.index.stats
        return TermCounts(tuple(stats.terms), stats.frequencies(), stats.n_docs)

    def start_after(self, counts: TermCounts, newest: float | None, official_regions: Iterable[str]) -> None:
        """Make this new, empty matcher stand where one would after documents it has not seen: `counts` of their
        terms, their newest publish time (a POSIX timestamp) and the regions of their official sources in order. It
        then links the documents that follow as that one would, as far as they do not reach back to the ones it
        has not seen (see `pipeline.match.partition`)."""
        stats = self.index.stats
        if stats.n_docs or self.index.entries:
            raise ValueError("start_after needs a matcher that has seen nothing")
        for region in official_regions:
            self.gazetteer.region_of(region)
        stats.ids(counts.terms, grow=True)
        stats.set_frequencies(counts.df)
        stats.n_docs = counts.n_docs
        self.index.newest = newest

    def subject_regions(self, doc: MatchDoc) -> tuple[Region, ...]:
        """Places the document names as what it is about (title, else the lead's first); none when it names none."""
        anchors = self._prepare(doc).anchors
        return () if anchors.subject_is_fallback else anchors.subject

    def copies(self, doc: MatchDoc, earlier: MatchDoc) -> float:
        """Share of `doc`'s text (character 4-grams) found in `earlier`: 1.0 for a verbatim repost."""
        return copy_score(doc.title + doc.body, earlier.title + earlier.body)

    # -- internals ---------------------------------------------------------------------------------------------

    def _prepare(self, doc: MatchDoc) -> Prepared:
        title, body = normalize(doc.title or ""), normalize(doc.body or "")
        fallback = self.gazetteer.region_of(doc.region) if doc.kind == "official" else None
        # News is about the day it appears; an official post may repost days later, so only media get dated
        # by publication when the text names no date.
        anchors = read_anchors(
            title,
            body,
            doc.at,
            self.gazetteer,
            fallback,
            self.config.lead_chars,
            dated_by_publication=doc.kind == "media",
        )
        vector = term_vector(self.tokenizer, self.gazetteer, title, body, self.config)
        weights = dict(vector.weights)
        for figure in sorted(anchors.key_figures):  # sorted: term ids must not follow the hash seed
            weights["#" + figure] = weights.get("#" + figure, 0.0) + 1.0
        ts = doc.at.timestamp() if doc.at is not None else None
        head = vector.head | {"#" + f for f in anchors.key_figures}
        masked = template(title)
        recurring = self.calendar.recurs(doc.source_id, masked, ts)
        return Prepared(doc, title, weights, head, anchors, ts, span_seconds(doc.precision), recurring, masked)

    def _index(self, prepared: Prepared, event_id: str) -> None:
        self.index.add(prepared, event_id, self._place_key(prepared.anchors))
        self.calendar.note(prepared.doc.source_id, prepared.template, prepared.ts)

    def _judge(self, prepared: Prepared, mine: int, members: list[Entry]) -> list[Judged]:
        """Each member with the evidence against linking the new document (place key `mine`) to it."""
        known = self._place_conflicts
        anchors = prepared.anchors
        judged: list[Judged] = []
        for entry in members:
            pair = mine | entry.place_key
            places = known.get(pair)
            if places is None:
                places = known[pair] = places_conflict(anchors, entry.anchors)
            if places:
                judged.append(Judged(entry, "place"))
            elif next_occurrence(prepared, entry):
                judged.append(Judged(entry, "recurrence"))
            else:
                judged.append(Judged(entry, conflict_beyond_places(anchors, entry.anchors)))
        return judged

    def _found(self, prepared: Prepared, query: Query, new: NewSide | None) -> list[Entry]:
        """The retrieved candidates in the window, in sequence order; with `new` (the prefilter's view of the
        document), less those that are their event's only member and whose decision cannot reach the cutoff."""
        ts = prepared.ts
        seqs = self.index.candidates(query.idf, query.head, ts)
        entries = self.index.entries
        if ts is None:
            return [entries[seq] for seq in seqs.tolist()]
        floats, ints = self.index.columns.rows(seqs)
        times = floats[:, TS]
        keep = np.isnan(times) | (np.abs(ts - times) <= self.config.window_hours * 3600.0)
        if new is not None:
            keep &= ~self.single_bound.hopeless(new, floats, ints)
        return [entries[seq] for seq in seqs[keep].tolist()]

    def _members(self, event_ids: list[str], ts: float | None) -> dict[str, list[int]]:
        """Each event's members that are judged: those in the window (the latest `MAX_MEMBERS`), by sequence."""
        window = self.config.window_hours * 3600.0
        entries, events = self.index.entries, self.index.events
        out: dict[str, list[int]] = {}
        for event_id in event_ids:
            seqs = events[event_id]
            if len(seqs) > 1 and ts is not None:
                seqs = [seq for seq in seqs if (t := entries[seq].ts) is None or abs(ts - t) <= window]
            out[event_id] = seqs[-MAX_MEMBERS:]
        return out

    def _hopeless_events(self, new: NewSide, event_ids: list[str]) -> set[str]:
        """The events of several members whose decision cannot reach the cutoff (`EventBound`)."""
        events = self.index.events
        several = [event_id for event_id in event_ids if len(events[event_id]) > 1]
        if not several:
            return set()
        starts = np.cumsum([0, *(len(events[event_id]) for event_id in several)])
        rows = np.fromiter(chain.from_iterable(events[event_id] for event_id in several), np.int64, int(starts[-1]))
        floats, ints = self.index.columns.rows(rows)
        window = self.config.window_hours * 3600.0
        hopeless = self.event_bound.hopeless(new, floats, ints, starts, window, MAX_MEMBERS)
        return {event_id for event_id, drop in zip(several, hopeless.tolist(), strict=True) if drop}

    def _candidate_events(
        self, prepared: Prepared, query: Query, forbid: frozenset[str], prune: bool = True
    ) -> dict[str, list[Judged]]:
        """Events with a member among the retrieved candidates, each with its members in the window (the latest
        `MAX_MEMBERS`) judged for conflicts with the new document; in event-id order. With `prune`, without the
        events `_assess` would prune against any floor."""
        if len(self._place_conflicts) > _MAX_PLACE_PAIRS:
            self._place_conflicts.clear()
        mine = self._place_key(prepared.anchors) << 32
        new = new_side(prepared, self.index.columns) if prune and self.prefilter else None
        event_ids = sorted({e.event_id for e in self._found(prepared, query, new)} - forbid)
        if new is not None:
            hopeless = self._hopeless_events(new, event_ids)
            event_ids = [event_id for event_id in event_ids if event_id not in hopeless]
        entries = self.index.entries
        return {
            event_id: self._judge(prepared, mine, [entries[seq] for seq in seqs])
            for event_id, seqs in self._members(event_ids, prepared.ts).items()
        }

    def _assess(
        self, query: Query, event_id: str, judged: list[Judged], floor: float | None
    ) -> EventEvidence | None:
        """The evidence for joining `event_id`; None when even the best text features could not lift its logit to
        `floor` (the text comparisons are then skipped)."""
        values = cheap_features(query.prepared, judged)
        if floor is not None and self.model.below(values, floor):
            return None
        text, nearest = text_features(query, judged, self.index.stats, self.config)
        values.update(text)
        return EventEvidence(event_id, values, nearest)

    def _best_match(self, prepared: Prepared, forbid: frozenset[str] = frozenset()) -> _Scored | None:
        """The candidate event with the highest probability, if that reaches the model's cutoff."""
        query = build_query(prepared, self.index.stats)
        best: tuple[float, EventEvidence] | None = None
        cutoff = self.model.cutoff_logit
        for event_id, judged in self._candidate_events(prepared, query, forbid).items():
            floor = cutoff if best is None else max(cutoff, best[0])
            evidence = self._assess(query, event_id, judged, floor)
            if evidence is None:
                continue
            logit = self.model.logit(evidence.values)
            if logit >= floor and (best is None or logit > best[0]):
                best = (logit, evidence)
        if best is None:
            return None
        evidence = best[1]
        probability = 1.0 / (1.0 + math.exp(-best[0]))
        shared = shared_terms(query, evidence.nearest, self.index.stats)
        return _Scored(probability, evidence.nearest, shared, self.model.contributions(evidence.values))

    def observe(self, doc: MatchDoc, event_id: str) -> list[EventEvidence]:
        """The evidence for every candidate event of `doc`, then `doc` indexed in `event_id` (its true event): the
        rows a decision is trained on."""
        prepared = self._prepare(doc)
        query = build_query(prepared, self.index.stats)
        found = [
            evidence
            for candidate, judged in self._candidate_events(prepared, query, frozenset(), prune=False).items()
            if (evidence := self._assess(query, candidate, judged, None)) is not None
        ]
        self._index(prepared, event_id)
        return found


def link_all(matcher: Matcher | BaselineMatcher, docs: Sequence[MatchDoc]) -> list[Link]:
    return [matcher.add(doc) for doc in docs]
