"""What the matcher takes in, gives out and is configured with: the boundary types of event linking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class MatchDoc:
    doc_id: str
    source_id: str
    kind: str  # "official" | "media"
    region: str | None  # the source's region, e.g. "江苏省连云港市"
    title: str
    body: str
    at: datetime | None  # aware publish time (or first-seen time when unknown)
    # How precisely `at` is known: a date-only post ("day") stands for its whole local day, from `at` on.
    precision: str = "minute"


@dataclass(frozen=True)
class Link:
    doc_id: str
    event_id: str
    score: float  # probability that the document belongs to the event; 1.0 for a new event's seed
    matched_doc_id: str | None  # the doc in the event it matched best; None for a seed
    shared_terms: tuple[str, ...]  # the top shared keywords, for explanations
    # The features that weighed most in the decision, each with its part of the logit (w · x); empty for a seed.
    evidence: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class MatchConfig:
    # Documents further apart than this cannot link. Four days covers a government repost two or three days
    # after the media (the Lianyungang case) and stays short of a weekly cycle.
    window_hours: float = 96.0
    # Extra time documents are kept in memory behind the newest one, for late arrivals; None means window_hours.
    retention_hours: float | None = None
    title_weight: float = 3.0
    lead_weight: float = 2.0
    lead_chars: int = 120
    # Containment counts a little less than cosine: a short text is contained by chance more easily.
    containment_weight: float = 0.85
    # Containment needs this much IDF mass in the shorter text, so that three common words cannot link.
    min_containment_mass: float = 18.0
    # Weight, in documents, of jieba's bundled IDF table as a prior on document frequencies.
    prior_docs: float = 200.0
    # Retrieval: rarest terms of the new document looked up, newest postings scanned, candidates scored. Of the
    # terms looked up, up to `head_query_terms` are the rarest of its title and lead: a long text's rarest terms are
    # in its body (a list of counties), which a short notice of the same happening does not hold.
    query_terms: int = 16
    head_query_terms: int = 6
    max_postings: int = 5000
    max_candidates: int = 50
    # Terms kept per document (by weight x IDF at indexing time); bounds memory for long texts.
    max_doc_terms: int = 120

    @property
    def kept_hours(self) -> float:
        """How long documents stay in memory behind the newest one: the window plus the retention."""
        return self.window_hours + (self.retention_hours if self.retention_hours is not None else self.window_hours)


_SPAN_SECONDS = {"day": 86400.0, "hour": 3600.0}


def span_seconds(precision: str) -> float:
    """How long a publish time of this precision lasts: 0 for minutes and seconds."""
    return _SPAN_SECONDS.get(precision, 0.0)


def new_event_id(seed_doc_id: str) -> str:
    return "ev-" + seed_doc_id
