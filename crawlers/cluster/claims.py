"""The duplicate filter and scheduler: an article is seen once it landed or while a live worker claims it."""

from __future__ import annotations

from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from crawlers.cluster.keys import DUPEFILTER, LANDED, article_key, claim_key, worker_key


def is_entry(request: Request) -> bool:
    """List pages (with their pagination) and feeds: never filtered as duplicates."""
    meta = request.meta
    return bool(meta.get("entry")) or "page" in meta or "poll_page" in meta


def is_repoll(request: Request) -> bool:
    """Found on a poll the sweeper re-queued (attempt 2 or later)."""
    return int(request.meta.get("attempt") or 1) > 1


class ClusterDupeFilter(RFPDupeFilter):
    """scrapy-redis's duplicate filter, fixed: entry pages always pass; an article is seen only if it has landed or
    is claimed by a live worker (a claim is `SET NX EX`, so a dead worker's claim expires and the URL is tried again).
    """

    def __init__(self, server: Any, key: str, debug: bool = False, claim_seconds: int = 1800,
                 worker_id: str = "w0") -> None:
        super().__init__(server, key, debug)
        self.claim_seconds = claim_seconds
        self.worker_id = worker_id
        self.retaken: set[str] = set()  # articles this worker re-claimed for a re-poll (fetched once per worker)

    @classmethod
    def from_spider(cls, spider: Spider) -> ClusterDupeFilter:
        from scrapy_redis.connection import get_redis_from_settings

        settings = spider.settings
        return cls(get_redis_from_settings(settings), DUPEFILTER, settings.getbool("DUPEFILTER_DEBUG"),
                   claim_seconds=settings.getint("TRACKER_CLAIM_SECONDS", 1800),
                   worker_id=settings.get("TRACKER_WORKER_ID") or "w0")

    def request_seen(self, request: Request) -> bool:
        if is_entry(request):
            return False
        key = article_key(request.url)
        if self.server.zscore(LANDED, key) is not None:
            return True
        if self.server.set(claim_key(key), self.worker_id, nx=True, ex=self.claim_seconds):
            return False
        if is_repoll(request) and key not in self.retaken:
            return not self._retake(key)
        return not self._take_over_from_dead(key)

    def _retake(self, key: str) -> bool:
        """A re-poll takes over any claim: the sweeper re-queues a poll only when nothing of its source landed within
        the grace period, so whoever holds the claim lost the request (even a live worker: a request popped by a
        worker killed before it renewed the claim keeps its enqueuer's claim)."""
        self.server.set(claim_key(key), self.worker_id, ex=self.claim_seconds)
        self.retaken.add(key)
        return True

    def _take_over_from_dead(self, key: str) -> bool:
        """A claim whose worker has died (no heartbeat) is taken over, so a re-poll fetches what it had in flight."""
        holder = self.server.get(claim_key(key))
        holder = holder.decode() if isinstance(holder, bytes) else holder
        if holder is None or (holder != self.worker_id and not self.server.exists(worker_key(holder))):
            self.server.set(claim_key(key), self.worker_id, ex=self.claim_seconds)
            return True
        return False

    def clear(self) -> None:
        """Shared state is never deleted by one worker: claims expire, landed marks are trimmed by `sweep`."""

    def close(self, reason: str = "") -> None:
        pass


class ClusterScheduler(Scheduler):
    """The scrapy-redis scheduler; popping an article renews its claim for the worker that will fetch it."""

    claim_seconds = 1800
    worker_id = "w0"

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClusterScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.claim_seconds = crawler.settings.getint("TRACKER_CLAIM_SECONDS", 1800)
        scheduler.worker_id = crawler.settings.get("TRACKER_WORKER_ID") or "w0"
        return scheduler

    def next_request(self) -> Request | None:
        request = super().next_request()
        if request is not None and not is_entry(request):
            self.server.set(claim_key(article_key(request.url)), self.worker_id, ex=self.claim_seconds)
        return request

