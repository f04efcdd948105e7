"""Feeds: Scrapy fetches the bytes, feedparser parses them here, and dates are re-parsed from the raw strings.

feedparser's own `*_parsed` fields are never used: it reads `2016年8月9日` as a day in the current month,
`CST` as US Central and zone-less times as UTC.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

import feedparser

from pipeline.core.records import ParsedTime
from pipeline.extract.dates import parse_datetime

MAX_ENTRIES = 2000
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str
    summary: str
    content: str
    published: ParsedTime | None
    guid: str | None


@dataclass(frozen=True)
class ParsedFeed:
    entries: list[FeedEntry]
    problem: str | None  # feedparser's bozo reason, kept for the record; entries may still be usable


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", TAG.sub(" ", text or "")).strip()


def _raw_date(entry: Mapping[str, object]) -> str | None:
    for key in ("published", "pubdate", "dc_date", "created", "issued", "updated"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def parse_feed(body: bytes, headers: Mapping[str, str], *, tz: str, now: datetime) -> ParsedFeed:
    """Entries of an RSS or Atom document given as bytes; feedparser never fetches anything."""
    parsed = feedparser.parse(BytesIO(body), response_headers=dict(headers))
    problem = str(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    entries: list[FeedEntry] = []
    for entry in parsed.entries[:MAX_ENTRIES]:
        link = entry.get("link") or ""
        if not link:
            continue
        content = " ".join(_plain(part.get("value", "")) for part in entry.get("content", []) or [])
        raw_date = _raw_date(entry)
        entries.append(
            FeedEntry(
                url=link.strip(),
                title=_plain(entry.get("title", "")),
                summary=_plain(entry.get("summary", "")),
                content=content,
                published=parse_datetime(raw_date, tz, now=now) if raw_date else None,
                guid=entry.get("id"),
            )
        )
    if not entries and not parsed.entries and problem:
        return ParsedFeed([], problem)
    return ParsedFeed(entries, problem)
