"""One generic spider for every source in the registry: column list pages (with pagination) and feeds.

Government sites are added with a line in `sources.toml`, not with a new spider.
"""

from __future__ import annotations

import re
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
from crawlers.landing import OutcomeRecord, QuarantineRecord, RawStore
from crawlers.links import canonical_url, read_column
from crawlers.middlewares import header_charset
from pipeline.core.records import PRECISION_SECONDS, ArticleRecord, FetchErrorRecord, ListingRecord, ParsedTime
from pipeline.core.sources import Source
from pipeline.extract.article import extract_article
from pipeline.extract.dates import parse_datetime
from pipeline.extract.encoding import declared_charset, decode_html, normalise_charset

FULL_TEXT_CHARS = 200  # a feed entry with at least this much content is taken as the full text
XML_ENCODING_DECL = re.compile(rb"""^(\s*<\?xml[^>]{0,200}?encoding\s*=\s*["'])([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
BLOCKED_MARKERS = ("HTTP 401", "HTTP 403", "HTTP 451", "robots.txt", "refused:")


@dataclass
class SourceTally:
    list_pages: int = 0
    feeds: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)
    entry_ok: int = 0  # list pages (first page) and feeds fetched and usable
    entry_failed: int = 0
    blocked: int = 0  # 401/403/451, robots.txt or a refused address
    fetch_failed: int = 0  # any failed fetch, entry or article
    quarantined: int = 0
    filtered: int = 0
    not_modified: int = 0  # entry pages answered 304 to a conditional GET


def _now() -> datetime:
    return datetime.now(UTC)


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
        self.raw_store = RawStore(Path(raw_dir), defer_sync=True)  # synced before each landing commit
        self.max_list_pages = max_list_pages
        self.tally: dict[str, SourceTally] = {s.source_id: SourceTally() for s in sources}
        self.outcomes: Counter[str] = Counter()

    async def start(self) -> Any:
        for source in self.sources.values():
            for url in source.list_urls:
                yield self._request(url, self.parse_list, source, page=1, entry=True)
            for url in source.feeds:
                yield self._request(url, self.parse_feed, source, entry=True)

    def _request(self, url: str, callback: Any, source: Source, **meta: Any) -> scrapy.Request:
        # Entry pages (list pages, feeds) are never dropped as duplicates, so a redirect loop ends in an
        # error rather than in silence, and they accept a 304 answer to a conditional GET.
        entry = bool(meta.get("entry"))
        if entry:
            meta["handle_httpstatus_list"] = [304]
        return scrapy.Request(
            url, callback=callback, errback=self.on_error, meta={"source_id": source.source_id, **meta},
            dont_filter=entry,
        )

    def _carry(self, response: Response) -> dict[str, Any]:
        """Meta that requests found on a page inherit from it (the cluster spider carries its poll cycle)."""
        return {}

    def _source(self, response: Response) -> Source:
        return self.sources[response.meta["source_id"]]

    def on_error(self, failure: Failure) -> Iterator[FetchErrorRecord]:
        request = failure.request  # type: ignore[attr-defined]
        source_id = request.meta["source_id"]
        reason = failure.getErrorMessage() or failure.type.__name__
        if hasattr(failure.value, "response") and failure.value.response is not None:
            reason = f"HTTP {failure.value.response.status}"
        message = f"source {source_id!r}: could not fetch {request.url}: {reason}"
        tally = self.tally[source_id]
        tally.errors.append(message)
        tally.fetch_failed += 1
        if request.meta.get("entry"):
            tally.entry_failed += 1
        if any(marker in reason for marker in BLOCKED_MARKERS):
            tally.blocked += 1
        yield FetchErrorRecord(source_id=source_id, url=request.url, fetched_at=_now().isoformat(), error=reason)

    def _not_modified(self, response: Response, source: Source) -> bool:
        if response.status != 304:
            return False
        tally = self.tally[source.source_id]
        tally.entry_ok += 1
        tally.not_modified += 1
        return True

    def parse_list(self, response: Response) -> Iterator[Any]:
        source = self._source(response)
        if self._not_modified(response, source):
            return
        self.tally[source.source_id].list_pages += 1
        if response.meta.get("entry"):
            self.tally[source.source_id].entry_ok += 1
        page_html, _encoding = decode_html(response.body, header_charset(response))
        column = read_column(page_html, response.url)
        links = column.articles
        if not links and response.meta.get("entry"):
            self._no_links(source, (response.meta.get("redirect_urls") or [response.url])[0])
        yield ListingRecord(
            source_id=source.source_id,
            page_url=canonical_url(response.url),
            fetched_at=_now().isoformat(),
            article_urls=tuple(link.url for link in links),
        )
        for link in links:
            listed = parse_datetime(link.date_text, source.timezone, now=_now()) if link.date_text else None
            yield self._request(
                link.url, self.parse_article, source, found_on=response.url, via="list", listed_time=listed,
                **self._carry(response),
            )
        page = response.meta.get("page", 1)
        if page < self.max_list_pages:
            for next_page in column.next_pages[: self.max_list_pages - page]:
                yield self._request(next_page.url, self.parse_list, source, page=page + 1, **self._carry(response))

    def _no_links(self, source: Source, url: str) -> None:
        """A registered column page that yields no article link counts as a failed entry, so that
        `tracker sources` shows a silently broken source."""
        tally = self.tally[source.source_id]
        tally.errors.append(f"no article links found on {url}")
        tally.entry_ok -= 1
        tally.entry_failed += 1

    def parse_feed(self, response: Response) -> Iterator[Any]:
        source = self._source(response)
        if self._not_modified(response, source):
            return
        self.tally[source.source_id].feeds += 1
        headers = {k.decode("latin-1").lower(): v[0].decode("latin-1") for k, v in response.headers.items() if v}
        body, headers = utf8_feed(response.body, headers)
        feed = parse_feed(body, headers, tz=source.timezone, now=_now())
        if not feed.entries:
            reason = f"no entries in feed ({feed.problem})" if feed.problem else "no entries in feed"
            message = f"source {source.source_id!r}: {response.url}: {reason}"
            tally = self.tally[source.source_id]
            tally.errors.append(message)
            tally.fetch_failed += 1
            if response.meta.get("entry"):
                tally.entry_failed += 1
            yield FetchErrorRecord(source.source_id, response.url, _now().isoformat(), reason)
            return
        if response.meta.get("entry"):
            self.tally[source.source_id].entry_ok += 1
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
                    entry.url, self.parse_article, source, found_on=response.url, via="feed", feed_entry=entry,
                    **self._carry(response),
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

    def parse_article(self, response: Response) -> Iterator[ArticleRecord | OutcomeRecord | QuarantineRecord]:
        source = self._source(response)
        if not isinstance(response, TextResponse) and response.body.lstrip()[:1] != b"<":
            self.tally[source.source_id].filtered += 1
            content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or "no content type"
            yield OutcomeRecord(source.source_id, canonical_url(response.url), "filtered",
                                f"not an HTML page ({content_type})", _now().isoformat())
            return
        fetched_at = _now()
        digest = self.raw_store.put(response.body)
        try:
            yield self._article(response, source, fetched_at, digest)
        except Exception as exc:  # noqa: BLE001 (one bad page must not stop the source; its bytes and error are kept)
            self.tally[source.source_id].quarantined += 1
            yield QuarantineRecord(
                source_id=source.source_id, url=canonical_url(response.url), stage="extract",
                error=f"{type(exc).__name__}: {exc}"[:2000], at=fetched_at.isoformat(), raw_sha256=digest,
                record=None,
            )

    def _article(self, response: Response, source: Source, fetched_at: datetime, digest: str) -> ArticleRecord:
        extracted = extract_article(
            response.body, response.url, header_charset=header_charset(response), fetched_at=fetched_at,
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
        return ArticleRecord(
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


def utf8_feed(body: bytes, headers: dict[str, str]) -> tuple[bytes, dict[str, str]]:
    """Feed bytes re-encoded as UTF-8 when the declared charset is wrong (GBK bytes labelled UTF-8).

    feedparser trusts the header and XML declaration and turns such bytes into mojibake; the page's
    bytes decide here, as for HTML pages. Correctly labelled feeds are passed on untouched.
    """
    content_type = headers.get("content-type", "")
    header = next((part.split("=", 1)[1].strip("\"' ") for part in content_type.split(";")
                   if part.strip().lower().startswith("charset=")), None)
    text, used = decode_html(body, header)
    claimed = normalise_charset(header) or declared_charset(body) or "utf-8"
    if used in ("ascii", "utf-8") or used == claimed:
        return body, headers
    fixed = XML_ENCODING_DECL.sub(rb"\1utf-8", text.encode("utf-8"), count=1)
    media_type = content_type.split(";", 1)[0].strip() or "application/xml"
    return fixed, {**headers, "content-type": f"{media_type}; charset=utf-8"}


__all__ = ["SourceTally", "SourcesSpider", "utf8_feed"]
