"""The cluster spider: the generic spider fed by poll jobs from Redis, recording each poll's progress."""

from __future__ import annotations

import contextlib
import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from twisted.internet import task
from twisted.python.failure import Failure

from crawlers.cluster.jobs import (
    Mark,
    apply_marks,
    entry_urls,
    note_entry_answer,
    note_listed,
    note_page_queued,
    start_poll,
    take_poll_jobs,
)
from crawlers.cluster.keys import HEARTBEAT_SECONDS, REQUESTS, connect, queues_empty, worker_key
from crawlers.landing import OutcomeRecord, PollRecord, QuarantineRecord
from crawlers.links import canonical_url
from crawlers.spiders.sources import SourcesSpider, SourceTally
from pipeline.core.records import ArticleRecord, FetchErrorRecord, ListingRecord
from pipeline.core.sources import Source

logger = logging.getLogger(__name__)


class ClusterSpider(SourcesSpider):
    """The generic spider, fed by poll jobs from Redis; records each poll's progress for the sweeper."""

    name = "cluster"
    tick_seconds = 0.5

    def __init__(self, sources: list[Source], raw_dir: str, max_list_pages: int = 5, redis_url: str = "",
                 worker_id: str = "w0", poll_batch: int = 4, poll_backlog: int = 64, idle_exit: float = 0.0,
                 **kwargs: Any) -> None:
        super().__init__(sources, raw_dir, max_list_pages, **kwargs)
        self.tally: dict[str, SourceTally] = defaultdict(SourceTally)  # only the sources this worker touched
        self.redis = connect(redis_url)
        self.worker_id = worker_id
        self.poll_batch = poll_batch
        self.poll_backlog = poll_backlog
        self.idle_exit = idle_exit
        self.marks: dict[int, tuple[Any, Mark]] = {}  # id(record) -> (record, mark), taken by the landing pipeline
        self.last_busy = time.monotonic()
        self.loop: task.LoopingCall | None = None
        self.redis_failed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ClusterSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_opened, signal=signals.spider_opened)
        crawler.signals.connect(spider.on_closed, signal=signals.spider_closed)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        return spider

    # poll jobs

    async def start(self) -> Any:
        for request in self._take_polls():
            yield request

    def on_opened(self, spider: Spider) -> None:
        self.loop = task.LoopingCall(self._tick)
        self.loop.start(self.tick_seconds, now=False)

    def on_closed(self, spider: Spider) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        with contextlib.suppress(redis.RedisError):
            self.redis.delete(worker_key(self.worker_id))

    def _tick(self) -> None:
        try:
            self.redis.set(worker_key(self.worker_id), "alive", ex=HEARTBEAT_SECONDS)
            if not queues_empty(self.redis) or self.crawler.engine.downloader.active:
                self.last_busy = time.monotonic()
            for request in self._take_polls():
                self.crawler.engine.crawl(request)
            self.redis_failed = False
        except redis.RedisError as exc:
            if not self.redis_failed:
                logger.error("worker %s: redis: %s", self.worker_id, (str(exc).splitlines() or ["error"])[0])
            self.redis_failed = True

    def _take_polls(self) -> list[Request]:
        if self.redis.zcard(REQUESTS) >= self.poll_backlog:
            return []  # help with the shared backlog before starting new polls
        requests: list[Request] = []
        for job in take_poll_jobs(self.redis, self.poll_batch, self.worker_id):
            source = self.sources.get(job.source_id)
            if source is None:
                logger.error("worker %s: poll job for unknown source %r (not in this worker's sources file)",
                             self.worker_id, job.source_id)
                continue
            urls = entry_urls(source)
            start_poll(self.redis, job, urls)
            context = {"entry": True, "cycle": job.cycle, "attempt": job.attempt}
            for url in urls:
                if url in source.list_urls:
                    requests.append(self._request(url, self.parse_list, source, page=1, **context))
                else:
                    requests.append(self._request(url, self.parse_feed, source, **context))
        if requests:
            self.last_busy = time.monotonic()
        return requests

    def on_idle(self, spider: Spider) -> None:
        """Take more poll jobs; close once both queues have been empty for `idle_exit` seconds (0: never).

        While Redis does not answer the worker waits for it instead of closing (scrapy-redis #108).
        """
        self._tick()
        if self.redis_failed or self.idle_exit <= 0 or time.monotonic() - self.last_busy < self.idle_exit:
            raise DontCloseSpider
        try:
            if queues_empty(self.redis):
                return
        except redis.RedisError:
            pass
        raise DontCloseSpider

    # requests and records

    def _request(self, url: str, callback: Any, source: Source, **meta: Any) -> Request:
        if meta.get("entry") or "page" in meta:
            meta.setdefault("poll_page", url)
        else:
            meta.setdefault("listed_url", canonical_url(url))
        return super()._request(url, callback, source, **meta)

    def _carry(self, response: Response) -> dict[str, Any]:
        return {"cycle": response.meta.get("cycle"), "attempt": response.meta.get("attempt")}

    def parse_list(self, response: Response) -> Iterator[Any]:
        yield from self._noted(super().parse_list(response), response.meta, response.status)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        yield from self._noted(super().parse_feed(response), response.meta, response.status)

    def parse_article(self, response: Response) -> Iterator[Any]:
        yield from self._noted(super().parse_article(response), response.meta, response.status)

    def on_error(self, failure: Failure) -> Iterator[FetchErrorRecord]:
        meta = failure.request.meta  # type: ignore[attr-defined]
        yield from self._noted(super().on_error(failure), meta, None)

    def _noted(self, outputs: Iterable[Any], meta: dict[str, Any], status: int | None) -> Iterator[Any]:
        cycle, source_id = meta.get("cycle"), meta["source_id"]
        if status == 304 and "poll_page" in meta:  # not modified: nothing to land, the page is done
            apply_marks(self.redis, [Mark("page_parsed", cycle, source_id, (meta["poll_page"],))])
            yield from self._entry_answered(meta, None)
        for out in outputs:
            mark = self._mark_for(out, meta)
            if mark is not None:
                self.marks[id(out)] = (out, mark)
            if cycle and isinstance(out, ListingRecord):
                note_listed(self.redis, cycle, source_id, out.article_urls)
            elif cycle and self._is_pagination(out) and not note_page_queued(self.redis, cycle, source_id,
                                                                             out.meta["poll_page"]):
                continue  # pagination is fetched once a poll (entry pages are never filtered)
            if isinstance(out, ListingRecord | FetchErrorRecord):  # the poll record goes first: the page's mark
                yield from self._entry_answered(meta, out.error if isinstance(out, FetchErrorRecord) else None,
                                                _no_links(out, meta))
            yield out

    def _entry_answered(self, meta: dict[str, Any], error: str | None,
                        problem: str | None = None) -> Iterator[PollRecord]:
        """Count an entry page's answer; whichever worker answers a poll's last entry page lands its poll record.
        ``problem`` fails an entry page that was fetched but gave nothing (a column page with no article link)."""
        if not meta.get("entry") or not meta.get("cycle"):
            return
        message = f"source {meta['source_id']!r}: could not fetch {meta.get('poll_page')}: {error}" if error else problem
        poll = note_entry_answer(self.redis, meta["cycle"], meta["source_id"], int(meta.get("attempt") or 1), message)
        if poll is not None:
            yield poll

    @staticmethod
    def _is_pagination(out: Any) -> bool:
        return isinstance(out, Request) and "poll_page" in out.meta and not out.meta.get("entry")

    def _mark_for(self, out: Any, meta: dict[str, Any]) -> Mark | None:
        cycle, source_id = meta.get("cycle"), meta["source_id"]
        page = meta.get("poll_page")
        article_urls = tuple(dict.fromkeys(u for u in (getattr(out, "url", None), meta.get("listed_url")) if u))
        if isinstance(out, ListingRecord) and page:
            return Mark("page_parsed", cycle, source_id, (page,))
        if isinstance(out, ArticleRecord):
            return Mark("landed", cycle, source_id, article_urls)
        if isinstance(out, FetchErrorRecord) and page:
            return Mark("page_failed", cycle, source_id, (page,))
        if isinstance(out, OutcomeRecord | QuarantineRecord | FetchErrorRecord) and article_urls:
            return Mark("failed", cycle, source_id, article_urls)
        return None

    def take_mark(self, item: Any) -> Mark | None:
        held = self.marks.pop(id(item), None)
        return held[1] if held is not None and held[0] is item else None


def _no_links(out: ListingRecord | FetchErrorRecord, meta: dict[str, Any]) -> str | None:
    """The problem of an entry column page that listed no article link (feeds without entries are fetch errors)."""
    if isinstance(out, ListingRecord) and meta.get("entry") and not out.article_urls:
        return f"no article links found on {out.page_url}"
    return None
