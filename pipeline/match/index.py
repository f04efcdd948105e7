"""The inverted index of the documents in memory, and the term statistics (document frequencies) learned from every
document indexed.

Documents are numbered in the order they are indexed (sequence numbers); each term's postings list the sequence
numbers of the documents holding it. Documents older than the window (plus `retention_hours`) behind the newest
one are dropped from memory; their document frequencies stay (`TermIndex.evict`).
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from pipeline.match.columns import DocColumns
from pipeline.match.evidence import Anchors
from pipeline.match.postings import Postings
from pipeline.match.records import MatchConfig, MatchDoc
from pipeline.match.termmath import idf_values
from pipeline.match.tokenize import Tokenizer

# Postings of dropped documents are cut off once there are this many, and 20 per document in memory.
_COMPACT_AFTER = 1_000_000
_FIRST_TERMS = 4096


@dataclass(slots=True)
class Entry:
    doc_id: str
    event_id: str
    kind: str
    ts: float | None
    term_ids: array
    weights: array
    n_head: int  # the first n_head of term_ids are title and lead terms
    anchors: Anchors
    place_key: int  # the same for documents with the same subject places (and fallback flag)
    source_id: str
    title: str  # normalised
    span: float  # seconds the publish time lasts from ts: a day for a date-only post
    recurring: bool  # its source posted the same title template on another day (`pipeline.match.recurrence`)
    template: str  # the title with figures and numerals masked


@dataclass
class TermStats:
    """Document frequencies with jieba's IDF table as a prior: idf = ln((N + P + 1) / (df + P·p0 + 1)).

    `df` and `prior` are arrays with room to grow: only their first `len(terms)` entries are terms'."""

    tokenizer: Tokenizer
    prior_docs: float
    n_docs: int = 0
    vocab: dict[str, int] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)
    df: np.ndarray = field(default_factory=lambda: np.zeros(_FIRST_TERMS, dtype=np.int64))
    prior: np.ndarray = field(default_factory=lambda: np.zeros(_FIRST_TERMS, dtype=np.float64))

    def ids(self, terms: Iterable[str], grow: bool) -> list[int]:
        out: list[int] = []
        for term in terms:
            tid = self.vocab.get(term)
            if tid is None:
                if not grow:
                    continue
                tid = self._new_term(term)
            out.append(tid)
        return out

    def _new_term(self, term: str) -> int:
        tid = len(self.terms)
        if tid == len(self.df):
            self.df = np.concatenate((self.df, np.zeros(tid, dtype=np.int64)))
            self.prior = np.concatenate((self.prior, np.zeros(tid, dtype=np.float64)))
        self.vocab[term] = tid
        self.terms.append(term)
        self.prior[tid] = self._prior_rate(term)
        return tid

    def _prior_rate(self, term: str) -> float:
        table = self.tokenizer.background_idf
        idf = table.get(term.lstrip("@"), self.tokenizer.background_default_idf)
        return math.exp(-idf)

    def idf(self, tid: int) -> float:
        p = self.prior_docs
        return math.log((self.n_docs + p + 1.0) / (int(self.df[tid]) + p * float(self.prior[tid]) + 1.0))

    def idfs(self, tids: Iterable[int]) -> list[float]:
        """`idf` of each of `tids` (the same arithmetic, compiled)."""
        ids = np.fromiter(tids, dtype=np.int64)
        return idf_values(ids, self.df, self.prior, self.n_docs, self.prior_docs).tolist()

    def idf_of(self, term: str) -> float:
        tid = self.vocab.get(term)
        if tid is not None:
            return self.idf(tid)
        p = self.prior_docs
        return math.log((self.n_docs + p + 1.0) / (p * self._prior_rate(term) + 1.0))

    def count(self, tids: Iterable[int]) -> None:
        self.n_docs += 1
        np.add.at(self.df, np.fromiter(tids, dtype=np.int64), 1)

    def frequencies(self) -> tuple[int, ...]:
        """The document frequency of each term, in term id order."""
        return tuple(self.df[: len(self.terms)].tolist())

    def set_frequencies(self, df: Sequence[int]) -> None:
        """Set the document frequencies of the first `len(df)` terms (all of them: `ids` has made them)."""
        if len(df) != len(self.terms):
            raise ValueError(f"{len(df)} document frequencies for {len(self.terms)} terms")
        self.df[: len(df)] = df


@dataclass(frozen=True)
class TermCounts:
    """What indexing a run of documents teaches a matcher besides the documents themselves: their terms in order of
    first appearance, in how many of the documents each appears, and how many documents there were."""

    terms: tuple[str, ...]
    df: tuple[int, ...]
    n_docs: int

    def then(self, later: TermCounts) -> TermCounts:
        """These counts followed by `later`'s (the counts of the two runs one after the other)."""
        df = dict(zip(self.terms, self.df, strict=True))
        for term, n in zip(later.terms, later.df, strict=True):
            df[term] = df.get(term, 0) + n
        return TermCounts(tuple(df), tuple(df.values()), self.n_docs + later.n_docs)


NO_TERMS = TermCounts((), (), 0)



@dataclass(frozen=True)
class Prepared:
    doc: MatchDoc
    title: str  # normalised
    weights: dict[str, float]
    head: frozenset[str]
    anchors: Anchors
    ts: float | None
    span: float = 0.0  # seconds the publish time lasts from ts
    recurring: bool = False  # its source posted the same title template on another day
    template: str = ""  # the title with figures and numerals masked

class TermIndex:
    """Documents in memory, their postings, and the term statistics of every document indexed."""

    def __init__(self, config: MatchConfig, tokenizer: Tokenizer) -> None:
        self.config = config
        self.stats = TermStats(tokenizer, config.prior_docs)
        self.entries: dict[int, Entry] = {}
        self.postings = Postings()
        # Per sequence number: the newest publish time seen up to it. It never decreases, so bisecting it finds
        # where a time window starts even when documents arrive slightly out of order.
        self.clock = array("d")
        self.clock_base = 0  # the sequence number of clock[0]: the clock of dropped documents is let go too
        self.first_live = 0  # sequence numbers below this have been dropped from memory
        self.dead_postings = 0
        self.newest: float | None = None
        self.events: dict[str, list[int]] = {}  # event id -> sequence numbers of its members in memory, in order
        self.columns = DocColumns()

    def add(self, prepared: Prepared, event_id: str, place_key: int) -> Entry:
        """Count the document's terms, keep its `max_doc_terms` strongest in memory and post them."""
        stats = self.stats
        all_ids = stats.ids(prepared.weights, grow=True)
        stats.count(all_ids)
        tf = prepared.weights.values()
        # The `max_doc_terms` of most weight x IDF (term ids are unique: no ties), title and lead terms first.
        ranked = sorted(zip([-w * idf for w, idf in zip(tf, stats.idfs(all_ids), strict=True)], all_ids, tf, strict=True))
        head = set(stats.ids(prepared.head, grow=False))
        kept = sorted(ranked[: self.config.max_doc_terms], key=lambda r: r[1] not in head)
        term_ids = array("i", [tid for _, tid, _ in kept])
        weights = array("f", [w for _, _, w in kept])
        n_head = sum(1 for tid in term_ids if tid in head)
        if prepared.ts is not None and (self.newest is None or prepared.ts > self.newest):
            self.newest = prepared.ts
        seq = self.clock_base + len(self.clock)
        self.clock.append(self.newest if self.newest is not None else 0.0)
        doc = prepared.doc
        entry = Entry(
            doc.doc_id, event_id, doc.kind, prepared.ts, term_ids, weights, n_head, prepared.anchors, place_key,
            doc.source_id, prepared.title, prepared.span, prepared.recurring, prepared.template,
        )
        self.entries[seq] = entry
        self.columns.append(seq, prepared.ts, prepared.span, doc.source_id, prepared.recurring, prepared.anchors)
        members = self.events.setdefault(event_id, [])
        members.append(seq)
        if len(members) > 1:
            self.columns.set_alone(seq, False)
            self.columns.set_alone(members[0], False)
        self.postings.add(np.frombuffer(term_ids, dtype=np.int32), seq)
        self.evict()
        return entry

    def evict(self) -> None:
        """Drop documents that no later document can reach; their document frequencies stay.

        A timed document is compared only with documents within `window_hours` of it (`candidates` looks no
        further back, the matcher skips the others), and event scores sum over those same documents, so dropping
        documents `kept_hours` behind the newest changes no link of a document published at most `retention_hours`
        before the newest. (Untimed documents are compared with whatever is still in memory, and stay candidates
        of any document only while they are.) Postings are cut off in batches (`compact`): memory follows the
        documents of the last `kept_hours` and the vocabulary, not every document seen."""
        if self.newest is None:
            return
        cutoff = self.newest - self.config.kept_hours * 3600.0
        clock, base = self.clock, self.clock_base
        end = base + len(clock)
        while self.first_live < end and clock[self.first_live - base] < cutoff:
            entry = self.entries.pop(self.first_live)
            self._leave(entry.event_id, self.first_live)
            self.dead_postings += len(entry.term_ids)
            self.first_live += 1
        self.columns.drop_before(self.first_live)
        if self.dead_postings > _COMPACT_AFTER and self.dead_postings > len(self.entries) * 20:
            self.compact()

    def members(self, event_id: str) -> list[Entry]:
        """The event's documents in memory, in the order they were indexed."""
        return [self.entries[seq] for seq in self.events.get(event_id, ())]

    def _leave(self, event_id: str, seq: int) -> None:
        seqs = self.events[event_id]
        seqs.remove(seq)
        if not seqs:
            del self.events[event_id]
        elif len(seqs) == 1:
            self.columns.set_alone(seqs[0], True)

    def compact(self) -> None:
        self.postings.compact(self.first_live)
        del self.clock[: self.first_live - self.clock_base]
        self.clock_base = self.first_live
        self.dead_postings = 0

    def candidates(self, idf: dict[int, float], head: frozenset[int], ts: float | None) -> np.ndarray:
        """The sequence numbers, in increasing order, of the `max_candidates` live documents sharing the most IDF of
        the new one's rarest terms (`idf`: its known terms; `head`: those of its title and lead; ties: the newest
        first); see `query_terms`.

        Votes are counted in one compiled call (`pipeline.match.postings`)."""
        config = self.config
        lo = self.first_live
        if ts is not None:
            since = ts - config.window_hours * 3600.0
            lo = max(lo, self.clock_base + bisect_left(self.clock, since))
        terms = query_terms(idf, head, config.query_terms, config.head_query_terms)
        end = self.clock_base + len(self.clock)
        return self.postings.top(
            np.array(terms, dtype=np.int64), np.array([idf[tid] for tid in terms]), lo, end, config.max_postings,
            config.max_candidates,
        )


def query_terms(idf: dict[int, float], head: frozenset[int], count: int, from_head: int) -> list[int]:
    """The `count` rarest of the known terms `idf`, of which the `from_head` rarest of `head` whatever their rank;
    ties go to the lower term id."""
    ranked = sorted((-value, tid) for tid, value in idf.items())
    chosen = [tid for _, tid in ranked if tid in head][:from_head]
    taken = set(chosen)
    for _, tid in ranked:
        if len(chosen) >= count:
            break
        if tid not in taken:
            chosen.append(tid)
    return chosen
