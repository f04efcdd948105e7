"""Dataclasses passed between stages. Every boundary converts untyped data into one of these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# Width of each precision, in seconds: a timestamp of precision P stands for [at, at + width).
PRECISION_SECONDS: dict[str, int] = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
}


@dataclass(frozen=True)
class ParsedTime:
    """A timestamp read from a page, feed or import: aware datetime, precision and the raw string."""

    at: datetime  # always timezone-aware
    precision: str  # "second" | "minute" | "hour" | "day" | "month" | "year"
    raw: str


@dataclass(frozen=True)
class Extracted:
    """What the extractor read from one article page."""

    title: str
    body: str
    published: ParsedTime | None
    written: ParsedTime | None  # 成文日期, kept beside the publish date
    declared_source: str | None  # normalised outlet or office name from 来源 / ContentSource
    encoding: str
    methods: dict[str, str] = field(default_factory=dict)  # field name -> how it was found


@dataclass(frozen=True)
class ArticleRecord:
    """One captured article as written to a landing file (one JSON object a line)."""

    source_id: str
    url: str
    title: str
    body: str
    published_at: str | None  # ISO 8601 with offset
    published_precision: str | None
    published_raw: str | None
    written_at: str | None
    declared_source: str | None
    first_seen_at: str  # ISO 8601 with offset; our own clock
    raw_sha256: str | None
    via: str  # "list" | "feed" | "import"
    found_on: str | None  # list page or feed URL that led to it
    encoding: str | None = None
    methods: dict[str, str] = field(default_factory=dict)
    record_type: str = "article"


@dataclass(frozen=True)
class ListingRecord:
    """One fetch of a list page or feed: which article URLs it showed, and when."""

    source_id: str
    page_url: str
    fetched_at: str
    article_urls: tuple[str, ...]
    record_type: str = "listing"


@dataclass(frozen=True)
class FetchErrorRecord:
    """A fetch that failed, so that a silent gap is never read as silence."""

    source_id: str
    url: str
    fetched_at: str
    error: str
    record_type: str = "fetch_error"
