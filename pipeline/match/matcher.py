"""Event linking: decide, document by document and in time order, which real-world happening a post is about.

Each new document is compared with the documents indexed in the last `window_hours` that share one of its rare
terms (an inverted index, so the cost does not grow with history). The score of a pair is the larger of two text
similarities plus a bonus for shared anchors:

* TF-IDF cosine over jieba terms, with title and lead weighted up; document frequencies are learned from what is
  indexed and start from jieba's bundled IDF table as a prior worth `prior_docs` documents;
* containment: how much of the shorter text's (IDF-weighted) terms the longer text's title and lead hold, which is
  what links a two-line notice to a long article about it;
* anchors: shared distinctive figures (新增12例, 1175例), a shared reporting period or cut-off time;
* event containment (weighted `event_weight`): how much of the new text's title and lead the titles and leads of
  an event's compatible candidate documents hold together. An event told by many outlets links a two-line
  notice or a police statement titled only 警情通报 that no single article contains.

Evidence against a link is a veto, not a penalty (`conflict`): different subject places (the title's, else the
lead's first; an official text naming none is about its source's region), different reporting periods or cut-offs
(0-24时 of the 19th vs of the 20th), different ordinals (第5场 vs 第6场 发布会), dates two or more days apart,
a correction notice vs anything else, a roundup of many places vs a single one, headline figures the other text
does not contain, distinctive figures on both sides of which none is shared (when one side has some in its title
or lead), and a periodic report (a period in the lead, and figures) vs a text that states neither its period nor
any of its distinctive figures. Dates conflict when no date named in one text's title and lead (an official post
that names one: also its publication day) is within a day of one named in the other's: a press conference two
days later names the day of the happening too. These are what separate one issuer's successive bulletins, whose
texts are otherwise near-identical. Two texts that state the same cut-off to the hour are exempt from the figure
checks: they are about the same report even when they quote different figures from it.

The document joins the event of the best-scoring document if that score reaches `threshold`, otherwise it seeds
a new event ("ev-" + its id). Documents older than the window (plus `retention_hours`) behind the newest one are
dropped from memory; their document frequencies stay (`TermIndex.evict`). pipeline/match/partition.py runs the same
matching on several processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.match.baseline import BaselineMatcher
from pipeline.match.decision import (
    build_query,
    conflict_beyond_places,
    event_containment,
    pair_score,
    places_conflict,
    shared_terms,
)
from pipeline.match.evidence import Anchors, copy_score, read_anchors, term_vector
from pipeline.match.gazetteer import Gazetteer, Region
from pipeline.match.index import Entry, Prepared, TermCounts, TermIndex
from pipeline.match.records import Link, MatchConfig, MatchDoc, new_event_id
from pipeline.match.tokenize import get_tokenizer, normalize

_MAX_PLACE_PAIRS = 1 << 19  # the per-matcher cache of place checks between subject keys is cleared beyond this


@dataclass(frozen=True)
class _Scored:
    score: float
    entry: Entry
    shared: tuple[str, ...]


class Matcher:
    """Incremental, deterministic event linker; see the module docstring."""

    def __init__(self, config: MatchConfig | None = None, regions: Iterable[str] = ()) -> None:
        self.config = config or MatchConfig()
        self.tokenizer = get_tokenizer()
        self.gazetteer = Gazetteer(regions)
        self.index = TermIndex(self.config, self.tokenizer)
        # Subject places (and fallback flag) -> a small number, so that the place check between two subjects is
        # computed once and then looked up by an int: (new document's key << 32 | candidate's key) -> conflict.
        self._place_keys: dict[tuple[tuple[Region, ...], bool], int] = {}
        self._place_conflicts: dict[int, bool] = {}

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
        if best is None or best.score < self.config.threshold:
            event_id = new_event_id(doc.doc_id)
            self._index(prepared, event_id)
            return Link(doc.doc_id, event_id, 1.0, None, ())
        self._index(prepared, best.entry.event_id)
        return Link(doc.doc_id, best.entry.event_id, round(best.score, 4), best.entry.doc_id, best.shared)

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
        return TermCounts(tuple(stats.terms), tuple(stats.df), stats.n_docs)

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
        stats.df[:] = counts.df
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
        return Prepared(doc, weights, vector.head | {"#" + f for f in anchors.key_figures}, anchors, ts)

    def _index(self, prepared: Prepared, event_id: str) -> None:
        self.index.add(prepared, event_id, self._place_key(prepared.anchors))

    def _best_match(self, prepared: Prepared, forbid: frozenset[str] = frozenset()) -> _Scored | None:
        """The best-scoring candidate; an event's score is also the share of the new text's title and lead
        (IDF-weighted) that the titles and leads of the event's compatible documents hold together."""
        query = build_query(prepared, self.index.stats)
        best: tuple[float, Entry] | None = None
        window = self.config.window_hours * 3600.0
        heads: dict[str, set[int]] = {}
        firsts: dict[str, Entry] = {}
        anchors = prepared.anchors
        ts = prepared.ts
        place_conflicts = self._place_conflicts
        if len(place_conflicts) > _MAX_PLACE_PAIRS:
            place_conflicts.clear()
        mine = self._place_key(anchors) << 32
        for entry in self.index.candidates(query.idf, prepared.ts):
            if ts is not None and entry.ts is not None and abs(ts - entry.ts) > window:
                continue
            if entry.event_id in forbid:
                continue
            pair = mine | entry.place_key
            places = place_conflicts.get(pair)
            if places is None:
                places = place_conflicts[pair] = places_conflict(anchors, entry.anchors)
            if places or conflict_beyond_places(anchors, entry.anchors) is not None:
                continue
            heads.setdefault(entry.event_id, set()).update(entry.term_ids[: entry.n_head])
            firsts.setdefault(entry.event_id, entry)
            score = pair_score(query, entry, self.index.stats, self.config)
            if best is None or score > best[0]:
                best = (score, entry)
        for event_id, terms in sorted(heads.items()):
            score = self.config.event_weight * event_containment(query, terms, self.config)
            if best is None or score > best[0]:
                best = (score, firsts[event_id])
        if best is None:
            return None
        return _Scored(best[0], best[1], shared_terms(query, best[1], self.index.stats))


def link_all(matcher: Matcher | BaselineMatcher, docs: Sequence[MatchDoc]) -> list[Link]:
    return [matcher.add(doc) for doc in docs]
