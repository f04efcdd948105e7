"""One generic spider for every source in the registry: column list pages (with pagination) and feeds.

Government sites are added with a line in `sources.toml`, not with a new spider.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawlers.feeds import FeedEntry, parse_feed
from crawlers.landing import RawStore
from crawlers.links import canonical_url, find_article_links, find_next_pages
from pipeline.dates import parse_datetime
from pipeline.encoding import decode_html
from pipeline.extract import extract_article
from pipeline.models import PRECISION_SECONDS, ArticleRecord, FetchErrorRecord, ListingRecord, ParsedTime
from pipeline.sources import Source

FULL_TEXT_CHARS = 200  # a feed entry with at least this much content is taken as the full text


@dataclass
class SourceTally:
    list_pages: int = 0
    feeds: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(UTC)


def _header_charset(response: Response) -> str | None:
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _more_precise(a: ParsedTime | None, b: ParsedTime | None) -> ParsedTime | None:
    """The finer of two readings of the same publish time; `a` wins ties."""
    if a is None:
        return b
    if b is None:
        return a
    return b if PRECISION_SECONDS.get(b.precision, 10**9) < PRECISION_SECONDS.get(a.precision, 10**9) else a


class SourcesSpider(scrapy.Spider):
    name = "sources"

    def __init__(self, sources: list[Source], raw_dir: str, max_list_pages: int = 5, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sources = {s.source_id: s for s in sources}
        self.raw_store = RawStore(Path(raw_dir))
        self.max_list_pages = max_list_pages
        self.tally: dict[str, SourceTally] = {s.source_id: SourceTally() for s in sources}
        self.outcomes: Counter[str] = Counter()

    async def start(self) -> Any:
        for source in self.sources.values():
            for url in source.list_urls:
                yield self._request(url, self.parse_list, source, page=1)
            for url in source.feeds:
                yield self._request(url, self.parse_feed, source)

    def _request(self, url: str, callback: Any, source: Source, **meta: Any) -> scrapy.Request:
        return scrapy.Request(
            url, callback=callback, errback=self.on_error, meta={"source_id": source.source_id, **meta}
        )

    def _source(self, response: Response) -> Source:
        return self.sources[response.meta["source_id"]]

    def on_error(self, failure: Failure) -> Iterator[FetchErrorRecord]:
        request = failure.request  # type: ignore[attr-defined]
        source_id = request.meta["source_id"]
        reason = failure.getErrorMessage() or failure.type.__name__
        if hasattr(failure.value, "response") and failure.value.response is not None:
            reason = f"HTTP {failure.value.response.status}"
        message = f"source {source_id!r}: could not fetch {request.url}: {reason}"
        self.tally[source_id].errors.append(message)
        yield FetchErrorRecord(source_id=source_id, url=request.url, fetched_at=_now().isoformat(), error=reason)

    def parse_list(self, response: Response) -> Iterator[Any]:
        source = self._source(response)
        self.tally[source.source_id].list_pages += 1
        page_html, _encoding = decode_html(response.body, _header_charset(response))
        links = find_article_links(page_html, response.url)
        yield ListingRecord(
            source_id=source.source_id,
            page_url=canonical_url(response.url),
            fetched_at=_now().isoformat(),
            article_urls=tuple(link.url for link in links),
        )
        for link in links:
            listed = parse_datetime(link.date_text, source.timezone, now=_now()) if link.date_text else None
            yield self._request(
                link.url, self.parse_article, source, found_on=response.url, via="list", listed_time=listed
            )
        page = response.meta.get("page", 1)
        if page < self.max_list_pages:
            for next_url in find_next_pages(page_html, response.url)[: self.max_list_pages - page]:
                yield self._request(next_url, self.parse_list, source, page=page + 1)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        source = self._source(response)
        self.tally[source.source_id].feeds += 1
        headers = {k.decode("latin-1").lower(): v[0].decode("latin-1") for k, v in response.headers.items() if v}
        feed = parse_feed(response.body, headers, tz=source.timezone, now=_now())
        if not feed.entries:
            reason = f"no entries in feed ({feed.problem})" if feed.problem else "no entries in feed"
            message = f"source {source.source_id!r}: {response.url}: {reason}"
            self.tally[source.source_id].errors.append(message)
            yield FetchErrorRecord(source.source_id, response.url, _now().isoformat(), reason)
            return
        yield ListingRecord(
            source_id=source.source_id,
            page_url=canonical_url(response.url),
            fetched_at=_now().isoformat(),
            article_urls=tuple(canonical_url(e.url) for e in feed.entries),
        )
        for entry in feed.entries:
            if len(entry.content) >= FULL_TEXT_CHARS:
                yield self._feed_record(source, entry, response.url)
            else:
                yield self._request(
                    entry.url, self.parse_article, source, found_on=response.url, via="feed", feed_entry=entry
                )

    def _feed_record(self, source: Source, entry: FeedEntry, feed_url: str) -> ArticleRecord:
        self.tally[source.source_id].articles += 1
        published = entry.published
        return ArticleRecord(
            source_id=source.source_id,
            url=canonical_url(entry.url),
            title=entry.title,
            body=entry.content,
            published_at=published.at.isoformat() if published else None,
            published_precision=published.precision if published else None,
            published_raw=published.raw if published else None,
            written_at=None,
            declared_source=None,
            first_seen_at=_now().isoformat(),
            raw_sha256=None,
            via="feed",
            found_on=feed_url,
            methods={"published": "feed", "title": "feed", "body": "feed:content"},
        )

    def parse_article(self, response: Response) -> Iterator[ArticleRecord]:
        source = self._source(response)
        if not isinstance(response, TextResponse) and not response.body.lstrip()[:1] == b"<":
            return
        fetched_at = _now()
        digest = self.raw_store.put(response.body)
        extracted = extract_article(
            response.body, response.url, header_charset=_header_charset(response), fetched_at=fetched_at,
            tz=source.timezone,
        )
        methods = dict(extracted.methods)
        published = extracted.published
        feed_entry: FeedEntry | None = response.meta.get("feed_entry")
        title, body = extracted.title, extracted.body
        if feed_entry is not None:
            finer = _more_precise(published, feed_entry.published)
            if finer is not published:
                methods["published"] = "feed"
            published = finer
            title = title or feed_entry.title
            body = body or feed_entry.content or feed_entry.summary
        listed: ParsedTime | None = response.meta.get("listed_time")
        if published is None and listed is not None:
            published, methods["published"] = listed, "list-page"
        self.tally[source.source_id].articles += 1
        yield ArticleRecord(
            source_id=source.source_id,
            url=canonical_url(response.url),
            title=title,
            body=body,
            published_at=published.at.isoformat() if published else None,
            published_precision=published.precision if published else None,
            published_raw=published.raw if published else None,
            written_at=extracted.written.at.isoformat() if extracted.written else None,
            declared_source=extracted.declared_source,
            first_seen_at=fetched_at.isoformat(),
            raw_sha256=digest,
            via=response.meta.get("via", "list"),
            found_on=response.meta.get("found_on"),
            encoding=extracted.encoding,
            methods=methods,
        )


__all__ = ["SourceTally", "SourcesSpider"]
