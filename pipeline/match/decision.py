"""What two texts' evidence says about a link: the evidence against it (`conflict`: the kind of disagreement) and
the similarity for it (`text_similarity`, `event_containment`), with the shared terms that explain it. The decision
itself weighs these as features (`pipeline.match.features`, `pipeline.match.learned`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from pipeline.match.evidence import Anchors
from pipeline.match.gazetteer import NATIONAL, Region, compatible
from pipeline.match.index import Entry, Prepared, TermStats
from pipeline.match.periods import days_apart, endpoints_compatible
from pipeline.match.records import MatchConfig
from pipeline.match.termmath import text_sums


def shared_cutoff(a: Anchors, b: Anchors) -> bool:
    """Both texts state the same cut-off to the hour."""
    return any(x == y and x[0] and x[2] >= 0 for x in a.endpoints for y in b.endpoints)


def places_conflict(a: Anchors, b: Anchors) -> bool:
    if not a.subject or not b.subject:
        return False
    return _places_conflict(a.subject, a.subject_is_fallback, b.subject, b.subject_is_fallback)


def _places_conflict(a: tuple[Region, ...], a_fallback: bool, b: tuple[Region, ...], b_fallback: bool) -> bool:
    """Not cached here: `Matcher` keeps the answers for pairs of subject keys."""
    if (a_fallback and b == (NATIONAL,)) or (b_fallback and a == (NATIONAL,)):
        return False
    return not any(compatible(x, y) for x in a for y in b)


def conflict(a: Anchors, b: Anchors) -> str | None:
    """The reason two documents cannot be about the same happening, or None."""
    if places_conflict(a, b):
        return "place"
    return conflict_beyond_places(a, b)


@lru_cache(maxsize=1 << 16)
def _days_apart(a: frozenset[tuple[int, int]], b: frozenset[tuple[int, int]]) -> int:
    """Fewest days between a date of `a` and one of `b` (cached: the same few hundred dates meet again and again)."""
    return min(days_apart(x, y) for x in a for y in b)


def conflict_beyond_places(a: Anchors, b: Anchors) -> str | None:
    """`conflict` after the place check."""
    # A cut-off deep in a news text is how far a developing story had got; only a report that states its period in
    # its title or lead is told apart by it.
    if (
        (a.lead_endpoints or b.lead_endpoints)
        and a.endpoints
        and b.endpoints
        and not any(endpoints_compatible(x, y) for x in a.endpoints for y in b.endpoints)
    ):
        return "period"
    if a.ordinals and b.ordinals:
        units = {u for u, _ in a.ordinals} & {u for u, _ in b.ordinals}
        if any(not ({o for o in a.ordinals if o[0] == u} & {o for o in b.ordinals if o[0] == u}) for u in units):
            return "ordinal"
    if a.lead_dates and b.lead_dates and _days_apart(a.lead_dates, b.lead_dates) >= 2:
        return "date"
    if a.is_correction != b.is_correction:
        return "correction"
    if a.is_roundup != b.is_roundup:
        return "roundup"
    if a.endpoints and b.endpoints and shared_cutoff(a, b):
        # The period names the report; texts about it may quote different figures from it.
        return None
    if a.title_figures and b.title_figures and not (a.title_figures & b.figures or b.title_figures & a.figures):
        return "headline figures"
    key_a, key_b = a.key_figures, b.key_figures
    if (a.lead_key_figures or b.lead_key_figures) and key_a and key_b and not (key_a & key_b):
        return "figures"
    # A periodic report (it states a period or cut-off in its lead, and distinctive figures) is joined by texts
    # that state the same period or repeat one of its distinctive figures; a text with neither is about something
    # else. A time range with no figures (交通管制 8时至12时) is not a report.
    if bool(a.lead_endpoints and key_a) != bool(b.lead_endpoints and key_b) and not (key_a & key_b):
        return "unanchored"
    return None


def event_containment(query: Query, terms: set[int], config: MatchConfig) -> float:
    """Share of the new text's title-and-lead IDF mass found in `terms`."""
    mass = sum(query.idf[tid] for tid in query.head)
    if mass < config.min_containment_mass:
        return 0.0
    return sum(query.idf[tid] for tid in query.head if tid in terms) / mass


@dataclass(frozen=True)
class Query:
    """The new document's side of every comparison, computed once per `add`."""

    prepared: Prepared
    weights: dict[int, float]  # known term id -> weight
    idf: dict[int, float]
    norm: float
    mass: float  # sum of IDF over its terms
    head: frozenset[int]
    sorted_ids: np.ndarray  # the keys of `weights` in increasing order, for the compiled sums
    sorted_weights: np.ndarray  # their weights
    sorted_head: np.ndarray  # `head` in increasing order


def build_query(prepared: Prepared, stats: TermStats) -> Query:
    vocab = stats.vocab
    weights: dict[int, float] = {}
    # Terms the index has never seen are rare by definition: they count in the norm with the prior IDF.
    unseen: list[tuple[float, float]] = []
    for term, w in prepared.weights.items():
        tid = vocab.get(term)
        if tid is None:
            unseen.append((w, stats.idf_of(term)))
        else:
            weights[tid] = w
    idf = dict(zip(weights, stats.idfs(weights), strict=True))
    norm = math.sqrt(sum((w * idf[tid]) ** 2 for tid, w in weights.items()) + sum((w * i) ** 2 for w, i in unseen))
    mass = sum(idf.values()) + sum(i for _, i in unseen)
    head = frozenset(stats.vocab[t] for t in prepared.head if t in stats.vocab)
    sorted_ids = np.array(sorted(weights), dtype=np.int64)
    sorted_weights = np.array([weights[tid] for tid in sorted_ids.tolist()], dtype=np.float64)
    return Query(
        prepared, weights, idf, norm, mass, head, sorted_ids, sorted_weights, np.array(sorted(head), dtype=np.int64)
    )


def text_similarity(query: Query, entry: Entry, stats: TermStats, config: MatchConfig) -> float:
    """max(TF-IDF cosine, weighted containment of the shorter text in the longer one's title and lead)."""
    dot, norm_sq, mass, contained_in_new_head = text_sums(
        np.frombuffer(entry.term_ids, dtype=np.int32), np.frombuffer(entry.weights, dtype=np.float32),
        stats.df, stats.prior, stats.n_docs, stats.prior_docs, query.sorted_ids, query.sorted_weights,
        query.sorted_head,
    )
    cosine = dot / (query.norm * math.sqrt(norm_sq)) if query.norm and norm_sq else 0.0
    if query.mass <= mass:
        short_mass = query.mass
        contained = sum(query.idf[tid] for tid in entry.term_ids[: entry.n_head] if tid in query.weights)
    else:
        short_mass, contained = mass, contained_in_new_head
    containment = contained / short_mass if short_mass >= config.min_containment_mass else 0.0
    return min(1.0, max(cosine, config.containment_weight * containment))


def shared_terms(query: Query, entry: Entry, stats: TermStats, limit: int = 6) -> tuple[str, ...]:
    """The shared terms that contribute most to the cosine, for explanations."""
    old = dict(zip(entry.term_ids, entry.weights, strict=True))
    common = sorted(
        (tid for tid in query.weights if tid in old),
        # Ties go by the term itself: term ids follow set order, which changes with the hash seed.
        key=lambda tid: (-query.weights[tid] * old[tid] * query.idf[tid] ** 2, stats.terms[tid]),
    )
    return tuple(stats.terms[tid].lstrip("@#") for tid in common[:limit])
